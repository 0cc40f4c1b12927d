"""The line of an edge the reference layout lacks (a removed edge, drawn as a ghost).

``nop2`` would route such an edge itself, but to the node it is written to: an edge to
a group is written to an anchor node inside it (draw/edge_layout.py), which only
``dot`` clips at the group's box (``lhead``, ``ltail``), so the line would end in the
middle of the group. So the line is drawn here: straight, between the boxes of its two
ends (a group's box for a group), clipped at them, with its arrowheads as ``dir`` says
and its label where the diff graph's own layout put it beside its line.
"""

from __future__ import annotations

import itertools
import math
import re

from archgen.draw.ghost_places import Places
from archgen.draw.placed import Box, PlacedEdge

_ATTR = re.compile(r'\b(?P<name>lhead|ltail|dir)=(?P<value>"(?:[^"\\]|\\.)*"|[^ \]]+)')
# The arrowhead's length (Graphviz's default arrowsize 1: 10 points).
_ARROW = 10.0
# How far a line ends from the box it meets, in points.
_CLEAR = 1.0
# The room between a ghost line and its label, in points.
_LABEL_GAP = 4.0


def ghost_line(
    line: str, edge: PlacedEdge, places: Places, ortho: str | None = None
) -> list[tuple[str, str]]:
    """The ``pos`` (and ``lp``, ``xlp``) of the edge written on DOT ``line``: straight,
    or for a stage drawn with ``splines: ortho`` in three straight runs at right angles,
    the first and last along the stage's ``ortho`` direction (its rankdir)."""
    attrs = {m["name"]: m["value"].strip('"') for m in _ATTR.finditer(line)}
    tail = places.clusters.get(attrs.get("ltail", "")) or places.nodes.get(edge.tail)
    head = places.clusters.get(attrs.get("lhead", "")) or places.nodes.get(edge.head)
    if tail is None or head is None or tail == head:
        return []
    if ortho:
        route = _elbow(tail, head, across=ortho in ("LR", "RL"))
    else:
        route = [_clipped(tail, head), _clipped(head, tail)]
    if sum(math.dist(a, b) for a, b in itertools.pairwise(route)) < 2 * _ARROW:
        return []
    direction = attrs.get("dir", "forward")
    start, end = route[0], route[-1]
    words = []
    if direction in ("forward", "both"):
        words.append(f"e,{_point(end)}")
        route[-1] = _toward(end, route[-2], _ARROW)
    if direction in ("back", "both"):
        words.append(f"s,{_point(start)}")
        route[0] = _toward(start, route[1], _ARROW)
    words.append(_point(route[0]))
    for a, b in itertools.pairwise(route):
        words += [_point(_between(a, b, t)) for t in (1 / 3, 2 / 3, 1.0)]
    placed = [("pos", " ".join(words))]
    middle = max(itertools.pairwise(route), key=lambda ab: math.dist(*ab))
    for name in ("lp", "xlp"):
        if name in edge.attrs:
            placed.append((name, _point(_label_at(edge, places, *middle))))
    return placed


def _elbow(tail: Box, head: Box, across: bool) -> list[tuple[float, float]]:
    """From the side of ``tail`` that faces ``head`` to the side of ``head`` that faces
    it: left or right ones if ``across``, else top or bottom ones; in three runs at
    right angles, or one straight run where the two boxes face each other. (Top-down is
    worked out as left to right with x and y swapped.)"""
    if not across:
        route = _elbow(_swapped(tail), _swapped(head), across=True)
        return [(y, x) for x, y in route]
    (tx, ty), (hx, hy) = tail.centre, head.centre
    out = tail.right + _CLEAR if hx > tx else tail.left - _CLEAR
    into = head.left - _CLEAR if hx > tx else head.right + _CLEAR
    shared = _overlap(tail.bottom, tail.top, head.bottom, head.top)
    if shared is not None:
        return [(out, shared), (into, shared)]
    middle = (out + into) / 2
    return [(out, ty), (middle, ty), (middle, hy), (into, hy)]


def _swapped(box: Box) -> Box:
    return Box(box.bottom, box.left, box.top, box.right)


def _overlap(low: float, high: float, other_low: float, other_high: float) -> float | None:
    """The middle of what two ranges share, when they share a good part."""
    shared_low, shared_high = max(low, other_low), min(high, other_high)
    return (shared_low + shared_high) / 2 if shared_high - shared_low > 2 * _ARROW else None


def _label_at(
    edge: PlacedEdge, places: Places, start: tuple[float, float], end: tuple[float, float]
) -> tuple[float, float]:
    """Beside the line, near its middle, where the label's box (its size from the diff
    graph's own layout) meets no node, no edge label, no group label and no group's
    border; else beside the middle."""
    width, height = edge.label_size
    length = math.dist(start, end)
    nx, ny = (start[1] - end[1]) / length, (end[0] - start[0]) / length  # a normal
    away = abs(nx) * width / 2 + abs(ny) * height / 2 + _LABEL_GAP
    spots = [
        (
            start[0] + (end[0] - start[0]) * t + nx * away * side,
            start[1] + (end[1] - start[1]) * t + ny * away * side,
        )
        for far in (1, 2, 3)  # farther off only where nothing nearer is free
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)
        for side in (far, -far)
    ]
    for x, y in spots:
        box = Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        if places.label_fits(box):
            places.labels.append(box)
            return x, y
    return spots[0]


def _clipped(box: Box, other: Box) -> tuple[float, float]:
    """Where the line from ``box``'s centre to ``other``'s leaves ``box``."""
    (x, y), (ox, oy) = box.centre, other.centre
    dx, dy = ox - x, oy - y
    half_w, half_h = (box.right - box.left) / 2 + _CLEAR, (box.top - box.bottom) / 2 + _CLEAR
    scale = min(
        half_w / abs(dx) if dx else math.inf,
        half_h / abs(dy) if dy else math.inf,
        1.0,
    )
    return x + dx * scale, y + dy * scale


def _toward(a: tuple[float, float], b: tuple[float, float], by: float) -> tuple[float, float]:
    length = math.dist(a, b)
    return a[0] + (b[0] - a[0]) * by / length, a[1] + (b[1] - a[1]) * by / length


def _between(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def _point(p: tuple[float, float]) -> str:
    return f"{p[0]:.2f},{p[1]:.2f}"


def _numbers(word: str) -> tuple[float, float]:
    x, y = word.split(",")[-2:]
    return float(x), float(y)
