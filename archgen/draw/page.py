"""The page a diagram is drawn on: one width and one scale for every stage.

Every stage is drawn on a canvas of the theme's page width (``[page] width``, in points),
its content centred, so that a book printing the stages at one page width prints them at
one scale: the same icon size, the same text size, in every figure. Graphviz has no
option for a canvas wider than the drawing; the graph's label does it. Its table holds a
row of a fixed width (``<TD FIXEDSIZE="TRUE" WIDTH=...>``), and Graphviz makes the
drawing at least as wide as its label and centres the parts in it (measured with dot
2.43). The same label holds the legend, centred under the drawing, and with
``show_title`` the title at the top, the legend under it.

The page is 1,200 pt wide: printed on a 1,200 px page, a point is a pixel, so the
smallest text (10 pt: the badges) is 10 px there and an icon is 100 px, in every stage.
A stage whose content is wider than the page is rearranged, not shrunk (budget.py).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from archgen.draw import style
from archgen.draw.style import ChangeStyle
from archgen.draw.theme import Theme
from archgen.resolve.stage import Change

# The page width at which text must still read: 10 px at a 1,200 px wide page.
READING_WIDTH_PX = 1200
SMALLEST_TEXT_PX = 10
# The blank around the drawing, in inches (diagrams' 2.0 left two inches of nothing on
# every side of a figure).
PAD_INCHES = float(style.GRAPH_ATTRS["pad"])
# Graphviz keeps this many points between the graph's label and the drawing's edge,
# on the left and on the right together (measured with dot 2.43).
_LABEL_MARGINS = 16
# The space around the label table's cells, which also widens it on either side.
_CELL_SPACING = 4
# The legend's entries, on one line: this much blank between two of them.
_LEGEND_GAP = "\u2003\u2003"

Translate = Callable[[str], str]


def page_width(theme: Theme) -> float:
    """The width of every stage's SVG and PNG, in points."""
    return float(theme.page["width"])


def content_width(theme: Theme) -> float:
    """The widest drawing that fits the page: the page less its blank."""
    return page_width(theme) - 2 * PAD_INCHES * 72


def smallest_text(theme: Theme) -> float:
    """The smallest text size, in points, that is 10 px when the page is 1,200 px wide."""
    return SMALLEST_TEXT_PX * page_width(theme) / READING_WIDTH_PX


def badge_size(theme: Theme) -> str:
    """The badges' size: the style's, or larger where the page is wider than 1,200 pt."""
    size = max(float(style.BADGE_POINT_SIZE), smallest_text(theme))
    return f"{size:g}"


def badge(changed: ChangeStyle, words: Translate, theme: Theme, color: str | None = None) -> str:
    """A part's badge (NEW, CHANGED, REMOVED), as HTML-like label text."""
    shade = f' COLOR="{color}"' if color else ""
    text = html.escape(words(changed.badge))
    return f'<FONT POINT-SIZE="{badge_size(theme)}"{shade}><B>{text}</B></FONT>'


def legend(changes: Sequence[Change], words: Translate, theme: Theme, in_diff: bool) -> str:
    """The key to how changed parts are drawn, one line of entries, readable in grayscale:
    each entry the change's line, its badge and its words."""
    entries = []
    for change in changes:
        changed = style.CHANGE_STYLES[change]
        text = html.escape(words(changed.diff_legend if in_diff else changed.stage_legend))
        entries.append(
            f'<FONT COLOR="{changed.color}"><B>{changed.legend_line}</B>\u00a0'
            f"{badge(changed, words, theme)}</FONT>\u00a0{text}"
        )
    return _LEGEND_GAP.join(entries)


def page_label(theme: Theme, title: str | None, legend_line: str | None) -> dict[str, str]:
    """The graph attributes of the page: its width, and the legend under the drawing or,
    with a title (escaped HTML-like text), the title and the legend above it."""
    # Graphviz adds 0.4 pt to the drawing it is given (its bounding box is rounded up):
    # one point less keeps the page within its width, so that 10 pt stays 10 px.
    width = round(content_width(theme) - _LABEL_MARGINS - 2 * _CELL_SPACING) - 1
    rows = [f'<TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="1"></TD>']
    if title is not None:
        size = style.TITLE_POINT_SIZE
        rows.append(f'<TD><FONT POINT-SIZE="{size}"><B>{title}</B></FONT></TD>')
    if legend_line:
        rows.append(f"<TD>{legend_line}</TD>")
    cells = "".join(f"<TR>{row}</TR>" for row in rows)
    spacing = f'CELLSPACING="{_CELL_SPACING}" CELLPADDING="0"'
    table = f'<<TABLE BORDER="0" CELLBORDER="0" {spacing}>{cells}</TABLE>>'
    place = style.TITLE_ATTRS if title is not None else style.LEGEND_ATTRS
    return {"label": table, **place}
