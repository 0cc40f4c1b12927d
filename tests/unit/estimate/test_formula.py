"""Estimates, the formula parser: arithmetic parses; nothing else can be written."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.estimate.formula import (
    MAX_DEPTH,
    MAX_LENGTH,
    Binary,
    FormulaError,
    Name,
    Negate,
    Number,
    expression_text,
    names,
    parse,
)


def written(expr) -> str:
    return expression_text(
        expr, lambda leaf: (leaf.name if isinstance(leaf, Name) else leaf.text, False)
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("mau * daily_share", "mau × daily_share"),
        ("dau * tweets_per_user / day", "dau × tweets_per_user / day"),
        ("a - (b + c)", "a - (b + c)"),
        ("a / (b * c)", "a / (b × c)"),
        ("(a + b) * c", "(a + b) × c"),
        ("2 ** 3 ** 2", "2^3^2"),
        ("(2 ** 3) ** 2", "(2^3)^2"),
        ("2 ^ 10", "2^10"),
        ("-a ** 2", "-a^2"),
        ("(-a) ** 2", "(-a)^2"),
        ("a * -b", "a × -b"),
        ("20,000 * 1.5e3", "20,000 × 1.5e3"),
        ("24 hour", "24 hour"),
        ("2 * 3 days", "2 × 3 days"),
    ],
)
def test_arithmetic_parses_and_is_written_back_with_the_parentheses_it_needs(
    text: str, shown: str
) -> None:
    assert written(parse(text)) == shown


def test_numbers_are_floats_so_no_power_becomes_a_huge_integer() -> None:
    expr = parse("2 ** 100")
    assert isinstance(expr, Binary) and isinstance(expr.left, Number)
    assert isinstance(expr.left.value, float) and isinstance(expr.right.value, float)


def test_names_are_found_left_to_right_with_their_offsets() -> None:
    found = [(n.name, n.start) for n in names(parse("dau * (tweets + x) / day"))]
    assert found == [("dau", 0), ("tweets", 7), ("x", 16), ("day", 21)]


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("size.__class__", 4, "attribute access ('.name') is not allowed"),
        ("(a).b", 3, "attribute access"),
        ("__import__('os').system('ls')", 10, "calls are not allowed ('__import__(...)')"),
        ('open("/etc/passwd")', 4, "calls are not allowed ('open(...)')"),
        ("a[0]", 1, "indexing ('[...]') is not allowed"),
        ("'text'", 0, "quoted text is not allowed"),
        ("lambda: 1", 6, "unexpected character ':'"),
        ("a if b else c", 2, "missing operator before 'if'"),
        ("a b", 2, "missing operator before 'b'"),
        ("a @ b", 2, "unexpected character '@'"),
        ("a % b", 2, "'%' is not an operator"),
        ("1,5", 1, "',' is not an operator"),
        ("a +", 3, "ends too early"),
        ("(a + b", 0, "'(' is never closed"),
        ("a + b)", 5, "')' without a matching '('"),
        ("x = 1", 2, "'=' is not allowed here"),
        ("1e999", 0, "too large"),
        ("", 0, "empty"),
    ],
)
def test_anything_but_arithmetic_is_refused_where_it_is_written(
    text: str, offset: int, message: str
) -> None:
    with pytest.raises(FormulaError) as caught:
        parse(text)
    assert caught.value.offset == offset
    assert message in caught.value.message


def test_nesting_and_length_are_bounded() -> None:
    deep = "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1)
    with pytest.raises(FormulaError, match="nested more than"):
        parse(deep)
    with pytest.raises(FormulaError, match="nested more than"):
        parse("-" * (MAX_DEPTH + 1) + "1")
    with pytest.raises(FormulaError, match="longer than"):
        parse("1 + " * MAX_LENGTH + "1")


def test_units_multiply_side_by_side_before_division() -> None:
    expr = parse("tweets / user day", "unit")
    assert written(expr) == "tweets / (user day)"
    assert written(parse("million users", "unit")) == "million users"
    assert written(parse("s^-2", "unit")) == "s^(-2)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("B + s", "a unit cannot add"),
        ("2 B", "a unit has no numbers"),
        ("s^x", "a unit's power must be a whole number"),
        ("-s", "a unit has no sign"),
    ],
)
def test_a_unit_is_only_words_products_and_whole_powers(text: str, message: str) -> None:
    with pytest.raises(FormulaError, match=message):
        parse(text, "unit")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab12_.,()[]'\"*/+-^% =ex@λ가", max_size=60))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    """Whatever a spec holds, the parser answers a tree or a FormulaError, fast."""
    started = time.perf_counter()
    try:
        expr = parse(text)
    except FormulaError as error:
        assert 0 <= error.offset <= len(text)
    else:
        assert isinstance(expr, Number | Name | Negate | Binary)
    assert time.perf_counter() - started < 0.5
