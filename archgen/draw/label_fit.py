"""Node labels that fit their box: wrapped to the node's width in points, measured with
the font the PNG is drawn with, after the spec's own ``wrap`` (a number of characters).

Every node is drawn at one fixed size (``style.DIAGRAM_NODE_DEFAULTS``: the icons stay
the same size), so a line wider than the box is drawn over its sides and Graphviz warns
"size too small for label" (17 nodes of the twelve stages did). The spec's ``wrap`` keeps
its meaning, the most characters a line holds, which an author may set lower; the box
then has the last word: a line still wider than it is wrapped again, at spaces, by
``text_metrics.text_width``. ``wrap: 0`` (or ``false``) still turns all wrapping off.
"""

from __future__ import annotations

from archgen.draw import style
from archgen.draw.text_metrics import text_width
from archgen.draw.wrap import display_width, wrap, wrap_measured

POINTS_PER_INCH = 72
# The points of a fixed-size node's width its label may not use. Measured with dot 2.43,
# Noto Sans CJK KR at 13 points, in a 1.4 in (100.8 pt) node: lines text_width finds
# up to 98.9 points wide fit, from 99.6 points on dot warns (it pads a label and
# measures about a point wider, kerning Latin pairs); 5 leaves 95.8 points, 3 under.
SIDE_ROOM = 5.0


def node_label(text: str, wrap_columns: int, font_size: str) -> str:
    """``text`` wrapped at ``wrap_columns`` characters, then to the node box's width
    (``font_size``: the theme's, in points)."""
    if wrap_columns <= 0:  # 'wrap: 0' or 'wrap: false': the author wants it unwrapped
        return text
    wrapped = wrap(text, wrap_columns)
    point_size = float(font_size)
    room = float(style.DIAGRAM_NODE_DEFAULTS["width"]) * POINTS_PER_INCH - SIDE_ROOM
    if all(text_width(line, point_size) <= room for line in wrapped.split("\n")):
        return wrapped

    def share_of_a_line(line: str) -> float:
        """How full a line is, by the fuller of the two limits: 1 is a full line."""
        return max(display_width(line) / wrap_columns, text_width(line, point_size) / room)

    return wrap_measured(text, 1.0, share_of_a_line)
