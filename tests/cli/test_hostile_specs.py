"""Valid but hostile specs (tests/hostile_specs/): they must build, and show every label
exactly as written.

Labels that look like DOT (`"]; a -> b [label="x`), like HTML or Graphviz HTML-like
labels (`<script>`, `<<TABLE>>`, `&amp;`), or like Graphviz escapes (`\\N`, `\\G`)
are text: the SVG must draw them literally, its tooltips must repeat them literally,
no element or attribute may come from them, and the page must show them as text.
Ids that are DOT keywords (`node`, `edge`, `graph`, ...) must work as ids.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
import yaml
from helpers import TESTS, run_archgen

from archgen.draw.looks import edge_wrap
from archgen.draw.wrap import wrap
from archgen.spec.styles import DEFAULT_WRAP

HOSTILE = TESTS / "hostile_specs"
SPECS = sorted(path.name for path in HOSTILE.glob("*.yaml"))

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
# Elements that would make a label active content, were one to get through.
ACTIVE_ELEMENTS = {
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "animate",
    "set",
    "handler",
    "listener",
    "svg:script",
}
# libyaml, as archgen reads specs: the pure-Python loader refuses a tab after a colon.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Checks known to fail, by (check, spec file): none at present. Graphviz's escapes
# (\N, \G, ...) and the tooltips' entities were such bugs; compile.py now guards them.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _params(check: str) -> list[pytest.ParameterSet]:
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[check, name])]
            if (check, name) in KNOWN_BUGS
            else [],
        )
        for name in SPECS
    ]


@dataclass(frozen=True)
class Built:
    spec: dict[str, Any]
    svg: ET.Element
    page: str

    @property
    def node_labels(self) -> list[str]:
        return [
            _text(node.get("label", node_id))
            for node_id, node in self.spec.get("nodes", {}).items()
        ]

    @property
    def labels(self) -> list[str]:
        """The labels as drawn: node and edge labels wrapped at the spec's width."""
        width = self.spec.get("wrap", DEFAULT_WRAP)
        nodes = [wrap(label, width) for label in self.node_labels]
        groups = [_text(g["label"]) for g in self.spec.get("groups", {}).values() if "label" in g]
        edges = [
            wrap(_text(e["label"]), edge_wrap(width))
            for e in self.spec.get("edges", [])
            if "label" in e
        ]
        return [*nodes, *groups, *edges]


Build = Callable[[str], Built]  # a hostile spec's name -> what its build shows


def _text(value: str | dict[str, str]) -> str:
    return value if isinstance(value, str) else value.get("en", next(iter(value.values())))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    cache: dict[str, Built] = {}

    def build(name: str) -> Built:
        if name not in cache:
            folder = tmp_path_factory.mktemp(name.removesuffix(".yaml"))
            shutil.copyfile(HOSTILE / name, folder / name)
            result = run_archgen("build", name, "-o", "out", cwd=folder)
            assert result.code == 0, result.stderr
            assert "Traceback" not in result.stderr
            spec = yaml.load((HOSTILE / name).read_text(encoding="utf-8-sig"), Loader=LOADER)
            out = folder / "out"
            cache[name] = Built(
                spec,
                ET.parse(out / f"{spec['id']}.svg").getroot(),
                (out / f"{spec['id']}.md").read_text(encoding="utf-8"),
            )
        return cache[name]

    return build


def test_there_are_hostile_specs() -> None:
    assert {"dot-syntax.yaml", "html-markup.yaml", "graphviz-escapes.yaml", "bom.yaml"} <= set(
        SPECS
    )


@pytest.mark.parametrize("name", _params("drawn"))
def test_labels_are_drawn_as_written(built: Build, name: str) -> None:
    result = built(name)
    texts = ["".join(t.itertext()) for t in result.svg.iter(f"{SVG}text")]
    # A node label wider than its box is wrapped at spaces (draw/label_fit.py): what is
    # drawn is the label character for character, but the spaces it broke at.
    drawn = "".join("".join(texts).split())
    for label in result.labels:
        for line in label.split("\n"):
            assert "".join(line.split()) in drawn, (line, texts)


@pytest.mark.parametrize("name", _params("tooltips"))
def test_tooltips_are_the_labels_as_written(built: Build, name: str) -> None:
    result = built(name)
    tooltips = {a.get(XLINK_TITLE) for a in result.svg.iter(f"{SVG}a")}
    for label in result.node_labels:
        assert label in tooltips, (label, tooltips)


@pytest.mark.parametrize("name", SPECS)
def test_labels_add_no_markup_to_the_svg(built: Build, name: str) -> None:
    result = built(name)
    for element in result.svg.iter():
        assert element.tag.startswith(SVG), element.tag
        assert element.tag.removeprefix(SVG).lower() not in ACTIVE_ELEMENTS, element.tag
        if element.tag == f"{SVG}style":
            assert not any(label in (element.text or "") for label in result.labels)
        for attribute, value in element.attrib.items():
            assert not attribute.rpartition("}")[2].lower().startswith("on"), attribute
            assert not value.strip().lower().startswith("javascript:"), value


@pytest.mark.parametrize("name", SPECS)
def test_page_shows_labels_as_text(built: Build, name: str) -> None:
    """The page as a docs site shows it (Python-Markdown with tables and attr_list): no
    element, attribute or comment comes from a label; markup in a code span is text."""
    found = _PageElements()
    found.feed(markdown.markdown(built(name).page, extensions=["tables", "attr_list"]))
    found.close()
    expected_image = f"{built(name).spec['id']}.svg"
    assert [tag for tag, _ in found.elements if tag not in _PAGE_ELEMENTS] == []
    assert [src for tag, src in found.elements if tag == "img"] == [expected_image]
    assert found.attributes <= {"src", "alt", "href", "title", "align", "style"}
    # The only comments: the template's marks of the steps list and the components table
    # (integrations/embed), named by the stage's id.
    stage = built(name).spec["id"]
    marks = [f" archgen:steps {stage} ", f" archgen:components {stage} "]
    assert found.comments in (marks, marks[1:])


# What Markdown itself makes of a page; any other element would come from a text.
_PAGE_ELEMENTS = {
    *("h1", "h2", "h3", "p", "ul", "ol", "li", "a", "img", "code", "pre", "em", "strong"),
    *("table", "thead", "tbody", "tr", "th", "td", "br"),
}


class _PageElements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, str | None]] = []
        self.attributes: set[str] = set()
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs).get("src")))
        self.attributes |= {name for name, _ in attrs}

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def unknown_decl(self, data: str) -> None:  # <![CDATA[ ... ]]>
        self.comments.append(data)


def test_a_byte_order_mark_is_not_part_of_the_first_key(built: Build) -> None:
    assert built("bom.yaml").spec["id"] == "bom"  # the page and SVG were found under 'bom'


def test_dot_keywords_are_ids_like_any_other(built: Build) -> None:
    result = built("dot-syntax.yaml")
    titles = {"".join(t.itertext()) for t in result.svg.iter(f"{SVG}title")}
    assert {"node", "edge", "graph", "subgraph", "strict", "digraph"} <= titles
