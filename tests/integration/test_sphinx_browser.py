"""The Sphinx example site in headless Chromium (Playwright): Sphinx's default theme
(alabaster) in a light browser and Furo in a dark one, at 1,280 and 800 px. The diagram's
figure stays inside the column at every width, with its icons, its text never under
10 px (the picture scrolls inside the figure where the column is narrower), and in
Furo's dark mode the inlined SVG follows the page into dark colours.

Screenshots go to ``$ARCHGEN_SCREENSHOTS`` when set (to be looked at), else to tmp.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO

pytest.importorskip("sphinx")
pytest.importorskip("furo")
playwright = pytest.importorskip("playwright.sync_api")
from sphinx.cmd.build import build_main  # noqa: E402

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("needs Chromium at /usr/bin/chromium", allow_module_level=True)

WIDTHS = (1280, 800)
THEMES = {"alabaster": "light", "furo": "dark"}  # the theme -> the browser's scheme


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example project built once per theme (the stages once: the build is cached
    per doctrees folder, so each theme has its own)."""
    root = tmp_path_factory.mktemp("sphinx-themes")
    shutil.copytree(REPO / "docs" / "sphinx-example", root / "docs" / "sphinx-example")
    shutil.copytree(REPO / "specs", root / "specs")
    built = {}
    for theme in THEMES:
        out = root / theme
        code = build_main(
            ["-q", "-W", "-D", f"html_theme={theme}", "-d", str(out / "doctrees"),
             str(root / "docs" / "sphinx-example"), str(out / "html")]
        )  # fmt: skip
        assert code == 0
        built[theme] = out / "html"
    return built


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


def shots_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ARCHGEN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# What the page draws: the figure's box (the picture scrolls inside it when its text
# would be under 10 px at the column's width), the column's, the page's width, the
# smallest text as drawn, the colours.
MEASURE = """() => {
  const svg = document.querySelector('#archgen-database svg');
  const figure = svg.closest('figure') || svg;
  const box = figure.getBoundingClientRect();
  const column = svg.closest('.archgen').getBoundingClientRect();
  const label = [...svg.querySelectorAll('text')].find(t => t.textContent.trim() === 'Users');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')));
  return {
    left: box.left, right: box.right, width: box.width, columnRight: column.right,
    scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
    images: svg.querySelectorAll('image').length, smallestPx: Math.min(...sizes) * scale,
    page: getComputedStyle(document.body).backgroundColor,
    label: label ? getComputedStyle(label).fill : null,
  };
}"""


def luminance(css: str) -> float:
    """The relative luminance (WCAG) of an ``rgb(r, g, b)`` colour."""
    channels = [int(float(part)) / 255 for part in css[css.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", THEMES)
def test_diagram_fits_the_column_in_both_themes(
    sites: dict[str, Path], browser: Any, theme: str, width: int, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 1000}, color_scheme=THEMES[theme])
    try:
        page.goto((sites[theme] / "first-stages.html").as_uri())
        # Furo scrolls smoothly: at once, so that the picture is taken where it ends.
        page.evaluate(
            "document.querySelector('#archgen-database')"
            ".scrollIntoView({behavior: 'instant', block: 'start'})"
        )
        page.wait_for_timeout(200)
        seen = page.evaluate(MEASURE)
        page.screenshot(path=str(shots_folder(tmp_path) / f"sphinx-{theme}-{width}.png"))
    finally:
        page.close()
    assert seen["images"] > 0  # the icons are inside the inlined SVG
    assert seen["left"] >= 0 and seen["right"] <= seen["columnRight"] + 1
    assert seen["width"] > width / 3  # drawn, not shrunk to nothing
    assert seen["scrollWidth"] <= seen["viewport"]  # the page does not scroll sideways
    assert seen["smallestPx"] >= 9.9  # nor is any text drawn under 10 px
    dark_page = luminance(seen["page"]) < 0.2
    assert dark_page is (THEMES[theme] == "dark")
    # The users' group label, on the page's background: dark text on a light page,
    # light text on Furo's dark one.
    assert seen["label"] is not None
    assert (luminance(seen["label"]) > 0.5) is dark_page
