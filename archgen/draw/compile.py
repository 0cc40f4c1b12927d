"""Step 3, compile: a ``Stage`` in one language -> the DOT source Graphviz lays out.

The DOT statements are those diagrams' ``Diagram``, ``Cluster``, node and ``Edge``
objects would make, written here (see ``DotGraph``) with diagrams' style defaults and
icons, which ``style.py`` and the catalog's table of node classes keep as archgen's own
values: diagrams is not imported to draw, and Graphviz runs once for every format (see
render), where ``Diagram.__exit__`` writes files, opens viewers and lays the graph out
once per format. What we add on top:

* node and cluster ids come from the spec, never from ``uuid4``;
* icons are referenced relative to the ``diagrams`` package, so no absolute path
  reaches the DOT text, and render embeds them into the SVG;
* every label is an HTML-like label built from escaped text, so quotes, ``<``,
  backslashes and newlines are shown literally instead of being read as DOT syntax.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from archgen.draw import budget, edge_layout, label_fit, layout, looks, page, style
from archgen.draw.custom_icons import distinct_icons, has_icon, node_image
from archgen.draw.dot import DotGraph, NotHtml
from archgen.draw.groups import group_attrs
from archgen.draw.marks import Marks, part_marks
from archgen.draw.style import ChangeStyle
from archgen.draw.theme import Theme, load_theme
from archgen.draw.wrap import wrap
from archgen.resolve.icon_image import NodeIcon
from archgen.resolve.stage import Change, Stage, StageEdge, StageGroup, StageNode

# Translates archgen's own English words (the legend, the badges) into the diagram's
# language; the pages' ``Words`` is one.
Translate = Callable[[str], str]

# The kinds of change drawn in their own style: what is new in a stage's picture, and
# what went, came or changed in a diff diagram.
STAGE_HIGHLIGHTS = frozenset({Change.NEW})
DIFF_HIGHLIGHTS = frozenset({Change.NEW, Change.CHANGED, Change.REMOVED})


@dataclass(frozen=True)
class CompiledDiagram:
    stage_id: str
    dot_source: str
    title: str = ""  # for screen readers: the SVG's <title> and <desc>
    description: str = ""
    theme: str = "default"  # its dark-page colours (svg.py)
    icons: tuple[NodeIcon, ...] = ()  # the nodes' own icons the DOT text names
    # The diagram drawn again, arranged to fit the page, from the first layout's plain
    # output; None if it fits (budget.py). None for a diagram already rearranged.
    rearranged: Callable[[str], CompiledDiagram | None] | None = field(
        default=None, compare=False, repr=False
    )
    marks: Marks = ()  # each part's data for a page that links its steps (draw/marks.py)

    @property
    def graph_id(self) -> str:
        return _element_id(self.stage_id, "graph", "")


def compile_stage(
    stage: Stage,
    language: str,
    words: Translate | None = None,
    highlights: frozenset[Change] = STAGE_HIGHLIGHTS,
    show_title: bool = False,
    theme: Theme | None = None,
    arrangement: budget.Arrangement | None = None,
) -> CompiledDiagram:
    """Write the stage's graph as DOT, with diagrams' icons and style defaults.

    ``highlights`` are the kinds of change drawn in their own style: what is new in a
    stage page, and also what changed or went in a diff diagram. ``show_title`` draws
    the title in the picture, unless the stage's own ``show_title`` says otherwise.
    """
    words = words or _english
    theme = theme or load_theme()
    first_stage, options = stage, (highlights, show_title, theme)
    if arrangement:
        stage = replace(stage, direction=arrangement.direction)
    rank_order = layout.RankOrder(stage)  # one per stage: it walks every group's members
    # What diagrams.Diagram(stage.id, direction=..., graph_attr=..., node_attr=...) sets.
    graph_attr = {
        **style.DIAGRAM_GRAPH_DEFAULTS,
        "rankdir": stage.direction,
        **style.GRAPH_ATTRS,
        "id": _element_id(stage.id, "graph", ""),
        **looks.graph_attrs(theme, stage, language),
        **rank_order.graph_attrs(),
    }
    graph_attr.update(_page(stage, language, words, highlights, show_title, theme))
    graph = DotGraph(
        stage.id,
        graph_attr,
        node_attr={**style.DIAGRAM_NODE_DEFAULTS, **style.NODE_ATTRS, **looks.node_defaults(theme)},
        edge_attr={**style.DIAGRAM_EDGE_DEFAULTS, **looks.edge_defaults(theme)},
    )
    _DiagramBuilder(graph, stage, language, words, highlights, theme, rank_order).draw()
    if arrangement:
        budget.apply(graph, arrangement)
    return CompiledDiagram(
        stage.id,
        graph.source(),
        stage.title.get(language),
        _description(stage, language, words),
        theme.name,
        distinct_icons(stage.nodes),
        None if arrangement else partial(_rearranged, first_stage, language, words, *options),
        part_marks(stage, language, _element_id),
    )


def _page(
    stage: Stage,
    language: str,
    words: Translate,
    highlights: frozenset[Change],
    show_title: bool,
    theme: Theme,
) -> dict[str, str]:
    """The graph's label: the page's width, the legend and, if shown, the title."""
    shown = [c for c in style.CHANGE_STYLES if c in highlights and _has_change(stage, c)]
    legend = page.legend(shown, words, theme, highlights == DIFF_HIGHLIGHTS)
    titled = show_title if stage.show_title is None else stage.show_title
    title = _label_text(stage.title.get(language)) if titled else None
    return page.page_label(theme, title, legend)


def _rearranged(
    stage: Stage,
    language: str,
    words: Translate,
    highlights: frozenset[Change],
    show_title: bool,
    theme: Theme,
    plain: str,
) -> CompiledDiagram | None:
    """The stage compiled again to fit the page, if its first layout is too wide."""
    arrangement = budget.rearrangement(stage, plain, page.content_width(theme))
    if arrangement is None:
        return None
    return compile_stage(stage, language, words, highlights, show_title, theme, arrangement)


def _english(words: str) -> str:
    return words


def _description(stage: Stage, language: str, words: Translate) -> str:
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
        words: Translate,
        highlights: frozenset[Change],
        theme: Theme,
        rank_order: layout.RankOrder,
    ) -> None:
        self.graph = graph
        self.theme = theme
        self.highlights = highlights
        self.stage = stage
        self.language = language
        self.words = words
        self.nodes = {node.id: node for node in stage.nodes}
        self.groups = {group.id: group for group in stage.groups}
        self.rank_order = rank_order
        self.pairs = edge_layout.pairs(stage)
        self.anchors = edge_layout.GroupAnchors(stage, self.pairs.answers)
        self.owner = {member: group.id for group in stage.groups for member in group.members}
        self.drawn: dict[str, int] = {}  # each node's place in the DOT text

    def draw(self) -> None:
        for part_id in layout.top_level_order(self.stage):
            if part_id in self.groups:
                self.draw_group(self.groups[part_id], self.graph, depth=0)
            else:
                self.draw_node(self.nodes[part_id], self.graph)
        layout.arrange(self.graph, self.stage, None)
        for edge in self.stage.edges:
            self.draw_edge(edge)

    def draw_group(self, group: StageGroup, parent: DotGraph, depth: int) -> None:
        # diagrams.Cluster()'s attributes (its direction is always LR, its fill goes by
        # depth), then ours.
        label = _label_text(group.label.get(self.language)) if group.label else ""
        changed = self.change_style(group.change)
        if changed and self.highlights == DIFF_HIGHLIGHTS:
            # A group's shape or border keeps the author's colour, so in a diff, where a
            # group changes with its members unchanged, its badge says so.
            label = " ".join(
                filter(None, [label, page.badge(changed, self.words, self.theme, changed.color)])
            )
        attrs = {
            **style.CLUSTER_DEFAULTS,
            "rankdir": "LR",
            "label": f"<{label}>" if label else "",
            "id": _element_id(self.stage.id, "group", group.id),
            "fontname": style.FONTNAME,
            **style.CLUSTER_LABEL_ATTRS,
        }
        attrs.update(group_attrs(group, depth, self.theme, label, changed))
        cluster = DotGraph(f"cluster_{group.id}", attrs)
        for member in self.anchors.members_drawn(group):
            if self.anchors.is_anchor(member):
                cluster.node(member, "", edge_layout.ANCHOR_ATTRS)
            elif member in self.groups:
                self.draw_group(self.groups[member], cluster, depth + 1)
            else:
                self.draw_node(self.nodes[member], cluster)
        layout.arrange(cluster, self.stage, group)
        parent.subgraph(cluster)

    def draw_node(self, node: StageNode, parent: DotGraph) -> None:
        self.drawn[node.id] = len(self.drawn)
        label = node.label.get(self.language)
        fitted = label_fit.node_label(label, self.stage.wrap, self.theme.text["node_size"])
        html_label = _html_label(fitted)
        lines = html_label.count("<BR/>") + 1
        changed = self.change_style(node.change)
        if changed:
            # A table row, not <BR/>: Graphviz spaces lines of mixed font sizes too tightly.
            badge = page.badge(changed, self.words, self.theme, looks.badge_color(node, changed))
            html_label = (
                f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">'
                f"<TR><TD>{html_label[1:-1]}</TD></TR>"
                f"<TR><TD>{badge}</TD></TR></TABLE>>"
            )
            lines += 1
        # diagrams' Node gives a node with an icon shape=none, and a height and an image
        # that ours replace.
        attrs = {"shape": "none"} if has_icon(node) else {}
        attrs.update(
            {
                "id": _element_id(self.stage.id, "node", node.id),
                "image": node_image(node),
                "height": f"{style.ICON_HEIGHT + style.LINE_HEIGHT * lines:.2f}",
                "tooltip": _tooltip(label),
            }
        )
        attrs.update(looks.node_attrs(node, changed, self.theme))
        parent.node(node.id, html_label, attrs)

    def draw_edge(self, edge: StageEdge) -> None:
        if edge.id in self.pairs.answers:
            edge = edge_layout.turned(edge)
        if edge_layout.written_back(edge, self.owner, self.drawn):
            edge = edge_layout.turned(edge)
        source, tail_cluster = self.anchor(edge.source, toward=edge.target)
        target, head_cluster = self.anchor(edge.target)
        changed = self.change_style(edge.change)
        # What diagrams.Edge(label=..., color=..., style=..., **attrs) holds; its
        # forward/reverse flags would give back the spec's own direction word.
        attrs = dict(style.EDGE_DEFAULTS)
        label = _edge_label(edge, self.language, self.stage.wrap)
        if label:
            attrs[looks.label_key(self.stage.splines)] = label
        attrs.update(looks.edge_attrs(edge, changed, self.theme))
        line = _line_style(edge, changed)
        if line:
            attrs["style"] = line
        attrs.update(
            {"id": _element_id(self.stage.id, "edge", edge.id), "fontname": style.FONTNAME}
        )
        if tail_cluster:
            attrs["ltail"] = tail_cluster
        if head_cluster:
            attrs["lhead"] = head_cluster
        if not edge.constraint:
            attrs["constraint"] = "false"
        attrs["dir"] = edge.direction
        attrs.update(layout.port_attrs(edge))
        attrs.update(edge_layout.request_attrs(edge, self.pairs))
        attrs.update(self.rank_order.edge_attrs(source, target))
        self.graph.edge(source, target, attrs)

    def change_style(self, change: Change) -> ChangeStyle | None:
        """How a part with this change is drawn, if its kind of change is highlighted."""
        return style.CHANGE_STYLES[change] if change in self.highlights else None

    def anchor(self, endpoint: str, toward: str | None = None) -> tuple[str, str | None]:
        """The node an edge is drawn to, or from (toward ``toward``), and the cluster it
        is clipped at for a group."""
        if endpoint in self.nodes:
            return endpoint, None
        node = (
            self.anchors.end(endpoint) if toward is None else self.anchors.start(endpoint, toward)
        )
        return node, f"cluster_{endpoint}"


def _line_style(edge: StageEdge, changed: ChangeStyle | None) -> str | None:
    """A changed edge's solid line takes its change's style, which stands out in grayscale
    print too, not only by colour; a dashed line keeps its meaning. A removed edge is a
    ghost whatever its line."""
    if changed and (edge.style == "solid" or edge.change is Change.REMOVED):
        return changed.edge_style
    return edge.style


def _has_change(stage: Stage, change: Change) -> bool:
    parts: tuple[StageNode | StageGroup | StageEdge, ...] = (
        *stage.nodes,
        *stage.groups,
        *stage.edges,
    )
    return any(part.change is change for part in parts)


def _label_text(text: str) -> str:
    """``text`` as HTML-like label content that Graphviz shows character for character."""
    guarded = html.escape(text).replace("\\", "\\" + style.LABEL_GUARD)
    return guarded.replace("\n", "<BR/>")


def _tooltip(text: str) -> str:
    """A tooltip is an escString: '&' entities are decoded, backslash sequences expanded
    even when the backslash is doubled; so both are guarded, as in labels."""
    return NotHtml(text.replace("&", "&amp;").replace("\\", "\\\\" + style.LABEL_GUARD))


def _edge_label(edge: StageEdge, language: str, width: int) -> str:
    label = wrap(edge.label.get(language), looks.edge_wrap(width)) if edge.label else ""
    text = _label_text(label)
    if edge.step_numbers:
        numbers = ", ".join(str(n) for n in edge.step_numbers)
        text = f"<B>({numbers})</B> {text}".rstrip()
    return edge_layout.padded_label(text) if text else ""


def _html_label(text: str) -> str:
    """A Graphviz HTML-like label that shows ``text`` exactly as written."""
    return f"<{_label_text(text)}>"


def _element_id(stage_id: str, part: str, part_id: str) -> str:
    """An SVG element id, prefixed by the stage so several SVGs can share one HTML page."""
    safe = part_id.replace("->", "--").replace("#", "-")
    return f"{stage_id}.{part}.{safe}" if safe else f"{stage_id}.{part}"


element_id = _element_id  # public: inspect/ finds each part in the SVG by its id
