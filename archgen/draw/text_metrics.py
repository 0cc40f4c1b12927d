"""How wide a text is drawn: the advance widths of the font the PNG is drawn with.

Graphviz measures every label with Pango, in the first family of ``style.FONT_STACK``
that fontconfig has: Noto Sans CJK KR, which setup installs. Wrapping a label to its
box before layout, and reading the laid-out SVG back afterwards (``archgen/inspect``),
need the same widths, so both measure with that font's own advance widths, not with a
guess per character.

``noto-sans-cjk-kr.json`` holds them as runs of code points with one advance (in units
of 1/1000 em), written from the font file by ``tests/unit/draw/test_text_metrics.py``
(``ARCHGEN_UPDATE_TABLES=1``), so that no build needs fontTools or the font file. Pango
also rounds advances to device pixels and kerns Latin pairs; the sums here differ from
what dot measures by under 3 %, with dot about 1 pt wider.
"""

from __future__ import annotations

import bisect
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from archgen.draw import style

TABLE = Path(__file__).with_name("noto-sans-cjk-kr.json")
FONT_FAMILY = style.FONT_STACK[0]

# The font's vertical metrics, in em (OS/2 typo ascender and descender): the box a line
# of text covers, from its baseline.
ASCENT = 0.88
DESCENT = 0.12

# A character the font lacks (an emoji) is drawn from another font; counted as one em
# when East Asian Width calls it wide, else as the font's average Latin advance.
_WIDE_MISSING = 1000
_NARROW_MISSING = 560


@dataclass(frozen=True)
class _Advances:
    starts: list[int]  # the first code point of each run, ascending
    ends: list[int]  # its last
    widths: list[int]  # the advance every code point of the run has

    def of(self, code_point: int) -> int | None:
        run = bisect.bisect_right(self.starts, code_point) - 1
        if run >= 0 and code_point <= self.ends[run]:
            return self.widths[run]
        return None


@cache
def _advances() -> _Advances:
    with TABLE.open(encoding="utf-8") as table:
        runs = json.load(table)["runs"]
    return _Advances([r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs])


@cache
def _char_advance(char: str) -> int:
    advance = _advances().of(ord(char))
    if advance is not None:
        return advance
    return _WIDE_MISSING if unicodedata.east_asian_width(char) in "WF" else _NARROW_MISSING


def text_width(text: str, point_size: float) -> float:
    """The width in points of one line of ``text`` drawn at ``point_size``."""
    return sum(_char_advance(char) for char in text) * point_size / 1000
