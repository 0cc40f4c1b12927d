"""The MkDocs navigation of the generated pages: without a `nav`, the stages are listed by
their `order`, and each language has its own navigation; with mkdocs-static-i18n, the
pages sit in its per-language builds beside the author's pages of that language."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from helpers import EXAMPLE_SPECS, REPO_SPECS, write_spec
from mkdocs_sites import mkdocs, site_project

pytestmark = pytest.mark.slow  # runs mkdocs

ENGLISH = ["Architecture stages", "Single server", "Database"]
KOREAN = ["아키텍처 단계", "단일 서버", "데이터베이스"]


def specs_named_against_their_order(root: Path) -> Path:
    """The example specs, their file names sorting the other way round from their order."""
    specs = root / "specs"
    specs.mkdir()
    shutil.copy(EXAMPLE_SPECS / "01-single-server.yaml", specs / "z-single-server.yaml")
    shutil.copy(EXAMPLE_SPECS / "02-database.yaml", specs / "a-database.yaml")
    return specs


def nav_titles(page: Path, start: str, end: str) -> list[str]:
    """The link texts of a page's navigation, between the markers ``start`` and ``end``."""
    html = page.read_text(encoding="utf-8")
    nav = html[html.index(start) : html.index(end, html.index(start))]
    texts = re.findall(r"<a [^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<", nav)
    return [unescape(text) for text in texts if text.strip()]


def mkdocs_theme_nav(page: Path) -> list[str]:
    return nav_titles(page, "<!-- Main navigation -->", "ms-md-auto")


def material_nav(page: Path) -> list[str]:
    return nav_titles(page, "md-nav--primary", "md-sidebar--secondary")


def in_order(titles: list[str], wanted: list[str]) -> bool:
    return [t for t in titles if t in wanted] == wanted


def test_stages_sort_by_order_and_each_language_has_its_own_nav(tmp_path: Path) -> None:
    config = site_project(tmp_path / "x", EXAMPLE_SPECS)
    shutil.rmtree(tmp_path / "x" / "specs")
    specs = specs_named_against_their_order(tmp_path / "x")
    shutil.copytree(REPO_SPECS / "estimates", specs / "estimates")
    result = mkdocs("build", "--strict", "-f", config, "-d", tmp_path / "site", cwd=tmp_path / "x")
    assert result.code == 0, result.stderr
    architecture = tmp_path / "site" / "architecture"
    for page in (tmp_path / "site" / "index.html", architecture / "database" / "index.html"):
        english = mkdocs_theme_nav(page)
        assert in_order(english, ENGLISH), english  # by order, not by file name
        assert not set(english) & {*KOREAN, "Ko", "추정"}, english  # no Korean section
        assert "Estimates" in english
    korean_folder = architecture / "ko"
    for page in (korean_folder / "index.html", korean_folder / "database" / "index.html"):
        korean = mkdocs_theme_nav(page)
        assert in_order(korean, KOREAN), korean
        assert {"아키텍처", "추정"} <= set(korean)  # the folders' titles, in Korean
        assert "트위터 QPS와 저장소 요구량 추정" in korean  # the Korean estimate
        assert not set(korean) & {*ENGLISH, "Estimates", "Twitter QPS and storage"}, korean
    # Previous and next stay within the language, in order.
    page = (architecture / "ko" / "single-server" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'rel="next" href="\.\./database/"', page)
    assert re.search(r'rel="prev" href="\.\./"', page)


def test_a_failed_stage_keeps_its_place_in_the_nav(tmp_path: Path) -> None:
    config = site_project(tmp_path / "x", EXAMPLE_SPECS)
    shutil.rmtree(tmp_path / "x" / "specs")
    specs = specs_named_against_their_order(tmp_path / "x")
    database = specs / "a-database.yaml"
    database.write_text(database.read_text("utf-8").replace("kind: rds", "kind: rdz"), "utf-8")
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path / "x")
    assert result.code == 0, result.stderr
    english = mkdocs_theme_nav(tmp_path / "site" / "architecture" / "index.html")
    assert in_order(english, ENGLISH), english


I18N = """\
site_name: i18n site
docs_dir: docs
theme: {{name: material}}
plugins:
  - search
  - i18n:
      docs_structure: {structure}
      languages:
        - {{locale: en, default: true, name: English, build: true}}
        - {{locale: ko, name: 한국어, build: true}}
  - archgen:
      specs: specs
      languages: [en, ko]
"""


def i18n_site(root: Path, structure: str) -> Path:
    docs = root / "docs"
    english, korean = (
        (docs / "en" / "index.md", docs / "ko" / "index.md")
        if structure == "folder"
        else (docs / "index.md", docs / "index.ko.md")
    )
    for page, text in ((english, "# Home\n"), (korean, "# 홈\n")):
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"{text}\nSee [the stages](architecture/index.md).\n", encoding="utf-8")
    specs_named_against_their_order(root)
    write_spec(root, "mkdocs.yml", I18N.format(structure=structure))
    return root / "mkdocs.yml"


@pytest.mark.parametrize("structure", ["suffix", "folder"])
def test_pages_fit_static_i18n_s_per_language_builds(tmp_path: Path, structure: str) -> None:
    config = i18n_site(tmp_path, structure)
    result = mkdocs("build", "--strict", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stderr.count("archgen: 2 stage(s)") == 1  # told once, not per language
    site = tmp_path / "site"
    assert not (site / "architecture" / "ko").exists()  # Korean is static-i18n's ko/ build
    for home, language, titles, others in (
        (site, "en", ENGLISH, KOREAN),
        (site / "ko", "ko", KOREAN, ENGLISH),
    ):
        page = home / "architecture" / "database" / "index.html"
        text = page.read_text(encoding="utf-8")
        assert titles[2] in text and 'class="archgen-figure"' in text  # the SVG inlined
        assert (home / "architecture" / "database.svg").is_file()
        nav = material_nav(page)
        assert in_order(nav, titles), nav
        assert not set(nav) & set(others), nav
        assert f'lang="{language}"' in text
        # The author's page of that language links to the stages of that language.
        assert 'href="architecture/"' in (home / "index.html").read_text(encoding="utf-8")
