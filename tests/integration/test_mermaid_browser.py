"""`archgen diff --format mermaid` on a real change to specs/, drawn by the real Mermaid
library (npm's ``mermaid``, pinned in the Makefile's setup-test) in headless Chromium.

The change adds a node with a label full of what Mermaid and HTML would misread,
relabels a node and an edge, and removes a node and an edge from the last stage. Every
changed stage must render without a Mermaid error, and the SVG must show the added,
changed and removed parts with their classes, their words, their colours and, for the
removed edge, a dotted line; the hostile label is text, shown as written.

Mermaid is loaded from ``.cache/mermaid`` (``$ARCHGEN_MERMAID`` names another folder).
Without it the test skips, unless ``$ARCHGEN_MERMAID_REQUIRED`` is set, as ``make test``
sets it: there it is installed, so its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, REPO_SPECS, TESTS, run_archgen

from archgen.resolve.resolver import resolve_all
from archgen.spec.load import load_spec
from archgen.spec.model import Text

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
MERMAID = (
    Path(os.environ.get("ARCHGEN_MERMAID") or REPO / ".cache" / "mermaid")
    / "node_modules"
    / "mermaid"
    / "dist"
    / "mermaid.min.js"
)
if not CHROMIUM.exists():  # where apt has no chromium package (Ubuntu ships a snap)
    pytest.skip("needs Chromium at /usr/bin/chromium", allow_module_level=True)
if not MERMAID.is_file():
    reason = f"needs Mermaid at {MERMAID}: make setup-test installs it with npm"
    if os.environ.get("ARCHGEN_MERMAID_REQUIRED"):
        raise RuntimeError(reason)
    pytest.skip(reason, allow_module_level=True)

HOSTILE = 'Cache "hot" <b>#1</b> end; %%{init: {}}%% `x` | <script>alert(1)</script>'


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def flowcharts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each changed stage's diagram, as `archgen diff --format mermaid` prints it."""
    root = tmp_path_factory.mktemp("mermaid")
    shutil.copytree(REPO_SPECS, root / "base")
    shutil.copytree(REPO_SPECS, root / "head")
    label = HOSTILE.replace("'", "''")
    edit(
        root / "head" / "02-database.yaml",
        (
            "  db: {kind: rds, label: {en: Database, ko: 데이터베이스}}",
            "  db: {kind: rds, label: {en: Main database, ko: 주 데이터베이스}}\n"
            f"  hot-cache: {{kind: elasticache, label: '{label}'}}",
        ),
        ("members: [db]}", "members: [db, hot-cache]}"),
        ("label: {en: read/write/update,", "label: {en: read/write,"),
        (
            "  - {id: request, from: users, to: web, to_port: top}\n",
            "  - {id: request, from: users, to: web, to_port: top}\n"
            "  - {from: web, to: hot-cache, label: look up}\n",
        ),
    )
    edit(
        root / "head" / "12-database-scaling.yaml",
        ("  shard3: {kind: rds, label: {en: Shard 3, ko: 샤드 3}}\n", ""),
        ("[shard2, shard3]", "[shard2]"),
        (
            "  - {id: shard-sync, from: shards-east, to: db-west, style: dashed, direction: both,\n"
            "     constraint: false}\n",
            "",
        ),
    )
    result = run_archgen("diff", "base", "head", "--format", "mermaid", cwd=root)
    assert result.code == 1, result.stderr
    assert result.stderr == ""
    diagrams = {}
    for block in result.stdout.split("\n\n"):
        header, _, _ = block.partition("\n")
        stage, _, status = header.removeprefix("%% ").partition(": ")
        assert header.startswith("%% ") and status == "changed", header
        diagrams[stage] = block
    return diagrams


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A local page with Mermaid loaded from disk, as GitHub configures it (strict)."""
    html = tmp_path_factory.mktemp("page") / "mermaid.html"
    html.write_text(
        '<!doctype html><html><head><meta charset="utf-8"></head><body>'
        f'<script src="{MERMAID.as_uri()}"></script><div id="out"></div></body></html>',
        encoding="utf-8",
    )
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )  # fmt: skip
        opened = browser.new_page()
        opened.goto(html.as_uri())
        opened.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield opened
        browser.close()


# Render one diagram, show its SVG on the page, and read back what a reader sees: each
# node's and cluster's classes, text and painted colours, each edge's classes and dashes.
RENDER = """async ([id, text]) => {
  let svg;
  try { ({svg} = await mermaid.render(id, text)); }
  catch (error) { return {error: String(error && error.message || error)}; }
  const out = document.getElementById('out');
  out.innerHTML = svg;
  const shape = (g) => g.querySelector('rect, path, polygon');
  const part = (g) => ({
    classes: [...g.classList], text: g.querySelector('.nodeLabel')?.innerText ?? '?',
    fill: getComputedStyle(shape(g)).fill, stroke: getComputedStyle(shape(g)).stroke,
    dashes: getComputedStyle(shape(g)).strokeDasharray,
    tags: [...g.querySelectorAll('.nodeLabel *')].map(e => e.localName),
  });
  return {
    syntaxError: svg.includes('Syntax error'),
    scripts: out.querySelectorAll('script').length,
    nodes: [...out.querySelectorAll('g.node')].map(part),
    clusters: [...out.querySelectorAll('g.cluster')].map(part),
    edges: [...out.querySelectorAll('path.flowchart-link')].map(p => ({
      classes: [...p.classList], stroke: getComputedStyle(p).stroke,
      width: getComputedStyle(p).strokeWidth, dashes: getComputedStyle(p).strokeDasharray,
    })),
    edgeLabels: [...out.querySelectorAll('span.edgeLabel')]
      .map(e => e.innerText.trim()).filter(t => t),
  };
}"""

BLUE, ORANGE, GREY = "rgb(0, 114, 178)", "rgb(213, 94, 0)", "rgb(158, 158, 158)"


def render(page: Any, stage: str, text: str) -> dict[str, Any]:
    drawn: dict[str, Any] = page.evaluate(RENDER, [f"d-{stage}", text])
    assert "error" not in drawn, f"{stage}: {drawn.get('error')}"
    assert not drawn["syntaxError"] and drawn["scripts"] == 0
    return drawn


def test_every_changed_stage_renders_without_a_mermaid_error(
    page: Any, flowcharts: dict[str, str]
) -> None:
    # The stages that made a change; the eight others only inherit the database's and
    # get no flowchart of their own (their summary lines say so). A flowchart marks every
    # difference of its stage's picture, the added cache it carries along too.
    assert set(flowcharts) == {"database", "database-replication", "database-scaling"}
    for stage, text in flowcharts.items():
        drawn = render(page, stage, text)
        assert drawn["nodes"], stage
        added = [n["text"] for n in drawn["nodes"] if "added" in n["classes"]]
        assert added == [f"{HOSTILE}\n+ added"], stage


def test_the_added_and_changed_parts_show_in_colour_and_in_words(
    page: Any, flowcharts: dict[str, str]
) -> None:
    drawn = render(page, "database", flowcharts["database"])
    nodes = {n["text"]: n for n in drawn["nodes"]}
    cache = nodes[f"{HOSTILE}\n+ added"]
    assert cache["stroke"] == BLUE and cache["tags"] == ["p", "br"], "the label is text"
    database = nodes["Main database\n~ changed"]
    assert "changed" in database["classes"] and database["stroke"] == ORANGE
    assert nodes["Web server"]["classes"] == ["node", "default"], "context is plain"
    assert [c["text"] for c in drawn["clusters"] if "changed" in c["classes"]] == [
        "Data tier (~ changed)"
    ]
    assert "look up (+ added)" in drawn["edgeLabels"]
    assert "read/write (~ changed)" in drawn["edgeLabels"]
    thick = [e for e in drawn["edges"] if "edge-thickness-thick" in e["classes"]]
    assert sorted(e["stroke"] for e in thick) == sorted([BLUE, ORANGE])


def test_the_removed_parts_are_grey_dashed_ghosts(page: Any, flowcharts: dict[str, str]) -> None:
    drawn = render(page, "database-scaling", flowcharts["database-scaling"])
    (shard,) = [n for n in drawn["nodes"] if "removed" in n["classes"]]
    assert shard["text"] == "Shard 3\n\u2212 removed"
    assert shard["stroke"] == GREY and shard["dashes"] not in ("none", "")
    (ghost,) = [e for e in drawn["edges"] if "edge-pattern-dotted" in e["classes"]]
    assert ghost["stroke"] == GREY and ghost["dashes"] not in ("none", "")
    assert "\u2212 removed" in drawn["edgeLabels"]
    plain = [e for e in drawn["edges"] if e is not ghost]
    assert all(e["dashes"] in ("none", "0", "0px", "") for e in plain), "only the ghost is dotted"


@pytest.mark.parametrize("spec", sorted((TESTS / "hostile_specs").glob("*.yaml")), ids=str)
def test_a_hostile_specs_labels_are_drawn_as_written(page: Any, spec: Path, tmp_path: Path) -> None:
    """Each hostile spec as an added stage: every node, group and edge label reads in the
    picture exactly as the spec wrote it, as text."""
    (stage,), problems = resolve_all([load_spec(spec)])
    assert not problems
    for side in ("base", "head"):  # a folder holds one spec at least
        (tmp_path / side).mkdir()
        (tmp_path / side / "other.yaml").write_text("id: other\ntitle: Other\n")
    shutil.copy(spec, tmp_path / "head" / spec.name)
    result = run_archgen("diff", "base", "head", "--format", "mermaid", cwd=tmp_path)
    assert result.code == 1, result.stderr
    assert result.stdout.startswith(f"%% {stage.id}: added\n")
    drawn = render(page, spec.stem, result.stdout)

    def said(text: Text | None, fallback: str = "") -> str:
        return (text.get("en") if text else "") or fallback

    assert sorted(n["text"] for n in drawn["nodes"]) == sorted(
        f"{said(node.label, node.id)}\n+ added" for node in stage.nodes
    )
    assert sorted(c["text"] for c in drawn["clusters"]) == sorted(
        f"{said(group.label)} (+ added)" for group in stage.groups
    )
    assert sorted(drawn["edgeLabels"]) == sorted(
        f"{said(edge.label)} (+ added)" if edge.label else "+ added" for edge in stage.edges
    )
    tags = {tag for part in drawn["nodes"] + drawn["clusters"] for tag in part["tags"]}
    assert tags <= {"p", "br"}, "no label made markup"
