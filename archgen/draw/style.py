"""archgen's style: every font, colour, fill and size its pictures are drawn with.

One table, read by ``compile.py`` (the DOT attributes), ``svg.py`` (the dark theme) and
``estimate/chart.py`` (the latency chart). The attribute defaults of diagrams' ``Diagram``,
``Cluster`` and ``Edge`` classes are copied here as archgen's own values, from diagrams
0.25.1, the release the committed output was drawn with, so that a new diagrams release
cannot change a picture unnoticed: ``tests/unit/draw/test_diagrams_drift.py`` compares
them with the installed diagrams and says what drifted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from archgen.resolve.stage import Change

# Hangul needs a CJK face; the stack falls back to whatever sans-serif the viewer has.
FONT_STACK = (
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Apple SD Gothic Neo",
    "Malgun Gothic",
    "sans-serif",
)
FONTNAME = ",".join(FONT_STACK)  # Graphviz's fontname
FONT_FAMILY = ", ".join(FONT_STACK)  # CSS's font-family, as the latency chart writes it

LABEL_COLOR = "#2D3436"  # diagrams' text colour, for graph, node and edge labels
EDGE_COLOR = "#7B8894"  # diagrams' line colour
CLUSTER_PEN_COLOR = "#AEB6BE"  # diagrams' cluster outline
# diagrams' cluster fills, by nesting depth (Cluster.__bgcolors there).
CLUSTER_FILLS = ("#E5F5FD", "#EBF3E7", "#ECE8F6", "#FDF7E3")

# --- What diagrams 0.25.1 sets: its classes' _default_*_attrs, copied ------------------

DIAGRAM_GRAPH_DEFAULTS: Mapping[str, str] = {  # Diagram._default_graph_attrs
    "pad": "2.0",
    "splines": "ortho",
    "nodesep": "0.60",
    "ranksep": "0.75",
    "fontname": "Sans-Serif",
    "fontsize": "15",
    "fontcolor": LABEL_COLOR,
}
DIAGRAM_NODE_DEFAULTS: Mapping[str, str] = {  # Diagram._default_node_attrs
    "shape": "box",
    "style": "rounded",
    "fixedsize": "true",
    "width": "1.4",
    "height": "1.4",
    "labelloc": "b",
    "imagescale": "true",
    "fontname": "Sans-Serif",
    "fontsize": "13",
    "fontcolor": LABEL_COLOR,
}
DIAGRAM_EDGE_DEFAULTS: Mapping[str, str] = {"color": EDGE_COLOR}  # Diagram._default_edge_attrs
CLUSTER_DEFAULTS: Mapping[str, str] = {  # Cluster._default_graph_attrs
    "shape": "box",
    "style": "rounded",
    "labeljust": "l",
    "pencolor": CLUSTER_PEN_COLOR,
    "fontname": "Sans-Serif",
    "fontsize": "12",
}
EDGE_DEFAULTS: Mapping[str, str] = {  # Edge._default_edge_attrs
    "fontcolor": LABEL_COLOR,
    "fontname": "Sans-Serif",
    "fontsize": "13",
}

# --- What archgen draws over them -----------------------------------------------------

# splines=spline: diagrams' ortho is much slower on large graphs.
GRAPH_ATTRS: Mapping[str, str] = {
    "pad": "0.1",  # inches of blank around the page (draw/page.py)
    "splines": "spline",
    "nodesep": "0.7",
    "ranksep": "1.1",
    "compound": "true",
    "fontname": FONTNAME,
    "fontsize": "15",
    "label": "",
}
# A fixed node size keeps every icon the same size: the icon at the top, the label's
# lines under it. (fixedsize=shape would give long labels room in the layout, but
# Graphviz 2.43 asserts on it with compound edges.)
NODE_ATTRS: Mapping[str, str] = {"fontname": FONTNAME, "fontsize": "13", "imagepos": "tc"}
ICON_HEIGHT = 1.4  # inches, as diagrams draws them
LINE_HEIGHT = 0.26  # one line of 13 pt text with its spacing
# Clusters keep their label at their top left: the legend sets the graph's label to
# the bottom centre, and clusters would inherit that.
CLUSTER_LABEL_ATTRS: Mapping[str, str] = {"labelloc": "t", "labeljust": "l"}
LEGEND_ATTRS: Mapping[str, str] = {"labelloc": "b", "labeljust": "c"}
# The title in the picture (show_title), centred at the top, with the legend under it.
TITLE_ATTRS: Mapping[str, str] = {"labelloc": "t", "labeljust": "c"}
TITLE_POINT_SIZE = "24"

# Graphviz expands \N, \G, \E, \T, \H and \L in every label, HTML-like ones included,
# and '\\' into one backslash; no quoting prevents it. A zero-width space after each
# backslash breaks those sequences without changing what is drawn, and svg.py removes it
# again, so the SVG's text is exactly what the spec wrote.
LABEL_GUARD = "\u200b"


# --- Parts that changed ---------------------------------------------------------------


@dataclass(frozen=True)
class ChangeStyle:
    """How a part that changed is drawn: a colour, a badge word and, for edges, a line.

    The colours (Okabe-Ito blue and orange, and grey) stay apart for colour-blind
    readers; the badge and the line style carry the same news in grayscale print.
    """

    color: str
    badge: str  # under a node's label, and in the legend
    stage_legend: str  # the legend's words in a stage's own picture
    diff_legend: str  # and in a diff diagram
    edge_style: str
    legend_line: str  # the legend's picture of the edge style
    cluster_style: str | None = None  # a group's outline, when it differs from the others


NEW_COLOR = "#0072B2"  # Okabe-Ito blue: tells apart from grey for colour-blind readers too
CHANGE_STYLES: Mapping[Change, ChangeStyle] = {
    Change.NEW: ChangeStyle(NEW_COLOR, "NEW", "New in this stage", "Added", "bold", "━━━▶"),
    Change.CHANGED: ChangeStyle("#D55E00", "CHANGED", "Changed", "Changed", "bold", "━━━▶"),
    # A removed part is a faint ghost.
    Change.REMOVED: ChangeStyle(
        "#9E9E9E", "REMOVED", "Removed", "Removed", "dotted", "┈┈┈▶", "rounded,dashed"
    ),
}
CHANGED_PEN_WIDTH = "2"  # a changed group's outline
CHANGED_EDGE_WIDTH = "3"  # a changed edge's line, where it keeps the spec's colour
BADGE_POINT_SIZE = "10"


# --- The dark theme -------------------------------------------------------------------


@dataclass(frozen=True)
class DarkColor:
    """A colour of the drawing and the one that replaces it on a dark page."""

    light: str
    dark: str
    properties: tuple[str, ...]  # the SVG attributes it is replaced in: stroke, fill


DARK_TEXT_COLOR = "#e6edf3"  # every text, whatever its colour on a light page
DARK_COLORS = (
    DarkColor(EDGE_COLOR, "#a9b4be", ("stroke", "fill")),  # lines and their arrowheads
    DarkColor(CLUSTER_PEN_COLOR, "#71808e", ("stroke",)),
    *(
        DarkColor(light, dark, ("fill",))
        for light, dark in zip(
            CLUSTER_FILLS, ("#172633", "#1a2b1f", "#241f33", "#2e2a1a"), strict=True
        )
    ),
    DarkColor(NEW_COLOR, "#56b4e9", ("stroke", "fill")),
)


# --- The latency chart (estimate/chart.py) --------------------------------------------

# One colour per thousandfold: nanoseconds, microseconds, milliseconds, seconds.
CHART_BAR_COLORS = ("#4c78a8", "#54a24b", "#f58518", "#e45756")
CHART_INK = "#1f2328"
CHART_GRID = "#d0d7de"
CHART_MUTED = "#57606a"  # the axis' tick labels
CHART_PAPER = "#ffffff"  # the background, and the outline that keeps labels off the grid
