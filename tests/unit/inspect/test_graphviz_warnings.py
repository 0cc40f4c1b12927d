"""Graphviz's warnings read from its stderr within bounds, and named by the part of the
stage each is about; the locations of parts, inherited or the stage's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import resolve_specs

import archgen.inspect.run
from archgen.diagnostics import Location
from archgen.draw.graphviz_messages import MAX_LINE_BYTES, MAX_WARNINGS, WarningLines
from archgen.inspect.graphviz import graphviz_problems
from archgen.inspect.problems import LayoutProblem
from archgen.inspect.run import diagram_problems
from archgen.resolve.locations import part_location

PARENT = """\
    id: parent
    title: Parent
    nodes:
      users: {kind: users, label: Users}
      web: {kind: ec2, label: Web}
      db: {kind: rds, label: Database}
    groups:
      tier: {label: Tier, members: [web]}
    edges:
      - {from: users, to: tier}
      - {from: tier, to: db, label: writes}
"""
CHILD = """\
    id: child
    extends: parent
    title: Child
    nodes:
      db: {label: Primary}
      cache: {kind: elasticache, label: Cache}
    edges:
      - {from: tier, to: db, label: reads}
      - {from: web, to: cache}
"""


def _warnings(*chunks: bytes) -> tuple[str, ...]:
    lines = WarningLines()
    for chunk in chunks:
        lines.feed(chunk)
    return lines.finished()


def test_warnings_are_read_across_chunks_once_each_with_their_label_line() -> None:
    assert _warnings(
        b"Warning: fixed table size with unspecified width or height\nin label of no",
        b"de web\nWarning: node 'db', graph 'g' size too small for label\n",
        b"Fontconfig error: chatter\nWarning: node 'db', graph 'g' size too small for label\n",
        b"Warning: Orthogonal edges do not currently handle edge labels.",
    ) == (
        "fixed table size with unspecified width or height in label of node web",
        "node 'db', graph 'g' size too small for label",
        "Orthogonal edges do not currently handle edge labels.",
    )


def test_a_flood_of_warnings_costs_bounded_memory() -> None:
    lines = WarningLines()
    lines.feed(b"Warning: " + b"x" * 10_000_000 + b"\n")
    for number in range(10_000):
        lines.feed(f"Warning: number {number}\n".encode())
    found = lines.finished()
    assert len(found) == MAX_WARNINGS + 1
    assert len(found[0]) <= MAX_LINE_BYTES
    assert found[-1] == f"{10_000 + 1 - MAX_WARNINGS:,} more warning(s), not shown"


def test_each_warning_names_the_part_dot_names(tmp_path: Path) -> None:
    stages, problems = resolve_specs(tmp_path, PARENT)
    assert not problems
    found = graphviz_problems(
        [
            "node 'web', graph 'parent' size too small for label",
            "node web, graph parent size too small for label",
            "table size too small for content in label of node db",
            'Unable to reclaim box space in spline routing for edge "web" -> "db". Something',
            "users -> web: head not inside head cluster cluster_tier",
            "Two clusters named cluster_tier - the second will be ignored",
            "node 'ghost', graph 'parent' size too small for label",
            "Orthogonal edges do not currently handle edge labels. Try using xlabels.",
        ],
        stages[0],
    )
    assert [(p.part, p.part_id) for p in found] == [
        ("node", "web"),
        ("node", "web"),
        ("node", "db"),
        ("edge", "tier->db"),
        ("edge", "users->tier"),
        ("group", "tier"),
        ("diagram", ""),
        ("diagram", ""),
    ]
    assert found[2].message == "Graphviz: table size too small for content in label of node db"
    assert found[0].message == (
        "node 'web': its label is wider than its box (Graphviz: 'size too small for "
        "label'); shorten the label or lower the stage's 'wrap'"
    )
    assert isinstance(found[-1], LayoutProblem)


def test_a_part_is_located_where_the_stage_declares_or_merges_it_else_in_its_parent(
    tmp_path: Path,
) -> None:
    stages, problems = resolve_specs(tmp_path, PARENT, CHILD)
    assert not problems
    child = next(stage for stage in stages if stage.id == "child")
    assert part_location(child, "node", "db") == Location("specs/s2.yaml", 5, 3)  # merged
    assert part_location(child, "node", "web") == Location("specs/s1.yaml", 5, 3)
    assert part_location(child, "group", "tier") == Location("specs/s1.yaml", 8, 3)
    assert part_location(child, "edge", "tier->db") == Location("specs/s2.yaml", 8, 5)
    assert part_location(child, "edge", "users->tier") == Location("specs/s1.yaml", 10, 5)
    assert part_location(child, "edge", "web->cache") == Location("specs/s2.yaml", 9, 5)
    assert part_location(child, "diagram", "") == Location("specs/s2.yaml", 1, 1)
    assert part_location(child, "node", "ghost") == Location("specs/s2.yaml", 1, 1)


def test_graphviz_size_warning_gives_way_to_the_checks_measure_of_the_same_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stages, _ = resolve_specs(tmp_path, PARENT)
    measured = LayoutProblem("node", "web", "label 'Web' is 140 px wide, 5 px wider than its box")
    monkeypatch.setattr(archgen.inspect.run, "inspect_svg", lambda *_, **__: [measured])
    found = diagram_problems(
        b"<svg/>",
        [
            "node 'web', graph 'parent' size too small for label",
            "node 'db', graph 'parent' size too small for label",
        ],
        stages[0],
    )
    assert [(p.part_id, p.message.split(":")[0]) for p in found] == [
        ("db", "node 'db'"),
        ("web", "label 'Web' is 140 px wide, 5 px wider than its box"),
    ]
