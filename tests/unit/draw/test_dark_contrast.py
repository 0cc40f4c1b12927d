"""Icons and lines readable on a dark page: the contrast of the colours the SVG's dark
style sheet draws (WCAG 2's contrast ratio), and a Chromium screenshot of an SVG in dark
mode, where the users icon's navy ink is measured against what is behind it."""

from __future__ import annotations

import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import resolve_specs
from pngpixels import read_png

from archgen.draw.compile import compile_stage
from archgen.draw.render import render
from archgen.draw.theme import load_theme, theme_names

CHROMIUM = Path("/usr/bin/chromium")
# GitHub's dark page: what an SVG in a dark documentation theme is shown on.
DARK_PAGE = "#0d1117"
# The ink of the users, client and mobile icons (aws/general/*.png: one colour).
ICON_INK = "#232f3e"
SVG = "{http://www.w3.org/2000/svg}"


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted([luminance(one), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def dark_of(theme_name: str, light: str) -> str:
    theme = load_theme(theme_name)
    return next(c.dark for c in theme.dark_always if c.light.lower() == light.lower())


@pytest.mark.parametrize("name", theme_names())
def test_text_lines_and_group_borders_stand_out_on_a_dark_page(name: str) -> None:
    theme = load_theme(name)
    grounds = [DARK_PAGE, *(dark_of(name, fill) for fill in theme.group_fills)]
    text = theme.dark_text
    line = dark_of(name, theme.lines["edge_color"])
    border = dark_of(name, theme.lines["group_border"])
    # WCAG 2: 4.5:1 for text (AA), 3:1 for the lines and borders a reader must see.
    assert min(contrast(text, ground) for ground in grounds) >= 4.5
    assert min(contrast(line, ground) for ground in grounds) >= 3
    assert min(contrast(border, ground) for ground in grounds) >= 3


@pytest.mark.parametrize("name", theme_names())
def test_dark_icons_have_a_light_plate(name: str) -> None:
    assert contrast(ICON_INK, DARK_PAGE) < 1.5  # why: the ink alone vanishes
    assert contrast(ICON_INK, load_theme(name).dark_plate) >= 7


USERS = """
    id: people
    title: People
    direction: TB
    nodes:
      users: {kind: users}
      web: {kind: ec2}
    edges:
      - {from: users, to: web}
    """


def screenshot(svg: Path, target: Path, dark: bool) -> Path:
    page = svg.with_suffix(".html")
    page.write_text(
        f'<html><body style="margin:0;background:{DARK_PAGE if dark else "#ffffff"}">'
        f'<img src="{svg.name}" style="width:1200px;display:block"></body></html>',
        encoding="utf-8",
    )
    scheme = ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] if dark else []
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                *scheme,
                f"--screenshot={target}",
                "--window-size=1200,600",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    return target


def icon_boxes(svg: bytes) -> list[tuple[int, int, int, int]]:
    """Each icon's box on the screenshot (1 px per pt), inset by a tenth of its size."""
    root = ET.fromstring(svg)
    graph = next(root.iter(f"{SVG}g"))
    found = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", graph.get("transform", ""))
    assert found
    boxes = []
    for use in root.iter(f"{SVG}use"):
        size = float(use.get("width", "0").removesuffix("px"))
        left = float(use.get("x", "0")) + float(found[1]) + size / 10
        top = float(use.get("y", "0")) + float(found[2]) + size / 10
        inner = size * 0.8
        boxes.append((round(left), round(top), round(left + inner), round(top + inner)))
    return boxes


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{channel:02x}" for channel in rgb)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs headless Chromium at /usr/bin/chromium")
def test_the_users_icon_reads_on_a_dark_page(tmp_path: Path) -> None:
    stages, problems = resolve_specs(tmp_path, USERS)
    assert problems == []
    svg = render(compile_stage(stages[0], "en"), ("svg",))["svg"]
    (tmp_path / "people.svg").write_bytes(svg)
    users, ec2 = icon_boxes(svg)
    dark = read_png(screenshot(tmp_path / "people.svg", tmp_path / "dark.png", dark=True))
    pixels = [hex_of(p) for p in dark.pixels(users)]
    ink = min(pixels, key=luminance)
    ground = max(pixels, key=luminance)
    # The navy ink against what is around it inside the icon's box: 1.4 on the bare page.
    assert contrast(ink, ground) >= 7
    # An AWS icon's own square hides its plate: its pixels are those of a light page.
    light = read_png(screenshot(tmp_path / "people.svg", tmp_path / "light.png", dark=False))
    assert dark.pixels(ec2) == light.pixels(ec2)
