"""One stage's SVG made fit to sit inside an HTML page, in a figure that can be enlarged.

The SVG is archgen's own (draw/svg.py: every spec text in it escaped), but a page is
where escaping mistakes turn into scripts, so it is read as tokens and refused when it
holds anything active (a script, an event handler, ``foreignObject``, a ``javascript:``
address); its XML prologue and comments are dropped (HTML has no use for them). The
figure shows the picture at its natural size, narrower when the column is, but never
so narrow that its smallest text is drawn under 10 px: a wider picture scrolls inside
its figure, and the button (or a click on the picture) opens it in a pan-and-zoom view.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from archgen.integrations.embed.tokens import Token, opening, rewritten, tokens_of

MIN_TEXT_PX = 10.0  # no text is drawn smaller than this (issue 15)
_PX_PER = {"pt": 4 / 3, "px": 1.0, "": 1.0, "in": 96.0, "pc": 16.0, "mm": 96 / 25.4}
_LENGTH = re.compile(r"\s*([0-9.]+)\s*(pt|px|in|pc|mm|)\s*")
_ACTIVE_TAGS = frozenset(
    {"script", "foreignobject", "iframe", "object", "embed", "handler", "animate", "set"}
)
# (stage, node id) -> the id of the node's row in the page's components table, if any.
RowId = Callable[[str, str], str | None]
_ADDRESS_ATTRS = frozenset({"href", "xlink:href", "src", "action", "formaction"})


@dataclass
class Picture:
    stage: str  # the stage id, from the root group's id ('<stage>.graph')
    svg: str
    tokens: list[Token]
    edits: dict[int, str]  # prologue and comments dropped, the root's size set
    width_px: float  # its natural width
    min_width_px: float  # the narrowest it may be drawn
    nodes: list[str] = field(default_factory=list)  # the node ids it draws
    steps: frozenset[int] = frozenset()  # the step numbers its edges carry
    title: str = ""  # its <title>, unescaped

    def markup(self, row_id: RowId) -> str:
        """The ``<svg>`` element for the page, each node linked to its row, if it has one."""
        edits = dict(self.edits)
        _link_nodes(self.tokens, self.svg, self.stage, row_id, edits)
        text = rewritten(self.svg, self.tokens, edits)
        return text[text.index("<svg") :]


def picture_of(svg: str) -> Picture | None:
    """``svg`` read to be inlined; None if it is not an SVG archgen wrote or holds
    active content."""
    tokens = tokens_of(svg)
    root = next((n for n, t in enumerate(tokens) if t.kind == "start" and t.tag == "svg"), None)
    if root is None or any(_active(token) for token in tokens):
        return None
    stage = _stage_of(tokens)
    sizes = _sizes(tokens[root], tokens)
    if stage is None or sizes is None:
        return None
    width_px, min_width_px = sizes
    edits = {n: "" for n, t in enumerate(tokens[:root]) if t.kind != "data" or t.text.strip()}
    edits |= {n: "" for n, t in enumerate(tokens) if t.kind == "comment"}
    # Rounded up: a pixel less would draw the smallest text just under the bound.
    style = f"min-width:{math.ceil(min_width_px)}px;max-width:{width_px:.0f}px"
    scale = f"{min_width_px / width_px:.3f}"
    edits[root] = opening(
        tokens[root],
        svg,
        f' class="archgen-svg" focusable="false" style="{style}" data-archgen-min-scale="{scale}"',
    )
    nodes = _link_nodes(tokens, svg, stage, lambda stage, node: None, {})
    picture = Picture(stage, svg, tokens, edits, width_px, min_width_px, nodes)
    picture.steps = frozenset(_steps(tokens))
    picture.title = _title(tokens, stage)
    return picture


def _steps(tokens: list[Token]) -> set[int]:
    numbers: set[int] = set()
    for token in tokens:
        if token.kind == "start" and token.tag == "g" and token.attrs.get("class") == "edge":
            words = token.attrs.get("data-steps", "").split()
            numbers.update(int(word) for word in words if word.isdigit())
    return numbers


def _title(tokens: list[Token], stage: str) -> str:
    for number, token in enumerate(tokens[:-1]):
        if token.tag == "title" and token.attrs.get("id") == f"{stage}.graph.title":
            text = []
            for following in tokens[number + 1 :]:
                if following.kind != "data":
                    break
                text.append(following.text)
            return html.unescape("".join(text))
    return ""


def _active(token: Token) -> bool:
    if token.kind not in ("start", "empty"):
        return False
    if token.tag in _ACTIVE_TAGS:
        return True
    for name, value in token.attrs.items():
        if name.startswith("on"):
            return True
        if name in _ADDRESS_ATTRS and not value.startswith(("#", "data:image/")):
            return True
    return False


def _stage_of(tokens: list[Token]) -> str | None:
    for token in tokens:
        if token.kind == "start" and token.tag == "g" and token.attrs.get("class") == "graph":
            graph_id = token.attrs.get("id", "")
            return graph_id.removesuffix(".graph") if graph_id.endswith(".graph") else None
    return None


def _sizes(root: Token, tokens: list[Token]) -> tuple[float, float] | None:
    """The picture's natural width in CSS pixels, and the narrowest width at which its
    smallest text is still ``MIN_TEXT_PX`` high. The view box is fitted inside the
    width and the height ("meet"), so the smaller of the two scales is the one drawn."""
    width, height = (_pixels(root.attrs.get(name, "")) for name in ("width", "height"))
    box = root.attrs.get("viewbox", "").split()
    try:
        box_width, box_height = (float(box[2]), float(box[3])) if len(box) == 4 else (0, 0)
    except ValueError:
        return None
    if width is None or not 0 < width < 100_000 or box_width <= 0:
        return None
    scale = width / box_width
    if height and box_height > 0:
        scale = min(scale, height / box_height)
    fonts = [_font_size(t) for t in tokens if t.kind == "start" and t.tag == "text"]
    smallest_px = min(filter(None, fonts), default=MIN_TEXT_PX) * scale
    return width, min(width, width * MIN_TEXT_PX / smallest_px)


def _pixels(length: str) -> float | None:
    found = _LENGTH.fullmatch(length)
    try:
        return float(found[1]) * _PX_PER[found[2]] if found else None
    except ValueError:
        return None


def _font_size(token: Token) -> float | None:
    try:
        size = float(token.attrs.get("font-size", "0"))
    except ValueError:
        return None
    return size if size > 0 else None


def _link_nodes(
    tokens: list[Token], svg: str, stage: str, row_id: RowId, edits: dict[int, str]
) -> list[str]:
    """Each node's link (Graphviz's ``<a>`` inside its group) pointed at its row; the
    node ids. The links stay out of the tab order: the table is the keyboard's way."""
    prefix, nodes, node = f"{stage}.node.", [], None
    for number, token in enumerate(tokens):
        if token.kind != "start":
            continue
        if token.tag == "g" and token.attrs.get("class") == "node":
            node = token.attrs.get("id", "").removeprefix(prefix)
            nodes.append(node)
        elif token.tag == "a" and node is not None:
            row = row_id(stage, node)
            if row is not None:
                target = html.escape(f"#{row}", quote=True)
                edits[number] = opening(token, svg, f' href="{target}" tabindex="-1"')
            node = None
    return nodes
