"""Plane geometry for a laid-out diagram: boxes, lines and how far apart they are.

Coordinates are points (1/72 inch) of the drawing at its natural size, y downwards as
in SVG; the checks turn them into CSS pixels (``PX_PER_PT``) when they report.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

Point = tuple[float, float]
# A line as drawn: the points of its centreline in order (Béziers already sampled).
Polyline = tuple[Point, ...]

PX_PER_PT = 4 / 3  # CSS: 96 px to the inch, 72 pt to the inch


@dataclass(frozen=True)
class Box:
    """An upright rectangle: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def center(self) -> Point:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def overlap(self, other: Box) -> tuple[float, float]:
        """How far the two boxes overlap across and down; a negative value is a gap."""
        across = min(self.x1, other.x1) - max(self.x0, other.x0)
        down = min(self.y1, other.y1) - max(self.y0, other.y0)
        return across, down

    def shrunk(self, by: float) -> Box:
        return Box(self.x0 + by, self.y0 + by, self.x1 - by, self.y1 - by)

    def grown(self, by: float) -> Box:
        return self.shrunk(-by)

    def contains(self, point: Point) -> bool:
        x, y = point
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def depth(self, point: Point) -> float:
        """How far inside the box the point lies (negative outside)."""
        x, y = point
        return min(x - self.x0, self.x1 - x, y - self.y0, self.y1 - y)

    def distance(self, point: Point) -> float:
        """The distance from the point to the box (0 inside it)."""
        x, y = point
        dx = max(self.x0 - x, 0.0, x - self.x1)
        dy = max(self.y0 - y, 0.0, y - self.y1)
        return math.hypot(dx, dy)

    def corners(self) -> tuple[Point, Point, Point, Point]:
        return ((self.x0, self.y0), (self.x1, self.y0), (self.x1, self.y1), (self.x0, self.y1))


def union(boxes: Iterable[Box]) -> Box:
    listed = list(boxes)
    return Box(
        min(b.x0 for b in listed),
        min(b.y0 for b in listed),
        max(b.x1 for b in listed),
        max(b.y1 for b in listed),
    )


def bounds(points: Sequence[Point]) -> Box:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def cubic(p0: Point, p1: Point, p2: Point, p3: Point, steps: int) -> list[Point]:
    """The Bézier curve from ``p0`` to ``p3`` sampled at ``steps`` points after ``p0``."""
    points = []
    for step in range(1, steps + 1):
        t = step / steps
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        points.append(
            (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )
        )
    return points


class Stroke:
    """One piece of a drawn line: a cubic Bézier's four control points, or a straight
    run; sampled only when first needed, as most pieces come near nothing. The curve
    lies inside its control points' hull, so their box bounds it."""

    def __init__(self, control: Sequence[Point], curved: bool) -> None:
        self.control = tuple(control)
        self.curved = curved
        self.extent = bounds(self.control)

    @cached_property
    def points(self) -> Polyline:
        if not self.curved:
            return self.control
        p0, p1, p2, p3 = self.control
        # Chords of 3 pt along the control polygon (at least as long as the curve) stay
        # within 0.1 pt of a curve bending at a 12 pt radius.
        length = math.dist(p0, p1) + math.dist(p1, p2) + math.dist(p2, p3)
        steps = max(2, min(64, math.ceil(length / 3.0)))
        return (p0, *cubic(p0, p1, p2, p3, steps))


def clip(a: Point, b: Point, box: Box) -> tuple[Point, Point] | None:
    """The part of the segment from ``a`` to ``b`` inside ``box`` (Liang-Barsky)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, a[0] - box.x0),
        (dx, box.x1 - a[0]),
        (-dy, a[1] - box.y0),
        (dy, box.y1 - a[1]),
    ):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (a[0] + low * dx, a[1] + low * dy), (a[0] + high * dx, a[1] + high * dy)


def depth_inside(line: Polyline, box: Box) -> float:
    """How deep into ``box`` the line reaches: the largest distance from a point of the
    line inside the box to the box's nearest side; negative when it stays outside."""
    deepest = -1.0
    for a, b in pairwise(line):
        if max(a[0], b[0]) < box.x0 or min(a[0], b[0]) > box.x1:
            continue
        if max(a[1], b[1]) < box.y0 or min(a[1], b[1]) > box.y1:
            continue
        inside = clip(a, b, box)
        if inside is None:
            continue
        (x0, y0), (x1, y1) = inside
        for k in range(9):  # depth along a straight piece peaks where two sides meet
            t = k / 8
            deepest = max(deepest, box.depth((x0 + t * (x1 - x0), y0 + t * (y1 - y0))))
    return deepest


def distance_to_line(line: Polyline, box: Box) -> float:
    """The shortest distance between the line and the box (0 when they meet)."""
    if depth_inside(line, box) >= 0:
        return 0.0
    best = min(box.distance(point) for point in line)
    near = box.grown(best)  # only a segment reaching this near can come nearer
    for a, b in pairwise(line):
        if max(a[0], b[0]) < near.x0 or min(a[0], b[0]) > near.x1:
            continue
        if max(a[1], b[1]) < near.y0 or min(a[1], b[1]) > near.y1:
            continue
        for corner in box.corners():
            best = min(best, _to_segment(corner, a, b))
    return best


def _to_segment(point: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / length
    t = min(1.0, max(0.0, t))
    return math.hypot(point[0] - (a[0] + t * dx), point[1] - (a[1] + t * dy))
