"""The reference numbers of chapter 2, computed rather than typed: powers of two up to a
petabyte, the latency numbers (with a log-scale chart), and availability as downtime.

Powers of two and availability are arithmetic on the prefixes and the nines; the
latency numbers are data (``latency.yaml``, an estimate spec whose figures archgen
checks against each other) and their table and chart are drawn from it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePosixPath

from archgen.estimate.chart import Bar, latency_chart
from archgen.estimate.evaluate import EstimateResult, evaluate
from archgen.estimate.humanize import (
    choose_unit,
    digits_text,
    fixed_text,
    largest_unit,
    show_exact,
    significant,
    to_decimal,
    with_unit,
    words_text,
)
from archgen.estimate.load import load_estimate
from archgen.estimate.units import Quantity, Vocabulary, byte_prefixes
from archgen.pages.markdown import PageRenderer
from archgen.project.layout import LATENCY_CHART, REFERENCE_PAGE
from archgen.project.templates import REFERENCE_TEMPLATE

LATENCY_DATA = Path(__file__).with_name("latency.yaml")

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
NINES = (2, 3, 4, 5)  # 99 % to 99.999 %
DOWNTIME_UNITS = ("ms", "second", "minute", "hour", "day")


@dataclass(frozen=True)
class PowerRow:
    power: str  # 2¹⁰
    exact: str  # 1,024
    approximately: str  # 1 thousand
    binary: str  # 1 KiB (kibibyte)
    decimal: str  # 1 kB (kilobyte)
    difference: str  # +2.4 %


def powers_of_two(language: str) -> list[PowerRow]:
    """2¹⁰ to 2⁵⁰: each binary unit beside the decimal one it is mistaken for."""
    rows = []
    for step, (decimal, decimal_name, binary, binary_name) in enumerate(byte_prefixes()[:5]):
        exponent = 10 * (step + 1)
        exact, rounded = 2**exponent, 1000 ** (step + 1)
        difference = (Decimal(exact) / Decimal(rounded) - 1) * 100
        rows.append(
            PowerRow(
                f"2{str(exponent).translate(_SUPERSCRIPT)}",
                digits_text(Decimal(exact)),
                words_text(Decimal(rounded), language, thousand=True),
                f"1 {binary} ({binary_name})",
                f"1 {decimal} ({decimal_name})",
                f"+{fixed_text(float(difference), 1)} %",
            )
        )
    return rows


@dataclass(frozen=True)
class LatencyRow:
    label: str
    time: str  # 20 µs
    nanoseconds: str  # 20,000 ns


@dataclass(frozen=True)
class Latency:
    title: str
    rows: list[LatencyRow]
    notes: list[str]
    bars: list[Bar]


def latency(language: str) -> Latency:
    result = latency_data()
    vocabulary = result.loaded.vocabulary
    nanosecond = vocabulary.quantity(vocabulary.word("ns"))
    rows, bars = [], []
    for name, assumption in result.loaded.assumptions.items():
        value = result.values[name]
        time = show_exact(value, choose_unit(value, vocabulary, binary=False), language)
        count = float((value / nanosecond).to("dimensionless").magnitude)
        label = assumption.label.get(language) if assumption.label else name
        rows.append(LatencyRow(label, time, f"{digits_text(to_decimal(count))} ns"))
        bars.append(Bar(label, count, time))
    spec = result.loaded.spec
    return Latency(spec.title.get(language), rows, [n.get(language) for n in spec.notes], bars)


@functools.cache  # the same numbers for every language: loaded once per process
def latency_data() -> EstimateResult:
    """The latency numbers, loaded and checked (their warnings say if a pair disagrees)."""
    return evaluate(load_estimate(LATENCY_DATA, "archgen/estimate/latency.yaml"))


@dataclass(frozen=True)
class AvailabilityRow:
    availability: str  # 99.9 %
    nines: int
    per_year: str  # 8.77 hours
    per_month: str
    per_day: str


def availability(language: str) -> list[AvailabilityRow]:
    """Downtime a year, a month and a day for two to five nines (a year of 365.25 days)."""
    vocabulary = _builtin_vocabulary()
    periods = [vocabulary.quantity(vocabulary.word(key)) for key in ("year", "month", "day")]
    rows = []
    for nines in NINES:
        down = Decimal(1).scaleb(-nines)  # the share of time down: 0.01 for two nines
        up = f"{digits_text((1 - down) * 100)} %"
        times = [
            _downtime(vocabulary.number(float(down)) * period, vocabulary, language)
            for period in periods
        ]
        rows.append(AvailabilityRow(up, nines, *times))
    return rows


def _downtime(value: Quantity, vocabulary: Vocabulary, language: str) -> str:
    """Two decimals in the largest unit that leaves at least 1: 8.77 hours, 52.60 minutes."""
    unit = largest_unit(value, DOWNTIME_UNITS, vocabulary)
    number = float((value / unit.quantity).to("dimensionless").magnitude)
    return with_unit(fixed_text(number, 2), unit.label(language, plural=True), language)


def _tick_labels(language: str) -> Callable[[int], str]:
    """1 ns, 10 ns, 100 ns, 1 µs, … for a power of ten of nanoseconds."""
    vocabulary = _builtin_vocabulary()
    nanosecond = vocabulary.quantity(vocabulary.word("ns"))

    def label(power: int) -> str:
        value = vocabulary.number(10.0**power) * nanosecond
        unit = largest_unit(value, ("ns", "µs", "ms", "second"), vocabulary)
        number = digits_text(significant(float((value / unit.quantity).magnitude)))
        # Symbols on an axis: '1 s', not '1 second'.
        return with_unit(number, unit.terms[0][0].name(language, compound=True), language)

    return label


@functools.cache
def _builtin_vocabulary() -> Vocabulary:
    """The built-in unit words, never added to here; a pint registry is slow to make."""
    return Vocabulary()


def reference_files(language: str, renderer: PageRenderer) -> dict[str, bytes]:
    """The reference page and the latency chart, by path relative to the language folder."""
    words = renderer.messages.words(language)
    numbers = latency(language)
    description = "; ".join(f"{row.label}: {row.time}" for row in numbers.rows)
    chart = latency_chart(
        numbers.bars, words("Latency numbers on a log scale"), description, _tick_labels(language)
    )
    page = renderer.render(
        REFERENCE_TEMPLATE,
        language,
        powers=powers_of_two(language),
        latency=numbers,
        availability=availability(language),
        chart=PurePosixPath(LATENCY_CHART).name,  # beside the page
    )
    return {REFERENCE_PAGE: page.encode(), LATENCY_CHART: chart.encode()}
