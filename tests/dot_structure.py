"""A DOT graph's structure, read from its text: what two DOT sources must share to draw
the same architecture, whoever wrote them (archgen, or diagrams' ``Diagram``).

Reads the DOT the graphviz package writes (and archgen's ``draw/dot.py`` writes the
same way): statements of nodes, edges, attributes and nested subgraphs, ids bare,
quoted or HTML-like. Nodes are known by what a reader sees, not by their ids, which
diagrams draws at random: the label, the icon file and the clusters around them.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath

_TOKEN = re.compile(
    r'\s*(?:(?P<quoted>"(?:[^"\\]|\\.)*")|(?P<punct>->|--|[{}\[\];=,])|(?P<html><)'
    r"|(?P<word>[A-Za-z0-9_.\-]+))",
    re.DOTALL,
)


def _tokens(text: str) -> list[str]:
    tokens, at = [], 0
    while text[at:].strip():
        match = _TOKEN.match(text, at)
        if match is None:
            raise ValueError(f"unreadable DOT at {text[at : at + 40]!r}")
        if match["html"]:  # an HTML-like string: up to its matching '>'
            start, depth, at = match.start("html"), 0, match.start("html")
            while True:
                depth += {"<": 1, ">": -1}.get(text[at], 0)
                at += 1
                if depth == 0:
                    break
            tokens.append(text[start:at])
            continue
        tokens.append(match.group(match.lastgroup or ""))
        at = match.end()
    return tokens


def _text(token: str) -> str:
    """What an id or a value says: quotes and HTML-like markup taken off."""
    if token.startswith('"'):
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    if token.startswith("<"):
        return html.unescape(token[1:-1].replace("<BR/>", "\n"))
    return token


@dataclass
class Cluster:
    label: str
    items: list[str | Cluster] = field(default_factory=list)  # node ids and clusters, in order


@dataclass
class Dot:
    graph: dict[str, str] = field(default_factory=dict)
    edge_defaults: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    root: Cluster = field(default_factory=lambda: Cluster(""))


class _Reader:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0
        self.dot = Dot()

    def next(self) -> str:
        self.at += 1
        return self.tokens[self.at - 1]

    def peek(self) -> str:
        return self.tokens[self.at] if self.at < len(self.tokens) else ""

    def read(self) -> Dot:
        while self.next() != "{":  # digraph NAME {
            pass
        self.body(self.dot.root, top=True)
        return self.dot

    def attrs(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if self.peek() != "[":
            return found
        self.next()
        while (name := self.next()) != "]":
            if name in {",", ";"}:
                continue
            assert self.next() == "="
            found[_text(name)] = _text(self.next())
        return found

    def body(self, cluster: Cluster, *, top: bool) -> None:
        while (token := self.next()) != "}":
            if token == ";":
                continue
            if token == "subgraph":
                self.subgraph(cluster)
            elif token in {"graph", "node", "edge"}:
                values = self.attrs()
                if token == "graph" and top:
                    self.dot.graph.update(values)
                elif token == "graph":
                    cluster.label = values.get("label", cluster.label)
                elif token == "edge" and top:
                    self.dot.edge_defaults.update(values)
            elif self.peek() in {"->", "--"}:
                self.next()
                head = _text(self.next())
                self.dot.edges.append((_text(token), head, self.attrs()))
            elif self.peek() == "=":  # a graph attribute written as a statement
                self.next()
                self.next()
            else:
                node = _text(token)
                self.dot.nodes[node] = self.attrs()
                cluster.items.append(node)

    def subgraph(self, parent: Cluster) -> None:
        if self.peek() != "{":
            self.next()  # its name
        self.next()
        cluster = Cluster("")
        self.body(cluster, top=False)
        parent.items.append(cluster)


def read_dot(text: str) -> Dot:
    return _Reader(text).read()


# What a reader sees of a node: its label, its icon file, the labels of the clusters it is in.
NodeView = tuple[str, str, tuple[str, ...]]
EdgeView = tuple[NodeView, NodeView, str, str, str, str]  # ends, label, colour, style, dir


@dataclass(frozen=True)
class Structure:
    direction: str
    nodes: Counter[NodeView]
    clusters: Counter[tuple[str, ...]]  # every cluster by its path of labels
    edges: Counter[EdgeView]
    order: tuple[str, ...]  # nodes and cluster openings as the text declares them
    edge_order: tuple[EdgeView, ...]
    written_dirs: frozenset[str] = frozenset()  # 'dir' as written, before 'back' is turned


def _icon(image: str | None) -> str:
    """The icon file: the last three parts of a path into diagrams' resources
    (``aws/compute/ec2.png``), and only the file name of any other (a custom icon)."""
    if not image:
        return ""
    parts = PurePath(image).parts
    if "resources" in parts:
        return "/".join(parts[parts.index("resources") + 1 :])
    return parts[-1]


# The room archgen keeps around an edge label (draw/edge_layout.py): no text of its own.
_PADDING = re.compile(
    r'^<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="\d+">'
    r"<TR><TD>(.*)</TD></TR></TABLE>$",
    re.S,
)


def _as_read(label: str) -> str:
    """A label's words as a reader reads them: without archgen's padding table, its
    lines (archgen wraps labels to their box) joined by single spaces."""
    found = _PADDING.match(label)
    return " ".join((found[1] if found else label).split())


def structure(text: str) -> Structure:
    """The graph of DOT ``text``, told by labels, icons and cluster paths."""
    dot = read_dot(text)
    views: dict[str, NodeView] = {}
    clusters: Counter[tuple[str, ...]] = Counter()
    order: list[str] = []

    def walk(cluster: Cluster, path: tuple[str, ...]) -> None:
        for item in cluster.items:
            if isinstance(item, Cluster):
                clusters[(*path, item.label)] += 1
                order.append(f"[{item.label}]")
                walk(item, (*path, item.label))
            else:
                attrs = dot.nodes[item]
                label = _as_read(attrs.get("label", item))
                views[item] = (label, _icon(attrs.get("image")), path)
                order.append(label)

    walk(dot.root, ())
    defaults = {"color": "black", "style": "solid", "dir": "forward", **dot.edge_defaults}
    edges = []
    for tail, head, attrs in dot.edges:
        seen = {**defaults, **attrs}
        ends, direction = (views[tail], views[head]), seen["dir"]
        if direction == "back":  # drawn from head to tail: as a reader sees it
            ends, direction = ends[::-1], "forward"
        edges.append(
            (
                *ends,
                _as_read(seen.get("label", "")),
                drawn_color(seen["color"]),
                seen["style"],
                direction,
            )
        )
    return Structure(
        dot.graph.get("rankdir", "TB"),
        Counter(views.values()),
        clusters,
        Counter(edges),
        tuple(order),
        tuple(edges),
        frozenset({**defaults, **attrs}["dir"] for _, _, attrs in dot.edges),
    )


@cache
def drawn_color(color: str) -> str:
    """The colour Graphviz draws for ``color`` (a name or a hex value), as '#rrggbb':
    diagrams writes names ('black'), archgen a palette's value ('#000000') for the same."""
    laid_out = subprocess.run(
        ["dot", "-Tjson"],
        input=f'digraph {{ a -> b [color="{color}"] }}',
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    edge = json.loads(laid_out)["edges"][0]
    return str(next(op["color"] for op in edge["_draw_"] if "color" in op)).lower()
