"""Where a part of a stage is declared: the spec line a warning about it points at.

A stage inherits most of its parts, so the line is in the stage's own spec where that
spec declares the part (or declares it again, merging its fields over the parent's),
and otherwise in the spec of the nearest ancestor that did. The lines are looked up
only when there is something to say about a part: a stage keeps its loaded spec
(``Stage.spec``), out of its identity, and nothing is computed for a clean picture.
"""

from __future__ import annotations

from typing import Literal

from archgen.diagnostics import Location
from archgen.resolve.stage import Stage, StageEdge
from archgen.spec.model import Edge

PartKind = Literal["node", "edge", "group", "diagram"]
_SpecPath = tuple[str | int, ...]


def part_location(stage: Stage, part: PartKind, part_id: str) -> Location:
    """The line that declares the part in ``stage``; for the whole diagram, or a part no
    spec declares (an id the stage does not have), the stage's own ``id:``."""
    current: Stage | None = stage
    while current is not None and current.spec is not None:
        path = _declared_at(current, part, part_id)
        if path is not None:
            return current.spec.locate(*path, key=part != "edge")
        current = current.parent
    return stage_location(stage)


def stage_location(stage: Stage) -> Location:
    """The line of the stage's ``id:``, where a problem of its whole picture is shown."""
    if stage.spec is None:
        return Location(stage.source)
    return stage.spec.locate("id", key=True)


def _declared_at(stage: Stage, part: PartKind, part_id: str) -> _SpecPath | None:
    """Where ``stage``'s own spec declares the part, or None where it only inherits it."""
    assert stage.spec is not None
    spec = stage.spec.spec
    if part == "node":
        return ("nodes", part_id) if part_id in spec.nodes else None
    if part == "group":
        return ("groups", part_id) if part_id in spec.groups else None
    if part == "edge":
        return _edge_declared_at(stage, part_id, spec.edges)
    return None


def _edge_declared_at(stage: Stage, edge_id: str, declared: tuple[Edge, ...]) -> _SpecPath | None:
    """The spec's edge that made or merged ``edge_id``: one naming the same pair (or the
    same ``id:``); for the n-th parallel edge the stage adds, its n-th such declaration."""
    edge = next((edge for edge in stage.edges if edge.id == edge_id), None)
    if edge is None:
        return None
    matching = [index for index, item in enumerate(declared) if _declares(item, edge)]
    inherited = stage.parent is not None and any(e.id == edge_id for e in stage.parent.edges)
    if inherited:
        own = [index for index in matching if declared[index].id == edge.name]
        return ("edges", own[0]) if own else None
    if not matching:
        return None
    added = [e.id for e in stage.edges if (e.source, e.target) == (edge.source, edge.target)]
    if stage.parent is not None:
        known = {e.id for e in stage.parent.edges}
        added = [other for other in added if other not in known]
    position = added.index(edge_id) if edge_id in added else 0
    return ("edges", matching[min(position, len(matching) - 1)])


def _declares(item: Edge, edge: StageEdge) -> bool:
    if edge.name is not None and item.id == edge.name:
        return True
    return edge.source in item.source and edge.target in item.target
