"""Label wrapping: at spaces, to a width in columns (a wide character counts two), a
word cut only when it alone is wider than a line, lines the author broke kept."""

from __future__ import annotations

import pytest

from archgen.draw.label_fit import SIDE_ROOM, node_label
from archgen.draw.text_metrics import text_width
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
        ("orders-service-primary-db", 12, ["orders-", "service-", "primary-db"]),
        ("s3://bucket/logs/2024", 10, ["s3://", "bucket/", "logs/2024"]),
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


def test_wrap_loses_nothing_and_keeps_to_the_width() -> None:
    """Over many texts of spaces, hyphens, slashes, Hangul and kanji: every character but
    the spaces broken at is kept, in order, and no line is wider than the width (but a
    line of one character wider than the width itself)."""
    import random

    chooser = random.Random(13)
    for _ in range(5000):
        text = "".join(chooser.choice("ab-/.가나 東") for _ in range(chooser.randint(0, 40)))
        width = chooser.randint(1, 12)
        lines = wrap(text, width).split("\n")
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(display_width(line) <= width or len(line) == 1 for line in lines)
        assert all(lines) or text.strip() == "" or width == 0


def test_a_camel_case_word_too_wide_breaks_before_its_capital() -> None:
    assert wrap("CloudFormation", 10) == "Cloud\nFormation"


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("Replica (slave)", "Replica (slave)"),  # 87.5 pt: fits the 1.4 in box
        ("Primary (master)", "Primary\n(master)"),  # 102.3 pt: dot warned for it
        ("Elastic Beanstalk", "Elastic\nBeanstalk"),
        ("CloudFormation", "Cloud\nFormation"),
        ("DNS (지리적 라우팅)", "DNS (지리적\n라우팅)"),
        ("Web server (scaled up)", "Web server\n(scaled up)"),
    ],
)
def test_node_labels_are_wrapped_to_the_box_in_points(label: str, shown: str) -> None:
    """After the spec's wrap (22 characters), the box's width has the last word."""
    assert node_label(label, 22, "13") == shown
    assert all(text_width(line, 13) <= 100.8 - SIDE_ROOM for line in shown.split("\n"))
