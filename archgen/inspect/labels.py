"""A label's text as drawn: a box for each line, measured with the font's real metrics.

Graphviz writes a label as ``<text>`` spans, one per run of one font on one line, each
placed by its baseline (``x``, ``y``, ``text-anchor``). A span's box is as wide as the
font's advance widths for its text at its size (``draw/text_metrics.py``: Noto Sans CJK
KR, the font the PNG is drawn with) and as tall as the font's ascent over its descent;
the spans of one baseline make one line.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from archgen.draw import text_metrics
from archgen.inspect.shapes import Box, Point, union

# Graphviz places bold spans (step numbers, badges) with the bold face's widths; the
# table is the regular face's. Noto Sans CJK KR Bold's Latin advances are this much wider
# (digits 6 %, parentheses 9 %, capitals 4 %: measured with fontTools); its Hangul and
# Han advances are the same one em.
BOLD_LATIN = 1.07


@dataclass(frozen=True)
class TextLine:
    text: str
    box: Box
    size_pt: float  # the largest font size on the line, in points of the drawing


@dataclass(frozen=True)
class Label:
    lines: tuple[TextLine, ...]

    @property
    def text(self) -> str:
        return " / ".join(line.text for line in self.lines)

    @cached_property
    def box(self) -> Box | None:
        return union(line.box for line in self.lines) if self.lines else None


def read_label(texts: Iterable[ET.Element], transform: Callable[[float, float], Point]) -> Label:
    """The ``<text>`` spans of one part as lines, top to bottom."""
    spans: dict[float, list[tuple[float, str, Box, float]]] = {}
    scale = transform(1, 0)[0] - transform(0, 0)[0]
    for element in texts:
        text = (element.text or "").strip()
        if not text:
            continue
        size = float(element.get("font-size", "14") or 14)
        x, y = transform(float(element.get("x", "0")), float(element.get("y", "0")))
        box = span_box(text, x, y, element.get("text-anchor", "start"), size * scale, element)
        spans.setdefault(round(y, 1), []).append((x, text, box, size * scale))
    lines = []
    for _, line in sorted(spans.items()):
        line.sort(key=lambda span: span[0])
        words = " ".join(span[1] for span in line)
        lines.append(TextLine(words, union(s[2] for s in line), max(s[3] for s in line)))
    return Label(tuple(lines))


def span_box(text: str, x: float, y: float, anchor: str, size: float, element: ET.Element) -> Box:
    width = text_metrics.text_width(text, size)
    if element.get("font-weight") == "bold":
        narrow = "".join(char for char in text if unicodedata.east_asian_width(char) not in "WF")
        width += (BOLD_LATIN - 1) * text_metrics.text_width(narrow, size)
    left = x - {"middle": width / 2, "end": width}.get(anchor, 0.0)
    return Box(left, y - text_metrics.ASCENT * size, left + width, y + text_metrics.DESCENT * size)
