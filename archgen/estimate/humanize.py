"""Numbers for people: envelope rounding, digits and number words, and the unit to show.

Rounding ("the roundest number within 5 %"): a result is rounded to one significant
figure if that lands within 5 % of the exact value, else to a half step of the leading
digit (3,472 -> 3,500), else to two significant figures, which is always within 5 %.
An estimate is no more precise than its assumptions; two figures are what it can
claim, and one where the error stays small. The exact value is always shown beside it.

The unit: a value with ``unit:`` is shown in that unit, exactly as written. Otherwise
archgen picks by what the value measures: bytes take the largest prefix that leaves at
least 1 (powers of ten, kB = 1,000 B, unless the spec says ``bytes: binary``, KiB =
1,024 B); a rate of bytes is per second; a time takes the largest of ns, µs, ms,
seconds, minutes, hours, days and years that leaves at least 1; a count is in its own
word, with number words (million, 억) for large counts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from archgen.estimate.units import (
    COUNT,
    TIME_UNITS,
    WORD,
    Quantity,
    UnitWord,
    Vocabulary,
    byte_units,
    english_plural,
)

TOLERANCE = Decimal("0.05")
_STEPS = (Decimal(1), Decimal("0.5"), Decimal("0.1"))  # one figure, a half, two figures
EXACT_DIGITS = 6

# Number words, largest first: the English short scale and the Korean myriads.
_SCALES = {
    "en": (
        (Decimal(10) ** 15, " quadrillion"),
        (Decimal(10) ** 12, " trillion"),
        (Decimal(10) ** 9, " billion"),
        (Decimal(10) ** 6, " million"),
    ),
    "ko": (
        (Decimal(10) ** 16, "경"),
        (Decimal(10) ** 12, "조"),
        (Decimal(10) ** 8, "억"),
        (Decimal(10) ** 4, "만"),
    ),
}
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")

Terms = tuple[tuple[UnitWord, int], ...]


def to_decimal(value: float) -> Decimal:
    """The shortest decimal that reads back as ``value``: 0.1 is 0.1, not 0.1000…0555."""
    return Decimal(repr(float(value))) if value else Decimal(0)


def envelope(value: float) -> Decimal:
    """The roundest number within 5 % of ``value``."""
    exact = to_decimal(value)
    if exact == 0:
        return Decimal(0)
    size = abs(exact)
    for step in _STEPS:
        grain = step.scaleb(size.adjusted())
        rounded = (size / grain).quantize(Decimal(1), ROUND_HALF_UP) * grain
        if abs(rounded - size) <= size * TOLERANCE:
            return rounded.copy_sign(exact)
    raise AssertionError("two significant figures are always within 5 %")


def significant(value: float, digits: int = EXACT_DIGITS) -> Decimal:
    exact = to_decimal(value)
    if exact == 0:
        return Decimal(0)
    grain = Decimal(1).scaleb(exact.adjusted() - digits + 1)
    return exact.quantize(grain, ROUND_HALF_UP)


def digits_text(number: Decimal) -> str:
    """``1,234.5``; scientific (``1.5 × 10²¹``) beyond what digits show readably."""
    number = _without_trailing_zeros(number)
    if number != 0 and not -6 <= number.adjusted() < 21:
        exponent = number.adjusted()
        mantissa = _without_trailing_zeros(number.scaleb(-exponent))
        return f"{mantissa:f} × 10{str(exponent).translate(_SUPERSCRIPT)}"
    return f"{number:,f}"


def _without_trailing_zeros(number: Decimal) -> Decimal:
    """Without trailing zeros (2.50 -> 2.5); format 'f' writes 3.5E+3 out as 3,500."""
    return number.normalize()


def words_text(number: Decimal, language: str, *, thousand: bool = False) -> str:
    """``150 million``, ``1.5억``; digits when no number word keeps it short.

    English says "thousand" only where asked (a table of scales): 3.5 thousand QPS
    reads worse than 3,500 QPS.
    """
    size = abs(number)
    scales: tuple[tuple[Decimal, str], ...] = _SCALES.get(language, _SCALES["en"])
    if thousand and scales is _SCALES["en"]:
        scales = (*scales, (Decimal(1000), " thousand"))
    for scale, word in scales:
        mantissa = (size / scale).normalize()
        if size >= scale and len(mantissa.as_tuple().digits) <= 3:
            sign = "-" if number < 0 else ""
            return f"{sign}{digits_text(mantissa)}{word}"
    return digits_text(number)


def fixed_text(value: float, places: int) -> str:
    grain = Decimal(1).scaleb(-places)
    return f"{to_decimal(value).quantize(grain, ROUND_HALF_UP):,f}"


def with_unit(number: str, unit: str, language: str) -> str:
    """Korean writes a Hangul unit straight after digits (5년); otherwise a space."""
    if not unit:
        return number
    if language == "ko" and number[-1:].isdigit() and _is_hangul(unit[0]):
        return f"{number}{unit}"
    return f"{number} {unit}"


def _is_hangul(char: str) -> bool:
    return unicodedata.name(char, "").startswith("HANGUL")


def unit_label(terms: Terms, language: str, *, plural: bool) -> str:
    """``days``, ``TB/day``, ``tweets/user/day``, ``s²``, ``/s``."""
    if len(terms) == 1 and terms[0][1] == 1:
        return terms[0][0].name(language, plural=plural)
    above = [(word, power) for word, power in terms if power > 0]
    below = [(word, -power) for word, power in terms if power < 0]
    parts = []
    for index, (word, power) in enumerate(above):
        # The first counted thing takes the plural: 'tweets/user/day'.
        many = (
            plural and index == 0 and power == 1 and word.kind in (WORD, COUNT) and not word.compact
        )
        parts.append(_term(word, power, language, plural=many))
    text = "·".join(parts)
    for word, power in below:
        text += "/" + _term(word, power, language, plural=False)
    return text


def _term(word: UnitWord, power: int, language: str, *, plural: bool) -> str:
    name = word.name(language, plural=plural, compound=True)
    return name if power == 1 else name + str(power).translate(_SUPERSCRIPT)


@dataclass(frozen=True)
class DisplayUnit:
    """The unit a value is shown in: its words, and one of it in base units."""

    terms: Terms
    quantity: Quantity

    def label(self, language: str, *, plural: bool) -> str:
        return unit_label(self.terms, language, plural=plural)


@dataclass(frozen=True)
class Shown:
    """A value written out: rounded (for reading) and exact (for checking)."""

    rounded: str
    exact: str
    approximate: bool  # the rounded number differs from the exact one

    def text(self) -> str:
        """``≈ 3,500 QPS (exact: 3,472.22 QPS)`` or ``30 TB/day`` when rounding is exact."""
        if not self.approximate:
            return self.rounded
        return f"≈ {self.rounded} (exact: {self.exact})"


def show(value: Quantity, unit: DisplayUnit, language: str) -> Shown:
    number = float((value / unit.quantity).to("dimensionless").magnitude)
    rounded, exact = envelope(number), significant(number)
    return Shown(
        with_unit(
            words_text(rounded, language), unit.label(language, plural=rounded != 1), language
        ),
        with_unit(digits_text(exact), unit.label(language, plural=exact != 1), language),
        rounded != exact,
    )


def show_exact(value: Quantity, unit: DisplayUnit, language: str) -> str:
    """Exact, but with number words where they are exact too: '300 million users'."""
    number = significant(float((value / unit.quantity).to("dimensionless").magnitude))
    return with_unit(
        words_text(number, language), unit.label(language, plural=number != 1), language
    )


def largest_unit(value: Quantity, keys: tuple[str, ...], vocabulary: Vocabulary) -> DisplayUnit:
    """The largest of ``keys`` (smallest first) in which ``value`` is at least 1."""
    size = abs(float(value.to_base_units().magnitude))
    chosen = vocabulary.word(keys[0])
    for key in keys:
        word = vocabulary.word(key)
        if size >= float(vocabulary.quantity(word).to_base_units().magnitude):
            chosen = word
    return DisplayUnit(((chosen, 1),), vocabulary.quantity(chosen))


def choose_unit(value: Quantity, vocabulary: Vocabulary, *, binary: bool) -> DisplayUnit:
    """The unit to show ``value`` in when the spec names none; see the module docstring."""
    dimensions = {name: int(power) for name, power in value.dimensionality.items()}
    if not dimensions:
        return DisplayUnit((), vocabulary.number(1))
    ladder = _ladder(dimensions, binary)
    if ladder is not None:
        rate = dimensions.get("[time]") == -1
        return _climb(value, [vocabulary.word(key) for key in ladder], vocabulary, rate=rate)
    return _base_unit(dimensions, vocabulary)


def _ladder(dimensions: dict[str, int], binary: bool) -> tuple[str, ...] | None:
    if dimensions in ({"[information]": 1}, {"[information]": 1, "[time]": -1}):
        return byte_units(binary)
    if dimensions == {"[time]": 1}:
        return TIME_UNITS
    return None


def _climb(
    value: Quantity, ladder: list[UnitWord], vocabulary: Vocabulary, *, rate: bool
) -> DisplayUnit:
    """The largest step of ``ladder`` that leaves at least 1, after rounding."""
    second = vocabulary.word("second")
    per = vocabulary.quantity(second) if rate else vocabulary.number(1)
    size = abs(float(value.to_base_units().magnitude))
    chosen = ladder[0]
    for word in ladder:
        if float(envelope(size / vocabulary.step(word, per))) >= 1:  # 999.7 kB is 1 MB
            chosen = word
    terms: Terms = ((chosen, 1), (second, -1)) if rate else ((chosen, 1),)
    return DisplayUnit(terms, vocabulary.quantity(chosen) / per)


def _base_unit(dimensions: dict[str, int], vocabulary: Vocabulary) -> DisplayUnit:
    """Bytes, seconds and counts with their powers, for what has no ladder."""
    terms: list[tuple[UnitWord, int]] = []
    quantity = vocabulary.number(1)
    for name, power in sorted(dimensions.items(), key=lambda item: (item[1] < 0, item[0])):
        word = _base_word(name, vocabulary)
        terms.append((word, power))
        quantity = quantity * vocabulary.quantity(word) ** power
    return DisplayUnit(tuple(terms), quantity)


def _base_word(dimension: str, vocabulary: Vocabulary) -> UnitWord:
    if dimension == "[information]":
        return vocabulary.word("B")
    if dimension == "[time]":
        return vocabulary.word("second")
    word = vocabulary.count_word(dimension)
    if word is None:
        raise ValueError(f"no unit for dimension {dimension}")
    return word


def describe(value: Quantity, vocabulary: Vocabulary) -> str:
    """What a value measures, for error messages: 'bytes', 'time', 'users/time'."""
    dimensions = {name: int(power) for name, power in value.dimensionality.items()}
    if not dimensions:
        return "a plain number"
    names = {"[information]": "bytes", "[time]": "time"}

    def word(dimension: str, plural: bool) -> str:
        if dimension in names:
            return names[dimension]
        count = vocabulary.count_word(dimension)
        key = count.key if count else dimension
        return english_plural(key) if plural else key

    def term(dimension: str, power: int, plural: bool) -> str:
        text = word(dimension, plural)
        return text if abs(power) == 1 else text + str(abs(power)).translate(_SUPERSCRIPT)

    above = [term(d, p, True) for d, p in dimensions.items() if p > 0]
    below = [term(d, p, False) for d, p in dimensions.items() if p < 0]
    return "·".join(above or ["1"]) + "".join(f"/{b}" for b in below)
