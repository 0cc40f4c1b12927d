"""Every text that reaches a stage's SVG arrives there as text (docs/hardening.md, "Pages
and templates"): the title and the summary (its <title> and <desc>), node, group and edge
labels, and archgen's own words from a templates folder's messages.yaml (the legend, the
badges), each holding markup. The SVG is read with an XML parser: no
element and no attribute may come from a text, and each text shows as written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from helpers import run_archgen, write_spec

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:x">'
# The words only the diagram shows: a page's words are held by the page check instead.
WORDS = ("NEW", "New in this stage", "CHANGED", "REMOVED")
ACTIVE = {"script", "foreignObject", "iframe", "object", "embed", "animate", "set", "handler"}

BASE = """\
    id: base
    title: Base
    nodes:
      old: {kind: ec2}
      kept: {kind: ec2}
    edges:
      - {from: old, to: kept}
    """
CHILD = f"""\
    id: child
    extends: base
    wrap: 0  # the texts whole: wrapping would break them at their spaces
    title: 'Title {HOSTILE}'
    summary: 'Summary `{HOSTILE}` and &lt;b&gt;'
    remove: [old]
    nodes:
      kept: {{kind: rds, label: 'Node {HOSTILE}'}}
      new: {{kind: ec2, label: 'New node {HOSTILE}'}}
    groups:
      tier: {{label: 'Group {HOSTILE}', members: [new]}}
    edges:
      - {{from: new, to: kept, label: 'Edge {HOSTILE}'}}
    """


@pytest.fixture(scope="module")
def svg(tmp_path_factory: pytest.TempPathFactory) -> ET.Element:
    folder = tmp_path_factory.mktemp("svg")
    (folder / "specs").mkdir()
    write_spec(folder / "specs", "base.yaml", BASE)
    write_spec(folder / "specs", "child.yaml", CHILD)
    (folder / "tpl").mkdir()
    words = "".join(f"  {word}: '{word} {HOSTILE}'\n" for word in WORDS)
    (folder / "tpl" / "messages.yaml").write_text(f"ko:\n{words}", encoding="utf-8")
    result = run_archgen(
        "build", "specs", "--templates", "tpl", "--lang", "ko", "-o", "out", cwd=folder
    )
    assert result.code == 0, result.stderr
    return ET.fromstring((folder / "out" / "ko" / "child.svg").read_bytes())


def test_no_element_or_attribute_comes_from_a_text(svg: ET.Element) -> None:
    for element in svg.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag not in ACTIVE, tag
        for name, value in element.attrib.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", XLINK_HREF):
                assert not re.match(r"\s*(javascript|vbscript):", value, re.I), value


def test_each_text_shows_as_written(svg: ET.Element) -> None:
    texts = " ".join("".join(element.itertext()) for element in svg.iter(f"{SVG}text"))
    # A node label wider than its box is wrapped (draw/label_fit.py): compared without
    # the spaces it may break at.
    flat = "".join(texts.split())
    for label in ("Node", "New node", "Group", "Edge"):
        assert "".join(f"{label} <script>alert(1)</script>".split()) in flat
    for word in ("NEW", "New in this stage"):
        assert f"{word} <script>alert(1)</script>" in texts
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title is not None and title.text == f"Title {HOSTILE}"
    assert desc is not None and desc.text is not None
    assert desc.text.startswith(f"Summary `{HOSTILE}` and &lt;b&gt; 구성 요소: ")
