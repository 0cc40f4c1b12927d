"""The ``Stage``: one stage of the architecture, resolved; the value every later step reads.

A stage has its whole graph (what it inherits included) and its own texts; each part
knows how it relates to the stage it extends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from archgen.catalog.kinds import Kind
from archgen.resolve.icon_image import NodeIcon
from archgen.spec.load import LoadedSpec
from archgen.spec.model import AwsService, Direction, Text, sort_key
from archgen.spec.styles import Splines


class Change(str, Enum):
    """How a part of a stage relates to the stage it extends."""

    INHERITED = "inherited"
    NEW = "new"
    CHANGED = "changed"
    REMOVED = "removed"  # only in diff diagrams, where removed parts are drawn as ghosts


@dataclass(frozen=True)
class StageNode:
    id: str
    kind: Kind
    label: Text
    change: Change = Change.INHERITED
    color: str | None = None  # a palette name or '#rrggbb' (draw/theme.py)
    icon: NodeIcon | None = None  # the node's own icon file, drawn instead of its kind's


@dataclass(frozen=True)
class StageGroup:
    id: str
    label: Text | None
    members: tuple[str, ...]
    change: Change = Change.INHERITED
    direction: Direction | None = None  # the members' layout, in their order
    style: str | None = None  # an AWS group shape (spec/styles.py: GroupStyle)
    fill: str | None = None
    border: str | None = None
    border_style: str | None = None


@dataclass(frozen=True)
class StageEdge:
    id: str  # 'from->to', '#2' appended for a parallel edge
    name: str | None  # the spec's explicit 'id:', shared by every pair of a fan-out
    source: str
    target: str
    label: Text | None = None
    style: str = "solid"
    color: str | None = None
    direction: str = "forward"
    constraint: bool = True
    step_numbers: tuple[int, ...] = ()
    change: Change = Change.INHERITED
    from_port: str | None = None  # the side of the node it leaves: top, bottom, left, right
    to_port: str | None = None  # and enters


@dataclass(frozen=True)
class StageStep:
    number: int
    text: Text
    edge_ids: tuple[str, ...]


@dataclass(frozen=True)
class Stage:
    """One resolved stage: its whole graph and its own texts."""

    id: str
    order: int | None
    source: str
    title: Text
    summary: Text | None
    direction: Direction
    nodes: tuple[StageNode, ...]
    groups: tuple[StageGroup, ...]
    edges: tuple[StageEdge, ...]
    steps: tuple[StageStep, ...]
    aws: tuple[AwsService, ...]
    notes: tuple[Text, ...]
    parent: Stage | None = field(default=None, repr=False)
    removed: tuple[str, ...] = ()
    tiers: tuple[tuple[str, ...], ...] = ()  # node ids drawn on one rank, in order
    show_title: bool | None = None  # the title in the picture; None: as configured
    wrap: int = 22  # characters a node label's line holds; 0: no wrapping
    splines: Splines = "spline"
    # The spec as loaded, to find the line of a part it declares (resolve/locations.py).
    # Not part of what the stage is: moving a line changes nothing drawn.
    spec: LoadedSpec | None = field(default=None, compare=False, repr=False)

    @property
    def sort_key(self) -> tuple[bool, int, str]:
        return sort_key(self.order, self.id)


def first_node(group_id: str, groups: dict[str, StageGroup]) -> str | None:
    """The node an edge to a group is attached to: the first one inside it, if any.

    A node of the group itself comes first, then the first found in its groups, in
    order, depth first; walked with a stack, so no nesting is too deep for it.
    """
    stack, seen = [group_id], set()
    while stack:
        current = stack.pop()
        if current in seen:  # groups in a cycle: reported by resolve
            continue
        seen.add(current)
        members = groups[current].members
        for member in members:
            if member not in groups:
                return member
        stack.extend(reversed([member for member in members if member in groups]))
    return None
