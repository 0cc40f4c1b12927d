"""Reading an archgen SVG's geometry for tests: its clusters, nodes, edges and their texts.

Graphviz writes each part as a ``<g id="<stage>.<part>.<id>" class="node|edge|cluster">``;
coordinates are points. Labels are HTML-like, so each line is a start-anchored
``<text>``; its width is not in the SVG, so tests estimate it from its characters.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from archgen.draw.wrap import display_width

_PART = re.compile(
    r'<g id="(?P<id>[^"]+)" class="(?P<kind>node|edge|cluster)"[^>]*>(?P<body>.*?)'
    r"(?=\n<!-- |\n<g id=\"[^\"]+\" class=\"(?:node|edge|cluster)\"|\n</svg>)",
    re.S,
)
_TEXT = re.compile(r'<text text-anchor="(\w+)" x="(-?[\d.]+)" y="(-?[\d.]+)"[^>]*>([^<]*)</text>')
# Graphviz may write a coordinate that should be 0 as float noise: '2.84217e-14'.
_COORD = r"(-?[\d.]+(?:e[-+]?\d+)?)"
_USE = re.compile(rf'<use xlink:href="#([^"]+)" x="{_COORD}" y="{_COORD}" width="([\d.]+)px"')
_NUMBER_PAIR = re.compile(r"(-?[\d.]+),(-?[\d.]+)")
EM = 0.6  # a generous average character width, in ems: estimates err on the wide side


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def distance_to(self, x: float, y: float) -> float:
        dx = max(self.left - x, 0.0, x - self.right)
        dy = max(self.top - y, 0.0, y - self.bottom)
        return math.hypot(dx, dy)


@dataclass(frozen=True)
class Line:
    text: str
    box: Box


@dataclass(frozen=True)
class Part:
    id: str  # the part's own id: 'web', 'users->lb' as the SVG spells it, unescaped
    kind: str
    body: str

    @property
    def lines(self) -> list[Line]:
        found = []
        for anchor, x, y, text in _TEXT.findall(self.body):
            shown = html.unescape(text)
            width = display_width(shown) * 13 * EM
            left = float(x) - (width / 2 if anchor == "middle" else 0)
            found.append(Line(shown, Box(left, float(y) - 11, left + width, float(y) + 3)))
        return found

    @property
    def icons(self) -> list[tuple[str, Box]]:
        return [
            (symbol, Box(float(x), float(y), float(x) + float(w), float(y) + float(w)))
            for symbol, x, y, w in _USE.findall(self.body)
        ]

    def path_points(self) -> list[tuple[float, float]]:
        """Points along the edge's line: its cubic Bézier pieces, sampled."""
        found = re.search(r'<path[^>]* d="M([^"]*)"', self.body)
        assert found, f"{self.id} has no path"
        points = [(float(a), float(b)) for a, b in _NUMBER_PAIR.findall(found.group(1))]
        sampled = [points[0]]
        for i in range(1, len(points) - 2, 3):
            p0, p1, p2, p3 = points[i - 1], points[i], points[i + 1], points[i + 2]
            for step in range(1, 21):
                t = step / 20
                sampled.append(
                    tuple(  # type: ignore[arg-type]
                        (1 - t) ** 3 * a
                        + 3 * (1 - t) ** 2 * t * b
                        + 3 * (1 - t) * t**2 * c
                        + t**3 * d
                        for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
                    )
                )
        return sampled

    def attribute(self, element: str, name: str) -> str | None:
        found = re.search(rf'<{element}\b[^>]*\b{name}="([^"]*)"', self.body)
        return found.group(1) if found else None


def parts(svg: str, kind: str) -> dict[str, Part]:
    """The SVG's parts of a kind, by their spec id."""
    found = {}
    for match in _PART.finditer(svg):
        if match["kind"] == kind:
            part_id = html.unescape(match["id"]).split(".", 2)[2]
            found[part_id] = Part(part_id, kind, match["body"])
    return found


def label_distance(edge: Part) -> float:
    """How far the edge's label is from its line, in points: 0 when they touch."""
    lines = edge.lines
    assert lines, f"edge {edge.id} has no label"
    points = edge.path_points()
    return max(min(line.box.distance_to(x, y) for x, y in points) for line in lines)
