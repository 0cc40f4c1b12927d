"""The comment's Markdown, made from a report: the hidden marker that finds it again,
the stale-output verdict with its fix, ``archgen diff``'s Markdown, the pictures' links;
cut to fit a GitHub comment, with what it opened closed again.

The report of a pull request is hostile text (specs, file names, and in ``comment``
mode the whole report, made by a workflow the pull request could edit): mentions and
issue references are silenced outside code, and the check's output sits in a code block
whose fence no line of it can close.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from archgen.pages.markdown import MENTION, unlinked

# GitHub refuses a comment body over 65,536 characters; a margin for how it counts them.
COMMENT_LIMIT = 65_000
SUMMARY_LIMIT = 340_000  # a step's summary may hold 1 MiB: characters of up to 3 bytes
FOLD_LINES = 8  # longer check output is folded
MARKER = "<!-- archgen-diff -->"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class Report:
    """What the report step found (``report.Report`` read back from its folder)."""

    check_code: int  # archgen check: 0 current, 1 stale, 2 bad input, 3 environment
    check_output: str
    diff_code: int  # archgen diff: 0 no change, 1 changes, 2 bad input, 3 environment
    diff_markdown: str
    diff_errors: str
    working_directory: str
    output: str  # the output folder, as configured
    head_sha: str


def marker(working_directory: str) -> str:
    """The hidden line that finds the comment again; one comment per project folder."""
    if working_directory in ("", "."):
        return MARKER
    return f"<!-- archgen-diff: {_comment_safe(working_directory)} -->"


def compose(
    report: Report,
    fix_command: str,
    pictures: str = "",
    run_url: str = "",
    limit: int = COMMENT_LIMIT,
) -> str:
    """The comment: marker first, then the verdict, the diff and the pictures, cut at
    ``limit`` characters with a note that points to the whole report."""
    head = [marker(report.working_directory), verdict(report, fix_command)]
    diff = [_diff_section(report), pictures] if pictures else [_diff_section(report)]
    tail = f"<sub>archgen · head {report.head_sha[:12]}</sub>"
    text = "\n\n".join(part.strip("\n") for part in [*head, *diff, tail] if part) + "\n"
    return fit(silence_mentions(text), limit, run_url)


def verdict(report: Report, fix_command: str) -> str:
    """Whether the committed output is what the specs build, and what to run if not."""
    where = "" if report.working_directory in ("", ".") else f" in `{report.working_directory}`"
    output = f"`{report.output}/`"
    if report.check_code == 0:
        return f"✅ {output} is current: it is what the specs build."
    if report.check_code == 1:
        line = (
            f"❌ **{output} is stale**: it is not what the specs build. "
            f"Run `{fix_command}`{where} and commit {output}."
        )
    elif report.check_code == 2:
        line = f"❌ **archgen check could not read the project**{where}: fix what it names."
    else:
        line = f"❌ **archgen check could not run**{where}: see its output."
    return line + "\n\n" + folded("archgen check", code_block(report.check_output))


def _diff_section(report: Report) -> str:
    if report.diff_code in (0, 1):
        return report.diff_markdown
    problem = "a spec is invalid" if report.diff_code == 2 else "it could not run"
    text = f"❌ **archgen diff failed**: {problem}.\n\n"
    return text + folded("archgen diff", code_block(report.diff_errors), force=True)


def folded(title: str, text: str, force: bool = False) -> str:
    """``text`` under a ``<details>`` fold when it is long (or ``force``)."""
    if not force and text.count("\n") <= FOLD_LINES + 2:
        return text
    return f"<details><summary>{title}</summary>\n\n{text}\n\n</details>"


def code_block(text: str) -> str:
    """``text`` as a fenced code block that no line of it can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def silence_mentions(markdown: str) -> str:
    """``@name`` and ``#123`` outside code made plain text: a zero-width space after
    the sign, so that GitHub neither notifies anyone nor cross-references an issue.
    Code blocks and code spans are left as written (GitHub links nothing there)."""
    lines, fence = [], ""
    for line in markdown.split("\n"):
        fence, in_code = _fence_after(fence, line)
        lines.append(line if in_code else _silence_line(line))
    return "\n".join(lines)


def _fence_after(fence: str, line: str) -> tuple[str, bool]:
    """The code fence open after ``line`` (``""``: none), and whether ``line`` is code
    (inside a fenced block, or the fence itself)."""
    opening = _FENCE.match(line)
    if fence:
        closes = opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence)
        return ("" if closes else fence), True
    if opening:
        return opening[1], True
    return "", False


def _silence_line(line: str) -> str:
    parts, end = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts += [unlinked(line[end : span.start()], MENTION), span[0]]
        end = span.end()
    parts.append(unlinked(line[end:], MENTION))
    return "".join(parts)


def fit(text: str, limit: int, run_url: str = "") -> str:
    """``text`` if it fits in ``limit`` characters; else cut at a line, the code fence and
    ``<details>`` folds it leaves open closed, and a note saying where the rest is."""
    if len(text) <= limit:
        return text
    where = f"[the job summary of the run]({run_url})" if run_url else "the job summary"
    note = (
        f"\n\n**Cut here**: the report is longer than a GitHub comment may be "
        f"({limit:,} characters). The whole report is in {where}.\n"
    )
    kept = _lines_within(text.split("\n"), limit - len(note) - 200)
    return "\n".join([*kept, *_closers(kept)]) + note


def _lines_within(lines: Sequence[str], budget: int) -> list[str]:
    kept: list[str] = []
    for line in lines:
        budget -= len(line) + 1
        if budget < 0:
            break
        kept.append(line)
    return kept


def _closers(lines: Sequence[str]) -> list[str]:
    """What closes the code fence and the folds that ``lines`` leave open."""
    fence, depth = "", 0
    for line in lines:
        fence, in_code = _fence_after(fence, line)
        if not in_code:
            depth += line.count("<details>") - line.count("</details>")
    return ([fence] if fence else []) + ["", "</details>"] * max(depth, 0)


def _comment_safe(text: str) -> str:
    """A folder's name inside an HTML comment: nothing that ends it."""
    return re.sub(r"[^A-Za-z0-9._/ -]", "_", text)


def link_pictures(markdown: str, names: Sequence[str], urls: dict[str, str]) -> str:
    """``archgen diff -o``'s image links, which point to files beside it: to the
    pictures' addresses on the assets branch (the PNG shown, linked to the SVG), or
    left out when they have none (a comment cannot show a file of the runner)."""
    lines: list[str] = []
    for line in markdown.split("\n"):
        image = _IMAGE.fullmatch(line)
        if not image or image[2] not in names:
            if line or not lines or lines[-1]:  # no second blank line where one went
                lines.append(line)
            continue
        svg, png = urls.get(image[2]), urls.get(image[2].replace(".svg", ".png"))
        if png and svg:
            lines.append(f"[{image[1]}({png})]({svg})")
        elif svg or png:
            lines.append(f"{image[1]}({svg or png})")
    return "\n".join(lines)


def pictures_note(names: Sequence[str], artifact: str, run_url: str) -> str:
    """Where the diff pictures are when they are a workflow artifact."""
    if not names or not artifact:
        return ""
    run = f"[the workflow run]({run_url})" if run_url else "the workflow run"
    count = len({name.split(".")[0] for name in names})
    return f"🖼 {count} diff picture(s), SVG and PNG: the artifact `{artifact}` of {run}."


# archgen diff's image line: ![alt, its brackets escaped](<id>.diff.svg)
_IMAGE = re.compile(r"(!\[(?:[^\]\\]|\\.)*\])\(([A-Za-z0-9_-]+\.diff\.svg)\)")
