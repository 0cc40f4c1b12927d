"""Step 3, compile: a ``Stage`` in one language -> the DOT source Graphviz lays out.

``diagrams`` is the back end: its node classes carry the icons, and its ``Diagram``,
``Cluster`` and ``Edge`` classes the style defaults. We write the DOT statements its
objects would make ourselves (see ``DotGraph``) and run Graphviz ourselves (see render),
because ``Diagram.__exit__`` writes files, opens viewers and lays the graph out once
per format. What we add on top:

* node and cluster ids come from the spec, never from ``uuid4``;
* icons are referenced relative to the ``diagrams`` package, so no absolute path
  reaches the DOT text, and render embeds them into the SVG;
* every label is an HTML-like label built from escaped text, so quotes, ``<``,
  backslashes and newlines are shown literally instead of being read as DOT syntax.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from diagrams import Cluster, Diagram
from diagrams import Edge as DiagramsEdge

from archgen.draw.dot import DotGraph, NotHtml
from archgen.resolve.stage import Change, Stage, StageEdge, StageGroup, StageNode, first_node

# Hangul needs a CJK face; the stack falls back to whatever sans-serif the viewer has.
FONT = "Noto Sans CJK KR,Noto Sans KR,Apple SD Gothic Neo,Malgun Gothic,sans-serif"

# Translates archgen's own English words (the legend, the badges) into the diagram's
# language; the pages' ``Words`` is one.
Words = Callable[[str], str]

NEW_COLOR = "#0072B2"  # Okabe-Ito blue: tells apart from grey for colour-blind readers too


@dataclass(frozen=True)
class Look:
    """How a part that changed is drawn: a colour, a badge word and, for edges, a line.

    The colours (Okabe-Ito blue and orange, and grey) stay apart for colour-blind
    readers; the badge and the line style carry the same news in grayscale print.
    """

    color: str
    badge: str
    legend: str
    edge_style: str


LOOKS = {
    Change.NEW: Look(NEW_COLOR, "NEW", "New in this stage", "bold"),
    Change.CHANGED: Look("#D55E00", "CHANGED", "Changed", "bold"),
    Change.REMOVED: Look("#9E9E9E", "REMOVED", "Removed", "dotted"),  # a faint ghost
}
STAGE_HIGHLIGHTS = frozenset({Change.NEW})
DIFF_HIGHLIGHTS = frozenset({Change.NEW, Change.CHANGED, Change.REMOVED})
DIFF_LEGENDS = {Change.NEW: "Added"}
EDGE_COLOR = "#7B8894"
LABEL_COLOR = "#2D3436"

_GRAPH_ATTRS = {
    "pad": "0.4",
    "splines": "spline",
    "nodesep": "0.7",
    "ranksep": "1.1",
    "compound": "true",
    "fontname": FONT,
    "fontsize": "15",
    "label": "",
}
# A fixed node size keeps every icon the same size: the icon at the top, the label's
# lines under it. (fixedsize=shape would give long labels room in the layout, but
# Graphviz 2.43 asserts on it with compound edges.)
_NODE_ATTRS = {"fontname": FONT, "fontsize": "13", "imagepos": "tc"}
_ICON_HEIGHT = 1.4  # inches, as diagrams draws them
_LINE_HEIGHT = 0.26  # one line of 13 pt text with its spacing
# diagrams' Cluster fills, by nesting depth (a private attribute there); svg.py's dark
# theme maps each of them.
_CLUSTER_FILLS = ("#E5F5FD", "#EBF3E7", "#ECE8F6", "#FDF7E3")


@dataclass(frozen=True)
class CompiledDiagram:
    stage_id: str
    dot_source: str
    title: str = ""  # for screen readers: the SVG's <title> and <desc>
    description: str = ""

    @property
    def graph_id(self) -> str:
        return _element_id(self.stage_id, "graph", "")


def compile_stage(
    stage: Stage,
    language: str,
    words: Words | None = None,
    highlights: frozenset[Change] = STAGE_HIGHLIGHTS,
) -> CompiledDiagram:
    """Write the stage's graph as DOT, with diagrams' node classes and style defaults.

    ``highlights`` are the kinds of change drawn in their own look: what is new in a
    stage page, and also what changed or went in a diff diagram.
    """
    words = words or _english
    # What diagrams.Diagram(stage.id, direction=..., graph_attr=..., node_attr=...) sets.
    graph_attr = {
        **Diagram._default_graph_attrs,
        "rankdir": stage.direction,
        **_GRAPH_ATTRS,
        "id": _element_id(stage.id, "graph", ""),
    }
    shown = [change for change in LOOKS if change in highlights and _has(stage, change)]
    if shown:
        legends = DIFF_LEGENDS if highlights == DIFF_HIGHLIGHTS else {}
        graph_attr.update(
            {"label": _legend(shown, words, legends), "labelloc": "b", "labeljust": "r"}
        )
    graph = DotGraph(
        stage.id,
        graph_attr,
        node_attr={**Diagram._default_node_attrs, **_NODE_ATTRS},
        edge_attr=dict(Diagram._default_edge_attrs),
    )
    _DiagramBuilder(graph, stage, language, words, highlights).draw()
    return CompiledDiagram(
        stage.id, graph.source(), stage.title.get(language), _description(stage, language, words)
    )


def _english(words: str) -> str:
    return words


def _description(stage: Stage, language: str, words: Words) -> str:
    """What the picture shows, in words: the summary and the components."""
    summary = stage.summary.get(language) if stage.summary else ""
    parts = ", ".join(node.label.get(language) for node in stage.nodes)
    return " ".join(filter(None, [summary, f"{words('Components')}: {parts}."]))


class _DiagramBuilder:
    """Draws groups as nested clusters, nodes inside them and edges, in the spec's order.

    The statements, their order and their attributes are those diagrams would write
    for ``Cluster``, ``node_class(label, nodeid=..., **attrs)`` and ``Edge`` objects.
    """

    def __init__(
        self,
        graph: DotGraph,
        stage: Stage,
        language: str,
        words: Words,
        highlights: frozenset[Change],
    ) -> None:
        self.graph = graph
        self.highlights = highlights
        self.stage = stage
        self.language = language
        self.words = words
        self.nodes = {node.id: node for node in stage.nodes}
        self.groups = {group.id: group for group in stage.groups}
        self.owner = {member: group.id for group in stage.groups for member in group.members}

    def draw(self) -> None:
        for node in self.stage.nodes:
            if node.id not in self.owner:
                self.draw_node(node, self.graph)
        for group in self.stage.groups:
            if group.id not in self.owner:
                self.draw_group(group, self.graph, depth=0)
        for edge in self.stage.edges:
            self.draw_edge(edge)

    def draw_group(self, group: StageGroup, parent: DotGraph, depth: int) -> None:
        # diagrams.Cluster()'s attributes (its direction is always LR, its fill goes by
        # depth), then ours.
        attrs = {
            **Cluster._default_graph_attrs,
            "rankdir": "LR",
            "bgcolor": _CLUSTER_FILLS[depth % len(_CLUSTER_FILLS)],
            "label": _html_label(group.label.get(self.language)) if group.label else "",
            "id": _element_id(self.stage.id, "group", group.id),
            "fontname": FONT,
            "labelloc": "t",  # the legend sets the graph's to 'b'; clusters would inherit it
            "labeljust": "l",
        }
        look = self.look(group.change)
        if look:
            attrs.update({"pencolor": look.color, "penwidth": "2"})
            if group.change is Change.REMOVED:
                attrs["style"] = "rounded,dashed"
        cluster = DotGraph(f"cluster_{group.id}", attrs)
        for member in group.members:
            if member in self.groups:
                self.draw_group(self.groups[member], cluster, depth + 1)
            else:
                self.draw_node(self.nodes[member], cluster)
        parent.subgraph(cluster)

    def draw_node(self, node: StageNode, parent: DotGraph) -> None:
        label = node.label.get(self.language)
        node_class = node.kind.node_class()
        html_label = _html_label(label)
        lines = label.count("\n") + 1
        look = self.look(node.change)
        if look:
            # A table row, not <BR/>: Graphviz spaces lines of mixed font sizes too tightly.
            html_label = (
                f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">'
                f"<TR><TD>{html_label[1:-1]}</TD></TR>"
                f"<TR><TD>{_badge(look, self.words)}</TD></TR></TABLE>>"
            )
            lines += 1
        # diagrams' Node gives a node with an icon shape=none, and a height and an image
        # that ours replace.
        attrs = {"shape": "none"} if node_class._icon else {}
        attrs.update(
            {
                "id": _element_id(self.stage.id, "node", node.id),
                "image": f"{node_class._icon_dir}/{node_class._icon}",
                "height": f"{_ICON_HEIGHT + _LINE_HEIGHT * lines:.2f}",
                "tooltip": _tooltip(label),
            }
        )
        if look:
            attrs["fontcolor"] = look.color
        parent.node(node.id, html_label, attrs)

    def draw_edge(self, edge: StageEdge) -> None:
        source, tail_cluster = self.anchor(edge.source)
        target, head_cluster = self.anchor(edge.target)
        look = self.look(edge.change)
        style = edge.style
        if look and (edge.style == "solid" or change_is_removal(edge.change)):
            style = look.edge_style  # stands out in grayscale print too, not only by colour
        # What diagrams.Edge(label=..., color=..., style=..., **attrs) holds; its
        # forward/reverse flags would give back the spec's own direction word.
        attrs = dict(DiagramsEdge._default_edge_attrs)
        label = _edge_label(edge, self.language)
        if label:
            attrs["label"] = label
        attrs["color"] = (look.color if look else None) or edge.color or EDGE_COLOR
        if style:
            attrs["style"] = style
        attrs.update({"id": _element_id(self.stage.id, "edge", edge.id), "fontname": FONT})
        if tail_cluster:
            attrs["ltail"] = tail_cluster
        if head_cluster:
            attrs["lhead"] = head_cluster
        if not edge.constraint:
            attrs["constraint"] = "false"
        if look:
            attrs["fontcolor"] = look.color
        attrs["dir"] = edge.direction
        self.graph.edge(source, target, attrs)

    def look(self, change: Change) -> Look | None:
        return LOOKS[change] if change in self.highlights else None

    def anchor(self, endpoint: str) -> tuple[str, str | None]:
        """The node an edge is drawn to, and the cluster it is clipped at for a group."""
        if endpoint in self.nodes:
            return endpoint, None
        node = first_node(endpoint, self.groups)
        if node is None:  # resolve refuses such an edge; this would be a bug of ours
            raise ValueError(f"group '{endpoint}' holds no node to draw an edge to")
        return node, f"cluster_{endpoint}"


def change_is_removal(change: Change) -> bool:
    return change is Change.REMOVED


def _has(stage: Stage, change: Change) -> bool:
    parts = (*stage.nodes, *stage.groups, *stage.edges)
    return any(part.change is change for part in parts)


def _badge(look: Look, words: Words) -> str:
    return f'<FONT POINT-SIZE="10"><B>{html.escape(words(look.badge))}</B></FONT>'


def _legend(changes: list[Change], words: Words, legends: dict[Change, str]) -> str:
    """The graph's label: a key to how changed parts are drawn, readable in grayscale."""
    rows = []
    for change in changes:
        look = LOOKS[change]
        line = "┈┈┈▶" if change_is_removal(change) else "━━━▶"
        text = words(legends.get(change, look.legend))
        rows.append(
            f'<TR><TD><FONT COLOR="{look.color}"><B>{line}</B> {_badge(look, words)}'
            f'</FONT></TD><TD ALIGN="LEFT">{html.escape(text)}</TD></TR>'
        )
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4">{"".join(rows)}</TABLE>>'


# Graphviz expands \N, \G, \E, \T, \H and \L in every label, HTML-like ones included,
# and '\\' into one backslash; no quoting prevents it. A zero-width space after each
# backslash breaks those sequences without changing what is drawn, and svg.py removes it
# again, so the SVG's text is exactly what the spec wrote.
GUARD = "\u200b"


def _label_text(text: str) -> str:
    """``text`` as HTML-like label content that Graphviz shows character for character."""
    return html.escape(text).replace("\\", "\\" + GUARD).replace("\n", "<BR/>")


def _tooltip(text: str) -> str:
    """A tooltip is an escString: '&' entities are decoded, backslash sequences expanded
    even when the backslash is doubled; so both are guarded, as in labels."""
    return NotHtml(text.replace("&", "&amp;").replace("\\", "\\\\" + GUARD))


def _edge_label(edge: StageEdge, language: str) -> str:
    text = _label_text(edge.label.get(language)) if edge.label else ""
    if edge.step_numbers:
        numbers = ", ".join(str(n) for n in edge.step_numbers)
        text = f"<B>({numbers})</B> {text}".rstrip()
    return f"<{text}>" if text else ""


def _html_label(text: str, *, bold: bool = False) -> str:
    """A Graphviz HTML-like label that shows ``text`` exactly as written."""
    escaped = _label_text(text)
    return f"<<B>{escaped}</B>>" if bold else f"<{escaped}>"


def _element_id(stage_id: str, part: str, part_id: str) -> str:
    """An SVG element id, prefixed by the stage so several SVGs can share one HTML page."""
    safe = part_id.replace("->", "--").replace("#", "-")
    return f"{stage_id}.{part}.{safe}" if safe else f"{stage_id}.{part}"
