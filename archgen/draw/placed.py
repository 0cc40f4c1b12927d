"""Where one layout put every part: read back from Graphviz's ``-Tjson`` output.

The diff diagram keeps the head picture's positions (draw/pinned.py): it reads them
from a layout of the head stage, and the sizes and neighbours of its own parts from a
layout of the diff graph itself. Both come from ``-Tjson``, which names each node as
the DOT text does, each cluster by its subgraph name and each edge by its ``id``
attribute (the SVG element id compile gives it), with every position in points, y up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Box:
    """A rectangle in points, y up as Graphviz writes it."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.bottom + self.top) / 2

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.left + dx, self.bottom + dy, self.right + dx, self.top + dy)

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.bottom - by, self.right + by, self.top + by)

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.bottom, other.bottom),
            max(self.right, other.right),
            max(self.top, other.top),
        )

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.bottom < other.top
            and other.bottom < self.top
        )

    def bb(self) -> str:
        """The box as Graphviz's ``bb`` attribute spells it."""
        return f"{self.left:.2f},{self.bottom:.2f},{self.right:.2f},{self.top:.2f}"


@dataclass(frozen=True)
class PlacedNode:
    name: str
    box: Box
    cluster: str | None  # the innermost cluster it is drawn in


@dataclass(frozen=True)
class PlacedEdge:
    tail: str
    head: str
    attrs: dict[str, str]  # pos, and lp / xlp where it has a label
    label_size: tuple[float, float] = (0.0, 0.0)  # width and height of its label's text


@dataclass(frozen=True)
class PlacedCluster:
    name: str
    box: Box
    parent: str | None
    nodes: frozenset[str]  # every node inside it, however deep
    label_height: float = 0.0  # in points: what its label takes at its top


@dataclass
class Placed:
    """A whole layout: nodes by DOT name, clusters by subgraph name, edges by id."""

    nodes: dict[str, PlacedNode] = field(default_factory=dict)
    clusters: dict[str, PlacedCluster] = field(default_factory=dict)
    edges: dict[str, PlacedEdge] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # every edge's ends, visible or not
    labels: list[Box] = field(default_factory=list)  # around each line of the edges' labels


_EDGE_PLACE = ("pos", "lp", "xlp")


def read_placed(text: bytes) -> Placed:
    """The positions in ``dot -Tjson`` output."""
    graph = json.loads(text)
    objects = graph.get("objects", [])
    by_gvid = {item["_gvid"]: item for item in objects}
    parents = {child: item["_gvid"] for item in objects for child in item.get("subgraphs", [])}
    clusters = {
        item["_gvid"]: item
        for item in objects
        if "nodes" in item and "bb" in item and item["name"].startswith("cluster")
    }
    placed = Placed()
    innermost: dict[int, str] = {}
    for gvid, item in sorted(clusters.items(), key=lambda pair: -_depth(pair[0], parents)):
        for node in item.get("nodes", []):
            innermost.setdefault(node, item["name"])
        placed.clusters[item["name"]] = PlacedCluster(
            item["name"],
            _box(item["bb"]),
            _cluster_parent(gvid, parents, clusters),
            frozenset(by_gvid[node]["name"] for node in item.get("nodes", [])),
            float(item.get("lheight", 0)) * 72 if item.get("label") else 0.0,
        )
    for item in objects:
        if "nodes" not in item and "pos" in item:
            x, y = (float(v) for v in item["pos"].split(","))
            half_w, half_h = float(item["width"]) * 36, float(item["height"]) * 36
            box = Box(x - half_w, y - half_h, x + half_w, y + half_h)
            placed.nodes[item["name"]] = PlacedNode(item["name"], box, innermost.get(item["_gvid"]))
    for edge in graph.get("edges", []):
        tail, head = by_gvid[edge["tail"]]["name"], by_gvid[edge["head"]]["name"]
        placed.links.append((tail, head))
        texts = _text_boxes(edge.get("_ldraw_", []) + edge.get("_xldraw_", []))
        placed.labels += texts
        if "id" in edge:
            attrs = {name: edge[name] for name in _EDGE_PLACE if name in edge}
            placed.edges[edge["id"]] = PlacedEdge(tail, head, attrs, _size(texts))
    return placed


_ALIGN = {"l": 0.0, "c": 0.5, "r": 1.0}


def _text_boxes(operations: list[dict[str, object]]) -> list[Box]:
    """The box of each text Graphviz draws (``_ldraw_``: a font, then texts)."""
    boxes, size = [], 14.0
    for op in operations:
        if op.get("op") == "F":
            size = float(str(op.get("size", size)))
        elif op.get("op") == "T":
            x, y = (float(v) for v in op["pt"])  # type: ignore[attr-defined]
            width = float(str(op.get("width", 0)))
            left = x - width * _ALIGN.get(str(op.get("align", "c")), 0.5)
            boxes.append(Box(left, y - size * 0.3, left + width, y + size * 0.9))
    return boxes


def _size(boxes: list[Box]) -> tuple[float, float]:
    if not boxes:
        return 0.0, 0.0
    around = boxes[0]
    for box in boxes[1:]:
        around = around.union(box)
    return around.right - around.left, around.top - around.bottom


def _box(bb: str) -> Box:
    left, bottom, right, top = (float(v) for v in bb.split(","))
    return Box(left, bottom, right, top)


def _depth(gvid: int, parents: dict[int, int]) -> int:
    depth = 0
    while gvid in parents:
        gvid = parents[gvid]
        depth += 1
    return depth


def _cluster_parent(gvid: int, parents: dict[int, int], clusters: dict[int, object]) -> str | None:
    """The cluster around this one, skipping the rank subgraphs in between."""
    while gvid in parents:
        gvid = parents[gvid]
        if gvid in clusters:
            item = clusters[gvid]
            assert isinstance(item, dict)
            return str(item["name"])
    return None
