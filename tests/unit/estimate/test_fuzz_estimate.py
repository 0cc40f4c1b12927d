"""Property-based fuzzing of the estimate evaluator (hypothesis).

The property: whatever an estimate spec's figures, units and formulas say, loading,
evaluating and writing it out (``format_for_terminal`` in English and Korean) either
succeeds, with every value finite and within archgen's bounds, or raises ``SpecError``
whose every line is ``file:line:col: message``. Anything else (``OverflowError``, a
decimal ``InvalidOperation``, ``RecursionError``, a ``ValueError`` from pint) is a
traceback for the user. Each example must also finish quickly: nothing may grow
beyond the bounds and run long.

The inputs come from a grammar of the things a spec writes: numbers at and beyond the
bounds (``1e99``, ``1e-300``, ``1e999999999``, 5,000 digits, Arabic-Indic and fullwidth
digits), unit words, number words and counts with powers (``h^200``, ``million^60``),
formulas over the spec's names with every operator, and arbitrary text.
``ARCHGEN_FUZZ_EXAMPLES`` sets the number of examples per test (default 200).
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archgen.diagnostics import SpecError
from archgen.estimate import evaluate, format_for_terminal
from archgen.estimate.bounds import MAX_MAGNITUDE
from archgen.estimate.load import load_estimate_text

EXAMPLES = int(os.environ.get("ARCHGEN_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LINE = re.compile(r"^e\.yaml:\d+:\d+: \S[^\n]*$")
TIME_LIMIT = 2.0  # seconds for one example, loading to printing

GOOD_NUMBERS = ["0", "1", "2", "0.5", "20,000", "1_000", "1e3", "1.5e-3", "1e50", "-3", "+4"]
BAD_NUMBERS = [
    "1e99", "1e100", "1e101", "1e-100", "1e-300", "1e308", "1e999999999", "0e999999999",
    "1" + "0" * 60, "9" * 5000, "١٢٣", "１", "²", "nan", "inf", ".5", "1.", "1,00",
]  # fmt: skip
GOOD_UNITS = [
    "ns", "us", "µs", "ms", "s", "second", "min", "h", "hour", "day", "week", "month", "year",
    "B", "bit", "kB", "KB", "MB", "GB", "TB", "PB", "EB", "KiB", "EiB", "bps", "Gbps", "%",
    "user", "users", "tweet", "QPS", "million", "thousand", "억", "만", "",
]  # fmt: skip
BAD_UNITS = ["meter", "mau", "EB^10", "h^200", "million^60", "s^11", "us^-11"]
GOOD_POWERS = ["", "", "", "^2", "^-1", "^3"]
BAD_POWERS = ["^10", "^11", "^60", "^200", "^0", "^-11", "^1.5", "^99999999999", "^" + "9" * 400]
GOOD_OPERATORS = [" + ", " - ", " * ", " / "]
BAD_OPERATORS = [" ^ ", " ** ", " ", "-", "^-"]
GOOD_NAMES = ["a", "b", "a", "b", "s", "day", "million", "user", "2"]
BAD_NAMES = ["e", "a.b", "f(a)", "c", "d", "", "("]


def mostly(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    """Mostly one of ``good``, now and then one of ``bad``: most examples then get as far
    as the arithmetic and the writing out, and the odd one probes a bound. (One in thirty:
    an example makes some thirty such choices.)"""
    return st.integers(0, 29).flatmap(
        lambda k: st.sampled_from(bad) if k == 17 else st.sampled_from(good)
    )


@st.composite
def units(draw: st.DrawFn) -> str:
    parts = [
        draw(mostly(GOOD_UNITS, BAD_UNITS)) + draw(mostly(GOOD_POWERS, BAD_POWERS))
        for _ in range(draw(st.integers(1, 3)))
    ]
    joins = [draw(st.sampled_from([" * ", " / ", " "])) for _ in parts[1:]]
    return parts[0] + "".join(j + p for j, p in zip(joins, parts[1:], strict=True))


@st.composite
def figures(draw: st.DrawFn) -> str:
    figure = f"{draw(mostly(GOOD_NUMBERS, BAD_NUMBERS))} {draw(units())}".strip()
    if draw(st.integers(0, 4)) == 0:
        figure += f" = {draw(mostly(GOOD_NUMBERS, BAD_NUMBERS))} {draw(units())}"
    return figure


@st.composite
def formulas(draw: st.DrawFn) -> str:
    terms = [
        draw(mostly(GOOD_NAMES, [*BAD_NAMES, *BAD_NUMBERS])) for _ in range(draw(st.integers(1, 6)))
    ]
    text = terms[0]
    for term in terms[1:]:
        text += draw(mostly(GOOD_OPERATORS, BAD_OPERATORS)) + term
    depth = draw(st.integers(0, 3)) * draw(st.sampled_from([1, 1, 1, 15]))
    return "(" * depth + text + ")" * depth


@st.composite
def estimates(draw: st.DrawFn) -> dict[str, Any]:
    spec: dict[str, Any] = {"kind": "estimate", "id": "e", "title": "E"}
    spec["counts"] = {"user": None, "tweet": None}
    spec["units"] = {"QPS": draw(st.one_of(st.just("tweet / second"), units()))}
    spec["assumptions"] = {"a": draw(figures()), "b": draw(figures())}
    derived: dict[str, Any] = {}
    for name in ("c", "d")[: draw(st.integers(1, 2))]:
        entry: dict[str, Any] = {"formula": draw(formulas())}
        if draw(st.integers(0, 3)) == 0:
            entry["unit"] = draw(units())
        if draw(st.integers(0, 3)) == 0:
            entry["expect"] = draw(figures())
        derived[name] = entry
    spec["derived"] = derived
    return spec


def evaluate_or_refuse(text: str) -> None:
    """The property for one spec text."""
    started = time.perf_counter()
    try:
        result = evaluate(load_estimate_text("e.yaml", text.encode("utf-8")))
        for language in ("en", "ko"):
            assert format_for_terminal(result, language)
    except SpecError as error:
        assert error.diagnostics
        assert all(LINE.match(str(d)) for d in error.diagnostics), error.diagnostics
    else:
        for value in result.values.values():
            magnitude = float(value.to_base_units().magnitude)
            assert math.isfinite(magnitude) and abs(magnitude) <= MAX_MAGNITUDE
    assert time.perf_counter() - started < TIME_LIMIT


@pytest.mark.slow  # 200 examples take some 15 s: each is loaded, computed and printed twice
@FUZZ
@given(estimates())
@example(
    {
        "kind": "estimate",
        "id": "e",
        "title": "E",
        "units": {"u": "h^200"},
        "assumptions": {"a": "1 million^60", "b": "1e300 EB"},
        "derived": {"c": "a * b"},
    }
)
def test_any_estimate_evaluates_or_gives_located_errors(spec: dict[str, Any]) -> None:
    evaluate_or_refuse(yaml.safe_dump(spec, allow_unicode=True))


@pytest.mark.slow
@FUZZ
@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=20))
def test_arbitrary_text_as_figure_formula_and_unit(figure: str, formula: str, unit: str) -> None:
    text = (
        "kind: estimate\nid: e\ntitle: E\n"
        f"assumptions:\n  a: {json.dumps(figure)}\n"
        f"derived:\n  b: {{formula: {json.dumps(formula)}, unit: {json.dumps(unit)}}}\n"
    )
    evaluate_or_refuse(text)
