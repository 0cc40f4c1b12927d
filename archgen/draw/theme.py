"""Themes: named tables of the values a picture is drawn with (``draw/themes/*.toml``).

A theme holds the page's width, text sizes and colours, line colours and widths, group
outlines and fills, the palette's colours, the AWS group shapes and the dark-page colours.
It is data, read with tomllib once per process; a theme may name a ``base`` and list only
what differs.
``default`` draws exactly what archgen always drew (``tests/unit/draw/test_themes.py``
holds it to ``style.py``'s values); ``project.options.THEMES`` names every theme, so
that the configuration can check a name without reading these files.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archgen.draw.style import DarkColor

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

THEME_FOLDER = Path(__file__).parent / "themes"


@dataclass(frozen=True)
class GroupLook:
    """How an AWS group shape is drawn."""

    border: str
    line: str  # solid, dashed or dotted
    label: str  # the label's colour
    icon: str | None = None  # relative to the folder holding the diagrams package
    fill: str | None = None  # None: no fill, as the guidelines draw most groups
    align: str = "left"  # the label's place at the top: left or center


@dataclass(frozen=True)
class Theme:
    name: str
    text: Mapping[str, str]  # color, graph_size, node_size, edge_size, group_size
    lines: Mapping[str, Any]  # edge_color, edge_width, group_border, group_width, group_fills
    palette: Mapping[str, str]
    groups: Mapping[str, GroupLook]
    dark_text: str
    dark_always: tuple[DarkColor, ...]
    dark_used: tuple[DarkColor, ...]
    page: Mapping[str, Any]  # width: every drawing's width in points (draw/page.py)
    dark_plate: str  # on a dark page, the plate behind every icon (svg.py)
    background: str  # the card every drawing is painted on (draw/schemes.py)
    dark_background: str  # the card where the picture shows dark

    @property
    def group_fills(self) -> tuple[str, ...]:
        return tuple(self.lines["group_fills"])

    def color(self, name: str) -> str:
        """A spec's colour as Graphviz draws it: a palette name's value, else itself."""
        return self.palette.get(name, name)


def theme_names() -> list[str]:
    return sorted(path.stem for path in THEME_FOLDER.glob("*.toml"))


@functools.cache
def load_theme(name: str = "default") -> Theme:
    """The theme ``name``; the configuration checked that it exists."""
    table = _table(name)
    return Theme(
        name=name,
        text=table["text"],
        lines=table["lines"],
        palette=table["palette"],
        groups={key: GroupLook(**look) for key, look in table["groups"].items()},
        dark_text=table["dark"]["text"],
        dark_always=_dark(table["dark"]["always"]),
        dark_used=_dark(table["dark"]["used"]),
        page=table["page"],
        dark_plate=table["dark"]["plate"],
        background=table["page"]["background"],
        dark_background=table["dark"]["background"],
    )


def _table(name: str) -> dict[str, Any]:
    """The theme's table, merged over its base's, one level of tables deep."""
    with (THEME_FOLDER / f"{name}.toml").open("rb") as file:
        table: dict[str, Any] = tomllib.load(file)
    base = table.pop("base", None)
    if base is None:
        return dict(table)
    merged = _table(base)
    for key, value in table.items():
        merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    return merged


def _dark(entries: list[dict[str, Any]]) -> tuple[DarkColor, ...]:
    return tuple(
        DarkColor(entry["light"], entry["dark"], tuple(entry["properties"])) for entry in entries
    )
