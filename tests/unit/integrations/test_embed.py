"""linked_page: a stage page rendered from archgen's own Markdown, with its SVG inlined,
linked with its steps and rows, and hostile spec texts kept as text."""

from __future__ import annotations

import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import EXAMPLE_SPECS, run_archgen
from markdown_it import MarkdownIt

from archgen.integrations.embed import asset_files, linked_page
from archgen.integrations.embed.tokens import rewritten, tokens_of

SCRIPT_LABEL = "<script>alert(1)</script>"
QUOTES_LABEL = '"\' onmouseover="alert(2)'
HOSTILE_SPEC = textwrap.dedent(
    """\
    id: hostile
    title: '</title><script>alert("title")</script>'
    nodes:
      web: {kind: ec2, label: '<script>alert(1)</script>'}
      db: {kind: rds, label: "\\"' onmouseover=\\"alert(2)"}
      lb: {kind: elb, label: '</text></svg><img src=x onerror=alert(3)>'}
    edges:
      - {id: ask, from: lb, to: web, label: '<b>bold</b>'}
      - {id: store, from: web, to: db, label: '" onclick="alert(4)'}
    steps:
      - {edge: ask, text: 'The balancer passes `<script>` on.'}
      - {edge: store, text: 'The server stores it.'}
    """
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile stage and the two example stages, built by archgen."""
    root = tmp_path_factory.mktemp("embed")
    specs = root / "specs"
    specs.mkdir()
    (specs / "hostile.yaml").write_text(HOSTILE_SPEC, encoding="utf-8")
    for spec in EXAMPLE_SPECS.glob("*.yaml"):
        (specs / spec.name).write_text(spec.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_archgen("build", "specs", "-o", "out", "--format", "svg", cwd=root)
    assert result.code == 0, result.stderr
    return root / "out"


def rendered(page: str) -> str:
    """The Markdown page as markdown-it-py renders it (CommonMark with HTML, tables)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(page)


def svgs(folder: Path):  # type: ignore[no-untyped-def]
    def svg_of(src: str) -> str | None:
        path = folder / src
        return path.read_text(encoding="utf-8") if src.endswith(".svg") and path.is_file() else None

    return svg_of


class Elements(HTMLParser):
    """Every element of a page: (tag, attributes), and the text of each <script>."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[dict[str, str]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "script":
            self.scripts.append(attributes)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def having(self, name: str) -> list[dict[str, str]]:
        return [attributes for _, attributes in self.elements if name in attributes]


def page_of(built: Path, stage: str) -> str:
    return linked_page(rendered((built / f"{stage}.md").read_text("utf-8")), svgs(built))


def test_hostile_labels_stay_text(built: Path) -> None:
    page = page_of(built, "hostile")
    found = Elements(page)
    assert found.scripts == [{"id": "archgen-embed-js"}]  # ours, once; no spec text's
    assert [tag for tag, _ in found.elements if tag in ("img", "iframe", "foreignobject")] == []
    handlers = [n for _, attributes in found.elements for n in attributes if n.startswith("on")]
    assert handlers == []
    labels = {a["data-label"] for a in found.having("data-label")}
    assert labels == {SCRIPT_LABEL, QUOTES_LABEL, "</text></svg><img src=x onerror=alert(3)>"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the drawn label, as text
    assert "<code>&lt;script&gt;</code>" in page  # the step's code span, as text
    step = found.having("data-archgen-step")
    assert [(a["id"], a["data-archgen-step"], a.get("tabindex")) for a in step] == [
        ("hostile.step.1", "1", "0"),
        ("hostile.step.2", "2", "0"),
    ]


def test_steps_rows_and_nodes_are_linked(built: Path) -> None:
    found = Elements(page_of(built, "single-server"))
    edges = {a["id"]: a for tag, a in found.elements if tag == "g" and "data-ends" in a}
    assert edges["single-server.edge.users--web"]["data-steps"] == "3"
    assert edges["single-server.edge.users--web"]["data-ends"] == (
        "single-server.group.users single-server.node.web"
    )
    rows = {a["data-archgen-node"]: a["id"] for a in found.having("data-archgen-node")}
    assert rows == {
        n: f"single-server.component.{n}" for n in ("web-user", "mobile-user", "dns", "web")
    }
    links = [a["href"] for tag, a in found.elements if tag == "a" and "xlink:title" in a]
    assert sorted(links) == sorted(f"#{row}" for row in rows.values())
    figures = found.having("data-archgen-figure")
    assert {a["data-archgen-figure"] for a in figures} == {"single-server"}
    (svg,) = [a for tag, a in found.elements if tag == "svg"]
    # 1,199 pt wide, its smallest text 12 pt: never narrower than text 10 px high.
    assert svg["style"] == "min-width:1001px;max-width:1599px"


def test_two_pictures_on_one_page_keep_their_own_keys(built: Path) -> None:
    both = rendered((built / "single-server.md").read_text("utf-8"))
    both += rendered((built / "hostile.md").read_text("utf-8"))
    found = Elements(linked_page(both, svgs(built)))
    assert found.scripts == [{"id": "archgen-embed-js"}]
    assert len([a for _, a in found.elements if a.get("id") == "archgen-embed"]) == 1
    keys = {
        a["data-archgen-stage"]: a["data-archgen-figure"]
        for a in found.having("data-archgen-stage")
    }
    assert keys == {"single-server": "single-server", "hostile": "hostile"}
    steps = [(a["id"], a["data-archgen-figure"]) for a in found.having("data-archgen-step")]
    assert steps[:4] == [(f"single-server.step.{n}", "single-server") for n in range(1, 5)]
    assert steps[4:] == [("hostile.step.1", "hostile"), ("hostile.step.2", "hostile")]


def test_fragments_of_one_page_keep_apart_and_can_leave_the_assets_out(built: Path) -> None:
    """A Sphinx page made of two directives: linked_page once per fragment."""
    fragments = [
        linked_page(
            rendered((built / f"{stage}.md").read_text("utf-8")),
            svgs(built),
            None,
            include_assets=False,
        )
        for stage in ("single-server", "hostile")
    ]
    found = Elements("".join(fragments))
    assert found.scripts == [] and not [
        a for _, a in found.elements if a.get("id") == "archgen-embed"
    ]
    keys = [a["data-archgen-figure"] for a in found.having("data-archgen-stage")]
    assert keys == ["single-server", "hostile"]
    assert set(asset_files()) == {"embed.css", "embed.js"}
    assert "archgenEmbed" in asset_files()["embed.js"]


def test_the_same_stage_twice_gets_two_keys(built: Path) -> None:
    once = rendered((built / "single-server.md").read_text("utf-8"))
    found = Elements(linked_page(once + once, svgs(built)))
    keys = [a["data-archgen-figure"] for a in found.having("data-archgen-stage")]
    assert keys == ["single-server", "single-server~2"]
    lists = {a["data-archgen-figure"] for a in found.having("data-archgen-step")}
    assert lists == {"single-server", "single-server~2"}  # each list its nearest picture


def test_an_image_it_does_not_know_stays_and_the_page_is_unchanged() -> None:
    page = '<p><img alt="x" src="other.svg" /></p>\n<!-- archgen:steps x -->\n<ol><li>a</li></ol>\n'
    assert linked_page(page, lambda src: None) == page


def test_an_svg_with_active_content_is_not_inlined(built: Path) -> None:
    page = rendered((built / "single-server.md").read_text("utf-8"))
    svg = (built / "single-server.svg").read_text("utf-8")
    for active in ("<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>'):
        hostile = svg.replace("</svg>", active + "</svg>")
        assert linked_page(page, lambda src, s=hostile: s) == page
    hostile = svg.replace("<g id=", '<g onclick="alert(1)" id=', 1)
    assert linked_page(page, lambda src: hostile) == page


def test_the_figure_takes_the_place_of_the_images_paragraph(built: Path) -> None:
    page = page_of(built, "single-server")
    assert "<p><figure" not in page and "<img" not in page
    assert re.search(r"</h1>\s*<p>Everything[^<]*</p>\s*<style id=\"archgen-embed\">", page)


def test_tokens_give_the_text_back_byte_for_byte(built: Path) -> None:
    for text in (
        rendered((built / "hostile.md").read_text("utf-8")),
        (built / "hostile.svg").read_text("utf-8"),
        "<p a=1 b='2' c>x &amp; &#65; <!-- c --> <![CDATA[d]]> <?pi?> </p  >< unclosed",
    ):
        assert rewritten(text, tokens_of(text), {}) == text


def test_translated_words_are_escaped_too(built: Path) -> None:
    """A templates folder's messages.yaml is pull-request input as much as a spec."""
    hostile = '"><script>alert(5)</script>'
    page = linked_page(
        rendered((built / "single-server.md").read_text("utf-8")), svgs(built), lambda w: hostile
    )
    found = Elements(page)
    assert found.scripts == [{"id": "archgen-embed-js"}]
    (button,) = [a for tag, a in found.elements if tag == "button"]
    assert button["aria-label"] == f"{hostile}: Single server"
    (figure,) = found.having("data-archgen-words")
    assert set(json.loads(figure["data-archgen-words"]).values()) == {hostile}
