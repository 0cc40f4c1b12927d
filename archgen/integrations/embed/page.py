"""A rendered stage page with its pictures inlined and linked with its steps and table.

What links what is written at build time, never guessed from the text:

* the SVG: each edge's ``<g>`` carries ``data-steps`` and ``data-ends``, each node's
  ``data-label`` and ``data-service`` (draw/marks.py);
* the Markdown page (templates/stage.md.j2): ``<!-- archgen:steps <stage> -->`` right
  before the steps list, ``<!-- archgen:components <stage> -->`` right before the
  components table, whose rows name each node's id in a code span.

Here the list's items get ids (``<stage>.step.<n>``) and, when their edge is drawn, a
place in the tab order; the table's rows get ids (``<stage>.component.<node>``) that
the nodes link to; list, rows and picture share a key, so that two pictures on one
page light up only their own parts. The CSS and JS (``assets/``) come once per page.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from archgen.integrations.embed.figure import Picture, picture_of
from archgen.integrations.embed.tokens import Token, opening, rewritten, tokens_of

SvgOf = Callable[[str], "str | None"]
_MARKER = re.compile(r"\s*archgen:(steps|components) ([A-Za-z0-9_-]{1,64})\s*")


def is_marker(comment: str) -> bool:
    """Whether ``comment`` (the text inside ``<!-- -->``) is one of the markers the
    stage page's template writes before its steps list and its components table."""
    return _MARKER.fullmatch(comment) is not None


ASSET_ID = "archgen-embed"  # the id of the page's one <style> (its <script>: ...-js)
Translate = Callable[[str], str]
# The words the figure and the enlarged view show, in English; a figure carries them in
# the page's language (``translate``), which the script reads.
WORDS = (
    "Enlarge",
    "Zoom in",
    "Zoom out",
    "Fit",
    "Fit to the window",
    "Close",
    "Diagram: arrow keys pan, + and - zoom, 0 fits",
)


@dataclass
class _Figure:
    # Unique on the page, and across calls for one page (a Sphinx page may be made of
    # several fragments): the stage's id, '~2' on for its second picture, and so on.
    key: str
    at: int  # the <img> token
    picture: Picture
    rows: dict[str, str] = field(default_factory=dict)  # node id -> its row's id


def linked_page(
    page_html: str,
    svg_of: SvgOf,
    translate: Translate | None = None,
    *,
    include_assets: bool = True,
) -> str:
    """The HTML of a rendered stage page (MkDocs or markdown-it-py rendered the stage's
    Markdown page) with each <img> whose src svg_of knows (svg_of(src) -> the SVG's
    text, None: leave the <img>) replaced by that SVG inlined in a figure (natural scale
    up to the column width, click-to-enlarge / pan-zoom for large ones, keyboard
    reachable), its numbered edges linked with the page's steps list and its nodes with
    the components table's rows; the CSS and JS it needs included once per page.
    ``translate``: the figure's own words (``WORDS``) in the page's language;
    ``include_assets=False`` for a site that adds ``asset_files()`` to its pages itself."""
    tokens = tokens_of(page_html)
    figures = _figures(tokens, svg_of)
    if not figures:
        return page_html
    edits: dict[int, str] = {}
    for number, token in enumerate(tokens):
        marker = _MARKER.fullmatch(token.text) if token.kind == "comment" else None
        figure = marker and _figure_for(figures, marker[2], number)
        start = _next_tag(tokens, number)
        if not marker or not figure or start is None:
            continue
        if marker[1] == "steps" and tokens[start].tag == "ol":
            _link_steps(page_html, tokens, start, figure, edits)
        elif marker[1] == "components" and tokens[start].tag == "table":
            _link_rows(page_html, tokens, start, figure, edits)
    words = {word: (translate or str)(word) for word in WORDS}
    for figure in figures:
        _place(page_html, tokens, figure, edits, words)
    if include_assets and ASSET_ID not in page_html:
        first = figures[0].at
        edits[first] = _assets() + edits[first]
    return rewritten(page_html, tokens, edits)


def _figures(tokens: list[Token], svg_of: SvgOf) -> list[_Figure]:
    found: list[_Figure] = []
    for number, token in enumerate(tokens):
        src = token.attrs.get("src") if token.tag == "img" else None
        svg = svg_of(src) if src and token.kind in ("start", "empty") else None
        picture = picture_of(svg) if svg else None
        if picture is not None:
            same = sum(figure.picture.stage == picture.stage for figure in found)
            key = f"{picture.stage}~{same + 1}" if same else picture.stage
            found.append(_Figure(key, number, picture))
    return found


def _figure_for(figures: list[_Figure], stage: str, at: int) -> _Figure | None:
    """The picture of ``stage`` a marker at token ``at`` belongs to: the nearest before
    it, else the first after it."""
    same = [figure for figure in figures if figure.picture.stage == stage]
    before = [figure for figure in same if figure.at < at]
    return before[-1] if before else (same[0] if same else None)


def _next_tag(tokens: list[Token], at: int) -> int | None:
    """The start tag right after token ``at``, with only blank text or comments between."""
    for number in range(at + 1, len(tokens)):
        token = tokens[number]
        if token.kind == "start":
            return number
        if token.kind not in ("comment", "data") or token.text.strip():
            return None
    return None


def _closing(tokens: list[Token], start: int) -> int:
    """The token that closes the element opened at ``start`` (or the last token)."""
    tag, depth = tokens[start].tag, 0
    for number in range(start, len(tokens)):
        token = tokens[number]
        if token.tag == tag and token.kind in ("start", "end"):
            depth += 1 if token.kind == "start" else -1
            if depth == 0:
                return number
    return len(tokens) - 1


def _link_steps(
    source: str, tokens: list[Token], start: int, figure: _Figure, edits: dict[int, str]
) -> None:
    """Each item of the list: an id, the figure's key, its number; a tab stop if an edge
    of the picture numbers it."""
    stage, key = figure.picture.stage, figure.key
    drawn = figure.picture.steps
    try:
        number = int(tokens[start].attrs.get("start") or 1)
    except ValueError:
        number = 1
    depth = 0
    for at in range(start + 1, _closing(tokens, start)):
        token = tokens[at]
        if token.tag in ("ol", "ul") and token.kind in ("start", "end"):
            depth += 1 if token.kind == "start" else -1
        elif token.tag == "li" and token.kind == "start" and depth == 0:
            extra = "" if "id" in token.attrs else f' id="{_attr(f"{stage}.step.{number}")}"'
            extra += f' data-archgen-figure="{key}" data-archgen-step="{number}"'
            extra += ' tabindex="0"' if number in drawn else ""
            edits[at] = opening(token, source, extra)
            number += 1


def _link_rows(
    source: str, tokens: list[Token], start: int, figure: _Figure, edits: dict[int, str]
) -> None:
    """Each row whose code span names a node of the picture: an id the node links to."""
    stage, key, row = figure.picture.stage, figure.key, None
    in_code = False
    for at in range(start + 1, _closing(tokens, start)):
        token = tokens[at]
        if token.tag == "tr" and token.kind == "start":
            row = at
        elif token.tag == "code":
            in_code = token.kind == "start"
        elif in_code and token.kind == "data" and row is not None:
            node = html.unescape(token.text).strip()
            if node in figure.picture.nodes and node not in figure.rows:
                row_id = f"{stage}.component.{node}"
                figure.rows[node] = row_id
                extra = f' id="{_attr(row_id)}" data-archgen-figure="{key}"'
                edits[row] = opening(
                    tokens[row], source, extra + f' data-archgen-node="{_attr(node)}"'
                )
                row = None


def _place(
    source: str, tokens: list[Token], figure: _Figure, edits: dict[int, str], words: dict[str, str]
) -> None:
    """The figure in the place of the image, and of its paragraph if it is alone in it."""
    first = last = figure.at
    before = _blank_neighbour(tokens, figure.at, -1)
    after = _blank_neighbour(tokens, figure.at, 1)
    if before is not None and after is not None and _alone_in_a_paragraph(tokens, before, after):
        first, last = before, after
    picture = figure.picture
    svg = picture.markup(lambda stage, node: figure.rows.get(node))
    enlarge = words["Enlarge"]
    markup = (
        f'<figure class="archgen-figure" data-archgen-figure="{figure.key}"'
        f' data-archgen-stage="{_attr(picture.stage)}"'
        f' data-archgen-words="{_attr(json.dumps(words, ensure_ascii=False))}">'
        f'<div class="archgen-scroll">{svg}</div>'
        f'<button type="button" class="archgen-enlarge" aria-haspopup="dialog"'
        f' aria-label="{_attr(f"{enlarge}: {picture.title}")}">{html.escape(enlarge)}</button>'
        '<div class="archgen-tooltip" role="tooltip" hidden></div></figure>'
    )
    for at in range(first, last + 1):
        edits[at] = ""
    edits[figure.at] = markup


def _alone_in_a_paragraph(tokens: list[Token], before: int, after: int) -> bool:
    opens, closes = tokens[before], tokens[after]
    return (opens.kind, opens.tag, closes.kind, closes.tag) == ("start", "p", "end", "p")


def _blank_neighbour(tokens: list[Token], at: int, step: int) -> int | None:
    """The nearest token before (step -1) or after (1) ``at`` that is not blank text."""
    number = at + step
    while 0 <= number < len(tokens):
        token = tokens[number]
        if token.kind != "data" or token.text.strip():
            return number
        number += step
    return None


@cache
def asset_files() -> dict[str, str]:
    """The figure's CSS and JS, by file name (``embed.css``, ``embed.js``): archgen's
    own, shipped in the package; the script may be included any number of times."""
    folder = files("archgen.integrations.embed") / "assets"
    names = ("embed.css", "embed.js")
    return {name: (folder / name).read_text(encoding="utf-8") for name in names}


def _assets() -> str:
    css, js = asset_files()["embed.css"], asset_files()["embed.js"]
    return f'<style id="{ASSET_ID}">\n{css}</style>\n<script id="{ASSET_ID}-js">\n{js}</script>\n'


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
