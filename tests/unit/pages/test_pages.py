"""Step 5, pages: stages -> Markdown through the templates, in English and Korean."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from helpers import REPO, resolve_specs
from markdown_it import MarkdownIt

from archgen.pages.markdown import PageRenderer, html_text, literal, table_cell
from archgen.resolve.stage import Stage

TEMPLATES = REPO / "templates"

BASE = """
    id: base
    order: 1
    title: {en: Base, ko: 기본}
    summary: {en: "The *first* stage.", ko: 첫 단계.}
    nodes:
      web: {kind: ec2, label: {en: "Web <server>", ko: 웹 서버}}
      db: {kind: rds}
    edges:
      - {id: rw, from: web, to: db}
    steps:
      - {edge: rw, text: {en: The web server writes., ko: 웹 서버가 쓴다.}}
    aws:
      - service: Amazon RDS
        text: {en: What RDS does here., ko: 여기서 RDS가 하는 일.}
        features: [Multi-AZ, {name: Read Replicas, text: Spread reads.}]
    notes: [{en: A note., ko: 참고.}]
    """

CHILD = """
    id: child
    order: 2
    extends: base
    title: {en: Child, ko: 자식}
    remove: [db]
    nodes:
      web: {label: Web}
      cache: {kind: elasticache, label: "Cache|1"}
    """

SAME = """
    id: same
    order: 3
    extends: base
    title: Same
    """


@pytest.fixture(scope="module")
def stages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Stage]:
    folder = tmp_path_factory.mktemp("specs")
    resolved, problems = resolve_specs(
        folder, BASE, CHILD, SAME, names=["base.yaml", "child.yaml", "same.yaml"]
    )
    assert problems == []
    return {stage.id: stage for stage in resolved}


def page(renderer: PageRenderer, stage: Stage, language: str) -> str:
    return renderer.stage_page(stage, language, f"{stage.id}.svg").text


def section(text: str, heading: str) -> str:
    """The lines under ``## heading``, up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no section '{heading}' in:\n{text}"
    return match[1].strip()


# -- the filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>", "&lt;b&gt;"),
        ("R&D", "R&amp;D"),
        ("&lt;", "&amp;lt;"),
        ("C:\\temp", "C:\\\\temp"),
        ("*bold*", "\\*bold\\*"),
        ("snake_case", "snake\\_case"),
        ("a|b", "a\\|b"),
        ("`code`", "\\`code\\`"),
        ("[link](x)", "\\[link\\](x)"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("two\nlines", "two<br>lines"),
        ("웹 서버", "웹 서버"),
        # What GitHub would link or notify: a zero-width space after the sign.
        ("@octocat", "@&#8203;octocat"),
        ("ops@example.com", "ops@&#8203;example.com"),
        ("see #12", "see \\#&#8203;12"),
        ("https://evil.example", "https:&#8203;//evil.example"),
        ("www.evil.example", "www&#8203;.evil.example"),
        ("a @ b, C#", "a @ b, C\\#"),
    ],
)
def test_literal_escapes_markdown_and_html(text: str, expected: str) -> None:
    assert literal(text) == expected


@pytest.mark.parametrize("escape", [literal, html_text])
def test_a_label_mentions_no_one_and_links_nothing_on_github(escape: Callable[[str], str]) -> None:
    """GitHub finds mentions, issue references and addresses in the rendered text, where
    a backslash escape is gone: the text a reader sees must hold none of them."""
    label = "@octocat @org/team ops@example.com #12 o/r#3 https://evil.example www.evil.example"
    html = MarkdownIt("commonmark", {"html": True}).render(f"| {escape(label)} |\n")
    seen = _text_of(html)
    assert not re.search(r"@[A-Za-z0-9]|#[0-9]|://|www\.", seen)
    assert seen.replace("\u200b", "").strip("| \n") == label


def _text_of(html: str) -> str:
    """The text of rendered HTML, entities decoded, as a reader (and GitHub) sees it."""
    parts: list[str] = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(html)
    return "".join(parts)


def test_table_cell_escapes_pipes_and_joins_lines() -> None:
    assert table_cell("a|b\nc") == "a\\|b<br>c"
    assert table_cell("*Markdown* stays") == "*Markdown* stays"


# -- the stage page -------------------------------------------------------------------------


def test_stage_page_in_english(renderer: PageRenderer, stages: dict[str, Stage]) -> None:
    text = page(renderer, stages["base"], "en")
    assert text.startswith("# Base\n\nThe *first* stage.\n\n")
    assert "![Architecture diagram: Base. Components: Web &lt;server&gt;, db.](base.svg)" in text
    # Each led by the comment a docs site links the inlined picture by (integrations/embed).
    assert section(text, "Processing steps") == (
        "<!-- archgen:steps base -->\n\n1. The web server writes."
    )
    assert section(text, "Components").splitlines() == [
        "<!-- archgen:components base -->",
        "",
        "| Component | Id | Service |",
        "| --- | --- | --- |",
        "| Web &lt;server&gt; | `web` | [Amazon EC2](https://aws.amazon.com/ec2/) |",
        "| db | `db` | [Amazon RDS](https://aws.amazon.com/rds/) |",
    ]
    assert section(text, "AWS services").splitlines() == [
        "### [Amazon RDS](https://aws.amazon.com/rds/)",
        "",
        "What RDS does here.",
        "",
        "- **Multi-AZ**",
        "- **Read Replicas**: Spread reads.",
    ]
    assert section(text, "Notes") == "- A note."
    assert "What changed" not in text
    assert text.endswith("- A note.\n") and "\n\n\n" not in text


def test_stage_page_in_korean(renderer: PageRenderer, stages: dict[str, Stage]) -> None:
    text = page(renderer, stages["base"], "ko")
    assert text.startswith("# 기본\n\n첫 단계.\n\n")
    assert "![아키텍처 다이어그램: 기본. 구성 요소: 웹 서버, db.](base.svg)" in text
    headings = re.findall(r"^## (.*)$", text, re.M)
    assert headings == ["처리 순서", "구성 요소", "AWS 서비스", "참고 사항"]
    assert section(text, "처리 순서") == "<!-- archgen:steps base -->\n\n1. 웹 서버가 쓴다."
    assert "| 구성 요소 | ID | 서비스 |" in text
    assert "| 웹 서버 | `web` |" in text
    assert section(text, "참고 사항") == "- 참고."


def test_page_without_image_has_no_picture(
    renderer: PageRenderer, stages: dict[str, Stage]
) -> None:
    text = renderer.stage_page(stages["base"], "en", "").text
    assert "![" not in text


def test_what_changed_lists_added_changed_and_removed(
    renderer: PageRenderer, stages: dict[str, Stage]
) -> None:
    text = page(renderer, stages["child"], "en")
    assert section(text, "What changed").splitlines() == [
        "Starts from: [Base](base.md)",
        "",
        "- Added: Cache\\|1 (`cache`)",
        "- Changed: Web (`web`)",
        "- Removed: db (`db`)",
    ]
    # One backslash: `\\\\|` would read as a backslash and a cell break in Python-Markdown.
    assert "| Cache\\|1 | `cache` |" in text


def test_an_edge_removed_by_its_id_is_named_by_its_label(
    renderer: PageRenderer, tmp_path: Path
) -> None:
    parent = """
        id: parent
        title: Parent
        nodes:
          users: {kind: users}
          web: {kind: ec2}
        edges:
          - {id: request, from: users, to: web, label: {en: HTTP request, ko: HTTP 요청}}
        """
    child = """
        id: kid
        extends: parent
        title: Kid
        remove: [request]
        """
    resolved, problems = resolve_specs(tmp_path, parent, child)
    assert problems == []
    kid = next(stage for stage in resolved if stage.id == "kid")
    lines = section(page(renderer, kid, "en"), "What changed").splitlines()
    assert lines[-1] == "- Removed: HTTP request (`request`)"
    lines = section(page(renderer, kid, "ko"), "달라진 점").splitlines()
    assert lines[-1] == "- 제거: HTTP 요청 (`request`)"


def test_what_changed_in_korean(renderer: PageRenderer, stages: dict[str, Stage]) -> None:
    text = page(renderer, stages["child"], "ko")
    assert section(text, "달라진 점").splitlines() == [
        "이전 단계: [기본](base.md)",
        "",
        "- 추가: Cache\\|1 (`cache`)",
        "- 변경: Web (`web`)",
        "- 제거: db (`db`)",
    ]


def test_what_changed_when_only_the_texts_differ(
    renderer: PageRenderer, stages: dict[str, Stage]
) -> None:
    assert section(page(renderer, stages["same"], "en"), "What changed").splitlines() == [
        "Starts from: [Base](base.md)",
        "",
        "- The architecture is the same; this stage describes it further.",
    ]
    assert section(page(renderer, stages["same"], "ko"), "달라진 점").endswith(
        "- 아키텍처는 이전 단계와 같고, 이 단계는 그 설명을 더한다."
    )


def test_index_lists_stages_in_order(renderer: PageRenderer, stages: dict[str, Stage]) -> None:
    ordered = sorted(stages.values(), key=lambda stage: stage.sort_key)
    text = renderer.index_page(ordered, "ko", "svg").text
    assert text.startswith("# 아키텍처 단계\n")
    assert "| 1 | [기본](base.md) | 첫 단계. |" in text
    assert "| 2 | [자식](child.md) |  |" in text
    assert "![기본](base.svg)" in text


# -- translations ---------------------------------------------------------------------------


def template_words() -> set[str]:
    """Every string the templates pass to translate() or _(), in double or single quotes."""
    call = re.compile(r"""\b(?:translate|_)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")
    texts = [path.read_text(encoding="utf-8") for path in sorted(TEMPLATES.glob("*.j2"))]
    assert texts, f"no templates in {TEMPLATES}"
    return {double or single for text in texts for double, single in call.findall(text)}


def test_templates_use_translated_words() -> None:
    assert {"Components", "What changed", "Architecture stages"} <= template_words()


def test_every_template_word_has_a_korean_translation() -> None:
    korean = yaml.safe_load((TEMPLATES / "messages.yaml").read_text(encoding="utf-8"))["ko"]
    missing = sorted(word for word in template_words() if not korean.get(word))
    assert missing == []
