"""The MkDocs plugin end to end: real `mkdocs build` and `mkdocs serve` of the example
site, and a real headless Chromium that looks at a built architecture page."""

from __future__ import annotations

import http.server
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from functools import partial
from html.parser import HTMLParser
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from helpers import EXAMPLE_SPECS, REPO, REPO_STAGES, Result, run_module
from pngpixels import read_png

pytestmark = pytest.mark.slow  # integration: other tools, whole environments

EXAMPLE_SITE = REPO / "docs" / "example-site"
CHROMIUM = Path("/usr/bin/chromium")
STAGES = REPO_STAGES


def mkdocs(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Result:
    return run_module("mkdocs", *args, cwd=cwd, env=env)


def site_project(root: Path, specs: Path, extra_config: str = "") -> Path:
    """The example site laid out as in the repository (docs/example-site, specs/) in ``root``."""
    shutil.copytree(EXAMPLE_SITE, root / "docs" / "example-site")
    shutil.copytree(specs, root / "specs")
    config = root / "docs" / "example-site" / "mkdocs.yml"
    if extra_config:
        config.write_text(config.read_text(encoding="utf-8") + extra_config, encoding="utf-8")
    return config


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


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
    handler = partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


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


# --- errors ---------------------------------------------------------------------------


def break_database_spec(root: Path) -> None:
    spec = root / "specs" / "02-database.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("kind: rds", "kind: rdz"), encoding="utf-8"
    )


def test_spec_error_is_one_line_and_fails_the_strict_build(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    break_database_spec(tmp_path)
    strict = mkdocs("build", "--strict", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert strict.code != 0
    error = [line for line in strict.stderr.splitlines() if "rdz" in line]
    assert len(error) == 1
    assert re.search(r"archgen: specs/02-database\.yaml:11:\d+: ", error[0])
    assert "unknown kind 'rdz' (did you mean 'rds', class aws.database.RDS?)" in error[0]
    assert "Aborted" in strict.stdout + strict.stderr

    # Without --strict the site is built with the stages that are fine.
    relaxed = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert relaxed.code == 0, relaxed.stderr
    assert (tmp_path / "site" / "architecture" / "single-server" / "index.html").is_file()
    assert not (tmp_path / "site" / "architecture" / "database").exists()


def test_missing_graphviz_is_logged_and_fails_the_strict_build(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    no_dot = tmp_path / "empty-path"
    no_dot.mkdir()
    result = mkdocs(
        "build",
        "--strict",
        "-f",
        config,
        "-d",
        tmp_path / "site",
        cwd=tmp_path,
        env={"PATH": str(no_dot)},
    )
    assert result.code != 0
    assert (
        "ERROR   -  archgen: specs/01-single-server.yaml: Graphviz's 'dot' command was "
        "not found; install Graphviz"
    ) in result.stderr


def test_missing_specs_folder_stops_the_build(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    shutil.rmtree(tmp_path / "specs")
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code != 0
    assert "archgen: specs '../../specs' not found" in result.stderr


# --- mkdocs serve ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, text: str, timeout: float = 30.0) -> str:
    """Poll ``url`` until its body contains ``text``; the body, or fail after ``timeout``."""
    deadline, body = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = str(response.read(), "utf-8")
            if text in body:
                return body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r} within {timeout:g} s")


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


# --- one bad spec costs its own pages only --------------------------------------------

PROBLEM = ("ERROR   -  archgen:", "WARNING -  archgen:")  # what the plugin logs
SURROGATE_SPEC = 'id: broken\norder: 3\ntitle: "\\uD800"\n'  # held by Python, not by UTF-8


def stage_pages(site: Path) -> list[str]:
    folder = site / "architecture"
    return sorted(p.parent.name for p in folder.glob("*/index.html") if p.parent.name != "ko")


def test_a_spec_that_crashes_the_build_costs_its_pages_only(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    (tmp_path / "specs" / "03-broken.yaml").write_text(SURROGATE_SPEC, encoding="utf-8")
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert stage_pages(tmp_path / "site") == ["database", "single-server"]
    index = (tmp_path / "site" / "architecture" / "index.html").read_text(encoding="utf-8")
    assert "single-server/" in index and "broken" not in index
    assert "could not build" not in index  # a built site does not publish the problems
    assert (tmp_path / "site" / "architecture" / "database.svg").is_file()
    problems = [line for line in result.stderr.splitlines() if "03-broken.yaml" in line]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(("ERROR   -  archgen: specs/03-broken.yaml:", "WARNING -"))
    assert "Traceback" not in result.stderr
    strict = mkdocs("build", "--strict", "-f", config, "-d", tmp_path / "strict", cwd=tmp_path)
    assert strict.code != 0


def test_a_template_failing_on_one_stage_costs_that_stage_only(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS, "")
    templates = config.parent / "templates"
    templates.mkdir()
    shipped = REPO / "templates" / "stage.md.j2"
    (templates / "stage.md.j2").write_text(
        "{% if stage.id == 'database' %}{{ 1 // 0 }}{% endif %}"
        + shipped.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    text = config.read_text(encoding="utf-8").replace(
        "formats: [svg, png]", "formats: [svg, png]\n      templates: templates"
    )
    config.write_text(text, encoding="utf-8")
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert stage_pages(tmp_path / "site") == ["single-server"]
    assert (tmp_path / "site" / "architecture" / "index.html").is_file()
    problems = [line for line in result.stderr.splitlines() if line.startswith(PROBLEM)]
    assert len(problems) == 1, result.stderr
    assert re.match(r"\S+ +-  archgen: (specs/02-database\.yaml|\S*stage\.md\.j2)", problems[0])


def test_an_exception_archgen_does_not_expect_costs_that_stage_only(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS, "hooks: [crash_on_database.py]\n")
    # A hook (loaded by MkDocs itself) that makes rendering the page of 'database' raise,
    # as a bug archgen does not know of would: the mechanism, whatever fails.
    (config.parent / "crash_on_database.py").write_text(
        "import archgen.build.run as run\n"
        "render = run.page_files\n"
        "def page_files(stage, options, pages):\n"
        "    if stage.id == 'database':\n"
        "        raise RuntimeError('a bug in one stage')\n"
        "    return render(stage, options, pages)\n"
        "run.page_files = page_files\n",
        encoding="utf-8",
    )
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert stage_pages(tmp_path / "site") == ["single-server"]
    index = (tmp_path / "site" / "architecture" / "index.html").read_text(encoding="utf-8")
    assert "single-server/" in index and "database/" not in index
    problems = [line for line in result.stderr.splitlines() if line.startswith(PROBLEM)]
    assert problems == [
        "ERROR   -  archgen: specs/02-database.yaml: this spec was left out of the site: "
        "RuntimeError: a bug in one stage"
    ]


def test_graphviz_failing_on_one_stage_costs_that_stage_only(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    real = shutil.which("dot")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "dot").write_text(
        "#!/bin/bash\ninput=$(cat)\n"
        "if grep -q '^digraph database ' <<<\"$input\"; then echo 'Error: boom' >&2; exit 1; fi\n"
        f'exec {real} "$@" <<<"$input"\n'
    )
    (bin_folder / "dot").chmod(0o755)
    env = {"PATH": f"{bin_folder}:{Path(str(real)).parent}:/usr/bin:/bin"}
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path, env=env)
    assert result.code == 0, result.stderr
    assert stage_pages(tmp_path / "site") == ["single-server"]
    assert (tmp_path / "site" / "architecture" / "index.html").is_file()
    assert (
        "ERROR   -  archgen: specs/02-database.yaml: Graphviz failed on 'database': Error: boom"
        in result.stderr.splitlines()
    )


def test_serve_keeps_answering_with_a_bad_spec_and_picks_up_the_fix(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    broken = tmp_path / "specs" / "03-broken.yaml"
    broken.write_text(SURROGATE_SPEC, encoding="utf-8")
    address = f"127.0.0.1:{free_port()}"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address],
        cwd=tmp_path,
        stdout=log,
        stderr=log,
    )
    try:
        wait_for(f"http://{address}/architecture/single-server/", "Web server")
        index = wait_for(f"http://{address}/architecture/", "single-server/")
        assert "broken/" not in index
        assert "archgen could not build every spec" in index  # the author sees why
        # the loader refuses the surrogate at its place, so the notice is the located line
        assert "specs/03-broken.yaml:3:8: " in index
        broken.write_text("id: broken\norder: 3\ntitle: Mended\n", encoding="utf-8")
        wait_for(f"http://{address}/architecture/broken/", "Mended")
        assert "could not build" not in wait_for(f"http://{address}/architecture/", "broken/")
        wait_for(f"http://{address}/architecture/database/", "Amazon RDS")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()
    served = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in served
    assert served.count("specs/03-broken.yaml:3:8: ") == 1


def test_a_spec_name_cannot_forge_a_line_of_the_log(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    name = "x\nINFO    -  Documentation built\x1b[2J.yaml"
    (tmp_path / "specs" / name).write_text("id: x\ntitle: [\n", encoding="utf-8")
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    for line in result.stderr.splitlines():
        assert line.isprintable(), line
    assert (
        "WARNING -  archgen: specs/x\\nINFO    -  Documentation built\\x1b[2J.yaml:3:1: "
        "YAML syntax error: expected the node content, but found '<stream end>' while "
        "parsing a flow node"
    ) in result.stderr.splitlines()


def test_a_problem_of_every_spec_is_told_once_and_the_site_still_builds(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS, "hooks: [crash_everywhere.py]\n")
    (config.parent / "crash_everywhere.py").write_text(
        "import archgen.build.run as run\n"
        "def page_files(stage, options, pages):\n"
        "    raise RuntimeError('a bug in every stage')\n"
        "run.page_files = page_files\n",
        encoding="utf-8",
    )
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()  # the author's own pages
    problems = [line for line in result.stderr.splitlines() if line.startswith(PROBLEM)]
    assert problems == [
        "ERROR   -  archgen: specs: no spec could be built: RuntimeError: a bug in every stage"
    ]
