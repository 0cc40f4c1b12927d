"""The MkDocs plugin end to end: real `mkdocs build` and `mkdocs serve` of the example
site, and a real headless Chromium that looks at a built architecture page."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from helpers import EXAMPLE_SPECS, REPO, REPO_STAGES
from mkdocs_sites import files_under, free_port, mkdocs, site_project, static_server, wait_for
from pngpixels import read_png

pytestmark = pytest.mark.slow  # integration: other tools, whole environments

CHROMIUM = Path("/usr/bin/chromium")
STAGES = REPO_STAGES


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with the repository's twelve stages, built with --strict."""
    root = tmp_path_factory.mktemp("example")
    config = site_project(root, REPO / "specs")
    result = mkdocs("build", "--strict", "-f", config, "-d", root / "site", cwd=root)
    assert result.code == 0, result.stderr
    assert files_under(config.parent / "docs") == ["index.md"]  # nothing written into docs/
    return root / "site"


def test_plugin_is_registered_as_archgen() -> None:
    found = entry_points(group="mkdocs.plugins", name="archgen")
    assert found, (
        "no 'archgen' entry point in mkdocs.plugins: pyproject.toml needs "
        '[project.entry-points."mkdocs.plugins"] archgen = '
        '"archgen.integrations.mkdocs_plugin:ArchgenPlugin"'
    )
    from archgen.integrations.mkdocs_plugin import ArchgenPlugin

    assert next(iter(found)).load() is ArchgenPlugin


def test_example_site_has_every_stage_page_and_image(built_site: Path) -> None:
    architecture = built_site / "architecture"
    for folder in (architecture, architecture / "ko"):
        assert (folder / "index.html").is_file()
        for stage in STAGES:
            assert (folder / stage / "index.html").is_file()  # use_directory_urls
            assert b"<svg" in (folder / f"{stage}.svg").read_bytes()[:400]
            assert (folder / f"{stage}.png").read_bytes().startswith(b"\x89PNG")
    assert not list(built_site.rglob("manifest.json"))  # archgen's bookkeeping stays out
    page = (architecture / "database" / "index.html").read_text(encoding="utf-8")
    # MkDocs rewrote the page's relative link, and the plugin inlined what it points at.
    assert 'src="../database.svg"' not in page and 'data-archgen-stage="database"' in page
    assert "Web server" in page and "Amazon RDS" in page
    assert "데이터베이스" in (architecture / "ko" / "database" / "index.html").read_text("utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"img": "src", "a": "href"}.get(tag)
        for name, value in attrs:
            if name == wanted and value and not value.startswith(("http:", "https:", "#")):
                self.targets.append(value.split("#")[0])


def broken_links(site: Path) -> list[str]:
    """Every image and link in the architecture pages that points at no file of the site."""
    broken = []
    for page in sorted((site / "architecture").rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in filter(None, parser.targets):
            resolved = (page.parent / target).resolve()
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)}: {target}")
    return broken


def test_images_and_links_resolve_with_directory_urls(built_site: Path) -> None:
    assert broken_links(built_site) == []


def test_images_and_links_resolve_without_directory_urls(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS, "use_directory_urls: false\n")
    result = mkdocs("build", "--strict", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    page = (tmp_path / "site" / "architecture" / "database.html").read_text(encoding="utf-8")
    assert 'src="database.svg"' not in page  # found beside the page, and inlined
    assert 'data-archgen-stage="database"' in page
    assert broken_links(tmp_path / "site") == []


# --- what a reader sees ---------------------------------------------------------------


@pytest.fixture
def served(built_site: Path) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1, as a static host would serve it."""
    with static_server(built_site) as address:
        yield address


def screenshot(url: str, target: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        finished = subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--screenshot={target}",
                "--window-size=1400,1000",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert target.is_file(), f"Chromium wrote no screenshot: {finished.stderr[-2000:]}"
    return target


def _ec2_orange(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    return r > 190 and 70 <= g <= 170 and b < 80


def _aws_purple(rgb: tuple[int, int, int]) -> bool:  # Route 53 and RDS icons
    r, g, b = rgb
    return b > 150 and 60 <= r <= 170 and g < 110 and b - g > 80


def count(shot: Path, colour: Callable[[tuple[int, int, int]], bool]) -> int:
    image = read_png(shot)
    # The content column: right of the table of contents, below the navigation bar.
    box = (image.width // 4, 60, image.width, image.height)
    return sum(1 for rgb in image.pixels(box) if colour(rgb))


@pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs headless Chromium at /usr/bin/chromium (apt-get install chromium)",
)
def test_browser_shows_the_diagram_with_its_embedded_icons(
    built_site: Path, served: str, tmp_path: Path
) -> None:
    shot = screenshot(f"{served}/architecture/database/", tmp_path / "database.png")
    # The EC2 icon is orange, Route 53 and RDS are purple; the MkDocs theme has neither
    # colour, so these pixels come from the icons inside the SVG the page shows.
    assert count(shot, _ec2_orange) > 2000
    assert count(shot, _aws_purple) > 2000

    # Control: the same page without its inlined SVG shows no icon colours at all.
    page = built_site / "architecture" / "database" / "index.html"
    without = page.with_name("without-figure.html")
    figure = re.compile(r"<figure class=\"archgen-figure\".*?</figure>", re.S)
    without.write_text(figure.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        control = screenshot(
            f"{served}/architecture/database/without-figure.html", tmp_path / "c.png"
        )
    finally:
        without.unlink()
    assert count(control, _ec2_orange) < 50
    assert count(control, _aws_purple) < 50


# --- mkdocs serve ---------------------------------------------------------------------


def test_serve_rebuilds_the_pages_when_a_spec_changes(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    address = f"127.0.0.1:{free_port()}"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address],
        cwd=tmp_path,
        stdout=log,
        stderr=log,
    )
    try:
        page = f"http://{address}/architecture/single-server/"
        wait_for(page, "Web server")
        spec = tmp_path / "specs" / "01-single-server.yaml"
        spec.write_text(
            spec.read_text(encoding="utf-8").replace("en: Web server", "en: Front door"),
            encoding="utf-8",
        )
        wait_for(page, "Front door")
        wait_for(f"http://{address}/architecture/single-server.svg", "Front door")
        time.sleep(2)  # a plugin writing into docs_dir would now rebuild again and again
        builds = (tmp_path / "serve.log").read_text(encoding="utf-8").count("Building doc")
        assert builds == 2
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()
    assert files_under(config.parent / "docs") == ["index.md"]
