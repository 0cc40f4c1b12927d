"""Themes are tables (draw/themes/*.toml): the default holds archgen's own values, every
theme names every palette colour and group shape, icons exist, and the colours are
legible where they are drawn: high-contrast's at 4.5:1 on white, every theme's dark-page
colours at 3:1 on a dark page."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.draw import style
from archgen.draw.icons import icon_root
from archgen.draw.theme import load_theme, theme_names
from archgen.project.options import THEMES
from archgen.spec.styles import PALETTE, GroupStyle

SHAPES = GroupStyle.__args__  # type: ignore[attr-defined]
DARK_PAGE = "#0d1117"  # GitHub's dark page; MkDocs Material's slate is lighter


def luminance(color: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_themes_the_configuration_names_are_the_theme_files() -> None:
    assert tuple(theme_names()) == THEMES


def test_the_default_theme_holds_archgens_own_values() -> None:
    theme = load_theme("default")
    assert theme.text["color"] == style.LABEL_COLOR
    assert theme.lines["edge_color"] == style.EDGE_COLOR
    assert theme.lines["group_border"] == style.CLUSTER_PEN_COLOR
    assert theme.group_fills == style.CLUSTER_FILLS
    assert theme.text["graph_size"] == style.GRAPH_ATTRS["fontsize"]
    assert theme.text["node_size"] == style.NODE_ATTRS["fontsize"]
    assert theme.text["edge_size"] == style.EDGE_DEFAULTS["fontsize"]
    assert theme.text["group_size"] == style.CLUSTER_DEFAULTS["fontsize"]
    assert (theme.lines["edge_width"], theme.lines["group_width"]) == ("", "")
    assert theme.dark_text == style.DARK_TEXT_COLOR
    assert theme.dark_always == style.DARK_COLORS


@pytest.mark.parametrize("name", THEMES)
def test_every_theme_names_every_colour_and_shape(name: str) -> None:
    theme = load_theme(name)
    assert set(theme.palette) == set(PALETTE)
    assert set(theme.groups) == set(SHAPES)
    for look in theme.groups.values():
        assert look.line in ("solid", "dashed", "dotted")
        if look.icon:
            assert (icon_root() / look.icon).is_file(), look.icon
            assert not Path(look.icon).is_absolute()


def test_group_shapes_follow_the_guidelines() -> None:
    groups = load_theme("default").groups
    dashed = {shape for shape, look in groups.items() if look.line == "dashed"}
    assert dashed == {"region", "availability-zone", "auto-scaling-group"}
    without_icon = {shape for shape, look in groups.items() if look.icon is None}
    assert without_icon == {"region", "availability-zone", "security-group"}
    assert all(look.fill is None for look in groups.values())  # the guidelines fill none


def test_high_contrast_colours_read_on_white() -> None:
    theme = load_theme("high-contrast")
    colours = [
        theme.text["color"],
        theme.lines["edge_color"],
        theme.lines["group_border"],
        *theme.palette.values(),
        *(look.border for look in theme.groups.values()),
        *(look.label for look in theme.groups.values()),
    ]
    for colour in colours:
        assert contrast(colour, "#FFFFFF") >= 4.5, colour


@pytest.mark.parametrize("name", THEMES)
def test_colours_stay_legible_on_a_dark_page(name: str) -> None:
    """A colour the theme draws lines or text in is either legible on a dark page as it
    is, or the SVG's dark rules swap it for one that is."""
    theme = load_theme(name)
    swapped = {c.light.upper(): c.dark for c in (*theme.dark_always, *theme.dark_used)}
    drawn = [
        theme.lines["edge_color"],
        *theme.palette.values(),
        *(look.border for look in theme.groups.values()),
    ]
    for colour in drawn:
        shown = swapped.get(colour.upper(), colour)
        assert contrast(shown, DARK_PAGE) >= 3, (colour, shown)
    assert contrast(theme.dark_text, DARK_PAGE) >= 4.5
