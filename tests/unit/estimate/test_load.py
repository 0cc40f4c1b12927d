"""Estimates, loading: each problem is one line, file:line:col, at the character it is about."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from helpers import REPO, TESTS, write_spec

from archgen.diagnostics import Severity, SpecError
from archgen.estimate import is_estimate_file, is_estimate_spec, load_estimate
from archgen.estimate.bounds import MAX_VALUES

LINE = re.compile(r"^specs/e\.yaml:\d+:\d+: \S")
NOTES_LATENCY = TESTS / "fixtures" / "estimates" / "latency-notes.yaml"

HEAD = "kind: estimate\nid: e\ntitle: E\n"  # three lines: the body starts on line 4


def spec(body: str) -> str:
    return HEAD + textwrap.dedent(body).lstrip("\n")


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write_spec(tmp_path, "e.yaml", text)
    with pytest.raises(SpecError) as caught:
        load_estimate(path, "specs/e.yaml")
    lines = [str(d) for d in caught.value.diagnostics]
    assert all(LINE.match(line) and "\n" not in line for line in lines), lines
    return lines


def test_the_repository_estimate_loads_without_warnings() -> None:
    loaded = load_estimate(REPO / "specs" / "estimates" / "twitter.yaml")
    assert loaded.id == "twitter"
    assert list(loaded.assumptions)[:3] == ["mau", "daily_share", "tweets_per_user"]
    order = loaded.evaluation_order
    assert order.index("dau") < order.index("qps") < order.index("peak_qps")
    assert loaded.warnings == ()


def test_estimate_specs_are_told_apart_from_stage_specs_by_kind(tmp_path: Path) -> None:
    assert is_estimate_spec({"kind": "estimate", "id": "x"})
    assert not is_estimate_spec({"id": "single-server", "title": "Single server"})
    assert not is_estimate_spec(["kind", "estimate"])
    assert is_estimate_file(REPO / "specs" / "estimates" / "twitter.yaml")
    assert not is_estimate_file(REPO / "specs" / "01-single-server.yaml")
    assert not is_estimate_file(write_spec(tmp_path, "broken.yaml", "a: [\n"))
    assert not is_estimate_file(tmp_path / "missing.yaml")


def test_a_stage_spec_is_not_an_estimate(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: e\ntitle: E\n") == [
        "specs/e.yaml:1:1: not an estimate spec: an estimate starts with 'kind: estimate'"
    ]


def test_an_unknown_key_is_located_with_a_suggestion(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        spec("""
    assumptions:
      n: {value: 2, lable: N}
    """),
    )
    assert found == [
        "specs/e.yaml:5:17: unknown key 'lable' in 'assumptions.n' (did you mean 'label'?)"
    ]


def test_unknown_names_point_at_the_name_in_the_formula(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        spec("""
    assumptions:
      size: 1 MB
    derived:
      total: size * 2 + sise
      quoted: "size * cout"
    """),
    )
    assert found == [
        "specs/e.yaml:7:21: formula of 'total': unknown name 'sise' (did you mean 'size'?)",
        "specs/e.yaml:8:19: formula of 'quoted': unknown name 'cout'",
    ]


def test_unknown_units_are_located_and_counts_are_suggested(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        spec("""
    assumptions:
      a: 3 mega
      b: 300 million users
      c: 5 yaers
    derived:
      d: {formula: a, unit: tweets/s}
    """),
    )
    assert found == [
        "specs/e.yaml:5:8: 'a': unknown unit 'mega' (did you mean 'megabyte'?); things "
        "counted are declared under 'counts'",
        "specs/e.yaml:6:18: 'b': unknown unit 'users' (did you mean 'years'?); things "
        "counted are declared under 'counts'",
        "specs/e.yaml:7:8: 'c': unknown unit 'yaers' (did you mean 'years'?); things "
        "counted are declared under 'counts'",
        "specs/e.yaml:9:25: unit of 'd': unknown unit 'tweets' (did you mean 'weeks'?); "
        "things counted are declared under 'counts'",
    ]


@pytest.mark.parametrize(
    ("derived", "expected"),
    [
        ("  a: a + 1\n", "specs/e.yaml:7:6: cyclic definition: a -> a"),
        ("  a: b * 2\n  b: a / 2\n", "specs/e.yaml:8:6: cyclic definition: a -> b -> a"),
        ("  a: b\n  b: c\n  c: n + a\n", "specs/e.yaml:9:10: cyclic definition: a -> b -> c -> a"),
    ],
)
def test_cyclic_definitions_are_errors_where_the_cycle_closes(
    tmp_path: Path, derived: str, expected: str
) -> None:
    text = "kind: estimate\nid: e\ntitle: E\nassumptions:\n  n: 1\nderived:\n" + derived
    found = problems(tmp_path, text)
    assert len(found) == 1
    assert found[0].startswith(expected)


def test_a_long_chain_of_values_loads_without_recursion(tmp_path: Path) -> None:
    """As long as an estimate may be (1,000 names), past Python's recursion limit."""
    chain = "".join(f"  v{i}: v{i - 1} + 1\n" for i in range(1, MAX_VALUES))
    path = write_spec(
        tmp_path, "e.yaml", "kind: estimate\nid: e\ntitle: E\nderived:\n  v0: 1\n" + chain
    )
    assert load_estimate(path).evaluation_order[-1] == f"v{MAX_VALUES - 1}"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  media-size: 1 MB\n", "'media-size' is not a valid name"),
        ("  lambda: 1 MB\n", "'lambda' is a reserved word"),
        ("  day: 1\n", "'day' is also a unit (day)"),
        ("  s: 1\n", "'s' is also a unit (second)"),
    ],
)
def test_names_must_read_unambiguously_in_formulas(
    tmp_path: Path, entry: str, message: str
) -> None:
    found = problems(tmp_path, HEAD + "assumptions:\n" + entry)
    assert len(found) == 1 and message in found[0]
    assert found[0].startswith("specs/e.yaml:5:3: ")


def test_a_name_defined_twice_and_a_count_that_is_a_unit_are_errors(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        spec("""
    counts: {byte: }
    assumptions:
      n: 1
    derived:
      n: 2
    """),
    )
    assert found == [
        "specs/e.yaml:4:10: 'byte' is already a unit; a count needs a word of its own",
        "specs/e.yaml:8:3: 'n' is both an assumption and a derived value",
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        spec("""
    assumptions:
      a: 3 mega
    derived:
      b: a.real
      c: nope * 2
      d: d
    """),
    )
    assert [line.split(": ", 1)[0] for line in found] == [
        "specs/e.yaml:5:8",
        "specs/e.yaml:7:7",
        "specs/e.yaml:8:6",
        "specs/e.yaml:9:6",
    ]


def test_a_value_must_start_with_a_number(tmp_path: Path) -> None:
    found = problems(tmp_path, HEAD + "assumptions:\n  a: MB 3\n")
    assert found == [
        "specs/e.yaml:5:6: 'a': 'MB 3' must start with a number, as in "
        "'300 million users'; formulas go under 'derived'"
    ]


def test_the_notes_latency_slips_are_warnings_that_say_which_value_is_used() -> None:
    loaded = load_estimate(NOTES_LATENCY, "latency-notes.yaml")
    assert [str(w) for w in loaded.warnings] == [
        "latency-notes.yaml:10:33: warning: 'send_2kb' is written as 20,000ns and as 10us, "
        "which disagree: 20,000ns is 20 µs; using 20,000ns, the first",
        "latency-notes.yaml:11:41: warning: 'read_1mb_memory' is written as 500,000ns and "
        "as 250us, which disagree: 500,000ns is 500 µs; using 500,000ns, the first",
    ]
    assert all(w.severity is Severity.WARNING for w in loaded.warnings)
    send = loaded.assumptions["send_2kb"]
    assert send.value == send.written[0].quantity and send.disagreeing == ("10us",)


@pytest.mark.parametrize(
    ("value", "agrees"),
    [
        ("20,000 ns = 20 µs", True),
        ("100 ns = 0.1 µs", True),
        ("8.77 hours = 526 minutes", True),  # 526.2 minutes, written to three figures
        ("1 GiB = 1,073,741,824 B", True),
        ("2 KB = 2,000 B", True),
        ("2 KiB = 2,000 B", True),  # 2,048 B rounds to 2,000 B at the one figure written
        ("2.000 KiB = 2,000.0 B", False),
        ("20,000 ns = 10 µs", False),  # 15,000 ns would round to 20,000 ns but not to 10 µs
        ("500,000 ns = 250 µs", False),
        ("3.65 days = 87 hours", True),  # 87.6 hours
        ("3.65 days = 86 hours", False),
    ],
)
def test_two_figures_agree_when_both_could_be_roundings_of_one_value(
    tmp_path: Path, value: str, agrees: bool
) -> None:
    path = write_spec(
        tmp_path, "e.yaml", f"kind: estimate\nid: e\ntitle: E\nassumptions:\n  a: {value}\n"
    )
    assert (load_estimate(path).warnings == ()) is agrees


def test_figures_that_measure_different_things_are_an_error(tmp_path: Path) -> None:
    found = problems(tmp_path, HEAD + "assumptions:\n  a: 1 MB = 1 s\n")
    assert found == ["specs/e.yaml:5:13: 'a': '1 s' does not measure the same thing as '1 MB'"]
