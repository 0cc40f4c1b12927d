"""Small stages drawn by the real compile and render steps (Graphviz), for the checks."""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path

from helpers import resolve_specs

from archgen.draw.compile import compile_stage
from archgen.draw.render import render
from archgen.resolve.stage import Stage


@cache
def drawn(spec: str, language: str = "en") -> tuple[bytes, Stage]:
    """The SVG archgen draws for ``spec`` (a YAML text), and its stage; drawn once."""
    with tempfile.TemporaryDirectory() as folder:
        stages, problems = resolve_specs(Path(folder), spec)
    assert problems == [], problems
    (stage,) = stages
    return render(compile_stage(stage, language), ("svg",))["svg"], stage


def moved_text(svg: bytes, text: str, dx: float, dy: float) -> bytes:
    """``svg`` with the ``<text>`` that says ``text`` moved by (dx, dy) user units."""
    pattern = re.compile(
        rb'(<text [^>]*?x=")([-\d.]+)(" y=")([-\d.]+)("[^>]*>)' + re.escape(text.encode()) + rb"<"
    )

    def move(match: re.Match[bytes]) -> bytes:
        x = float(match[2]) + dx
        y = float(match[4]) + dy
        return b"%s%.2f%s%.2f%s%s<" % (match[1], x, match[3], y, match[5], text.encode())

    moved, count = pattern.subn(move, svg)
    assert count == 1, f"{text!r} is drawn {count} times"
    return moved


def edge_path(svg: bytes, element_id: str, d: str) -> bytes:
    """``svg`` with the path of the edge ``element_id`` redrawn as ``d``."""
    escaped = element_id.replace("-", "&#45;").encode()  # as Graphviz writes ids
    start = svg.index(b'<g id="%s" class="edge"' % escaped)  # then its data (draw/marks.py)
    path = svg.index(b' d="', start) + 4
    end = svg.index(b'"', path)
    return svg[:path] + d.encode() + svg[end:]


def icon_at(svg: bytes, element_id: str) -> tuple[float, float, float, float]:
    """x, y, width and height (user units) of the icon of the node ``element_id``."""
    escaped = element_id.replace("-", "&#45;").encode()
    start = svg.index(b'<g id="%s" class="node"' % escaped)
    use = re.compile(
        rb'<use [^>]*x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)px" height="([\d.]+)px"'
    )
    found = use.search(svg, start)
    assert found is not None
    x, y, width, height = (float(value) for value in found.groups())
    return x, y, width, height


def text_at(svg: bytes, text: str) -> tuple[float, float]:
    """The x and y (user units) the ``<text>`` that says ``text`` starts at."""
    found = re.search(
        rb'<text [^>]*?x="([-\d.]+)" y="([-\d.]+)"[^>]*>' + re.escape(text.encode()) + rb"<", svg
    )
    assert found is not None
    return float(found[1]), float(found[2])
