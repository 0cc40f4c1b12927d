"""What a Markdown text may hold: the one rule for every spec text and every page.

A spec's descriptions (summary, notes, step texts, what a service and its features do)
are Markdown, and reach a docs site (MkDocs: Python-Markdown) and GitHub (GFM) as
written. They may use Markdown itself (emphasis, code, lists, links) but no raw HTML,
and a link or an image goes only to an http(s) or mailto address or to a relative path:

- raw HTML is refused, not escaped: a ``<`` followed by a letter, ``/``, ``!`` or ``?``
  outside code is refused wherever it is. Python-Markdown takes more for a tag than
  CommonMark does (``<img/src=x/onerror=...>`` is raw HTML to it, text to CommonMark),
  so the rule asks for no tag by either reading; and to Python-Markdown ``\\<b>`` is
  a tag (its backslash escapes no ``<``). Write ``&lt;`` or a code span for a
  literal ``<``;
- a link's or an image's address is read as a browser would (entities decoded, tabs,
  newlines and spaces dropped, case folded) and its scheme, if it has one, must be
  http, https or mailto; ``javascript:`` and ``vbscript:`` are refused anywhere in the
  text, for a renderer that would find a link where CommonMark does not;
- what a docs site's Markdown extensions would turn into active content or a read of
  the site's files is refused too: an attribute list setting a value (``attr_list``,
  common in MkDocs sites: ``[x](https://a){: onclick="..."}``), a snippet line
  (``pymdownx.snippets``: ``--8<-- "/etc/passwd"`` includes that file into the site),
  and Jinja2's delimiters (``{{``, ``{%``, ``{#``: the ``mkdocs-macros`` plugin runs
  them). The last two are refused even in code, which those extensions do not skip.

markdown-it-py (CommonMark) finds the links, the code and the HTML: no regular
expression can tell code from text or a link from brackets. It is imported when a text
holds ``<``, ``{``, ``8<``, ``](``, ``]:`` or ``script:``: any other text can hold none
of it.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SAFE_SCHEMES = ("http", "https", "mailto")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_SCRIPT_SCHEME = re.compile(r"(java|vb)script:", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_PYTHON_MARKDOWN_ESCAPES = frozenset("\\`*_{}[]()>#+-.!")
_GAP = "\x00"  # stands for what is not text (code, a link's markup): nothing spans it
# A link's or a reference's address, roughly: enough to tell a plainly safe one.
_ADDRESS = re.compile(r"\]\(\s*<?([^\s)>]*)|\]:\s*<?([^\s>]*)")
# A tag, a link (inline or by reference), a brace, a snippet or a script address need
# one of these; any other text is read without markdown-it, which is slow to import.
_NEEDS_A_LOOK = re.compile(r"[<{]|8<|\]\s*[(:]|script[\x00-\x20\x7f]*[:&]", re.IGNORECASE)
_ATTRIBUTE_LIST = re.compile(r"\{:?[^{}\n]*=[^{}\n]*\}")
_SNIPPET_LINE = re.compile(r"^[ \t]*;*-+8<-+", re.MULTILINE)
_JINJA = re.compile(r"\{[{%#]")


def markdown_problem(text: str) -> str | None:
    """Why ``text``, a spec's Markdown, may not reach a page, or None."""
    if not _NEEDS_A_LOOK.search(text):
        return None
    found = _extension_problem(text)
    if found:
        return found[1]
    tokens = list(_tokens(text))
    for token in tokens:
        problem = _token_problem(token, None)
        if problem:
            return problem
    # After the links, so that a link's own problem is the one told.
    return next(filter(None, map(_script_in_text, tokens)), None)


def page_problem(page: str, allowed_tags: re.Pattern[str]) -> tuple[int, str] | None:
    """The line of a rendered page (from 1) that breaks the rule, and why, or None.
    ``allowed_tags`` matches the tags archgen's templates write (``<br>``, ``<details>``).
    Names shown as text may look like addresses ('javascript:x' as a label): in a page,
    only links are checked for their addresses."""
    found = _extension_problem(page)
    if found:
        return page.count("\n", 0, found[0]) + 1, found[1]
    if not _may_hold_a_problem(page, allowed_tags):
        return None
    line = 1
    for token in _tokens(page):
        line = token.map[0] + 1 if token.map else line
        problem = _token_problem(token, allowed_tags)
        if problem:
            return line, problem
    return None


def _may_hold_a_problem(page: str, allowed_tags: re.Pattern[str]) -> bool:
    """Whether a full reading is needed: a tag other than archgen's, a brace with '=',
    or a link's address (after '](' or a reference's ']:') that is not plainly safe.
    Reading every page with markdown-it would cost a build as much as its templates."""
    if _TAG_START.search(allowed_tags.sub("", page)) or _ATTRIBUTE_LIST.search(page):
        return True
    return any(
        url_problem(address.group(1) or address.group(2) or "")
        for address in _ADDRESS.finditer(page)
    )


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be a link's address, or None. Read as loosely as any reader
    could: entities and percent-escapes decoded (markdown-it percent-escapes the tab in
    ``java&#x09;script:``, which a browser drops), invisible characters dropped."""
    visible = _INVISIBLE.sub("", unquote(html.unescape(url)))
    scheme = _SCHEME.match(visible)
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return (
            f"a link to a '{scheme.group(1).lower()}:' address; "
            "links go to http, https or mailto addresses, or to relative paths"
        )
    return None


def link_destination(url: str) -> str:
    """``url`` fit to sit in ``[text](url)`` in any Markdown: what would end the address
    or the link (spaces, parentheses, angle brackets, quotes, backslashes, brackets,
    control characters) percent-escaped; other characters kept."""
    return re.sub(r"[\x00-\x20\x7f()<>\"'\\\[\]`]", lambda m: f"%{ord(m.group()):02X}", url)


def _token_problem(token: Token, allowed_tags: re.Pattern[str] | None) -> str | None:
    if token.type in ("html_inline", "html_block"):
        rest = allowed_tags.sub("", token.content) if allowed_tags else token.content
        if _TAG_START.search(rest) or not allowed_tags:
            return _html_message(token.content)
    elif token.type == "inline":
        return _text_problem(_as_python_markdown_sees(token.children or []))
    elif token.type in ("link_open", "image"):
        return url_problem(str(token.attrGet("href") or token.attrGet("src") or ""))
    return None


def _text_problem(text: str) -> str | None:
    if _TAG_START.search(text):
        return _html_message(text)
    if attributes := _ATTRIBUTE_LIST.search(text):
        return (
            f"an attribute list ('{attributes.group()[:20]}') would set HTML attributes "
            "on a docs site; write \\{ for a literal '{'"
        )
    return None


def _as_python_markdown_sees(children: list[Token]) -> str:
    """A line's text outside code, as Python-Markdown reads it: a backslash escapes only
    its own few characters (not ``<``: ``\\<b>`` is a tag to it), entities stay
    entities, and code, links and the like are gaps."""
    parts = []
    for child in children:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "text_special" and child.info == "escape":
            escaped = child.content in _PYTHON_MARKDOWN_ESCAPES
            parts.append(_GAP if escaped else child.markup)
        elif child.type == "text_special":
            parts.append(child.markup)  # an entity, as written
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(_GAP)
    return "".join(parts)


def _extension_problem(text: str) -> tuple[int, str] | None:
    """What a docs site's extensions read before Markdown does, in code or not: where
    in ``text`` and why."""
    if snippet := _SNIPPET_LINE.search(text):
        why = "a snippet line ('--8<--') would include a file of the docs site into the page"
        return snippet.start(), why
    if jinja := _JINJA.search(text):
        return jinja.start(), "'{{', '{%' and '{#' would run as a template on a docs site"
    return None


def _script_in_text(token: Token) -> str | None:
    text = _as_python_markdown_sees(token.children or []) if token.type == "inline" else ""
    if _SCRIPT_SCHEME.search(_INVISIBLE.sub("", text)):
        return "a 'javascript:' or 'vbscript:' address; links go to http, https or mailto"
    return None


def _html_message(content: str) -> str:
    content = content.replace(_GAP, " ")
    found = _TAG_START.search(content)
    start = found.start() if found else 0
    tag = content[start : start + 20].split(">")[0].split("\n")[0]
    return (
        f"raw HTML ('{tag}...') is not allowed in a text: write &lt; for a "
        "literal '<', or put it in `code`"
    )


def _tokens(text: str) -> Iterator[Token]:
    for token in _parser().parse(text):
        yield token
        yield from token.children or ()


def _any_link(url: str) -> bool:
    return True


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Escapes and entities stay tokens of their own, apart from the text around them:
    # '&lt;b>' and '\\<b>' are text, '<b>' is a tag.
    parser.disable("text_join")
    # Every link becomes a token, so that a refused one is reported, not dropped.
    parser.validateLink = _any_link  # type: ignore[method-assign]
    return parser
