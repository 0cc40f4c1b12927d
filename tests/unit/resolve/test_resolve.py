"""Step 2, resolve: extends, remove, fan-out and parallel edges, steps bound to edges,
what is new against the parent, and the problems that need more than one key or spec."""

from __future__ import annotations

import textwrap
from pathlib import Path

from helpers import resolve_specs

from archgen.resolve.stage import Change, Stage, StageGroup, StageNode
from archgen.spec.model import Text

BASE = """
    id: base
    order: 1
    title: Base
    direction: TB
    nodes:
      web: {kind: ec2, label: Web}
      db: {kind: rds}
      cache: {kind: elasticache}
    groups:
      app: {label: App tier, members: [web]}
      data: {members: [db, cache]}
    edges:
      - {id: rw, from: web, to: db, label: read/write}
      - {from: web, to: cache}
    """


def spec(*parts: str) -> str:
    """One spec from indented parts, e.g. a base spec and the keys a test adds."""
    return "".join(textwrap.dedent(part).strip() + "\n" for part in parts)


def resolve(folder: Path, *texts: str) -> tuple[dict[str, Stage], list[str]]:
    """Resolve specs written to ``folder`` as s1.yaml, s2.yaml, ...; stages by id and the
    problems as a user reads them."""
    stages, diagnostics = resolve_specs(folder, *texts)
    return {stage.id: stage for stage in stages}, [str(d) for d in diagnostics]


def child(folder: Path, text: str) -> Stage:
    stages, problems = resolve(folder, BASE, text)
    assert problems == []
    return stages["child"]


def node_of(stage: Stage, node_id: str) -> StageNode:
    return next(node for node in stage.nodes if node.id == node_id)


def group_of(stage: Stage, group_id: str) -> StageGroup:
    return next(group for group in stage.groups if group.id == group_id)


def edge_ids(stage: Stage) -> list[str]:
    return [edge.id for edge in stage.edges]


def changes(stage: Stage) -> dict[str, Change]:
    parts = (stage.nodes, stage.groups, stage.edges)
    return {part.id: part.change for kind in parts for part in kind}


# -- extends --------------------------------------------------------------------------------


def test_extends_inherits_nodes_groups_and_edges(tmp_path: Path) -> None:
    stage = child(tmp_path, "id: child\nextends: base\ntitle: Child\n")
    assert [node.id for node in stage.nodes] == ["web", "db", "cache"]
    assert {g.id: g.members for g in stage.groups} == {"app": ("web",), "data": ("db", "cache")}
    assert edge_ids(stage) == ["web->db", "web->cache"]
    assert node_of(stage, "web").label == Text.plain("Web")
    assert stage.parent is not None and stage.parent.id == "base"


def test_texts_are_the_stage_own(tmp_path: Path) -> None:
    stages, _ = resolve(
        tmp_path,
        spec(BASE, "steps: [{text: Base step.}]\nnotes: [Base note.]"),
        "id: child\nextends: base\ntitle: Child\n",
    )
    assert stages["child"].title == Text.plain("Child")
    assert (stages["child"].steps, stages["child"].notes) == ((), ())


def test_extends_inherits_direction(tmp_path: Path) -> None:
    assert child(tmp_path, "id: child\nextends: base\ntitle: Child\n").direction == "TB"


def test_child_can_set_its_own_direction(tmp_path: Path) -> None:
    stage = child(tmp_path, "id: child\nextends: base\ntitle: Child\ndirection: BT\n")
    assert stage.direction == "BT"


def test_redeclared_node_merges_its_label_and_keeps_its_kind(tmp_path: Path) -> None:
    stage = child(
        tmp_path,
        """
        id: child
        extends: base
        title: Child
        nodes:
          web: {label: Web server}
        """,
    )
    web = node_of(stage, "web")
    assert (web.kind.name, web.label, web.change) == (
        "ec2",
        Text.plain("Web server"),
        Change.CHANGED,
    )


def test_redeclared_group_adds_members(tmp_path: Path) -> None:
    stage = child(
        tmp_path,
        """
        id: child
        extends: base
        title: Child
        nodes:
          api: {kind: ec2}
        groups:
          app: {members: [api]}
        """,
    )
    app = group_of(stage, "app")
    assert (app.members, app.label, app.change) == (
        ("web", "api"),
        Text.plain("App tier"),
        Change.CHANGED,
    )


# -- remove ---------------------------------------------------------------------------------


def test_removing_a_node_drops_its_edges_and_memberships(tmp_path: Path) -> None:
    stage = child(tmp_path, "id: child\nextends: base\ntitle: Child\nremove: [db]\n")
    assert [node.id for node in stage.nodes] == ["web", "cache"]
    assert edge_ids(stage) == ["web->cache"]
    assert {g.id: g.members for g in stage.groups} == {"app": ("web",), "data": ("cache",)}
    assert stage.removed == ("db",)


def test_removing_an_edge_by_its_name(tmp_path: Path) -> None:
    stage = child(tmp_path, "id: child\nextends: base\ntitle: Child\nremove: [rw]\n")
    assert edge_ids(stage) == ["web->cache"]
    assert stage.removed == ("rw",)


def test_removing_an_edge_by_its_pair_id(tmp_path: Path) -> None:
    stage = child(tmp_path, "id: child\nextends: base\ntitle: Child\nremove: [web->cache]\n")
    assert edge_ids(stage) == ["web->db"]


def test_removing_a_group_keeps_its_members(tmp_path: Path) -> None:
    stage = child(tmp_path, "id: child\nextends: base\ntitle: Child\nremove: [data]\n")
    assert [group.id for group in stage.groups] == ["app"]
    assert [node.id for node in stage.nodes] == ["web", "db", "cache"]


def test_removing_an_unknown_id_is_an_error_with_suggestion(tmp_path: Path) -> None:
    stages, problems = resolve(
        tmp_path, BASE, "id: child\nextends: base\ntitle: Child\nremove: [db, cahce]\n"
    )
    assert problems == [
        "specs/s2.yaml:4:14: cannot remove 'cahce': no inherited node, group or edge has "
        "this id (did you mean 'cache'?)"
    ]
    assert "child" not in stages


# -- edges and steps ------------------------------------------------------------------------

FAN = """
    id: fan
    title: Fan
    nodes:
      u1: {kind: user}
      u2: {kind: user}
      w1: {kind: ec2}
      w2: {kind: ec2}
    """


def test_fan_out_edge_expands_to_one_edge_per_pair(tmp_path: Path) -> None:
    stages, problems = resolve(
        tmp_path,
        spec(
            FAN,
            """
    edges:
      - {id: spread, from: [u1, u2], to: [w1, w2], style: dashed}
    """,
        ),
    )
    assert problems == []
    edges = stages["fan"].edges
    assert [edge.id for edge in edges] == ["u1->w1", "u1->w2", "u2->w1", "u2->w2"]
    assert {(edge.name, edge.style) for edge in edges} == {("spread", "dashed")}


def test_parallel_edges_get_numbered_ids(tmp_path: Path) -> None:
    stages, problems = resolve(
        tmp_path,
        spec(
            FAN,
            """
    edges:
      - {from: u1, to: w1, label: request}
      - {from: u1, to: w1, label: retry}
    """,
        ),
    )
    assert problems == []
    edges = stages["fan"].edges
    assert [(edge.id, edge.label) for edge in edges] == [
        ("u1->w1", Text.plain("request")),
        ("u1->w1#2", Text.plain("retry")),
    ]


def test_parallel_edges_in_a_child_get_numbered_ids(tmp_path: Path) -> None:
    stage = child(
        tmp_path,
        """
        id: child
        extends: base
        title: Child
        edges:
          - {from: cache, to: db, label: warm}
          - {from: cache, to: db, label: refill}
        """,
    )
    assert edge_ids(stage)[-2:] == ["cache->db", "cache->db#2"]
    assert stage.edges[-1].label == Text.plain("refill")


def test_step_bound_to_an_edge_id_numbers_that_edge(tmp_path: Path) -> None:
    stages, problems = resolve(
        tmp_path,
        spec(
            FAN,
            """
    edges:
      - {from: u1, to: w1}
      - {from: u2, to: w2}
    steps:
      - {text: First.}
      - {edge: u2->w2, text: Second.}
    """,
        ),
    )
    assert problems == []
    stage = stages["fan"]
    assert [(step.number, step.edge_ids) for step in stage.steps] == [(1, ()), (2, ("u2->w2",))]
    assert {edge.id: edge.step_numbers for edge in stage.edges} == {"u1->w1": (), "u2->w2": (2,)}


def test_step_bound_to_an_edge_name_numbers_every_pair(tmp_path: Path) -> None:
    stages, problems = resolve(
        tmp_path,
        spec(
            FAN,
            """
    edges:
      - {id: spread, from: u1, to: [w1, w2]}
    steps:
      - {edge: spread, text: Spread.}
      - {edge: u1->w2, text: Again.}
    """,
        ),
    )
    assert problems == []
    stage = stages["fan"]
    assert stage.steps[0].edge_ids == ("u1->w1", "u1->w2")
    assert {edge.id: edge.step_numbers for edge in stage.edges} == {
        "u1->w1": (1,),
        "u1->w2": (1, 2),
    }


def test_step_bound_to_an_unknown_edge_is_an_error_with_suggestion(tmp_path: Path) -> None:
    _, problems = resolve(
        tmp_path,
        spec(
            FAN,
            """
    edges:
      - {id: spread, from: u1, to: [w1, w2]}
    steps:
      - {edge: spred, text: Spread.}
    """,
        ),
    )
    assert problems == [
        "specs/s1.yaml:11:12: step 1 is bound to unknown edge 'spred' (did you mean 'spread'?)"
    ]


def test_child_steps_number_inherited_edges_afresh(tmp_path: Path) -> None:
    stages, problems = resolve(
        tmp_path,
        spec(BASE, "steps: [{edge: rw, text: Base.}]"),
        """
        id: child
        extends: base
        title: Child
        steps: [{text: One.}, {edge: web->cache, text: Two.}]
        """,
    )
    assert problems == []
    numbers = {edge.id: edge.step_numbers for edge in stages["child"].edges}
    assert numbers == {"web->db": (), "web->cache": (2,)}


# -- what is new ----------------------------------------------------------------------------


def test_change_marks_new_changed_and_inherited_against_the_parent(tmp_path: Path) -> None:
    stage = child(
        tmp_path,
        """
        id: child
        extends: base
        title: Child
        nodes:
          web: {label: Web}
          db: {kind: aurora}
          queue: {kind: sqs}
        edges:
          - {id: rw, from: web, to: db, style: dashed}
          - {from: web, to: queue}
        """,
    )
    assert changes(stage) == {
        "web": Change.INHERITED,
        "db": Change.CHANGED,
        "cache": Change.INHERITED,
        "queue": Change.NEW,
        "app": Change.INHERITED,
        "data": Change.INHERITED,
        "web->db": Change.CHANGED,
        "web->cache": Change.INHERITED,
        "web->queue": Change.NEW,
    }


def test_nothing_is_new_in_a_stage_without_parent(tmp_path: Path) -> None:
    stages, _ = resolve(tmp_path, BASE)
    assert set(changes(stages["base"]).values()) == {Change.INHERITED}
    assert stages["base"].parent is None


# -- problems across keys and specs ---------------------------------------------------------


def test_extends_cycle_is_reported(tmp_path: Path) -> None:
    stages, problems = resolve(
        tmp_path, "id: a\ntitle: A\nextends: b\n", "id: b\ntitle: B\nextends: a\n"
    )
    assert stages == {}
    assert "specs/s2.yaml:3:10: 'extends' makes a cycle: a -> b -> a" in problems
    assert "specs/s1.yaml:3:10: extends 'b', which has errors" in problems


def test_extends_itself_is_a_cycle(tmp_path: Path) -> None:
    _, problems = resolve(tmp_path, "id: a\ntitle: A\nextends: a\n")
    assert problems == ["specs/s1.yaml:3:10: 'extends' makes a cycle: a -> a"]


def test_extends_unknown_stage_with_suggestion(tmp_path: Path) -> None:
    stages, problems = resolve(tmp_path, BASE, "id: child\ntitle: Child\nextends: bsae\n")
    assert problems == ["specs/s2.yaml:3:10: extends unknown stage 'bsae' (did you mean 'base'?)"]
    assert list(stages) == ["base"]


def test_node_in_two_groups_is_an_error(tmp_path: Path) -> None:
    _, problems = resolve(
        tmp_path,
        """
        id: a
        title: A
        nodes:
          web: {kind: ec2}
        groups:
          one: {members: [web]}
          two: {members: [web]}
        """,
    )
    assert problems == [
        "specs/s1.yaml:7:18: 'web' is in both group 'one' and group 'two'; "
        "a part can be in one group only"
    ]


def test_group_containing_itself_is_an_error(tmp_path: Path) -> None:
    _, problems = resolve(
        tmp_path,
        """
        id: a
        title: A
        nodes:
          web: {kind: ec2}
        groups:
          tier: {members: [tier, web]}
        """,
    )
    assert problems == ["specs/s1.yaml:6:9: groups contain each other: tier in tier"]


def test_groups_containing_each_other_is_an_error(tmp_path: Path) -> None:
    _, problems = resolve(
        tmp_path,
        """
        id: a
        title: A
        nodes:
          web: {kind: ec2}
        groups:
          outer: {members: [inner]}
          inner: {members: [outer, web]}
        """,
    )
    assert problems == [
        "specs/s1.yaml:6:10: groups contain each other: outer in inner in outer",
        "specs/s1.yaml:7:10: groups contain each other: inner in outer in inner",
    ]


def test_duplicate_stage_id_across_files(tmp_path: Path) -> None:
    stages, problems = resolve(tmp_path, "id: a\ntitle: A\n", "id: a\ntitle: Other\n")
    assert problems == ["specs/s2.yaml:1:5: stage id 'a' is already used by specs/s1.yaml"]
    assert stages["a"].title == Text.plain("A")


def test_unknown_kind_with_suggestion(tmp_path: Path) -> None:
    _, problems = resolve(tmp_path, "id: a\ntitle: A\nnodes:\n  web: {kind: ec3}\n")
    assert problems == [
        "specs/s1.yaml:4:15: unknown kind 'ec3' (did you mean 'ec2', class aws.compute.EC2?); "
        "'archgen catalog' lists them"
    ]


def test_edge_to_unknown_node_with_suggestion(tmp_path: Path) -> None:
    _, problems = resolve(tmp_path, spec(FAN, "edges:\n  - {from: u1, to: [w1, w22]}"))
    assert problems == [
        "specs/s1.yaml:9:25: edge to 'w22', which is no node or group (did you mean 'w2'?)"
    ]


def test_stages_come_in_order(tmp_path: Path) -> None:
    stages, _ = resolve(
        tmp_path, "id: z\ntitle: Z\norder: 1\n", "id: a\ntitle: A\norder: 2\n", "id: m\ntitle: M\n"
    )
    assert list(stages) == ["z", "a", "m"]
