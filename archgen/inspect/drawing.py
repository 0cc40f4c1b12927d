"""The SVG archgen writes, read back into the geometry of its parts.

Graphviz puts each node, cluster and edge in a ``<g>`` whose id archgen chose
(``<stage>.node.<id>``, see draw/compile.py's ``element_id``); inside it are the outline
(``path``/``polygon``), the icon (a ``<use>`` of an embedded ``<symbol>``), the label's
``<text>`` spans and, for an edge, its path and arrowheads. Everything is turned into
points of the drawing at its natural size (``shapes.py``), through the graph's
transform and the viewBox.

Only the standard library's expat parser reads the file, and nothing it names is
followed: the icons' ``data:`` URIs are cut out before parsing (their symbols' sizes are
read from the symbols' opening tags), which also keeps the parse small.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from archgen.inspect.labels import Label, read_label
from archgen.inspect.shapes import Box, Point, Stroke, bounds

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

_SYMBOL = re.compile(rb'<symbol id="([^"]*)" viewBox="([^"]*)" preserveAspectRatio="([^"]*)"')
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[MCLZmclz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(scale|translate|rotate)\(([^)]*)\)")


@dataclass(frozen=True)
class Transform:
    """SVG user units of the graph -> points: ``scale * (p + shift)``, then the viewBox."""

    scale: float = 1.0
    shift: Point = (0.0, 0.0)

    def __call__(self, x: float, y: float) -> Point:
        return (self.scale * (x + self.shift[0]), self.scale * (y + self.shift[1]))


@dataclass(frozen=True)
class NodeShape:
    id: str  # the SVG element's id, which scene.py maps to the stage's part
    box: Box | None  # its fixed-size box, where known
    icon: Box | None  # the icon as drawn
    label: Label


@dataclass(frozen=True)
class GroupShape:
    id: str
    box: Box
    label: Label


@dataclass(frozen=True)
class EdgeShape:
    id: str
    lines: tuple[Stroke, ...]  # its path's pieces, then its arrowheads' outlines
    label: Label
    stroke_width: float = 1.0


@dataclass
class Drawing:
    """A laid-out diagram: its size and its parts, in points at its natural size."""

    width_pt: float
    height_pt: float
    nodes: list[NodeShape] = field(default_factory=list)
    groups: list[GroupShape] = field(default_factory=list)
    edges: list[EdgeShape] = field(default_factory=list)
    texts: list[Label] = field(default_factory=list)  # the graph's own: legend, title


def read_drawing(svg: bytes, node_width_pt: float) -> Drawing:
    """The geometry of the SVG archgen wrote for one stage. ``node_width_pt``: the fixed
    width Graphviz gives a node with an icon, when the icon does not tell it."""
    defs_start, defs_end = svg.find(b"<defs>"), svg.find(b"</defs>")
    if 0 <= defs_start < defs_end:  # render writes one, with every icon in it
        defs, svg = svg[defs_start:defs_end], svg[:defs_start] + svg[defs_end + 7 :]
    else:
        defs = b""
    symbols = {m[1].decode(): (m[2].decode(), m[3].decode()) for m in _SYMBOL.finditer(defs)}
    root = ET.fromstring(svg)
    width, height = _length(root.get("width", "0")), _length(root.get("height", "0"))
    view = [float(n) for n in _NUMBER.findall(root.get("viewBox", ""))] or [0, 0, width, height]
    per_unit = width / view[2] if view[2] else 1.0
    graph = root.find(f"{SVG}g")
    transform = _transform(graph.get("transform", "") if graph is not None else "", per_unit)
    drawing = Drawing(width, height)
    if graph is None:
        return drawing
    reader = _PartReader(transform, symbols, node_width_pt)
    for element in graph:
        kind = element.get("class")
        if element.tag == f"{SVG}text":
            drawing.texts.append(read_label([element], transform))
        elif kind == "node":
            drawing.nodes.append(reader.node(element))
        elif kind == "cluster":
            drawing.groups.append(reader.group(element))
        elif kind == "edge":
            drawing.edges.append(reader.edge(element))
    drawing.texts = [label for label in drawing.texts if label.lines]
    return drawing


class _PartReader:
    def __init__(
        self, transform: Transform, symbols: dict[str, tuple[str, str]], node_width: float
    ) -> None:
        self.transform = transform
        self.symbols = symbols
        self.node_width = node_width

    def node(self, element: ET.Element) -> NodeShape:
        icon, fills_width = self.icon(element)
        outline = self.outline(element)
        label = read_label(element.iter(f"{SVG}text"), self.transform)
        box = outline
        if box is None and icon is not None:
            # imagepos=tc: the icon is centred at the top of the box; a square or wide
            # icon is scaled to the box's width (the box is taller than it is wide).
            width = icon.width if fills_width else self.node_width * self.transform.scale
            middle = icon.center[0]
            bottom = max([icon.y1, *(line.box.y1 for line in label.lines)])
            box = Box(middle - width / 2, icon.y0, middle + width / 2, bottom)
        return NodeShape(_part_id(element), box, icon, label)

    def group(self, element: ET.Element) -> GroupShape:
        box = self.outline(element) or Box(0, 0, 0, 0)
        label = read_label(element.iter(f"{SVG}text"), self.transform)
        return GroupShape(_part_id(element), box, label)

    def edge(self, element: ET.Element) -> EdgeShape:
        lines: list[Stroke] = []
        width = 1.0
        for path in element.iter(f"{SVG}path"):
            lines += self.path_pieces(path.get("d", ""))
            width = float(path.get("stroke-width", "1") or 1) * self.transform.scale
        for polygon in element.iter(f"{SVG}polygon"):
            points = self.polygon_points(polygon.get("points", ""))
            if points:
                lines.append(Stroke((*points, points[0]), curved=False))
        label = read_label(element.iter(f"{SVG}text"), self.transform)
        return EdgeShape(_part_id(element), tuple(lines), label, width)

    def outline(self, element: ET.Element) -> Box | None:
        """The box around a node's or cluster's shape: Graphviz's rounded corners are
        Béziers whose control points lie on the box, so theirs bound it."""
        points: list[Point] = []
        for path in element.iter(f"{SVG}path"):
            points += [
                point for piece in self.path_pieces(path.get("d", "")) for point in piece.control
            ]
        for polygon in element.iter(f"{SVG}polygon"):
            points += self.polygon_points(polygon.get("points", ""))
        return bounds(points) if points else None

    def icon(self, element: ET.Element) -> tuple[Box | None, bool]:
        """The icon as drawn, and whether it fills the width it was given."""
        for use in element.iter(f"{SVG}use"):
            x, y = _length(use.get("x", "0")), _length(use.get("y", "0"))
            width, height = _length(use.get("width", "0")), _length(use.get("height", "0"))
            symbol = self.symbols.get(use.get(XLINK_HREF, "").lstrip("#"))
            x0, y0 = self.transform(x, y)
            x1, y1 = self.transform(x + width, y + height)
            given = Box(x0, y0, x1, y1)
            if symbol is None:
                return given, True
            return _fitted(given, *symbol)
        return None, False

    def path_pieces(self, d: str) -> list[Stroke]:
        """A path (Graphviz writes ``M`` then ``C`` or ``L`` runs, absolute) as its pieces,
        each starting where the last ended."""
        pieces: list[Stroke] = []
        command, numbers, current = "M", list[float](), (0.0, 0.0)
        for token in [*_PATH_TOKEN.findall(d), "M"]:
            if not token.isalpha():
                numbers.append(float(token))
                continue
            pairs = [
                self.transform(x, y) for x, y in zip(numbers[::2], numbers[1::2], strict=False)
            ]
            if command == "C":
                for k in range(0, len(pairs) - 2, 3):
                    pieces.append(Stroke((current, *pairs[k : k + 3]), curved=True))
                    current = pairs[k + 2]
            elif command == "L" and pairs:
                pieces.append(Stroke((current, *pairs), curved=False))
                current = pairs[-1]
            elif pairs:
                current = pairs[-1]
            command, numbers = token.upper(), []
        return pieces

    def polygon_points(self, text: str) -> list[Point]:
        numbers = [float(n) for n in _NUMBER.findall(text)]
        return [self.transform(x, y) for x, y in zip(numbers[::2], numbers[1::2], strict=False)]


def _fitted(given: Box, view_box: str, aspect: str) -> tuple[Box, bool]:
    """The part of ``given`` a symbol with this viewBox fills ('meet': all of it shown)."""
    view = [float(n) for n in _NUMBER.findall(view_box)]
    if len(view) != 4 or view[2] <= 0 or view[3] <= 0 or aspect.startswith("none"):
        return given, True
    scale = min(given.width / view[2], given.height / view[3])
    width, height = view[2] * scale, view[3] * scale
    align = {"Min": 0.0, "Mid": 0.5, "Max": 1.0}
    fx = align.get(aspect[1:4], 0.5)
    fy = align.get(aspect[5:8], 0.5)
    x0 = given.x0 + fx * (given.width - width)
    y0 = given.y0 + fy * (given.height - height)
    return Box(x0, y0, x0 + width, y0 + height), view[2] >= view[3]


def _part_id(element: ET.Element) -> str:
    return element.get("id", "")


def _length(value: str) -> float:
    found = _NUMBER.search(value)
    return float(found.group()) if found else 0.0


def _transform(text: str, per_unit: float) -> Transform:
    scale, shift = 1.0, (0.0, 0.0)
    for name, arguments in _TRANSFORM.findall(text):
        numbers = [float(n) for n in _NUMBER.findall(arguments)]
        if name == "scale" and numbers:
            scale = numbers[0]
        elif name == "translate" and len(numbers) >= 2:
            shift = (numbers[0], numbers[1])
    return Transform(scale * per_unit, shift)
