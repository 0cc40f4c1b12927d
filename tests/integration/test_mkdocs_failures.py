"""One bad spec costs its own pages only: the other pages, both indexes and the located
error all appear in a built site and in `mkdocs serve`, and `mkdocs build --strict` fails."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLE_SPECS, REPO
from mkdocs_sites import mkdocs, serving, site_project, stage_pages, static_server, wait_for

pytestmark = pytest.mark.slow  # runs mkdocs

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


def test_a_cold_build_with_a_bad_spec_shows_both_indexes_and_the_error(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    break_database_spec(tmp_path)
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr  # without --strict: built, and warned
    assert "WARNING -  archgen: specs/02-database.yaml:11:" in result.stderr
    architecture = tmp_path / "site" / "architecture"
    error = "specs/02-database.yaml:11:14: unknown kind &#x27;rdz&#x27; (did you mean"
    for folder, title, stage in [
        (architecture, "Database", "Single server"),
        (architecture / "ko", "데이터베이스", "단일 서버"),
    ]:
        index = (folder / "index.html").read_text(encoding="utf-8")
        assert stage in index  # the stage that builds
        notice = index[index.index('class="archgen-problems"') :]
        assert f'<a href="database/">{title}</a>' in notice  # the failed one, linked
        assert error in notice
        page = (folder / "database" / "index.html").read_text(encoding="utf-8")
        assert error in page and "<h1 id=" in page and title in page
        assert "Amazon RDS" not in page
        assert (folder / "single-server.svg").is_file()
        assert not (folder / "database.svg").exists()


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


# --- one bad spec costs its own pages only --------------------------------------------

PROBLEM = ("ERROR   -  archgen:", "WARNING -  archgen:")  # what the plugin logs
SURROGATE_SPEC = 'id: broken\norder: 3\ntitle: "\\uD800"\n'  # held by Python, not by UTF-8


def test_a_spec_that_crashes_the_build_costs_its_pages_only(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    (tmp_path / "specs" / "03-broken.yaml").write_text(SURROGATE_SPEC, encoding="utf-8")
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert stage_pages(tmp_path / "site") == ["database", "single-server"]
    index = (tmp_path / "site" / "architecture" / "index.html").read_text(encoding="utf-8")
    assert "single-server/" in index and "broken/" not in index  # no id: no page to link
    assert "archgen could not build every spec" in index  # published, not only served
    assert "specs/03-broken.yaml:3:8: " in index
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
    page = (tmp_path / "site" / "architecture" / "database" / "index.html").read_text("utf-8")
    assert "stage.md.j2:1: integer division or modulo by zero" in page
    assert "Amazon RDS" not in page
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
    assert stage_pages(tmp_path / "site") == ["database", "single-server"]
    index = (tmp_path / "site" / "architecture" / "index.html").read_text(encoding="utf-8")
    assert "single-server/" in index
    page = (tmp_path / "site" / "architecture" / "database" / "index.html").read_text("utf-8")
    assert "RuntimeError: a bug in one stage" in page and "Amazon RDS" not in page
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
    page = (tmp_path / "site" / "architecture" / "database" / "index.html").read_text("utf-8")
    assert "Graphviz failed on &#x27;database&#x27;: Error: boom" in page
    assert "Graphviz failed on" in (tmp_path / "site" / "architecture" / "index.html").read_text()
    assert (
        "ERROR   -  archgen: specs/02-database.yaml: Graphviz failed on 'database': Error: boom"
        in result.stderr.splitlines()
    )


def test_serve_keeps_answering_with_a_bad_spec_and_picks_up_the_fix(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    broken = tmp_path / "specs" / "03-broken.yaml"
    broken.write_text(SURROGATE_SPEC, encoding="utf-8")
    with serving(config, tmp_path, tmp_path / "serve.log") as site:
        wait_for(f"{site}/architecture/single-server/", "Web server")
        index = wait_for(f"{site}/architecture/", "single-server/")
        assert "broken/" not in index
        assert "archgen could not build every spec" in index  # the author sees why
        # the loader refuses the surrogate at its place, so the notice is the located line
        assert "specs/03-broken.yaml:3:8: " in index
        broken.write_text("id: broken\norder: 3\ntitle: Mended\n", encoding="utf-8")
        wait_for(f"{site}/architecture/broken/", "Mended")
        assert "could not build" not in wait_for(f"{site}/architecture/", "broken/")
        wait_for(f"{site}/architecture/database/", "Amazon RDS")
    served = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in served
    assert served.count("specs/03-broken.yaml:3:8: ") == 1


def test_serve_shows_a_failed_spec_s_error_at_its_page_until_it_is_fixed(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    spec = tmp_path / "specs" / "02-database.yaml"
    good = spec.read_text(encoding="utf-8")
    with serving(config, tmp_path, tmp_path / "serve.log") as site:
        page = f"{site}/architecture/database/"
        wait_for(page, "Amazon RDS")
        spec.write_text(good.replace("kind: rds", "kind: rdz"), encoding="utf-8")
        shown = wait_for(page, "specs/02-database.yaml:11:14: unknown kind &#x27;rdz&#x27;")
        assert "Amazon RDS" not in shown  # not the last good page
        assert "데이터베이스" in wait_for(f"{site}/architecture/ko/database/", "unknown kind")
        # While it does not even parse, its page stays where it was, with that error.
        spec.write_text(good + "title: [\n", encoding="utf-8")
        shown = wait_for(page, "YAML syntax error")
        assert "<h1" in shown and "Database" in shown
        spec.write_text(good, encoding="utf-8")
        shown = wait_for(page, "Amazon RDS")
        assert "archgen-problems" not in shown
        assert "archgen-problems" not in wait_for(f"{site}/architecture/", "database/")
    assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8")


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
    for index in ("architecture/index.html", "architecture/ko/index.html"):
        page = (tmp_path / "site" / index).read_text(encoding="utf-8")
        assert "specs: no spec could be built: RuntimeError: a bug in every stage" in page
    problems = [line for line in result.stderr.splitlines() if line.startswith(PROBLEM)]
    assert problems == [
        "ERROR   -  archgen: specs: no spec could be built: RuntimeError: a bug in every stage"
    ]


def test_a_hostile_spec_s_error_is_shown_escaped(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    (tmp_path / "specs" / "03-hostile.yaml").write_text(
        'id: hostile\norder: 3\ntitle: "<script>alert(1)</script>"\n'
        'nodes:\n  x: {kind: "<img src=x onerror=alert(2)>"}\n',
        encoding="utf-8",
    )
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    for name in ("index.html", "ko/index.html", "hostile/index.html"):
        page = (tmp_path / "site" / "architecture" / name).read_text(encoding="utf-8")
        assert "specs/03-hostile.yaml:5:" in page, name
        assert "&lt;img src=x onerror=alert(2)&gt;" in page
        assert "<img src=x" not in page and "<script>alert" not in page


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs headless Chromium at /usr/bin/chromium (apt-get install chromium)",
)
@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_reader_sees_the_failed_stage_and_its_error(tmp_path: Path, theme: str) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    config = site_project(tmp_path, EXAMPLE_SPECS, f"theme: {{name: {theme}}}\n")
    break_database_spec(tmp_path)
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    error = "specs/02-database.yaml:11:14: unknown kind 'rdz'"
    with static_server(tmp_path / "site") as site, playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{site}/architecture/ko/")
            notice = page.get_by_role("alert")
            assert notice.is_visible()
            assert "데이터베이스" in notice.inner_text() and error in notice.inner_text()
            notice.get_by_role("link", name="데이터베이스").click()  # to the failed page
            page.wait_for_load_state()
            assert page.url == f"{site}/architecture/ko/database/"
            assert page.get_by_role("heading", level=1).inner_text() == "데이터베이스"
            assert error in page.get_by_role("alert").inner_text()
        finally:
            browser.close()


def test_a_failed_spec_with_a_built_stage_s_id_does_not_hide_that_stage(tmp_path: Path) -> None:
    config = site_project(tmp_path, EXAMPLE_SPECS)
    copy = tmp_path / "specs" / "03-copy.yaml"
    copy.write_text("id: database\ntitle: Copy\nnodes:\n  x: {kind: rdz}\n", encoding="utf-8")
    result = mkdocs("build", "-f", config, "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    page = (tmp_path / "site" / "architecture" / "database" / "index.html").read_text("utf-8")
    assert "Amazon RDS" in page and "archgen-problems" not in page
    index = (tmp_path / "site" / "architecture" / "index.html").read_text(encoding="utf-8")
    assert "specs/03-copy.yaml" in index
