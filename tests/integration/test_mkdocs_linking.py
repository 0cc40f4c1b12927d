"""Inlined diagrams in a real `mkdocs build`, driven in headless Chromium (Playwright):
steps light their edges and back, nodes lead to their rows, the enlarged view opens and
closes with the keyboard, two diagrams on one page keep to themselves, no text under
10 px. One browser for the module."""

from __future__ import annotations

import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from helpers import EXAMPLE_SPECS, REPO, run_archgen, run_module

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
VERMILLION = "rgb(213, 94, 0)"  # what a lit edge is drawn in (embed.css)
READS_SPEC = """\
id: reads
order: 3
extends: database
title: Reads
steps:
  - {edge: tier-request, text: A request reaches the web tier.}
  - {edge: read-write, text: The web tier queries the database.}
  - {edge: return-data, text: The database returns the data.}
"""
CONFIG = """\
site_name: linking
docs_dir: docs
theme: {name: mkdocs, highlightjs: false}
plugins:
  - archgen:
      specs: specs
      formats: [svg]
      languages: [en, ko]
"""


def both_pages(root: Path) -> str:
    """An author's page showing two stages' pages one after the other, as archgen wrote
    them (links made relative to the page)."""
    result = run_archgen("build", "specs", "-o", "written", "--format", "svg", cwd=root)
    assert result.code == 0, result.stderr
    pages = [
        (root / "written" / f"{stage}.md").read_text("utf-8")
        for stage in ("single-server", "reads")
    ]
    text = "\n\n".join(page.replace("\n# ", "\n## ") for page in pages)
    return re.sub(r"\]\(([a-z-]+)\.(svg|md)\)", r"](architecture/\1.\2)", text)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("linking")
    shutil.copytree(EXAMPLE_SPECS, root / "specs")
    (root / "specs" / "03-reads.yaml").write_text(READS_SPEC, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs" / "both.md").write_text(both_pages(root), encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    result = run_module("mkdocs", "build", "-f", "mkdocs.yml", "-d", "site", cwd=root)
    assert result.code == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    handler = partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("needs Chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


@pytest.fixture
def page(browser, served: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.base = served
    yield opened
    context.close()


def edge(page, stage: str, edge_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[id="{stage}.edge.{edge_id}"]')


def lit(locator) -> bool:  # type: ignore[no-untyped-def]
    return "archgen-lit" in (locator.first.get_attribute("class") or "").split()


def stroke(locator) -> str:  # type: ignore[no-untyped-def]
    return str(locator.locator("path").first.evaluate("p => getComputedStyle(p).stroke"))


def test_hovering_step_3_lights_its_edge_and_back(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base}/architecture/single-server/")
    request = edge(page, "single-server", "users--web")
    assert not lit(request) and stroke(request) != VERMILLION
    page.locator('[id="single-server.step.3"]').hover()
    assert lit(request) and stroke(request) == VERMILLION
    assert lit(page.locator('[id="single-server.node.web"]'))
    assert lit(page.locator('[id="single-server.group.users"]'))
    assert not lit(edge(page, "single-server", "users--dns"))
    assert page.locator("svg .archgen-lit").count() == 3  # the edge and the two it joins

    page.mouse.move(0, 0)
    assert not lit(request)
    request.locator("path").first.hover(force=True)
    assert lit(page.locator('[id="single-server.step.3"]'))
    assert not lit(page.locator('[id="single-server.step.2"]'))


def test_tab_to_step_3_lights_the_same(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base}/architecture/single-server/")
    page.locator('[id="single-server.step.2"]').focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "single-server.step.3"
    request = edge(page, "single-server", "users--web")
    assert lit(request) and stroke(request) == VERMILLION
    page.keyboard.press("Tab")
    assert not lit(request) and lit(edge(page, "single-server", "web--users"))


def test_a_node_leads_to_its_row_and_shows_its_service(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base}/architecture/single-server/")
    node = page.locator('[id="single-server.node.web"]')
    node.hover()
    tooltip = page.locator(".archgen-tooltip")
    assert tooltip.is_visible() and tooltip.text_content() == "Web server \u2014 Amazon EC2"
    node.locator("a").click()
    assert page.url.endswith("#single-server.component.web")
    row = page.locator(":target")
    assert row.get_attribute("id") == "single-server.component.web"
    assert "Web server" in row.inner_text()
    assert row.locator("a").get_attribute("href") == "https://aws.amazon.com/ec2/"
    assert row.evaluate("r => r.getBoundingClientRect().top") < 900  # scrolled to it


def test_the_enlarged_view_opens_and_closes_with_the_keyboard(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base}/architecture/single-server/")
    enlarge = page.locator(".archgen-enlarge")
    for key in ("Enter", " "):
        enlarge.focus()
        page.keyboard.press(key)
        dialog = page.locator("dialog.archgen-dialog")
        assert dialog.evaluate("d => d.open") is True
        assert dialog.locator("svg.archgen-svg").count() == 1
        assert page.locator("figure svg.archgen-svg").count() == 0  # moved, ids stay unique
        page.keyboard.press("+")  # zooms: the picture grows
        width = dialog.locator("svg").evaluate("s => s.getBoundingClientRect().width")
        page.keyboard.press("-")
        assert dialog.locator("svg").evaluate("s => s.getBoundingClientRect().width") < width
        page.keyboard.press("Escape")
        assert dialog.evaluate("d => d.open") is False
        assert page.locator("figure svg.archgen-svg").count() == 1
        assert page.evaluate("document.activeElement.className") == "archgen-enlarge"


def test_a_korean_page_says_its_words_in_korean(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base}/architecture/ko/single-server/")
    enlarge = page.locator(".archgen-enlarge")
    assert enlarge.inner_text() == "크게 보기"
    assert enlarge.get_attribute("aria-label") == "크게 보기: 단일 서버"
    enlarge.click()
    bar = page.locator("dialog.archgen-dialog button")
    assert bar.all_inner_texts() == ["+", "\u2212", "맞춤", "닫기"]
    assert bar.first.get_attribute("aria-label") == "확대"
    page.keyboard.press("Escape")


def test_two_diagrams_on_one_page_keep_to_themselves(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base}/both/")
    first, second = page.locator("figure.archgen-figure").all()
    page.locator('[id="single-server.step.3"]').hover()
    assert first.locator(".archgen-lit").count() == 3
    assert second.locator(".archgen-lit").count() == 0
    page.locator('[id="reads.step.3"]').hover()
    assert first.locator(".archgen-lit").count() == 0
    assert lit(edge(page, "reads", "web-tier--data-tier-2"))
    assert page.locator("li.archgen-lit").all_inner_texts() == ["The database returns the data."]


@pytest.mark.parametrize("width", [1280, 800])
def test_no_text_is_drawn_under_10_px(browser, served: str, width: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{served}/architecture/single-server/")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('figure svg text')].map(
             t => parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a))"""
    )
    context.close()
    assert 10 <= smallest < 10.5  # at the narrowest the column allows, not smaller


def test_inline_false_keeps_the_images(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_SPECS, tmp_path / "specs")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG + "      inline: false\n", encoding="utf-8")
    result = run_module("mkdocs", "build", "-f", "mkdocs.yml", "-d", "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    built = (tmp_path / "site" / "architecture" / "single-server" / "index.html").read_text("utf-8")
    assert 'src="../single-server.svg"' in built and "archgen-figure" not in built


def test_the_docs_name_the_option() -> None:
    docs = (REPO / "docs" / "mkdocs.md").read_text(encoding="utf-8")
    assert "| `inline` | `true` |" in docs
