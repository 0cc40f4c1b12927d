"""Every label of every diagram legible on whatever page it lands on, measured in Chromium.

Built MkDocs sites, with MkDocs' own theme (light, and `color_mode: dark`) and with
Material (no palette, and `palette: scheme: slate`), Sphinx sites with its default
theme (alabaster, light only) and with Furo (light or dark by the reader's choice), and a
plain page as GitHub shows a Markdown file (an ``<img>`` on a light or dark page that
declares no colour scheme; also in the high-contrast theme),
opened in every combination of page theme and system scheme (Playwright's colour-scheme
emulation), at 1,280 and 800 px wide. Each diagram is shown inlined, as the MkDocs plugin
and the Sphinx extension inline it (two diagrams on one page too), and as an ``<img>`` of
its SVG (the plugin's ``inline: false``, an image in a Sphinx page). ``site_contrast``
measures each label against the pixels behind it (WCAG 2, 4.5:1) and each icon against
its ground (3:1).

The screenshots are kept under the test's temporary folder (``shots/``) to be looked at.
"""

from __future__ import annotations

import html
import http.server
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import markdown
import pytest
from helpers import EXAMPLE_SPECS, build_into, run_module
from site_contrast import Reading, measure_page

pytestmark = pytest.mark.slow  # integration: mkdocs builds and a real browser

CHROMIUM = Path("/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():  # pragma: no cover - the test setup installs it
    pytest.skip("needs headless Chromium at /usr/bin/chromium", allow_module_level=True)

# site -> (the theme table of mkdocs.yml for a light page, for a dark page)
_MKDOCS = "name: mkdocs\n  highlightjs: false"  # highlight.js would come from a CDN
_MATERIAL = "name: material\n  font: false"  # Material would fetch its fonts
THEMES = {
    "mkdocs": (_MKDOCS, f"{_MKDOCS}\n  color_mode: dark"),
    "material": (_MATERIAL, f"{_MATERIAL}\n  palette:\n    scheme: slate"),
}
SCHEMES = ("light", "dark")
WIDTHS = (1280, 800)
STAGE = "database"  # the example's second stage: line-art icons (browser, phone), groups


def mkdocs_site(site: str, root: Path, page: str) -> dict[str, str]:
    """A site of the example specs with the plugin, themed for a ``page`` page: the
    stage's page as the plugin makes it (its SVG inlined), a page of the author's showing
    two stages' pictures (both inlined: two diagrams share the page), and the stage's page
    built with ``inline: false`` (its SVG an <img>)."""
    pages = {}
    for shown, option in (("inline", ""), ("img", "      inline: false\n")):
        project = root / "projects" / f"{site}-{page}-{shown}"
        (project / "docs").mkdir(parents=True)
        (project / "docs" / "index.md").write_text("# Example\n", encoding="utf-8")
        both = "".join(f"![{n}](architecture/{n}.svg)\n\n" for n in (STAGE, "single-server"))
        (project / "docs" / "both.md").write_text(f"# Two diagrams\n\n{both}", encoding="utf-8")
        theme = THEMES[site][SCHEMES.index(page)]
        (project / "mkdocs.yml").write_text(
            f"site_name: colours\ntheme:\n  {theme}\nplugins:\n  - archgen:\n"
            f"      specs: ../../specs\n      formats: [svg]\n{option}",
            encoding="utf-8",
        )
        built = root / "www" / f"{site}-{page}-{shown}"
        result = run_module("mkdocs", "build", "--strict", "-d", built, cwd=project)
        assert result.code == 0, result.stderr
        stage = (built / "architecture" / STAGE / "index.html").read_text(encoding="utf-8")
        assert ("<img " in stage) is (shown == "img"), f"the plugin's {shown} page"
        pages[shown] = f"{site}-{page}-{shown}/architecture/{STAGE}/"
    pages["inline-two"] = f"{site}-{page}-inline/both/"
    return pages


def svg_markup(path: Path) -> str:
    """An SVG file as markup to put into HTML: without its XML declaration and doctype."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("<svg") :]


def plain_page(theme: str, root: Path, page: str) -> dict[str, str]:
    """The stage's Markdown page as GitHub's Markdown view shows it: the image an <img>,
    the page light (#ffffff) or dark (#0d1117, GitHub's) with no colour scheme declared,
    the case where an image cannot know the page it is on."""
    name = "plain" if theme == "default" else f"plain-{theme}"
    output = build_into(root / f"{name}-{page}-build", "--format", "svg", "--theme", theme)
    text = (output / f"{STAGE}.md").read_text(encoding="utf-8")
    body = markdown.markdown(text, extensions=["tables"])
    colours = {"light": "#ffffff;color:#1f2328", "dark": "#0d1117;color:#e6edf3"}[page]
    folder = root / "www" / f"{name}-{page}" / "architecture"
    folder.mkdir(parents=True)
    shutil.copy(output / f"{STAGE}.svg", folder)
    (folder / f"{STAGE}.html").write_text(
        f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(STAGE)}"
        f'</title></head><body style="background:{colours};max-width:1012px;'
        f'margin:0 auto;font-family:sans-serif"><article style="padding:32px">'
        f"{body.replace('<img ', '<img style=max-width:100% ')}</article></body></html>",
        encoding="utf-8",
    )
    return {"img": f"{name}-{page}/architecture/{STAGE}.html"}


def sphinx_site(theme: str, root: Path, page: str) -> dict[str, str]:
    """A Sphinx site in ``theme`` with archgen's extension: a page showing two stages
    with the directive (their SVGs inlined), and the built SVG as an image. Furo's page
    is made light or dark by the reader's choice, which PAGE_SCRIPTS sets."""
    output = build_into(root / f"{theme}-{page}-build", "--format", "svg")
    source = root / "projects" / f"{theme}-{page}"
    source.mkdir(parents=True)
    (source / "conf.py").write_text(
        f'project = "colours"\nhtml_theme = "{theme}"\nextensions = ["archgen.sphinx"]\n'
        f'archgen_specs = "{root / "specs"}"\narchgen_formats = ["svg"]\n',
        encoding="utf-8",
    )
    shutil.copy(output / f"{STAGE}.svg", source)
    (source / "img.rst").write_text(f"Image\n=====\n\n.. image:: {STAGE}.svg\n", encoding="utf-8")
    (source / "inline.rst").write_text(
        f"Inline\n======\n\n.. archgen:: {STAGE}\n\n.. archgen:: single-server\n",
        encoding="utf-8",
    )
    index = "Colours\n=======\n\n.. toctree::\n\n   img\n   inline\n"
    (source / "index.rst").write_text(index, encoding="utf-8")
    built = root / "www" / f"{theme}-{page}"
    result = run_module("sphinx", "-q", "-b", "html", source, built, cwd=root)
    assert result.code == 0, result.stderr
    return {"img": f"{theme}-{page}/img.html", "inline": f"{theme}-{page}/inline.html"}


# Each site: a function of (the folder to build in, "light" or "dark") that writes the
# site into <folder>/www and returns the pages to open there, by how they show the
# diagrams ("img", "inline", "inline-two").
SITES: dict[str, Callable[[Path, str], dict[str, str]]] = {
    "mkdocs": partial(mkdocs_site, "mkdocs"),
    "material": partial(mkdocs_site, "material"),
    "plain": partial(plain_page, "default"),
    "alabaster": partial(sphinx_site, "alabaster"),
    "furo": partial(sphinx_site, "furo"),
    "plain-high-contrast": partial(plain_page, "high-contrast"),
}
LIGHT_ONLY = {"alabaster"}  # Sphinx' default theme has no dark page
# A script run before a site's page loads, where only the reader's choice makes the
# page light or dark (Furo's default, `auto`, follows the system).
PAGE_SCRIPTS: dict[tuple[str, str], str] = {
    ("furo", page): f"localStorage.setItem('theme', '{page}')" for page in SCHEMES
}


@pytest.fixture(scope="module")
def www(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[tuple[str, str], Any]]:
    """Every site built for a light and a dark page, and the pages each offers."""
    root = tmp_path_factory.mktemp("colours")
    shutil.copytree(EXAMPLE_SPECS, root / "specs")
    pages = {
        (site, page): make(root, page)
        for site, make in SITES.items()
        for page in SCHEMES
        if (site, page) in SITE_PAGES
    }
    return root / "www", pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(www: tuple[Path, Any]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_QuietHandler, directory=str(www[0]))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module: every combination is a context of its own."""
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


def readings_of(
    browser: Any, url: str, system: str, width: int, shots: Path, name: str, script: str
) -> list[Reading]:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=system, device_scale_factor=2
    )
    if script:
        context.add_init_script(script)
    # Nothing may come from the network: only the local server answers.
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(url)
        return measure_page(page, shots, name)
    finally:
        context.close()


SITE_PAGES = [(s, p) for s in SITES for p in SCHEMES if not (s in LIGHT_ONLY and p == "dark")]
COMBINATIONS = [
    pytest.param(site, page, system, width, id=f"{site}-{page}-page-{system}-system-{width}px")
    for site, page in SITE_PAGES
    for system in SCHEMES
    for width in WIDTHS
]


@pytest.mark.parametrize(("site", "page", "system", "width"), COMBINATIONS)
def test_every_label_and_icon_is_legible(
    browser: Any,
    served: str,
    www: tuple[Path, dict[tuple[str, str], dict[str, str]]],
    site: str,
    page: str,
    system: str,
    width: int,
) -> None:
    folder, pages = www
    shots = folder.parent / "shots"
    name = f"{site}-{page}-{system}-{width}"
    urls = pages[site, page]
    script = PAGE_SCRIPTS.get((site, page), "")
    readings = []
    for embed, path in urls.items():
        url, shot = f"{served}/{path}", f"{name}-{embed}"
        readings += readings_of(browser, url, system, width, shots, shot, script)
    assert {r.inline for r in readings} == {embed.startswith("inline") for embed in urls}
    labels = [r for r in readings if r.kind == "label"]
    inlined = any(embed.startswith("inline") for embed in urls)
    assert len({r.diagram for r in readings}) == (2 if inlined else 1)
    assert len(labels) >= 10 and any(r.kind == "icon" for r in readings)
    unreadable = [
        f"{'inlined' if r.inline else '<img>'} {r.diagram!r}: {r.kind} {r.name!r} {r.contrast:.2f}"
        for r in readings
        if not r.legible
    ]
    assert unreadable == [], f"{name}: {len(unreadable)} of {len(readings)} parts unreadable"
