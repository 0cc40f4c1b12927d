"""Label wrapping: at spaces, to a width in columns (a wide character counts two), a
word cut only when it alone is wider than a line, lines the author broke kept."""

from __future__ import annotations

import pytest

from archgen.draw.wrap import display_width, wrap


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("Web server", 22, ["Web server"]),
        ("Web server (scaled up)", 22, ["Web server (scaled up)"]),  # the book's longest
        ("Web server (scaled up) again", 22, ["Web server (scaled up)", "again"]),
        ("a b c d e f", 3, ["a b", "c d", "e f"]),
        ("Primary\nreplica set of three", 10, ["Primary", "replica", "set of", "three"]),
        ("supercalifragilistic", 8, ["supercal", "ifragili", "stic"]),  # too wide alone
        ("데이터 센터 1: US-East", 10, ["데이터", "센터 1:", "US-East"]),  # Hangul counts 2
        ("東京リージョンの主データベース", 10, ["東京リージ", "ョンの主デ", "ータベース"]),
        ("anything at all", 0, ["anything at all"]),
    ],
)
def test_wrap(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width).split("\n") == lines
    if width:
        assert all(display_width(line) <= width for line in lines)


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("DB 서버") == 7
