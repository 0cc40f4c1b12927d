"""A problem found in a laid-out diagram, named by the part of the stage it is about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PartKind = Literal["node", "edge", "group", "diagram"]


@dataclass(frozen=True)
class LayoutProblem:
    """One thing a reader of the picture would notice, about one part of the stage.

    ``part_id`` is the stage's own id of the part: a node's or group's id, an edge's
    ``StageEdge.id`` (``from->to``, ``#2`` for a parallel one); empty for ``diagram``,
    a problem of the whole picture (too wide for the page, text too small). ``message``
    is one line without a location, which the build adds: the spec line of the part.
    """

    part: PartKind
    part_id: str
    message: str
