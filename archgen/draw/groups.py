"""How a group is drawn: the theme's outline and fill by depth, an AWS group shape, or
the spec's own fill, border and border style.

An AWS group shape (``style: vpc``) is drawn as the AWS architecture icon guidelines
draw it: a square-cornered outline in its colour, solid or dashed, no fill, and its
corner icon beside the label at the top left. The icon sits in the cluster's HTML-like
label, a one-row table; Graphviz writes it as an ``<image>`` like a node's icon, so
svg.py embeds it once in the SVG under the same rule, and its path is relative to the
icon folder, never absolute.
"""

from __future__ import annotations

from archgen.draw import style
from archgen.draw.style import ChangeStyle
from archgen.draw.theme import GroupLook, Theme
from archgen.resolve.stage import StageGroup

# The corner icon's size in points: a line of the group's label and a little more.
ICON_POINTS = 20
# Graphviz draws a cluster with no bgcolor in its parent's: 'transparent' draws none.
NO_FILL = "transparent"
# Room between a group shape's outline and what it holds, in points (Graphviz's is 8):
# shapes nest deep (cloud, region, VPC, zone, subnet), and outlines 8 points apart blur.
SHAPE_MARGIN = "14"


def group_attrs(
    group: StageGroup, depth: int, theme: Theme, label: str, changed: ChangeStyle | None
) -> dict[str, str]:
    """The cluster's attributes over compile's defaults; ``label`` is escaped label text."""
    attrs = {
        "pencolor": theme.lines["group_border"],
        "bgcolor": theme.group_fills[depth % len(theme.group_fills)],
        "fontsize": theme.text["group_size"],
    }
    if theme.lines["group_width"]:
        attrs["penwidth"] = theme.lines["group_width"]
    look = theme.groups[group.style] if group.style else None
    if look:
        attrs.update(_shape(look, label))
    if group.fill:
        attrs["bgcolor"] = theme.color(group.fill)
    if group.border:
        attrs["pencolor"] = theme.color(group.border)
    if group.border_style:
        attrs["style"] = _line(group.border_style, rounded=look is None)
    if changed:
        attrs.update(_changed(group, changed, theme))
    return attrs


def _shape(look: GroupLook, label: str) -> dict[str, str]:
    attrs = {
        "pencolor": look.border,
        "style": _line(look.line, rounded=False),
        "bgcolor": look.fill or NO_FILL,
        "fontcolor": look.label,
        "labeljust": "c" if look.align == "center" else "l",
        "margin": SHAPE_MARGIN,
    }
    if look.icon:
        icon = (
            f'<TD FIXEDSIZE="TRUE" WIDTH="{ICON_POINTS}" HEIGHT="{ICON_POINTS}">'
            f'<IMG SRC="{look.icon}" SCALE="TRUE"/></TD>'
        )
        text = f"<TD>{label}</TD>" if label else ""
        attrs["label"] = (
            f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR>{icon}{text}</TR></TABLE>>'
        )
    return attrs


def _line(line: str, *, rounded: bool) -> str:
    """Graphviz's cluster style for an outline: archgen's plain groups are rounded."""
    shown = "" if line == "solid" else line
    if rounded:
        return ",".join(filter(None, ["rounded", shown]))
    return shown or "solid"


def _changed(group: StageGroup, changed: ChangeStyle, theme: Theme) -> dict[str, str]:
    """A changed group's outline is thicker than the others; it takes the change's colour
    only where the spec set none (a shape or a border is the author's), and a removed
    one its ghost line."""
    width = max(float(style.CHANGED_PEN_WIDTH), float(theme.lines["group_width"] or 1) + 1)
    marked = {"penwidth": f"{width:g}"}
    if not (group.style or group.border):
        marked["pencolor"] = changed.color
    if changed.cluster_style:
        marked["style"] = changed.cluster_style if group.style is None else "dashed"
    return marked
