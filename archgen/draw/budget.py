"""The width budget: a stage wider than the page is arranged differently, not shrunk.

Every stage is drawn on one page width (page.py) so that every stage prints at one
scale; a drawing wider than the page would be shrunk to fit it, and its text and icons
with it. So render's first run of Graphviz also writes where the nodes went
(``-Tplain``, nearly free beside the PNG), and a stage whose drawing is wider than the
page is laid out a second time, arranged differently:

* a stage drawn left to right (or right to left) is drawn top-down instead;
* a stage drawn top-down only a little too wide has its nodes closer together: the
  gap between two nodes of a rank 0.45 in instead of 0.7 (the icons and text keep
  their size; node labels are wrapped to their node's width, so they stay apart);
* a stage drawn top-down wider than that has each rank wider than the page wrapped:
  in that rank, the nodes that stand side by side in one group (or outside any) are
  laid in two rows, the first half above, the second under it, column under column,
  by an invisible edge from each node
  of the first row to the one under it. The largest such runs are wrapped first, only
  as many as the page needs (a wrapped node counted to save half its pitch), so that the
  drawing grows no taller than it must.

Only a stage that is too wide pays for the second layout; render keeps the narrower of
the two (a third would cost as much again for little): the first run's pictures, or the
second arrangement's, drawn in one more run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from archgen.draw import layout, style
from archgen.draw.dot import DotGraph
from archgen.draw.looks import XLABEL_SPLINES
from archgen.resolve.stage import Stage
from archgen.spec.model import Direction

# Points a drawing may exceed the page by and still count as fitting (Graphviz rounds).
_TOLERANCE = 1.0
# What a wrapped node is counted to save of its rank's width, as a share of the rank's
# pitch: the edges and groups around it keep some of its room (measured on the stages of
# specs/, where counting it whole left drawings 20 to 50 pt too wide).
_SAVING = 0.5
# The gap between two nodes of a rank when a stage is drawn closer, in inches, and the
# points that saves per gap (style.GRAPH_ATTRS sets 0.7 in).
_CLOSE_NODESEP = 0.45
_CLOSER = (float(style.GRAPH_ATTRS["nodesep"]) - _CLOSE_NODESEP) * 72
_GRAPH_LINE = re.compile(r"graph \S+ (?P<width>[0-9.]+) ")
_NUMBER = r"(-?[0-9]+(?:\.[0-9]*)?)"
_NODE_LINE = re.compile(
    rf'^node ("(?:[^"\\]|\\.)*"|\S+) {_NUMBER} {_NUMBER} {_NUMBER} ', re.MULTILINE
)


@dataclass(frozen=True)
class Placed:
    """A node where the first layout put it: its centre and width, in points."""

    name: str
    x: float
    y: float
    width: float


@dataclass(frozen=True)
class Arrangement:
    """How a stage is drawn the second time."""

    direction: Direction  # the stage's direction, or the one that replaces it
    wraps: tuple[tuple[str, str], ...] = ()  # (above, below): invisible edges
    nodesep: str | None = None  # the gap between nodes of a rank, in inches


def read_plain(text: str) -> tuple[float, list[Placed]]:
    """The drawing's width and its nodes, in points, from ``dot -Tplain``'s output."""
    graph = _GRAPH_LINE.match(text)  # the first line
    width = float(graph["width"]) * 72 if graph else 0.0
    nodes = [
        Placed(_unquoted(name), float(x) * 72, float(y) * 72, float(w) * 72)
        for name, x, y, w in _NODE_LINE.findall(text)
    ]
    return width, nodes


def _unquoted(name: str) -> str:
    if name.startswith('"'):
        return name[1:-1].replace('\\"', '"')
    return name


def rearrangement(stage: Stage, plain: str, page_width: float) -> Arrangement | None:
    """How to draw ``stage`` again when its first layout (``plain``) is wider than
    ``page_width`` points; None when it fits or nothing can be wrapped."""
    width, placed = read_plain(plain)
    ids = {node.id for node in stage.nodes}
    nodes = [node for node in placed if node.name in ids]
    excess = width - page_width
    if excess <= _TOLERANCE or stage.splines in XLABEL_SPLINES:
        return None  # ortho: its room for xlabels is made for its direction and gaps
    if stage.direction in ("LR", "RL"):
        return Arrangement("TB")
    ranks = _ranks(nodes)
    widest = max(ranks, key=_span, default=[])
    if excess <= (len(widest) - 1) * _CLOSER * _SAVING:
        return Arrangement(stage.direction, nodesep=f"{_CLOSE_NODESEP:g}")
    # The blank and group borders beside the widest rank stay beside every rank.
    margin = width - (_span(widest) if widest else width)
    wraps = tuple(
        wrap for rank in ranks for wrap in _wraps(stage, rank, _span(rank) + margin - page_width)
    )
    return Arrangement(stage.direction, wraps) if wraps else None


def _ranks(nodes: list[Placed]) -> list[list[Placed]]:
    """The nodes by rank (one height in a top-down drawing), each rank left to right."""
    ranks: dict[float, list[Placed]] = {}
    for node in nodes:
        ranks.setdefault(round(node.y, 1), []).append(node)
    return [sorted(rank, key=lambda node: node.x) for rank in ranks.values()]


def _span(rank: list[Placed]) -> float:
    return max(n.x + n.width / 2 for n in rank) - min(n.x - n.width / 2 for n in rank)


def _wraps(stage: Stage, rank: list[Placed], excess: float) -> Iterator[tuple[str, str]]:
    """The invisible edges that wrap runs of ``rank`` into two rows, the largest runs
    first, until the width they save is ``excess`` (nothing when it is not positive)."""
    if len(rank) < 2 or excess <= _TOLERANCE:
        return
    pitch = _span(rank) / len(rank)  # a node's width and the gap to the next
    for run in sorted(_runs(stage, rank), key=len, reverse=True):
        if excess <= 0 or len(run) < 2:
            return
        above = math.ceil(len(run) / 2)
        yield from zip(run[: len(run) - above], run[above:], strict=True)
        excess -= (len(run) - above) * pitch * _SAVING


def _runs(stage: Stage, rank: list[Placed]) -> list[list[str]]:
    """The rank's nodes side by side in one innermost group (or outside any), each run in
    the spec's order, so that the rows read as Graphviz draws the group unwrapped; nodes
    archgen already holds on a rank (a tier, a group across) are not moved."""
    owner = {member: group.id for group in stage.groups for member in group.members}
    held = layout.RankOrder(stage).place
    order = {node.id: number for number, node in enumerate(stage.nodes)}
    free = [node.name for node in rank if node.name not in held]
    runs = groupby(free, key=lambda name: owner.get(name))
    return [sorted(run, key=order.__getitem__) for _, run in runs]


def apply(graph: DotGraph, arrangement: Arrangement) -> None:
    """Write the arrangement into the drawn graph: its gap between nodes, and the
    invisible edges that put each wrapped node under its partner."""
    if arrangement.nodesep:
        graph.attrs["graph"]["nodesep"] = arrangement.nodesep
    for above, below in arrangement.wraps:
        graph.edge(above, below, {"style": "invis"})
