"""The Sphinx extension end to end: real ``sphinx-build`` runs (in-process, through
``sphinx.cmd.build.build_main``) of the example project and of small sites in tmp
folders, read as a user reads the built pages and the warnings."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from helpers import EXAMPLE_SPECS, REPO, REPO_STAGES

pytest.importorskip("sphinx")
pytest.importorskip("myst_parser")
from sphinx.cmd.build import build_main

pytestmark = pytest.mark.slow  # integration: whole Sphinx builds

EXAMPLE = REPO / "docs" / "sphinx-example"
BAD_SPEC = """\
id: bad
order: 3
extends: database
title: A bad stage
nodes:
  queue: {kind: sqz, label: Queue}
"""


def sphinx_build(source: Path, out: Path, *options: str) -> tuple[int, str]:
    """``sphinx-build -W`` of ``source`` into ``out/html`` (doctrees in ``out/doctrees``):
    the exit code and the warnings, as Sphinx prints them."""
    warnings = out / "warnings.txt"
    out.mkdir(parents=True, exist_ok=True)
    code = build_main(
        ["-q", "-W", "-w", str(warnings), "-d", str(out / "doctrees"), *options,
         str(source), str(out / "html")]
    )  # fmt: skip
    return code, warnings.read_text(encoding="utf-8") if warnings.exists() else ""


def snapshot(*folders: Path) -> dict[str, int]:
    """Every file under ``folders`` with its modification time: what a build changed."""
    return {
        str(path): path.stat().st_mtime_ns
        for folder in folders
        for path in sorted(folder.rglob("*"))
    }


def small_site(root: Path, extra_specs: dict[str, str] | None = None) -> Path:
    """Two stages (the second extends the first) in specs/, a site in src/: a
    reStructuredText page with one stage and a MyST page with the other and the index."""
    shutil.copytree(EXAMPLE_SPECS, root / "specs")
    for name, text in (extra_specs or {}).items():
        (root / "specs" / name).write_text(text, encoding="utf-8")
    src = root / "src"
    src.mkdir()
    pages = {
        "conf.py": 'extensions = ["archgen.sphinx", "myst_parser"]\narchgen_specs = "../specs"\n',
        "index.rst": """\
            Site
            ====

            .. toctree::

               myst

            One server
            ----------

            .. archgen:: single-server
            """,
        "myst.md": """\
            # In MyST

            ```{archgen} database
            ```

            ```{archgen-index}
            ```
            """,
    }
    for name, text in pages.items():
        (src / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return src


def body(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def stage_html(page: Path, stage: str) -> str:
    """The HTML the extension wrote for ``stage`` in ``page``."""
    # Up to the next stage's block: a page's figure holds <div>s of its own.
    blocks = body(page).split('<div class="archgen" id="archgen-')
    found = [block for block in blocks[1:] if block.startswith(f'{stage}">')]
    assert found, f"no archgen page of {stage} in {page.name}"
    return found[0].removeprefix(f'{stage}">')


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Warnings name the spec relative to the working folder: ``specs/03-bad.yaml``."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project, laid out as in the repository, built with -W."""
    root = tmp_path_factory.mktemp("sphinx-example")
    shutil.copytree(EXAMPLE, root / "docs" / "sphinx-example")
    shutil.copytree(REPO / "specs", root / "specs")
    before = snapshot(root / "docs", root / "specs")
    code, warnings = sphinx_build(root / "docs" / "sphinx-example", root / "out")
    assert code == 0, warnings
    assert snapshot(root / "docs", root / "specs") == before  # nothing written into them
    return root / "out" / "html"


def test_example_project_shows_every_stage_with_its_diagram(example: Path) -> None:
    shown = {
        stage: page.name
        for page in example.glob("*.html")
        for stage in re.findall(r'<div class="archgen" id="archgen-([a-z-]+)">', body(page))
    }
    assert sorted(shown) == sorted([*REPO_STAGES, "index-en", "ko-database"])
    database = stage_html(example / "first-stages.html", "database")
    assert "<svg" in database and "<img" not in database  # the SVG inlined, icons in it
    assert '<a href="#archgen-single-server">Single server</a>' in database  # same page
    cdn = stage_html(example / "more-stages.html", "cdn")  # from a MyST page
    assert "<svg" in cdn and "<h2>Content delivery network (CDN)</h2>" in cdn
    korean = body(example / "korean.html")
    assert "<svg" in korean and "데이터베이스" in korean


def test_example_index_links_lead_to_the_directives(example: Path) -> None:
    overview = body(example / "overview.html")
    links = re.findall(r'<a href="([a-z-]+\.html)#(archgen-[a-z-]+)">', overview)
    assert len(links) == 2 * len(REPO_STAGES)  # the table's and each heading's
    for page, anchor in links:
        assert f'id="{anchor}"' in body(example / page), f"{page}#{anchor}"
    assert overview.count("<svg") == len(REPO_STAGES)
    assert (example / "_images" / "archgen" / "database.svg").read_bytes().startswith(b"<?xml")


def test_stage_page_holds_the_svg_and_the_steps_list(tmp_path: Path) -> None:
    code, warnings = sphinx_build(small_site(tmp_path), tmp_path / "out")
    assert code == 0, warnings
    single = stage_html(tmp_path / "out" / "html" / "index.html", "single-server")
    assert re.search(r"<svg[^>]*viewBox=", single)
    assert "<title id=" in single  # the picture keeps its own title for screen readers
    # In a section of the document (h2), the stage's title is one level below it.
    assert single.lstrip().startswith("<h3>Single server</h3>")
    steps = re.search(
        r"<h4>Processing steps</h4>\s*(?:<!--.*?-->\s*)?<ol[^>]*>(.*?)</ol>", single, re.S
    )
    assert steps and steps.group(1).count("<li") == 4
    assert "An HTTP request is sent to that IP address." in steps.group(1)
    myst = tmp_path / "out" / "html" / "myst.html"
    assert "<svg" in stage_html(myst, "database")
    assert '<a href="index.html#archgen-single-server">Single server</a>' in body(myst)


def test_bad_spec_is_a_located_warning_and_costs_only_its_directive(tmp_path: Path) -> None:
    src = small_site(tmp_path, {"03-bad.yaml": BAD_SPEC})
    with (src / "index.rst").open("a", encoding="utf-8") as page:
        page.write("\nBad\n---\n\n.. archgen:: bad\n")
    before = snapshot(tmp_path / "specs", src)
    code, warnings = sphinx_build(src, tmp_path / "out")
    assert code != 0  # -W fails on it
    assert re.search(r"specs/03-bad\.yaml:6:\d+: WARNING: unknown kind 'sqz'", warnings), warnings
    index = tmp_path / "out" / "html" / "index.html"
    assert "<svg" in stage_html(index, "single-server")
    assert "<svg" in stage_html(tmp_path / "out" / "html" / "myst.html", "database")
    myst = body(tmp_path / "out" / "html" / "myst.html")
    assert "archgen could not build every spec" in myst  # above the index, which lists
    assert "archgen-index-en" in myst and "A bad stage" not in myst  # the stages shown
    box = body(index).split('id="bad"')[1]
    assert "archgen could not build the stage" in box and "specs/03-bad.yaml:6:" in box
    assert snapshot(tmp_path / "specs", src) == before  # nothing written into the sources


def test_layout_warnings_fail_only_with_archgen_strict(tmp_path: Path) -> None:
    src = small_site(tmp_path)
    spec = tmp_path / "specs" / "01-single-server.yaml"  # drawn left to right, it warns
    spec.write_text(spec.read_text(encoding="utf-8").replace("direction: TB", "direction: LR"))
    for run in ("drawn", "told again from the manifest"):
        code, warnings = sphinx_build(src, tmp_path / "out", "-D", "archgen_strict=1")
        assert code != 0, run
        assert re.search(r"specs/01-single-server\.yaml:\d+:\d+: WARNING: label '", warnings)
    assert sphinx_build(src, tmp_path / "out") == (0, "")  # without it: information only


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('archgen_languages = ["kr"]', "archgen_languages"),
        ('archgen_specs = "nowhere"', "archgen_specs: 'nowhere' not found"),
        ("archgen_graphviz_timeout = float('nan')", "archgen_graphviz_timeout"),
        ('archgen_formats = ["dot"]', "archgen_formats"),
        ('archgen_theme = "neon"', "unknown theme 'neon'"),
    ],
)
def test_bad_setting_stops_the_build_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str, message: str
) -> None:
    src = small_site(tmp_path)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(setting + "\n")
    code, _ = sphinx_build(src, tmp_path / "out")
    assert code != 0
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / "doctrees" / "archgen").exists()  # nothing built


def test_other_builders_show_a_note(tmp_path: Path) -> None:
    code, warnings = sphinx_build(small_site(tmp_path), tmp_path / "out", "-b", "text")
    assert code == 0, warnings
    text = " ".join((tmp_path / "out" / "html" / "myst.txt").read_text(encoding="utf-8").split())
    assert "(archgen: the stage 'database' is shown in the HTML version of this page.)" in text
    assert "<svg" not in text


def test_unknown_stage_is_a_warning_at_the_directive(tmp_path: Path) -> None:
    src = small_site(tmp_path)
    (src / "myst.md").write_text("# In MyST\n\n```{archgen} nosuch\n```\n", encoding="utf-8")
    code, warnings = sphinx_build(src, tmp_path / "out")
    assert code != 0
    assert re.search(r"myst\.md:3: WARNING: archgen: no spec has the id 'nosuch'", warnings)


def test_second_build_runs_no_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = small_site(tmp_path)
    assert sphinx_build(src, tmp_path / "out") == (0, "")
    manifest = tmp_path / "out" / "doctrees" / "archgen" / "pages" / ".archgen" / "manifest.json"
    recorded = manifest.stat().st_mtime_ns
    empty = tmp_path / "no-graphviz"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # `dot` cannot run: a drawing would fail
    assert sphinx_build(src, tmp_path / "out") == (0, "")
    assert manifest.stat().st_mtime_ns == recorded  # the no-op fast path: nothing built
    assert "<svg" in stage_html(tmp_path / "out" / "html" / "index.html", "single-server")
    # The same without Graphviz, once a spec changed: the check above could fail.
    spec = tmp_path / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("kind: rds", "kind: dynamodb"))
    code, warnings = sphinx_build(src, tmp_path / "out")
    assert code != 0 and "dot" in warnings


def test_changed_spec_reads_again_only_the_documents_that_show_it(tmp_path: Path) -> None:
    src = small_site(tmp_path)
    assert sphinx_build(src, tmp_path / "out") == (0, "")
    doctrees = tmp_path / "out" / "doctrees"
    read = {name: (doctrees / f"{name}.doctree").stat().st_mtime_ns for name in ("index", "myst")}
    spec = tmp_path / "specs" / "02-database.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("get servers of their own", "get servers apart"))
    assert sphinx_build(src, tmp_path / "out") == (0, "")
    assert (doctrees / "index.doctree").stat().st_mtime_ns == read["index"]
    assert (doctrees / "myst.doctree").stat().st_mtime_ns != read["myst"]
    assert "get servers apart" in stage_html(tmp_path / "out" / "html" / "myst.html", "database")


def test_links_follow_a_stage_that_moved_to_another_document(tmp_path: Path) -> None:
    src = small_site(tmp_path)
    assert sphinx_build(src, tmp_path / "out") == (0, "")
    myst = tmp_path / "out" / "html" / "myst.html"
    assert '<a href="index.html#archgen-single-server">Single server</a>' in body(myst)
    index = (src / "index.rst").read_text(encoding="utf-8")
    (src / "index.rst").write_text(index.replace(".. archgen:: single-server", "Moved."))
    (src / "other.md").write_text(
        "---\norphan: true\n---\n# Other\n\n```{archgen} single-server\n```\n"
    )
    assert sphinx_build(src, tmp_path / "out") == (0, "")
    # myst.md did not change, and is written again with its links to the new place.
    assert '<a href="other.html#archgen-single-server">Single server</a>' in body(myst)


def test_a_parents_change_reads_again_the_documents_of_its_children(tmp_path: Path) -> None:
    src = small_site(tmp_path)
    (src / "myst.md").write_text("# In MyST\n\n```{archgen} database\n```\n", encoding="utf-8")
    assert sphinx_build(src, tmp_path / "out") == (0, "")
    parent = tmp_path / "specs" / "01-single-server.yaml"  # database extends it
    parent.write_text(
        parent.read_text(encoding="utf-8").replace("en: Single server", "en: One box")
    )
    assert sphinx_build(src, tmp_path / "out") == (0, "")
    database = stage_html(tmp_path / "out" / "html" / "myst.html", "database")
    assert 'Starts from: <a href="index.html#archgen-single-server">One box</a>' in database
