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
from archgen.draw.wrap import display_width, wrap
from archgen.resolve.stage import Stage, StageEdge, StageNode

# With splines=ortho Graphviz 2.43 does not place edge labels ("Orthogonal edges do not
# currently handle edge labels"): an xlabel, placed after the layout, sits by its edge.
XLABEL_SPLINES = frozenset({"ortho"})


def graph_attrs(theme: Theme, stage: Stage, language: str) -> dict[str, str]:
    attrs = {
        "fontcolor": theme.text["color"],
        "fontsize": theme.text["graph_size"],
        "splines": stage.splines,
    }
    if stage.splines in XLABEL_SPLINES:
        attrs["forcelabels"] = "true"  # every xlabel drawn, even where it overlaps
        attrs.update(_label_room(theme, stage, language))
    return attrs


def _label_room(theme: Theme, stage: Stage, language: str) -> dict[str, str]:
    """Room between ranks for the widest edge label. An xlabel takes none in Graphviz's
    layout: it is put beside its edge's middle, on one side or the other, so a gap of
    twice its width keeps it off the nodes on either side."""
    widths = [
        display_width(line) for edge in stage.edges for line in _label_lines(edge, stage, language)
    ]
    if not widths:
        return {}
    inches = 2 * max(widths) * float(theme.text["edge_size"]) * _CHAR_EM / 72 + _LABEL_GAP
    if stage.direction in ("LR", "RL"):
        return {"ranksep": f"{max(inches, float(style.GRAPH_ATTRS['ranksep'])):.2f}"}
    return {"nodesep": f"{max(inches / 2, float(style.GRAPH_ATTRS['nodesep'])):.2f}"}


def _label_lines(edge: StageEdge, stage: Stage, language: str) -> list[str]:
    """The lines of the edge's label as drawn, its step numbers first."""
    text = wrap(edge.label.get(language), edge_wrap(stage.wrap)) if edge.label else ""
    if edge.step_numbers:
        text = f"({', '.join(map(str, edge.step_numbers))}) {text}".rstrip()
    return text.split("\n") if text else []


# A character's average width in ems for the label font, and the room an xlabel keeps
# from the nodes on either side, in inches; measured on Noto Sans at 13 points.
_CHAR_EM = 0.55
_LABEL_GAP = 0.3


def edge_wrap(width: int) -> int:
    """Edge labels sit between ranks, where there is room for half as many again."""
    return width * 3 // 2


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
        if not edge.color:  # the author's colour stays; the weight says it changed
            attrs["color"] = changed.color
        if edge.color or theme.lines["edge_width"]:  # a bold line is no heavier there
            attrs["penwidth"] = style.CHANGED_EDGE_WIDTH
    return attrs


def label_key(splines: str) -> str:
    """The attribute an edge's label goes in for this routing."""
    return "xlabel" if splines in XLABEL_SPLINES else "label"
