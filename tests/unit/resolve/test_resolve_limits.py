"""Resolve's limits and its checks of contradictory parts: groups nest at most 32 deep,
a chain of 'extends' is at most 100 long, 'remove' takes inherited parts once each, and
a declared group holds something."""

from __future__ import annotations

from pathlib import Path

from helpers import resolve_specs

from archgen.resolve.stage import StageGroup, first_node
from archgen.spec.limits import MAX_EXTENDS_DEPTH, MAX_GROUP_DEPTH


def _nested(depth: int, *, first: int = 0) -> str:
    lines = [f"  g{i}: {{members: [g{i + 1}]}}" for i in range(first, first + depth - 1)]
    lines.append(f"  g{first + depth - 1}: {{members: [web]}}")
    return "\n".join(lines)


def test_groups_at_the_limit_resolve(tmp_path: Path) -> None:
    text = f"id: a\ntitle: A\nnodes:\n  web: {{kind: ec2}}\ngroups:\n{_nested(MAX_GROUP_DEPTH)}\n"
    stages, problems = resolve_specs(tmp_path, text)
    assert problems == []
    groups = {group.id: group for group in stages[0].groups}
    assert first_node("g0", groups) == "web"


def test_a_child_that_nests_its_parents_groups_deeper_is_told_where(tmp_path: Path) -> None:
    parent = f"id: p\ntitle: P\nnodes:\n  web: {{kind: ec2}}\ngroups:\n{_nested(MAX_GROUP_DEPTH)}\n"
    child = "id: c\ntitle: C\nextends: p\ngroups:\n  outer: {members: [g0]}\n"
    _, problems = resolve_specs(tmp_path, parent, child)
    assert [str(p) for p in problems] == [
        "specs/s2.yaml:5:3: group 'g31' is nested 33 groups deep; groups may nest at most 32 deep"
    ]


def test_first_node_searches_depth_first_in_order() -> None:
    groups = {
        "outer": StageGroup("outer", None, ("left", "right")),
        "left": StageGroup("left", None, ("inner",)),
        "inner": StageGroup("inner", None, ("a",)),
        "right": StageGroup("right", None, ("b",)),
    }
    assert first_node("outer", groups) == "a"
    assert first_node("right", groups) == "b"


def test_first_node_ends_on_groups_in_a_cycle() -> None:
    groups = {"a": StageGroup("a", None, ("b",)), "b": StageGroup("b", None, ("a",))}
    assert first_node("a", groups) is None


def test_a_chain_one_past_the_limit(tmp_path: Path) -> None:
    texts = ["id: s0\ntitle: S\n"]
    texts += [f"id: s{i}\ntitle: S\nextends: s{i - 1}\n" for i in range(1, MAX_EXTENDS_DEPTH + 1)]
    stages, problems = resolve_specs(tmp_path, *texts)
    assert len(stages) == MAX_EXTENDS_DEPTH
    assert [str(p) for p in problems] == [
        f"specs/s{MAX_EXTENDS_DEPTH + 1}.yaml:3:10: extends 's{MAX_EXTENDS_DEPTH - 1}', the "
        "last of 100 stages that extend each other; a chain of 'extends' may be at most 100 long"
    ]


def test_cycles_are_still_named_whatever_stage_is_asked_for_first(tmp_path: Path) -> None:
    _, problems = resolve_specs(
        tmp_path,
        "id: a\ntitle: A\nextends: b\n",
        "id: b\ntitle: B\nextends: c\n",
        "id: c\ntitle: C\nextends: a\n",
        "id: d\ntitle: D\nextends: d\n",
    )
    assert sorted(str(p) for p in problems) == [
        "specs/s1.yaml:3:10: extends 'b', which has errors",
        "specs/s2.yaml:3:10: extends 'c', which has errors",
        "specs/s3.yaml:3:10: 'extends' makes a cycle: a -> b -> c -> a",
        "specs/s4.yaml:3:10: 'extends' makes a cycle: d -> d",
    ]


def test_remove_takes_inherited_parts_only_and_each_once(tmp_path: Path) -> None:
    parent = "id: p\ntitle: P\nnodes:\n  web: {kind: ec2}\n  db: {kind: rds}\n"
    child = (
        "id: c\ntitle: C\nextends: p\nnodes:\n  cache: {kind: elasticache}\n"
        "remove: [db, cache, db, web]\n"
    )
    _, problems = resolve_specs(tmp_path, parent, child)
    assert [str(p) for p in problems] == [
        "specs/s2.yaml:6:14: cannot remove 'cache': this spec declares it, and 'remove' "
        "takes out inherited parts only; delete its declaration instead",
        "specs/s2.yaml:6:21: 'db' is listed twice in 'remove'",
    ]


def test_a_redeclared_inherited_part_can_still_be_removed(tmp_path: Path) -> None:
    parent = "id: p\ntitle: P\nnodes:\n  web: {kind: ec2}\n  db: {kind: rds}\n"
    child = "id: c\ntitle: C\nextends: p\nnodes:\n  db: {label: DB}\nremove: [db]\n"
    stages, problems = resolve_specs(tmp_path, parent, child)
    assert problems == []
    child_stage = next(stage for stage in stages if stage.id == "c")
    assert [node.id for node in child_stage.nodes] == ["web"]


def test_a_group_emptied_by_removal_is_no_error_of_the_child(tmp_path: Path) -> None:
    parent = "id: p\ntitle: P\nnodes:\n  web: {kind: ec2}\ngroups:\n  tier: {members: [web]}\n"
    child = "id: c\ntitle: C\nextends: p\nnodes:\n  db: {kind: rds}\nremove: [web]\n"
    _, problems = resolve_specs(tmp_path, parent, child)
    assert problems == []
