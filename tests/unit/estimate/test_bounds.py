"""The bounds of estimate arithmetic, and what a spec's text may never reach."""

from __future__ import annotations

import re
from typing import Any

import pint
import pytest

from archgen.diagnostics import SpecError
from archgen.estimate import evaluate, format_for_terminal
from archgen.estimate.bounds import number_problem, raised_problem
from archgen.estimate.formula import FormulaError, parse
from archgen.estimate.load import load_estimate_text
from archgen.estimate.units import _DEFINITIONS

HOSTILE = """\
kind: estimate
id: e
title: E
counts: {__import__: , os_system: , eval: }
units: {exec_: __import__ / s}
assumptions:
  a: 3 __import__
  b: 2 os_system / day
derived:
  c: a * b
  d: {formula: c / exec_ / day, unit: os_system / day}
"""


def test_no_spec_text_reaches_pints_string_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """pint parses unit strings with its own evaluator; archgen hands it only the names
    it defines itself (its table of units, and ``count_<name>`` for a spec's counts,
    whose names are checked to be identifiers first), never a figure, a formula or a
    unit the spec writes."""
    seen: list[str] = []
    registry = pint.UnitRegistry
    for method in ("parse_expression", "parse_units", "parse_unit_name", "define"):
        original = getattr(registry, method)

        def spy(self: Any, text: Any, *args: Any, _original: Any = original, **kw: Any) -> Any:
            seen.append(str(text))
            return _original(self, text, *args, **kw)

        monkeypatch.setattr(registry, method, spy)
    result = evaluate(load_estimate_text("e.yaml", HOSTILE.encode()))
    format_for_terminal(result, "en")
    own = set(_DEFINITIONS)
    assert any("count___import__" in text for text in seen)  # the spy saw the counts
    for text in seen:
        outside_counts = re.sub(r"count_\w+", "", text)
        assert not re.search(r"import|os_system|exec|eval|[()]", outside_counts), text
        assert text in own or re.fullmatch(r"[\w\[\]/ =.*µ-]+", text), text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1e100", None),
        ("1e101", "the number 1e101 is too large (beyond 10^100)"),
        ("1e-100", None),
        ("1e-101", "the number 1e-101 is too small (below 10^-100)"),
        ("0e9999", "the number 0e9999 has an exponent of more than three digits"),
        ("1" * 141, "a number of 141 characters is too long; at most 140"),
        (f"{10**100:,}", None),  # 10^100 written out in full, with commas
        ("1,000,000", None),
    ],
)
def test_numbers_are_bounded_on_their_text(text: str, problem: str | None) -> None:
    assert number_problem(text) == problem


def test_a_power_is_judged_before_it_is_taken() -> None:
    assert raised_problem(3600.0, 200) == "too large (beyond 10^100)"
    assert raised_problem(1e-9, 12) == "too small (below 10^-100)"
    assert raised_problem(0.0, -5) is None  # division by zero is the evaluator's message
    assert raised_problem(10.0, 100) is None


def test_a_missing_operator_inside_parentheses_is_named_where_it_is() -> None:
    """The fuzz found '(s million)' reported as "'(' is never closed" at the '('."""
    with pytest.raises(FormulaError) as caught:
        parse("(s million / user - a)")
    assert (caught.value.offset, caught.value.message) == (
        3,
        "missing operator before 'million' (write '*' to multiply)",
    )
    with pytest.raises(FormulaError, match="'\\(' is never closed"):
        parse("(a + b")


def test_an_estimate_at_every_bound_still_computes() -> None:
    text = (
        "kind: estimate\nid: e\ntitle: E\n"
        "assumptions:\n  a: 1e100\n  b: 1e-100\n  c: 2 s^10\n"
        "derived:\n  d: a * b\n  e: c / c\n  f: 10 ^ 100\n  g: 10 ^ -100\n"
    )
    result = evaluate(load_estimate_text("e.yaml", text.encode()))
    assert result.shown("f", "en").exact == "1 × 10¹⁰⁰"
    assert result.shown("g", "en").exact == "1 × 10⁻¹⁰⁰"
    with pytest.raises(SpecError, match="too large"):
        evaluate(load_estimate_text("e.yaml", text.replace("10 ^ 100", "11 ^ 100").encode()))
