"""The spec's layout keys, as values: a side of a node, and a tier of nodes.

``spec/model.py`` puts them on its models; what needs the whole graph (ids that must
exist, one tier per node, a tier inside one group) is checked by ``resolve/layout.py``.
docs/spec-format.md ("Layout control") has the rules.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import PlainValidator, WithJsonSchema

from archgen.diagnostics import suggest
from archgen.spec.strings import shown_repr

SIDES = ("top", "bottom", "left", "right")
# Graphviz's compass point for each side: the side of the drawn picture, whatever the
# diagram's direction (measured with dot 2.43: 's' leaves a node at its bottom in LR too).
COMPASS = {"top": "n", "bottom": "s", "left": "w", "right": "e"}
# Words for a side that people write, each with the side it means.
_SIDE_WORDS = {
    **{compass: side for side, compass in COMPASS.items()},
    "north": "top",
    "south": "bottom",
    "west": "left",
    "east": "right",
    "up": "top",
    "down": "bottom",
}


def _hint(value: Any, allowed: tuple[str, ...], words: dict[str, str]) -> str:
    """' (did you mean ...?)' for a word people write for an allowed value (``south``,
    ``down``), the value in another case, or a near spelling: sides and directions alike."""
    if not isinstance(value, str):
        return ""
    meant = words.get(value.lower()) or (value.upper() if value.upper() in allowed else None)
    if meant is None and value.lower() in allowed:
        meant = value.lower()
    return f" (did you mean '{meant}'?)" if meant else suggest(value, allowed)


def _side(value: Any) -> str:
    if isinstance(value, str) and value in SIDES:
        return value
    hint = _hint(value, SIDES, _SIDE_WORDS)
    raise ValueError(f"{shown_repr(value)} is not a side: use top, bottom, left or right{hint}")


Side = Annotated[
    str,
    PlainValidator(_side),
    WithJsonSchema({"enum": list(SIDES), "description": "a side of the node's box"}),
]


def nonempty_tier(tier: tuple[str, ...]) -> tuple[str, ...]:
    if not tier:
        raise ValueError("a tier lists one node or more, such as [web1, web2]")
    return tier


DIRECTIONS = ("LR", "RL", "TB", "BT")
_DIRECTION_WORDS = {
    "down": "TB",
    "vertical": "TB",
    "column": "TB",
    "up": "BT",
    "right": "LR",
    "horizontal": "LR",
    "row": "LR",
    "left": "RL",
}


def _direction(value: Any) -> str:
    if isinstance(value, str) and value in DIRECTIONS:
        return value
    raise ValueError(
        f"{shown_repr(value)} is not a direction: use LR (a row, left to right), RL, "
        f"TB (a column, top to bottom) or BT{_hint(value, DIRECTIONS, _DIRECTION_WORDS)}"
    )


GroupDirection = Annotated[
    Literal["LR", "RL", "TB", "BT"],
    PlainValidator(_direction),
    WithJsonSchema({"enum": list(DIRECTIONS), "description": "LR, RL, TB or BT"}),
]
