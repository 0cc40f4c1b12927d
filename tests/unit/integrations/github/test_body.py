"""The sticky comment's Markdown: its marker, the verdict and its fix, the cut at
GitHub's limit, and spec text that can neither mention, cross-reference nor close a
block; rendered with markdown-it-py (CommonMark, as GitHub reads it) where what a reader
sees is the point."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from archgen.integrations.github.body import (
    MARKER,
    Report,
    code_block,
    compose,
    fit,
    link_pictures,
    marker,
    silence_mentions,
)
from archgen.integrations.github.comment import find

# GitHub's mention pattern (html-pipeline's MentionFilter), run on the rendered text.
MENTION = re.compile(r"(?:^|\W)@((?>[a-z0-9][a-z0-9-]*))(?!/)", re.I)

REPORT = Report(
    check_code=0,
    check_output="output is up to date (2 stage(s))",
    diff_code=1,
    diff_markdown="### Architecture changes: `a` → `b`\n\n- **Web** (`web`): changed\n",
    diff_errors="",
    working_directory=".",
    output="output",
    head_sha="f" * 40,
)


def rendered_text(markdown: str) -> str:
    """What a reader sees: the text of the rendered HTML, entities decoded."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(MarkdownIt("commonmark", {"html": True}).render(markdown))
    return "".join(parser.parts)


def open_tags(markdown: str) -> dict[str, int]:
    """How many of each tag the rendered HTML leaves open (0 each: balanced)."""

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.depth: dict[str, int] = {}

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.depth[tag] = self.depth.get(tag, 0) + 1

        def handle_endtag(self, tag: str) -> None:
            self.depth[tag] = self.depth.get(tag, 0) - 1

    parser = Tags()
    parser.feed(MarkdownIt("commonmark", {"html": True}).render(markdown))
    return {tag: n for tag, n in parser.depth.items() if n and tag not in ("br", "hr", "img")}


def test_the_marker_is_the_first_line_and_names_the_project_folder() -> None:
    assert compose(REPORT, "archgen build").split("\n")[0] == MARKER
    other = replace(REPORT, working_directory="docs/arch")
    assert compose(other, "make build").split("\n")[0] == "<!-- archgen-diff: docs/arch -->"
    # A folder's name cannot end the comment early and show the rest.
    assert marker("a-->b <x>") == "<!-- archgen-diff: a--_b _x_ -->"


def test_a_stale_output_says_what_to_run_and_where() -> None:
    stale = replace(
        REPORT,
        check_code=1,
        check_output="output/web.svg: out of date",
        working_directory="docs/arch",
        output="site/arch",
    )
    text = compose(stale, "make build")
    assert "❌ **`site/arch/` is stale**" in text
    assert "Run `make build` in `docs/arch` and commit `site/arch/`." in text
    assert "```text\noutput/web.svg: out of date\n```" in text
    assert "✅ `output/` is current" in compose(REPORT, "archgen build")


def test_long_check_output_is_folded() -> None:
    lines = "\n".join(f"output/s{n}.svg: out of date" for n in range(30))
    text = compose(replace(REPORT, check_code=1, check_output=lines), "archgen build")
    assert "<details><summary>archgen check</summary>\n\n```text\noutput/s0.svg" in text
    assert open_tags(text) == {}


def test_a_check_output_cannot_close_its_code_block() -> None:
    hostile = "specs/```\n@octocat <b>bold</b>"
    block = code_block(hostile)
    assert block.startswith("````text\n") and block.endswith("\n````")
    html = MarkdownIt("commonmark").render(block)
    assert html.count("<pre>") == 1 and "<b>" not in html


def test_a_long_report_is_cut_at_the_limit_with_its_folds_closed() -> None:
    stage = "<details><summary>s</summary>\n\n| a | b |\n| --- | --- |\n{}\n\n</details>\n\n"
    rows = "\n".join(f"| node | `n{n}` |" for n in range(200))
    long = replace(REPORT, diff_markdown=stage.format(rows) * 40)
    text = compose(long, "archgen build", run_url="https://git.example.com/o/r/actions/runs/1")
    assert len(text) <= 65_000 < len(long.diff_markdown)
    assert text.startswith(MARKER)
    assert "**Cut here**" in text
    assert "[the job summary of the run](https://git.example.com/o/r/actions/runs/1)" in text
    assert open_tags(text) == {}


def test_a_cut_inside_a_code_block_closes_the_fence() -> None:
    text = "intro\n\n````text\n" + "line\n" * 500 + "````\n\n<details>\n\nafter\n"
    cut = fit(text, 1000)
    assert len(cut) <= 1000
    assert "Cut here" in rendered_text(cut)  # the note is text, not inside the code block
    assert MarkdownIt("commonmark").render(cut).count("<pre>") == 1


def test_mentions_and_issue_references_are_silenced_outside_code() -> None:
    text = silence_mentions(
        "@octocat see #12 and o/r#3, mail a@b.io &#123; `@code` \n```\n@fenced #1\n```"
    )
    seen = rendered_text(text)
    assert not MENTION.search(seen.split("@code")[0])
    assert "@\u200boctocat see #\u200b12 and o/r#\u200b3, mail a@\u200bb.io {" in seen
    assert "`@code`" in text and "\n@fenced #1\n" in text  # code is left as written


def test_pictures_link_to_the_assets_branch_or_are_left_out() -> None:
    markdown = (
        "<details>\n\n![Diff diagram: Web \\[1\\]](web.diff.svg)\n\n| a |\n\n"
        "![other](elsewhere.svg)\n"
    )
    names = ["web.diff.png", "web.diff.svg"]
    urls = {"web.diff.svg": "https://h/raw/c/1.svg", "web.diff.png": "https://h/raw/c/2.png"}
    linked = link_pictures(markdown, names, urls)
    assert "[![Diff diagram: Web \\[1\\]](https://h/raw/c/2.png)](https://h/raw/c/1.svg)" in linked
    left_out = link_pictures(markdown, names, {})
    assert "web.diff.svg" not in left_out
    assert "<details>\n\n| a |" in left_out  # one blank line, not two
    assert "![other](elsewhere.svg)" in left_out  # not a picture of the report


def test_only_the_authors_comment_with_the_marker_line_is_ours() -> None:
    comments = [
        {"id": 1, "user": {"login": "reviewer"}, "body": f"{MARKER}\npasted"},
        {"id": 2, "user": {"login": "github-actions[bot]"}, "body": f"quoting {MARKER}"},
        {"id": 3, "user": {"login": "other[bot]"}, "body": MARKER},
        {"id": 4, "user": {"login": "github-actions[bot]"}, "body": f"{MARKER}\n\nours"},
        {"id": 5, "user": {"login": "github-actions[bot]"}, "body": f"{MARKER}\n\nlater"},
    ]
    found = find(comments, MARKER, "github-actions[bot]")
    assert found is not None and found["id"] == 4
    assert find(comments, "<!-- archgen-diff: docs -->", "github-actions[bot]") is None
