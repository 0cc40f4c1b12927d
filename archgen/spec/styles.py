"""The style keys of a spec: group shapes, colours, borders, label wrapping, edge routing.

What each value means is drawn by ``archgen.draw``, from the theme's tables; here are the
names a spec may use and the checks on them, each a one-line message with a suggestion.

Colours: a node's ``color`` and a group's ``fill`` and ``border`` take a name of the
palette or a hex colour. The palette is Okabe and Ito's eight colours, which stay apart
for colour-blind readers, and grey; each theme says which hex value a name draws
(``draw/themes/*.toml``). An edge's ``color`` takes these and, as it always has, every
colour name Graphviz knows (``colors.py``): a palette name means the palette's colour.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import PlainValidator, WithJsonSchema

from archgen.diagnostics import suggest
from archgen.spec.colors import graphviz_color
from archgen.spec.strings import shown, shown_repr

PALETTE = ("black", "orange", "sky", "green", "yellow", "blue", "red", "purple", "grey")

# The group shapes of the AWS architecture icon guidelines (draw/themes/default.toml
# has each one's border, line, fill and corner icon, with where the values come from).
GroupStyle = Literal[
    "aws-cloud",
    "region",
    "availability-zone",
    "vpc",
    "public-subnet",
    "private-subnet",
    "security-group",
    "auto-scaling-group",
    "account",
]
BorderStyle = Literal["solid", "dashed", "dotted"]
Splines = Literal["spline", "ortho", "polyline"]

WRAP_MAX = 200  # characters a line; more is no wrapping to speak of
DEFAULT_WRAP = 22  # a node label's line: about the width of two nodes' column

_HEX = re.compile(r"#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?")
_SHORT_HEX = re.compile(r"#[0-9A-Fa-f]{3}")


def palette_color(value: Any) -> str:
    """A palette name, '#rrggbb', '#rrggbbaa' or '#rgb' (read as '#rrggbb')."""
    if isinstance(value, str):
        if value in PALETTE or _HEX.fullmatch(value):
            return value
        if _SHORT_HEX.fullmatch(value):
            return "#" + "".join(digit * 2 for digit in value[1:])
    written = shown(value) if isinstance(value, str) else shown_repr(value)
    hint = suggest(value.lower(), PALETTE) if isinstance(value, str) else ""
    raise ValueError(
        f"{written} is not a colour: use one of {', '.join(PALETTE)} or '#rrggbb'{hint}"
    )


def edge_color(value: Any) -> str:
    """A palette name, or any colour Graphviz draws (what an edge always took)."""
    if isinstance(value, str) and value in PALETTE:
        return value
    return graphviz_color(value)


def wrap_width(value: Any) -> int:
    """Characters a label's line holds; 0 or false for no wrapping."""
    if value is False:
        return 0
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= WRAP_MAX:
        return value
    written = "true" if value is True else shown_repr(value)
    raise ValueError(
        f"{written} is not a wrap width: use a number of characters a line "
        f"from 1 to {WRAP_MAX}, or 0 or false for no wrapping, such as 'wrap: 20'"
    )


_COLOR_SCHEMA = {
    "anyOf": [
        {"enum": list(PALETTE)},
        {"type": "string", "pattern": "^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$"},
    ]
}
PaletteColor = Annotated[str, PlainValidator(palette_color), WithJsonSchema(_COLOR_SCHEMA)]
EdgeColor = Annotated[
    str,
    PlainValidator(edge_color),
    WithJsonSchema({"anyOf": [{"enum": list(PALETTE)}, {"type": "string"}]}),
]
WrapWidth = Annotated[
    int,
    PlainValidator(wrap_width),
    WithJsonSchema(
        {"anyOf": [{"type": "integer", "minimum": 0, "maximum": WRAP_MAX}, {"const": False}]}
    ),
]
