"""diff_stages: what changed between two sets of resolved stages, part by part and
matched by id; and diff_stage_graph, the stage a diff diagram draws."""

from __future__ import annotations

from pathlib import Path

from helpers import resolve_specs

from archgen.diff.compare import (
    FieldChange,
    PartChange,
    StageDiff,
    Status,
    diff_stage_graph,
    diff_stages,
)
from archgen.resolve.stage import Change, Stage

BASE = """
    id: shop
    order: 1
    title: {en: Shop, ko: 상점}
    nodes:
      web: {kind: ec2, label: Web}
      dns: {kind: route53, label: DNS}
      db: {kind: rds, label: Database}
    groups:
      data: {label: Data, members: [db]}
    edges:
      - {from: dns, to: web}
      - {id: writes, from: web, to: db, label: writes}
      - {from: db, to: web, label: reads, style: dashed}
    steps:
      - {edge: writes, text: The web server writes.}
    """

OTHER = """
    id: other
    order: 2
    title: Other
    nodes:
      box: {kind: ec2}
    """


def stages(folder: Path, *texts: str) -> list[Stage]:
    resolved, problems = resolve_specs(folder, *texts)
    assert problems == []
    return resolved


def parts(diff: StageDiff) -> list[tuple[str, str, str]]:
    return [(change.part, change.id, change.status.value) for change in diff.changes]


def edited(tmp_path: Path) -> tuple[list[Stage], list[Stage]]:
    """Base and head of a shop that renamed DNS, added a cache and dropped the reads."""
    head = (
        BASE.replace("label: DNS", "label: Name server")
        .replace(
            "  db: {kind: rds,", "  cache: {kind: elasticache, label: Cache}\n      db: {kind: rds,"
        )
        .replace("      - {from: db, to: web, label: reads, style: dashed}\n", "")
    )
    return stages(tmp_path / "base", BASE, OTHER), stages(tmp_path / "head", head, OTHER)


def test_unchanged_stages_are_not_listed(tmp_path: Path) -> None:
    base = stages(tmp_path / "base", BASE, OTHER)
    head = stages(tmp_path / "head", BASE, OTHER)
    assert diff_stages(base, head, "en") == []


def test_parts_are_added_changed_and_removed_by_id(tmp_path: Path) -> None:
    base, head = edited(tmp_path)
    (diff,) = diff_stages(base, head, "en")
    assert (diff.id, diff.title, diff.status) == ("shop", "Shop", Status.CHANGED)
    assert parts(diff) == [
        ("node", "cache", "added"),
        ("node", "dns", "changed"),
        ("edge", "db->web", "removed"),
    ]
    assert diff.changes[1] == PartChange(
        "node", "dns", Status.CHANGED, "Name server", (FieldChange("label", "DNS", "Name server"),)
    )
    assert diff.changes[2].label == "reads"
    assert diff.count("node", Status.ADDED) == 1 and diff.count("edge", Status.ADDED) == 0


def test_texts_steps_and_edge_fields_are_compared_too(tmp_path: Path) -> None:
    head = (
        BASE.replace("title: {en: Shop, ko: 상점}", "title: {en: Store, ko: 상점}")
        .replace("The web server writes.", "The web server saves.")
        .replace("label: reads, style: dashed", "label: reads, style: dotted")
    )
    (diff,) = diff_stages(stages(tmp_path / "b", BASE), stages(tmp_path / "h", head), "en")
    assert parts(diff) == [
        ("text", "title", "changed"),
        ("edge", "db->web", "changed"),
        ("step", "1", "changed"),
    ]
    assert diff.changes[1].fields == (FieldChange("style", "dashed", "dotted"),)
    (korean,) = diff_stages(stages(tmp_path / "b2", BASE), stages(tmp_path / "h2", head), "ko")
    assert ("text", "title", "changed") not in parts(korean), "the Korean title is the same"


def test_added_and_removed_stages_come_after_in_head_order(tmp_path: Path) -> None:
    base = stages(tmp_path / "base", BASE)
    head = stages(tmp_path / "head", OTHER)
    diffs = diff_stages(base, head, "en")
    assert [(d.id, d.status) for d in diffs] == [
        ("other", Status.ADDED),
        ("shop", Status.REMOVED),
    ]
    assert ("node", "box", "added") in parts(diffs[0])
    assert ("node", "web", "removed") in parts(diffs[1])


def test_the_diff_diagram_marks_head_parts_and_keeps_removed_ones_as_ghosts(
    tmp_path: Path,
) -> None:
    base, head = edited(tmp_path)
    (diff,) = diff_stages(base, head, "en")
    drawn = diff_stage_graph(diff, base[0], head[0])
    assert {node.id: node.change for node in drawn.nodes} == {
        "web": Change.INHERITED,
        "dns": Change.CHANGED,
        "cache": Change.NEW,
        "db": Change.INHERITED,
    }
    ghost = next(edge for edge in drawn.edges if edge.id == "db->web")
    assert (ghost.change, ghost.step_numbers) == (Change.REMOVED, ())
    assert drawn.parent is None


def test_a_removed_edge_is_drawn_without_the_step_numbers_it_had(tmp_path: Path) -> None:
    head = BASE.replace("      - {id: writes, from: web, to: db, label: writes}\n", "")
    head = head.replace("{edge: writes, text: The web server writes.}", "{text: It writes.}")
    base, after = stages(tmp_path / "b", BASE), stages(tmp_path / "h", head)
    assert next(e for e in base[0].edges if e.id == "web->db").step_numbers == (1,)
    (diff,) = diff_stages(base, after, "en")
    ghost = next(e for e in diff_stage_graph(diff, base[0], after[0]).edges if e.id == "web->db")
    assert (ghost.change, ghost.step_numbers) == (Change.REMOVED, ())


def test_a_removed_node_is_drawn_in_the_group_it_was_in(tmp_path: Path) -> None:
    head = BASE.replace("  db: {kind: rds, label: Database}\n", "  cache: {kind: elasticache}\n")
    head = head.replace("members: [db]", "members: [cache]")
    head = head.replace("to: db,", "to: cache,").replace("from: db,", "from: cache,")
    base, after = stages(tmp_path / "b", BASE), stages(tmp_path / "h", head)
    (diff,) = diff_stages(base, after, "en")
    drawn = diff_stage_graph(diff, base[0], after[0])
    assert ("db", Change.REMOVED) in {(node.id, node.change) for node in drawn.nodes}
    assert next(g for g in drawn.groups if g.id == "data").members == ("cache", "db")


def test_a_removed_stage_is_drawn_all_ghost(tmp_path: Path) -> None:
    base = stages(tmp_path / "base", BASE, OTHER)
    head = stages(tmp_path / "head", OTHER)
    (diff,) = diff_stages(base, head, "en")
    drawn = diff_stage_graph(diff, base[0], None)
    marks = [part.change for parts in (drawn.nodes, drawn.groups, drawn.edges) for part in parts]
    assert set(marks) == {Change.REMOVED}
