"""Estimates, numbers for people: envelope rounding, number words, the unit chosen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archgen.estimate.humanize import (
    choose_unit,
    digits_text,
    envelope,
    fixed_text,
    show,
    significant,
    words_text,
)
from archgen.estimate.units import Vocabulary


@pytest.mark.parametrize(
    ("exact", "rounded"),
    [
        (3472.2222, "3500"),  # a half step: one figure (3,000) is 14 % off
        (6944.4444, "7000"),  # one figure is within 5 %
        (54.7875, "55"),
        (150e6, "150000000"),
        (1260, "1300"),  # neither 1,000 nor 1,500 is within 5 %: two figures
        (1049, "1000"),
        (9.7, "10"),
        (0.0347, "0.035"),
        (-3472.2, "-3500"),
        (0, "0"),
    ],
)
def test_envelope_rounding_takes_the_roundest_number_within_five_percent(
    exact: float, rounded: str
) -> None:
    assert digits_text(envelope(exact)).replace(",", "") == rounded


@given(st.floats(min_value=1e-12, max_value=1e90, allow_nan=False, allow_infinity=False))
def test_envelope_rounding_is_always_within_five_percent(value: float) -> None:
    rounded = envelope(value)
    assert abs(float(rounded) - value) <= 0.05 * value * (1 + 1e-9)
    assert len(rounded.normalize().as_tuple().digits) <= 2


def test_exact_values_keep_six_figures() -> None:
    assert digits_text(significant(3472.2222222)) == "3,472.22"
    assert digits_text(significant(150000000.0)) == "150,000,000"
    assert digits_text(significant(1.5e25)) == "1.5 × 10²⁵"
    assert fixed_text(52.596, 2) == "52.60"


@pytest.mark.parametrize(
    ("number", "english", "korean"),
    [
        ("150000000", "150 million", "1.5억"),
        ("300000000", "300 million", "3억"),
        ("3500", "3,500", "3,500"),
        ("35000", "35,000", "3.5만"),
        ("1000000000000000", "1 quadrillion", "1,000조"),
        ("123456789", "123,456,789", "123,456,789"),  # no number word keeps it short
    ],
)
def test_number_words_in_english_and_korean(number: str, english: str, korean: str) -> None:
    assert words_text(Decimal(number), "en") == english
    assert words_text(Decimal(number), "ko") == korean


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    vocabulary = Vocabulary()
    vocabulary.add_count("user", None)
    return vocabulary


def quantity(vocabulary: Vocabulary, number: float, key: str):
    return vocabulary.number(number) * vocabulary.quantity(vocabulary.lookup(key))


@pytest.mark.parametrize(
    ("number", "unit", "binary", "english", "korean"),
    [
        (54.7875e15, "B", False, "55 PB", "55 PB"),
        (999.7e3, "B", False, "1 MB", "1 MB"),  # 999.7 kB would round to 1,000 kB
        (30e12, "B", True, "27 TiB", "27 TiB"),
        (512, "B", False, "500 B", "500 B"),
        (8.766, "hour", False, "9 hours", "9시간"),
        (20e-6, "second", False, "20 µs", "20 µs"),
        (5, "year", False, "5 years", "5년"),
        (1, "day", False, "1 day", "1일"),
        (150e6, "user", False, "150 million users", "1.5억 user"),
        (2e9, "bps", False, "250 MB/s", "250 MB/초"),
    ],
)
def test_the_unit_is_chosen_from_what_a_value_measures(
    vocabulary: Vocabulary, number: float, unit: str, binary: bool, english: str, korean: str
) -> None:
    value = quantity(vocabulary, number, unit)
    chosen = choose_unit(value, vocabulary, binary=binary)
    assert show(value, chosen, "en").rounded == english
    assert show(value, chosen, "ko").rounded == korean


def test_unit_words_are_pint_units_in_a_registry_where_bytes_have_a_dimension(
    vocabulary: Vocabulary,
) -> None:
    megabyte = vocabulary.quantity(vocabulary.lookup("MB"))
    assert dict(megabyte.dimensionality) == {"[information]": 1}
    assert vocabulary.lookup("KB") is vocabulary.lookup("kB")
    assert vocabulary.lookup("us") is vocabulary.lookup("µs") is vocabulary.lookup("μs")
    assert vocabulary.lookup("years") is vocabulary.lookup("year")
    assert vocabulary.lookup("mau") is None  # pint would read milli-astronomical units
    kibibyte = vocabulary.quantity(vocabulary.lookup("KiB"))
    assert (kibibyte / vocabulary.quantity(vocabulary.lookup("B"))).magnitude == 1024
