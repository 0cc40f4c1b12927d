"""A part declared again is CHANGED only where it differs from the parent's."""

from __future__ import annotations

import textwrap
from pathlib import Path

from helpers import write_spec

from archgen.resolve.resolver import resolve_all
from archgen.resolve.stage import Change, Stage, StageEdge, StageGroup, StageNode
from archgen.spec.load import load_spec

PARENT = """
    id: parent
    title: Parent
    nodes: {web: {kind: ec2, label: Web}, db: {kind: rds}, cache: {kind: elasticache}}
    groups: {data: {label: Data, members: [db]}}
    edges: [{from: web, to: db, label: reads}]
    """


def child(folder: Path, keys: str) -> Stage:
    text = "id: child\nextends: parent\ntitle: Child\n" + textwrap.dedent(keys)
    loaded = [
        load_spec(write_spec(folder, "parent.yaml", PARENT)),
        load_spec(write_spec(folder, "child.yaml", text)),
    ]
    stages, problems = resolve_all(loaded)
    assert problems == []
    return next(stage for stage in stages if stage.id == "child")


def marks(stage: Stage) -> dict[str, Change]:
    parts: list[StageNode | StageGroup | StageEdge] = [*stage.nodes, *stage.groups, *stage.edges]
    return {part.id: part.change for part in parts}


def test_parts_declared_again_as_they_were_stay_inherited(tmp_path: Path) -> None:
    stage = child(
        tmp_path,
        """
        nodes: {web: {kind: ec2, label: Web}}
        groups: {data: {label: Data, members: [db]}}
        edges: [{from: web, to: db, label: reads}]
        """,
    )
    assert set(marks(stage).values()) == {Change.INHERITED}


def test_one_field_that_differs_marks_the_part_changed(tmp_path: Path) -> None:
    stage = child(
        tmp_path,
        """
        nodes: {web: {label: Front end}}
        groups: {data: {members: [cache]}}
        edges: [{from: web, to: db, color: red}]
        """,
    )
    assert marks(stage) == {
        "web": Change.CHANGED,
        "db": Change.INHERITED,
        "cache": Change.INHERITED,
        "data": Change.CHANGED,
        "web->db": Change.CHANGED,
    }
