"""The units an estimate may name: a small pint registry and the words that spell its units.

archgen does not hand a spec's words to pint's parser. pint knows thousands of units and
reads unknown words as prefixed ones ('mau' would be a milli-astronomical unit), so a
typo would pass silently. A spec may use exactly the words listed here, the things it
counts (``counts:``) and the units it defines (``units:``); every other word is an
error with a suggestion. pint then does what it is good at: the arithmetic, the
conversions and refusing to add bytes to seconds.

pint's own definitions make information dimensionless (a bit is ``[]``), so 1 MB + 2
would pass; the registry here gives bits a dimension of their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pint

from archgen.project.options import DEFAULT_LANGUAGE
from archgen.spec.model import Text

Quantity = Any  # pint.Quantity of the spec's own registry; pint's generics help little here

# pint definitions: SI and binary prefixes, time, information. A year is the Julian year
# of 365.25 days, as in pint's own definitions: it is what makes 99.9 % come to the
# 8.77 hours of downtime a year that the usual tables give.
_DEFINITIONS = (
    "nano- = 1e-9 = n-",
    "micro- = 1e-6 = µ-",
    "milli- = 1e-3 = m-",
    "kilo- = 1e3 = k-",
    "mega- = 1e6 = M-",
    "giga- = 1e9 = G-",
    "tera- = 1e12 = T-",
    "peta- = 1e15 = P-",
    "exa- = 1e18 = E-",
    "kibi- = 2**10 = Ki-",
    "mebi- = 2**20 = Mi-",
    "gibi- = 2**30 = Gi-",
    "tebi- = 2**40 = Ti-",
    "pebi- = 2**50 = Pi-",
    "exbi- = 2**60 = Ei-",
    "second = [time] = s",
    "minute = 60 * second",
    "hour = 60 * minute",
    "day = 24 * hour",
    "week = 7 * day",
    "year = 365.25 * day",
    "month = year / 12",
    "bit = [information]",
    "byte = 8 * bit = B",
)

SYMBOL, WORD, COUNT, SCALE = "symbol", "word", "count", "scale"


@dataclass(frozen=True)
class UnitWord:
    """One unit a spec may name, and how it is written back in each language.

    ``kind`` decides the writing: a symbol (``MB``, ``ns``, ``%``) is the same everywhere
    and never plural; a word (``day``) and a count (``user``) are translated and take an
    English plural; a scale (``million``) is a plain factor folded into the number.
    """

    key: str
    kind: str
    pint_name: str | None = None
    factor: float = 1.0
    # language -> singular name; and the name inside a compound unit (s in B/s)
    names: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    compact: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    def name(self, language: str, *, plural: bool = False, compound: bool = False) -> str:
        if compound and self.compact:
            return _pick(self.compact, language, self.key)
        if self.kind == SYMBOL:
            return self.key
        singular = _pick(self.names, language, self.key)
        if plural and language == DEFAULT_LANGUAGE:
            return english_plural(singular)
        return singular


def _pick(names: Mapping[str, str], language: str, default: str) -> str:
    """The name in ``language``; a plain text ('*') is the same in all; then English."""
    return names.get(language) or names.get("*") or names.get(DEFAULT_LANGUAGE) or default


def english_plural(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _time(
    key: str, ko: str, compact_en: str, compact_ko: str, *spellings: str
) -> tuple[UnitWord, tuple[str, ...]]:
    word = UnitWord(
        key, WORD, key, names={"en": key, "ko": ko}, compact={"en": compact_en, "ko": compact_ko}
    )
    return word, (key, english_plural(key), *spellings)


def _symbol(
    key: str, pint_name: str | None, *spellings: str, factor: float = 1.0
) -> tuple[UnitWord, tuple[str, ...]]:
    plurals = tuple(english_plural(s) for s in spellings if len(s) > 3)  # 'bytes', not 'Bs'
    return UnitWord(key, SYMBOL, pint_name, factor), (key, *spellings, *plurals)


def _scale(key: str, factor: float) -> tuple[UnitWord, tuple[str, ...]]:
    return UnitWord(key, SCALE, factor=factor), (key,)


_DECIMAL = ("k", "M", "G", "T", "P", "E")
_DECIMAL_NAMES = ("kilo", "mega", "giga", "tera", "peta", "exa")
_BINARY = ("Ki", "Mi", "Gi", "Ti", "Pi", "Ei")
_BINARY_NAMES = ("kibi", "mebi", "gibi", "tebi", "pebi", "exbi")


def _builtin_words() -> list[tuple[UnitWord, tuple[str, ...]]]:
    words = [
        _symbol("ns", "nanosecond", "nanosecond"),
        # 'us' because µ is hard to type; both the micro sign and the Greek mu are µ.
        _symbol("µs", "microsecond", "μs", "us", "microsecond"),
        _symbol("ms", "millisecond", "millisecond"),
        _time("second", "초", "s", "초", "s", "sec"),
        _time("minute", "분", "min", "분", "min"),
        _time("hour", "시간", "h", "시간", "h", "hr"),
        _time("day", "일", "day", "일"),
        _time("week", "주", "week", "주"),
        _time("month", "개월", "month", "월"),
        _time("year", "년", "year", "년", "yr"),
        _symbol("bit", "bit", "bits"),
        _symbol("B", "byte", "byte"),
        _symbol("%", None, "percent", factor=0.01),
        _symbol("bps", "bit/second"),
        _scale("thousand", 1e3),
        _scale("million", 1e6),
        _scale("billion", 1e9),
        _scale("trillion", 1e12),
        _scale("quadrillion", 1e15),
        _scale("천", 1e3),
        _scale("만", 1e4),
        _scale("억", 1e8),
        _scale("조", 1e12),
    ]
    for prefix, name in zip((*_DECIMAL, *_BINARY), (*_DECIMAL_NAMES, *_BINARY_NAMES), strict=True):
        # 'KB' is read as 1,000 bytes, like 'kB'; 1,024 bytes is 'KiB'.
        extra = ("KB",) if prefix == "k" else ()
        words.append(_symbol(f"{prefix}B", f"{name}byte", *extra, f"{name}byte"))
    for prefix in ("k", "M", "G", "T"):
        extra = ("Kbps",) if prefix == "k" else ()
        words.append(_symbol(f"{prefix}bps", f"{prefix}bit/second", *extra))
    return words


def byte_prefixes() -> tuple[tuple[str, str, str, str], ...]:
    """(decimal symbol, its name, binary symbol, its name) per step of 1,000 or 1,024."""
    return tuple(
        (f"{d}B", f"{dn}byte", f"{b}B", f"{bn}byte")
        for d, dn, b, bn in zip(_DECIMAL, _DECIMAL_NAMES, _BINARY, _BINARY_NAMES, strict=True)
    )


def byte_units(binary: bool) -> tuple[str, ...]:
    """The byte units archgen chooses from, smallest first."""
    return ("B", *(f"{p}B" for p in (_BINARY if binary else _DECIMAL)))


TIME_UNITS = ("ns", "µs", "ms", "second", "minute", "hour", "day", "year")


class Vocabulary:
    """The words one spec may use for units, each bound to a quantity of its registry."""

    def __init__(self) -> None:
        self.registry: pint.UnitRegistry[Any] = pint.UnitRegistry(None)
        for line in _DEFINITIONS:
            self.registry.define(line)
        self._words: dict[str, UnitWord] = {}
        self._by_spelling: dict[str, UnitWord] = {}
        self._quantities: dict[str, Quantity] = {}
        self._steps: dict[tuple[str, str], float] = {}
        for word, spellings in _builtin_words():
            self._add(word, spellings, self._pint_quantity(word))

    def _pint_quantity(self, word: UnitWord) -> Quantity:
        if word.pint_name is None:  # a plain factor: a scale word or the percent sign
            return self.registry.Quantity(word.factor)
        return self.registry.Quantity(1.0, word.pint_name).to_base_units()

    def _add(self, word: UnitWord, spellings: tuple[str, ...], quantity: Quantity) -> None:
        self._words[word.key] = word
        self._quantities[word.key] = quantity
        for spelling in spellings:
            self._by_spelling.setdefault(spelling, word)

    def add_count(self, key: str, label: Text | None) -> None:
        """A thing counted (users, tweets): a dimension of its own, so users + tweets fails."""
        dimension = f"count_{key}"
        self.registry.define(f"{dimension} = [{dimension}]")
        names = dict(label.translations) if label is not None else {}
        word = UnitWord(key, COUNT, dimension, names=names)
        self._add(word, (key, english_plural(key)), self.registry.Quantity(1.0, dimension))

    def add_unit(self, key: str, quantity: Quantity) -> None:
        """A unit the spec names itself, such as ``QPS: tweet / second``."""
        self._add(UnitWord(key, SYMBOL), (key,), quantity)

    def lookup(self, spelling: str) -> UnitWord | None:
        return self._by_spelling.get(spelling)

    def word(self, key: str) -> UnitWord:
        return self._words[key]

    def quantity(self, word: UnitWord) -> Quantity:
        return self._quantities[word.key]

    def step(self, word: UnitWord, per: Quantity) -> float:
        """One ``word`` per ``per``, in base units: remembered, since choosing the unit of
        each value tries every step of a ladder, and pint's arithmetic is slow."""
        key = (word.key, str(per.units))
        if key not in self._steps:
            self._steps[key] = float((self.quantity(word) / per).to_base_units().magnitude)
        return self._steps[key]

    def spellings(self) -> Iterator[str]:
        return iter(self._by_spelling)

    def count_word(self, dimension: str) -> UnitWord | None:
        """The count whose pint dimension is ``[count_<key>]``."""
        key = dimension.strip("[]").removeprefix("count_")
        word = self._words.get(key)
        return word if word is not None and word.kind == COUNT else None

    def number(self, value: float) -> Quantity:
        return self.registry.Quantity(float(value))
