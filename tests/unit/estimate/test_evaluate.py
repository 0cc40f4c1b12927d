"""Estimates, evaluation: the Twitter numbers of the notes, and every way arithmetic fails."""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path

import pytest
from helpers import REPO, write_spec
from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.diagnostics import Severity, SpecError
from archgen.estimate import EstimateResult, evaluate, load_estimate
from archgen.estimate.load import load_estimate_text

LINE = re.compile(r"^specs/e\.yaml:\d+:\d+: \S[^\n]*$")


@pytest.fixture(scope="module")
def twitter() -> EstimateResult:
    return evaluate(load_estimate(REPO / "specs" / "estimates" / "twitter.yaml"))


def run(tmp_path: Path, derived: str, assumptions: str = "") -> EstimateResult:
    text = (
        "kind: estimate\nid: e\ntitle: E\ncounts: {user: , tweet: }\n"
        "assumptions:\n  size: 1 MB\n  time: 5 years\n  n: 2\n  m: 3\n"
        + assumptions
        + "derived:\n"
        + derived
    )
    return evaluate(load_estimate(write_spec(tmp_path, "e.yaml", text), "specs/e.yaml"))


def failure(tmp_path: Path, derived: str, assumptions: str = "") -> str:
    started = time.perf_counter()
    with pytest.raises(SpecError) as caught:
        run(tmp_path, derived, assumptions)
    assert time.perf_counter() - started < 5, "no formula may run long"
    lines = [str(d) for d in caught.value.diagnostics]
    assert len(lines) == 1 and LINE.match(lines[0]), lines
    return lines[0]


def test_the_twitter_estimate_gives_the_numbers_of_the_notes(twitter: EstimateResult) -> None:
    shown = {name: twitter.shown(name, "en") for name in twitter.values}
    assert shown["dau"].rounded == "150 million users"
    assert not shown["dau"].approximate
    assert (shown["qps"].rounded, shown["qps"].exact) == ("3,500 QPS", "3,472.22 QPS")
    assert (shown["peak_qps"].rounded, shown["peak_qps"].exact) == ("7,000 QPS", "6,944.44 QPS")
    assert shown["media_per_day"].text() == "30 TB/day"
    assert shown["media_storage"].text() == "≈ 55 PB (exact: 54.7875 PB)"
    assert twitter.checks == {
        "dau": True,
        "qps": True,
        "peak_qps": True,
        "media_per_day": True,
        "media_storage": True,
    }
    assert twitter.warnings == ()


def test_values_are_exact_and_in_base_units(twitter: EstimateResult) -> None:
    qps = twitter.values["qps"]
    assert qps.magnitude == pytest.approx(150e6 * 2 / 86400)
    assert dict(qps.dimensionality) == {"[count_tweet]": 1, "[time]": -1}
    storage = twitter.values["media_storage"]
    assert storage.magnitude == pytest.approx(30e12 * 8 * 365.25 * 5)  # bits
    assert dict(storage.dimensionality) == {"[information]": 1}


def test_adding_bytes_to_seconds_is_an_error_at_the_operator(tmp_path: Path) -> None:
    assert failure(tmp_path, "  a: size + time\n") == (
        "specs/e.yaml:11:11: formula of 'a': cannot add 'size' (bytes) and 'time' (time): "
        "they measure different things"
    )


def test_counted_things_do_not_mix(tmp_path: Path) -> None:
    line = failure(tmp_path, "  a: people - posts\n", "  people: 3 users\n  posts: 2 tweets\n")
    assert line == (
        "specs/e.yaml:13:13: formula of 'a': cannot subtract 'people' (users) and "
        "'posts' (tweets): they measure different things"
    )


def test_bytes_are_not_plain_numbers(tmp_path: Path) -> None:
    # pint's own definitions make a bit dimensionless; archgen's registry does not.
    assert "cannot add 'size' (bytes) and '2' (a plain number)" in failure(
        tmp_path, "  a: size + 2\n"
    )


def test_division_by_zero_is_an_error_at_the_slash(tmp_path: Path) -> None:
    assert failure(tmp_path, "  a: size / (n - 2)\n") == (
        "specs/e.yaml:11:11: formula of 'a': division by zero: 'n - 2' is 0"
    )
    assert "division by zero" in failure(tmp_path, "  a: (n - 2) ** -1\n")


@pytest.mark.parametrize(
    ("formula", "column", "message"),
    [
        ("2 ** 10 ** 10", 11, "the power 10,000,000,000 is too large; at most 100"),
        ("10 ** 99 * 10 ** 99", 15, "the result of '10 ** 99 * 10 ** 99' is too large"),
        ("(n ** 100) ** 100 ** 100", 24, "the result of '100 ** 100' is too large"),
        ("size ** 0.5", 14, "a quantity with a unit takes whole powers only"),
        ("n ** size", 11, "a power must be a plain number, and 'size' is bytes"),
        ("(0 - 8) ** 0.5", 14, "a negative number has no fractional power"),
        ("1e99 * 1e99 * 1e99", 11, "is too large"),
    ],
)
def test_huge_and_ill_formed_powers_fail_fast_with_a_location(
    tmp_path: Path, formula: str, column: int, message: str
) -> None:
    line = failure(tmp_path, f"  a: {formula}\n")
    assert line.startswith(f"specs/e.yaml:11:{column}: formula of 'a': ")
    assert message in line


def test_a_malicious_formula_in_a_file_is_a_located_error_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        "kind: estimate\nid: e\ntitle: E\nderived:\n"
        f"  a: __import__('os').system('touch {marker}')\n"
        "  b: ().__class__.__base__.__subclasses__()\n"
        "  c: open('/etc/passwd').read()\n"
    )
    path = write_spec(tmp_path, "e.yaml", text)
    with pytest.raises(SpecError) as caught:
        load_estimate(path, "specs/e.yaml")
    assert [str(d) for d in caught.value.diagnostics] == [
        "specs/e.yaml:5:16: formula of 'a': calls are not allowed ('__import__(...)'); "
        "formulas have no functions",
        "specs/e.yaml:6:7: formula of 'b': expected a number or a name, not ')'",
        "specs/e.yaml:7:10: formula of 'c': calls are not allowed ('open(...)'); formulas "
        "have no functions",
    ]
    assert not marker.exists()


def test_a_unit_that_does_not_fit_the_value_is_an_error_at_the_unit(tmp_path: Path) -> None:
    assert failure(tmp_path, "  a: {formula: size * 2, unit: s}\n") == (
        "specs/e.yaml:11:32: 'a' comes out in bytes, but its unit 's' measures time"
    )


def test_a_result_that_does_not_round_to_its_expect_is_a_warning(tmp_path: Path) -> None:
    result = run(
        tmp_path, "  a: {formula: size * 3, expect: 4 MB}\n  b: {formula: size * 3, expect: 3 MB}\n"
    )
    assert result.checks == {"a": False, "b": True}
    assert [str(w) for w in result.warnings] == [
        "specs/e.yaml:11:34: warning: 'a' comes to 3 MB, which does not round to the "
        "expected 4 MB; check the formula or the figure"
    ]
    assert result.warnings[0].severity is Severity.WARNING


def test_an_expect_in_other_units_is_an_error(tmp_path: Path) -> None:
    assert failure(tmp_path, "  a: {formula: size, expect: 3 s}\n") == (
        "specs/e.yaml:11:30: 'a' comes out in bytes, but 'expect' is in time"
    )


def test_a_failed_value_does_not_drag_its_users_into_more_errors(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        run(tmp_path, "  a: size + time\n  b: a * 2\n  c: n / 0\n")
    assert [d.location.line for d in caught.value.diagnostics] == [11, 13]


def test_units_and_number_words_work_inside_formulas(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "  a: 2 million * n\n  b: 24 hour / day\n  c: {formula: size / (1 Gbps), unit: ms}\n",
    )
    assert result.shown("a", "en").rounded == "4 million"
    assert result.shown("b", "en").rounded == "1"
    assert result.shown("c", "en").rounded == "8 ms"


_TOKENS = [
    "size",
    "time",
    "n",
    "m",
    "day",
    "MB",
    "million",
    "2",
    "0",
    "1e99",
    "100",
    "0.5",
    "+",
    "-",
    "*",
    "/",
    "**",
    "^",
    "(",
    ")",
    " ",
    "a",
    ".",
]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=25))
def test_any_formula_evaluates_or_fails_with_located_lines(tokens: list[str]) -> None:
    """Random arithmetic over real names: a result, or SpecError lines, never a crash."""
    formula = " ".join(tokens)
    text = (
        "kind: estimate\nid: e\ntitle: E\nassumptions:\n  size: 1 MB\n  time: 5 years\n"
        f"  n: 2\n  m: 3\nderived:\n  a: {json.dumps(formula)}\n  b: a * 2\n"
    )
    started = time.perf_counter()
    try:
        result = evaluate(load_estimate_text("specs/e.yaml", text.encode()))
    except SpecError as error:
        assert error.diagnostics
        assert all(LINE.match(str(d)) for d in error.diagnostics), error.diagnostics
    else:
        assert math.isfinite(float(result.values["a"].magnitude))
        assert result.shown("a", "en").rounded
    assert time.perf_counter() - started < 2
