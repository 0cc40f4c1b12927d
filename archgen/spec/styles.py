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
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal

from pydantic import PlainValidator, WithJsonSchema

from archgen.diagnostics import suggest
from archgen.spec.colors import GRAPHVIZ_COLOR_NAMES, graphviz_color
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
    x11 = isinstance(value, str) and value in GRAPHVIZ_COLOR_NAMES
    edges_only = f"; X11 names such as {shown(value)} are for edges only" if x11 else ""
    raise ValueError(f"{_not_a_colour(value)}{edges_only}{_colour_hint(value, PALETTE)}")


def edge_color(value: Any) -> str:
    """A palette name, or any colour Graphviz draws (what an edge always took)."""
    if isinstance(value, str) and value in PALETTE:
        return value
    try:
        return graphviz_color(value)
    except ValueError:
        names = [*PALETTE, *sorted(GRAPHVIZ_COLOR_NAMES)]
        or_x11 = " or an X11 colour name Graphviz knows, such as 'steelblue'"
        raise ValueError(f"{_not_a_colour(value, or_x11)}{_colour_hint(value, names)}") from None


_HEX_FORMS = "a hex colour (#rgb, #rrggbb or #rrggbbaa)"


def _not_a_colour(value: Any, or_x11: str = "") -> str:
    """One message for every colour key: the palette's names, the hex forms, and for an
    edge the X11 names."""
    written = shown(value) if isinstance(value, str) else shown_repr(value)
    listed = f"a palette name ({', '.join(PALETTE)})"
    forms = f"{listed}, {_HEX_FORMS}{or_x11}" if or_x11 else f"{listed} or {_HEX_FORMS}"
    return f"{written} is not a colour: use {forms}"


def _colour_hint(value: Any, names: Sequence[str]) -> str:
    return suggest(value.lower(), names) if isinstance(value, str) else ""


# Graphviz's own values of 'splines' that archgen names otherwise.
_GRAPHVIZ_SPLINES: dict[object, str] = {
    "curved": "spline",
    "compound": "spline",
    True: "spline",
    "true": "spline",
    "line": "polyline",
    False: "polyline",
    "false": "polyline",
}


def splines_hint(value: object) -> str:
    """`` (curved is a Graphviz value: use spline)`` for a value Graphviz takes and
    archgen spells otherwise; an empty string for any other value."""
    if isinstance(value, (str, bool)) and value in _GRAPHVIZ_SPLINES:
        written = shown_repr(value) if isinstance(value, bool) else value
        return f" ({written} is a Graphviz value: use {_GRAPHVIZ_SPLINES[value]})"
    return ""


# Hints for a key whose value is one of a list, when no choice is spelled alike.
LITERAL_HINTS: dict[str, Callable[[object], str]] = {"splines": splines_hint}


def wrap_width(value: Any) -> int:
    """Characters a label's line holds; 0 or false for no wrapping."""
    if value is False:
        return 0
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= WRAP_MAX:
        return value
    raise ValueError(
        f"{shown_repr(value)} is not a wrap width: use a number of characters a line "
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
