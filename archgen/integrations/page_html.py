"""A page archgen built (Markdown) as HTML, for a docs site that does not read Markdown
pages itself (Sphinx), with its links and images made to fit that site.

archgen's pages link each other (``database.md``) and their pictures (``database.svg``)
relatively, which works where every page is a file of the site. In a Sphinx site a stage
is shown by a directive, anywhere: so a link to a stage becomes a placeholder
(``archgen-stage:<id>``) that the extension points at the directive showing that stage,
or drops when none does; an image inside the build's folder becomes ``archgen-file:<path>``,
inlined or published by the extension. Every other relative link is dropped (its text
stays): nothing of archgen's folder is a page of the site. http(s) and mailto links stay.

Raw HTML in a page is text, escaped, never active, but for the two marker comments the
page template writes before the steps list and the components table, which the embed
engine links the picture with (``embed.is_marker``).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from archgen.integrations.embed import is_marker

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

STAGE_LINK = "archgen-stage:"  # + a stage id
FILE_LINK = "archgen-file:"  # + a path inside the build's folder
_KEPT_SCHEMES = ("http:", "https:", "mailto:")
_STAGE_PAGE = re.compile(r"([a-z0-9][a-z0-9_-]*)\.md")
_PLACED_LINK = re.compile(r'<a href="archgen-stage:([^"]*)">(.*?)</a>', re.DOTALL)
_HEADING = re.compile(r"<(/?)h([1-6])>")
_PLACED_FILE = re.compile(r'"archgen-file:([^"]*)"')


def page_html(
    markdown: str, folder: str, is_stage: Callable[[str], bool], is_file: Callable[[str], bool]
) -> str:
    """``markdown``, a page in ``folder`` of the build ('' or 'ko'), as HTML, its links
    and images as placeholders."""
    parser = _parser()
    tokens = parser.parse(markdown)
    for token in tokens:
        if token.type == "html_block" and not _is_marker_block(token.content):
            token.content = html.escape(token.content)  # shown as the text it is
        if token.children:
            token.children = list(_rewritten(token.children, folder, is_stage, is_file))
    rendered: str = parser.renderer.render(tokens, parser.options, {})
    return rendered


def placed(
    page: str, stage_href: Callable[[str], str | None], file_href: Callable[[str], str]
) -> str:
    """``page`` with its placeholders replaced: a stage's link by ``stage_href`` (the
    link dropped, its text kept, where that says None), a file by ``file_href``."""

    def link(found: re.Match[str]) -> str:
        href = stage_href(html.unescape(found.group(1)))
        text = found.group(2)
        return text if href is None else f'<a href="{html.escape(href)}">{text}</a>'

    page = _PLACED_LINK.sub(link, page)
    return _PLACED_FILE.sub(lambda f: f'"{html.escape(file_href(html.unescape(f[1])))}"', page)


def headings_lower(page: str, levels: int) -> str:
    """``page`` (from ``page_html``) with its headings ``levels`` lower, at most h6: its
    h1 goes below the sections around it. Its text is escaped: every ``<h`` is a tag."""
    return _HEADING.sub(lambda f: f"<{f[1]}h{min(6, int(f[2]) + levels)}>", page)


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # CommonMark with GitHub's tables, as the pages are written. Raw HTML is read as
    # such so that the markers can be told apart; every other piece is made text.
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def _is_marker_block(content: str) -> bool:
    """Whether an HTML block is one marker comment, alone on its line."""
    text = content.strip()
    return text.startswith("<!--") and text.endswith("-->") and is_marker(text[4:-3])


def _rewritten(
    children: list[Token],
    folder: str,
    is_stage: Callable[[str], bool],
    is_file: Callable[[str], bool],
) -> Iterator[Token]:
    dropping = False  # inside a link that is dropped: its link_close goes too
    for token in children:
        if token.type == "html_inline":  # raw HTML inside a paragraph: its text
            yield _text(token.content)
            continue
        if token.type == "link_open":
            href = _link(str(token.attrGet("href") or ""), is_stage)
            dropping = href is None
            if dropping:
                continue
            token.attrSet("href", href or "")
        elif token.type == "link_close" and dropping:
            dropping = False
            continue
        elif token.type == "image":
            path = _inside(folder, str(token.attrGet("src") or ""))
            if path is None or not is_file(path):
                yield _text(token.content)  # a picture the site cannot show: its alt text
                continue
            token.attrSet("src", FILE_LINK + path)
        yield token


def _link(href: str, is_stage: Callable[[str], bool]) -> str | None:
    """What a link's href becomes, or None to drop the link."""
    if href.startswith(_KEPT_SCHEMES) or href.startswith("#"):
        return href
    target, _, _ = href.partition("#")
    found = _STAGE_PAGE.fullmatch(target)
    if found and is_stage(found.group(1)):
        return STAGE_LINK + found.group(1)
    return None


def _inside(folder: str, src: str) -> str | None:
    """``src``, relative to ``folder``, as a path inside the build's folder, or None."""
    if not src or ":" in src or src.startswith(("/", "\\")):
        return None
    path = posixpath.normpath(posixpath.join(folder, src))
    return None if path.startswith("..") or path.startswith("/") else path


def _text(content: str) -> Token:
    from markdown_it.token import Token

    token = Token("text", "", 0)
    token.content = content
    return token
