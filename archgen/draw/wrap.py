"""Label wrapping: a long label broken into lines at word boundaries, to a width.

Graphviz does not wrap labels: a 75-character label is one line, printed over the
nodes beside it. A width counts characters as a reader sees them: a wide character
(Hangul, kana, CJK ideographs; East Asian Width W or F) counts two, as it is drawn
about twice as wide. Lines break at spaces; Korean has them. A word wider than a whole
line alone is cut, and text without spaces (Chinese, Japanese) may be cut between any
two of its wide characters, as those languages break lines; a long Latin word
breaks after a hyphen, slash, dot or underscore where it has one. Lines the author broke
stay broken.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# How wide a text is, in the unit a width is given in: columns, or points.
Measure = Callable[[str], float]


def wrap(text: str, width: int) -> str:
    """``text`` with its lines wrapped at ``width`` columns (0: as it is)."""
    if width <= 0 or 2 * len(text) <= width:  # fits even if every character is wide
        return text
    return wrap_measured(text, width, display_width)


def wrap_measured(text: str, width: float, measure: Measure) -> str:
    """``text`` with its lines wrapped so that ``measure`` finds none wider than ``width``
    (but a single character wider than it alone)."""
    lines = (line for written in text.split("\n") for line in _wrap_line(written, width, measure))
    return "\n".join(lines)


def display_width(text: str) -> int:
    if text.isascii():  # most labels: no character to look up
        return len(text)
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _wrap_line(line: str, width: float, measure: Measure) -> list[str]:
    if measure(line) <= width:
        return [line]
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        joined = f"{current} {word}" if current else word
        if measure(joined) <= width:
            current = joined
            continue
        if current:
            lines.append(current)
        if not word:  # a second space at the break
            current = ""
            continue
        pieces = _cut(word, width, measure)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current or not lines:  # not the nothing after a trailing space
        lines.append(current)
    return lines


def _cut(word: str, width: float, measure: Measure) -> list[str]:
    """``word`` in pieces of at most ``width``: after its last '-', '/', '.' or '_' that
    fits (``payments-service-primary``), else before its last capital that follows a small
    letter (``CloudFormation``), else where the line is full."""
    pieces, piece = [], ""
    for char in word:
        if piece and measure(piece + char) > width:
            cut = max(piece.rfind(mark) for mark in _BREAKS_AFTER) + 1
            if cut == 0:
                cut = _last_capital_after_small(piece + char)
            if cut == 0 or cut == len(piece):
                cut = len(piece)
            pieces.append(piece[:cut])
            piece = piece[cut:]
            if piece and measure(piece + char) > width:  # a wide character after it
                pieces.append(piece)
                piece = ""
        piece += char
    return [*pieces, piece]


_BREAKS_AFTER = "-/._"


def _last_capital_after_small(text: str) -> int:
    """Where a camel-case word may break: before its last capital after a small letter
    (0: nowhere)."""
    for at in range(len(text) - 1, 0, -1):
        if text[at].isupper() and text[at - 1].islower():
            return at
    return 0
