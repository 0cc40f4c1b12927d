"""diff_stages reports a change at the stage that made it: a stage extending it, which
only carries the part along, lists the change as inherited, naming that stage. A stage
that declares the part again, or extends another stage on one side, reports it itself."""

from __future__ import annotations

from pathlib import Path

from helpers import resolve_specs

from archgen.diff.compare import StageDiff, diff_stages
from archgen.resolve.stage import Stage

ROOT = """
    id: root
    order: 1
    title: Root
    nodes:
      web: {kind: ec2, label: Web}
      db: {kind: rds, label: Database}
      dns: {kind: route53, label: DNS}
    edges:
      - {id: writes, from: web, to: db}
    """
MIDDLE = """
    id: middle
    order: 2
    extends: root
    title: Middle
    nodes:
      cache: {kind: elasticache}
    """
LEAF = """
    id: leaf
    order: 3
    extends: middle
    title: Leaf
    nodes:
      queue: {kind: sqs}
    """


def diffs(tmp_path: Path, base: list[str], head: list[str]) -> dict[str, StageDiff]:
    sides: list[list[Stage]] = []
    for side, texts in (("base", base), ("head", head)):
        stages, problems = resolve_specs(tmp_path / side, *texts)
        assert problems == []
        sides.append(stages)
    return {diff.id: diff for diff in diff_stages(sides[0], sides[1], "en")}


def own(diff: StageDiff) -> list[tuple[str, str, str]]:
    return [(c.part, c.id, c.status.value) for c in diff.changes]


def inherited(diff: StageDiff) -> list[tuple[str, str, str, str | None]]:
    return [(c.part, c.id, c.status.value, c.inherited_from) for c in diff.inherited]


def test_added_changed_and_removed_parts_are_inherited_down_the_chain(tmp_path: Path) -> None:
    root = (
        ROOT.replace("label: Web}", "label: Web server}")
        .replace("      dns: {kind: route53, label: DNS}\n", "      cdn: {kind: cloudfront}\n")
        .replace("{id: writes, from: web, to: db}", "{id: writes, from: web, to: db, label: w}")
    )
    found = diffs(tmp_path, [ROOT, MIDDLE, LEAF], [root, MIDDLE, LEAF])
    assert own(found["root"]) == [
        ("node", "cdn", "added"),
        ("node", "dns", "removed"),
        ("node", "web", "changed"),
        ("edge", "writes", "changed"),
    ]
    for stage_id in ("middle", "leaf"):
        assert found[stage_id].changes == []
        assert inherited(found[stage_id]) == [
            (part, part_id, status, "root") for part, part_id, status in own(found["root"])
        ], "named after the stage that made them, not the one in between"
        assert found[stage_id].inherited_counts() == [("root", 4)]


def test_a_stage_inherits_from_each_stage_above_it_and_keeps_its_own(tmp_path: Path) -> None:
    root = ROOT.replace("label: Web}", "label: Web server}")
    middle = MIDDLE.replace("cache: {kind: elasticache}", "cache: {kind: elasticache, label: C}")
    leaf = LEAF.replace("queue: {kind: sqs}", "queue: {kind: sqs, label: Q}")
    found = diffs(tmp_path, [ROOT, MIDDLE, LEAF], [root, middle, leaf])
    assert own(found["leaf"]) == [("node", "queue", "changed")]
    assert inherited(found["leaf"]) == [
        ("node", "web", "changed", "root"),
        ("node", "cache", "changed", "middle"),
    ]
    assert found["leaf"].inherited_counts() == [("root", 1), ("middle", 1)]


def test_a_stage_declaring_the_part_again_reports_the_change_itself(tmp_path: Path) -> None:
    """The leaf recolours the web server on both sides: the web server is its own, so a
    label the root changes under it is the leaf's change to report too."""
    root = ROOT.replace("label: Web}", "label: Web server}")
    leaf = LEAF.replace("nodes:\n", "nodes:\n      web: {color: red}\n")
    found = diffs(tmp_path, [ROOT, MIDDLE, leaf], [root, MIDDLE, leaf])
    assert inherited(found["middle"]) == [("node", "web", "changed", "root")]
    assert own(found["leaf"]) == [("node", "web", "changed")]
    assert found["leaf"].inherited == []


def test_a_stage_that_extends_another_stage_in_the_head_inherits_nothing(
    tmp_path: Path,
) -> None:
    root = ROOT.replace("label: Web}", "label: Web server}")
    leaf = LEAF.replace("extends: middle", "extends: root")
    found = diffs(tmp_path, [ROOT, MIDDLE, LEAF], [root, MIDDLE, leaf])
    assert ("node", "web", "changed") in own(found["leaf"])
    assert found["leaf"].inherited == []


def test_a_direction_the_stages_leave_to_their_parent_is_inherited_with_it(
    tmp_path: Path,
) -> None:
    root = ROOT.replace("title: Root\n", "title: Root\n    direction: TB\n")
    leaf = LEAF.replace("title: Leaf\n", "title: Leaf\n    wrap: 10\n")
    found = diffs(tmp_path, [ROOT, MIDDLE, LEAF], [root, MIDDLE, leaf])
    direction = ("direction", "LR", "TB")
    assert [(f.name, f.before, f.after) for f in found["root"].changes[0].fields] == [direction]
    assert found["middle"].changes == []
    assert [(c.part, c.id, c.inherited_from) for c in found["middle"].inherited] == [
        ("diagram", "middle", "root")
    ]
    # The leaf's own setting is its own; the direction it leaves to its parent is not.
    ((part, fields),) = [(c.part, c.fields) for c in found["leaf"].changes]
    assert (part, [(f.name, f.before, f.after) for f in fields]) == (
        "diagram",
        [("wrap", "22", "10")],
    )
    (carried,) = found["leaf"].inherited
    assert [(f.name, f.before, f.after) for f in carried.fields] == [direction]
    # A stage that sets the direction itself on one side reports it.
    found = diffs(
        tmp_path / "own",
        [ROOT, MIDDLE, LEAF],
        [root, MIDDLE, LEAF.replace("title: Leaf\n", "title: Leaf\n    direction: TB\n")],
    )
    assert found["leaf"].inherited == []
    assert [f.name for f in found["leaf"].changes[0].fields] == ["direction"]
