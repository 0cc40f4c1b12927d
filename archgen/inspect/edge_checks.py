"""The edges' problems: a label struck through by its own line or too far from it, a
line through another part's label or through the icon of a node it does not join."""

from __future__ import annotations

import math
from collections.abc import Iterator

from archgen.inspect.problems import LayoutProblem
from archgen.inspect.scene import TOUCH, OwnedEdge, Scene, joined_nodes, px, quote
from archgen.inspect.shapes import PX_PER_PT, Box, depth_inside, distance_to_line

# Farther than this from its own line, a label is read as another arrow's.
FARTHEST_LABEL_PX = 12.0


def own_labels(scene: Scene) -> Iterator[LayoutProblem]:
    """An edge's label crossed by the edge's own ink, or farther from it than
    ``FARTHEST_LABEL_PX``."""
    for edge in scene.edges:
        label = edge.shape.label
        if not label.lines:
            continue
        who = f"label {quote(label.text)}"
        depth = max(_depth(edge, line.box) for line in label.lines)
        if depth > TOUCH:
            yield _problem(
                edge, f"{who} is struck through by its own edge ({px(depth)} inside the text)"
            )
            continue
        gap = min(_distance(edge, line.box) for line in label.lines)
        if gap * PX_PER_PT > FARTHEST_LABEL_PX:
            yield _problem(
                edge,
                f"{who} is {px(gap)} from its own edge (more than {FARTHEST_LABEL_PX:g} px): "
                "a reader cannot tell which arrow it belongs to",
            )


def lines_through_labels(scene: Scene) -> Iterator[LayoutProblem]:
    """An edge whose ink runs through the text of another part's label."""
    for edge in scene.edges:
        for owned in scene.labels:
            if owned.owner == edge.owner:
                continue
            depth = max(_depth(edge, line.box) for line in owned.label.lines)
            if depth > TOUCH:
                yield _problem(
                    edge,
                    f"the edge runs through the {owned} of {owned.owner} ({px(depth)} inside it)",
                )


def lines_through_icons(scene: Scene) -> Iterator[LayoutProblem]:
    """An edge whose ink runs over the icon of a node that is not one of its ends."""
    for edge in scene.edges:
        joined = joined_nodes(scene.stage, edge.edge)
        for owner, icon in scene.icons:
            if owner.id in joined:
                continue
            depth = _depth(edge, icon)
            if depth > TOUCH:
                yield _problem(
                    edge,
                    f"the edge runs over the icon of {owner}, which it does not join "
                    f"({px(depth)} inside it)",
                )


def _depth(edge: OwnedEdge, box: Box) -> float:
    """How far the edge's ink reaches into ``box``: its lines' depth, plus half its width."""
    ink, extent = edge.ink, edge.extent
    if extent.x1 < box.x0 - ink or extent.x0 > box.x1 + ink:
        return -1.0
    if extent.y1 < box.y0 - ink or extent.y0 > box.y1 + ink:
        return -1.0
    grown = box.grown(ink)
    return max(
        (
            depth_inside(line.points, grown)
            for line in edge.shape.lines
            if _meets(line.extent, grown)
        ),
        default=-1.0,
    )


def _meets(first: Box, second: Box) -> bool:
    return not (
        first.x1 < second.x0 or first.x0 > second.x1 or first.y1 < second.y0 or first.y0 > second.y1
    )


def _distance(edge: OwnedEdge, box: Box) -> float:
    """The gap between the edge's ink and ``box``."""
    # Nearest pieces first: a piece whose box is farther than the best so far is skipped.
    pieces = sorted(edge.shape.lines, key=lambda line: _gap(line.extent, box))
    best = float("inf")
    for line in pieces:
        if _gap(line.extent, box) >= best:
            break
        best = min(best, distance_to_line(line.points, box))
    return best - edge.ink


def _gap(first: Box, second: Box) -> float:
    """The distance between two boxes (0 when they meet)."""
    across = max(first.x0 - second.x1, second.x0 - first.x1, 0.0)
    down = max(first.y0 - second.y1, second.y0 - first.y1, 0.0)
    return math.hypot(across, down)


def _problem(edge: OwnedEdge, message: str) -> LayoutProblem:
    return LayoutProblem("edge", edge.owner.id, message)
