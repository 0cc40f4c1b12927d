"""The colours, widths and label placement of nodes and edges: the theme's, the spec's
own colours, and how a new or changed part is marked without losing the author's colour.

A part that changed is marked in three ways that carry the news in grayscale print too:
a node's badge (NEW, CHANGED) under its label, an edge's bold, heavier line, and the
change's colour. The colour goes only where the spec set none: a red edge that is new
in a stage stays red, bold and heavier, and its label takes the change's colour.
"""

from __future__ import annotations

from archgen.draw import style
from archgen.draw.style import ChangeStyle
from archgen.draw.theme import Theme
from archgen.resolve.stage import StageEdge, StageNode

# With splines=ortho Graphviz 2.43 does not place edge labels ("Orthogonal edges do not
# currently handle edge labels"): an xlabel, placed after the layout, sits by its edge.
XLABEL_SPLINES = frozenset({"ortho"})


def graph_attrs(theme: Theme, splines: str) -> dict[str, str]:
    attrs = {
        "fontcolor": theme.text["color"],
        "fontsize": theme.text["graph_size"],
        "splines": splines,
    }
    if splines in XLABEL_SPLINES:
        attrs["forcelabels"] = "true"  # every xlabel drawn, even where it overlaps
    return attrs


def node_defaults(theme: Theme) -> dict[str, str]:
    return {"fontcolor": theme.text["color"], "fontsize": theme.text["node_size"]}


def edge_defaults(theme: Theme) -> dict[str, str]:
    attrs = {"color": theme.lines["edge_color"]}
    if theme.lines["edge_width"]:
        attrs["penwidth"] = theme.lines["edge_width"]
    return attrs


def node_attrs(node: StageNode, changed: ChangeStyle | None, theme: Theme) -> dict[str, str]:
    """A node's colours: the spec's for its label (and its outline, without an icon),
    else the change's for a changed node's label."""
    if node.color:
        color = theme.color(node.color)
        return {"fontcolor": color, "color": color}
    return {"fontcolor": changed.color} if changed else {}


def badge_color(node: StageNode, changed: ChangeStyle) -> str | None:
    """The badge's own colour, where the label has the spec's."""
    return changed.color if node.color else None


def edge_attrs(edge: StageEdge, changed: ChangeStyle | None, theme: Theme) -> dict[str, str]:
    """An edge's line colour, label colour and width."""
    attrs = {
        "color": theme.color(edge.color) if edge.color else theme.lines["edge_color"],
        "fontcolor": theme.text["color"],
        "fontsize": theme.text["edge_size"],
    }
    if changed:
        attrs["fontcolor"] = changed.color
        if edge.color:  # the author's colour stays; the weight says it changed
            attrs["penwidth"] = style.CHANGED_EDGE_WIDTH
        else:
            attrs["color"] = changed.color
    return attrs


def label_key(splines: str) -> str:
    """The attribute an edge's label goes in for this routing."""
    return "xlabel" if splines in XLABEL_SPLINES else "label"
