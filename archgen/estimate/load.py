"""An estimate spec file -> ``LoadedEstimate``: every value parsed, every name resolved.

What can be known without arithmetic is checked here, each problem located at the
character it is about: the shape (pydantic), the words of every unit, the syntax of
every formula, unknown names and cyclic definitions. A quantity written in two units
that disagree (``20,000 ns = 10 µs``) is a warning; the first one written is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from archgen.diagnostics import Diagnostic, Location, Severity, SpecError, suggest
from archgen.estimate.formula import (
    NUMBER,
    Binary,
    Expr,
    FormulaError,
    Name,
    Negate,
    Number,
    names,
    parse,
)
from archgen.estimate.humanize import DisplayUnit, Terms, show, to_decimal
from archgen.estimate.model import EstimateSpec
from archgen.estimate.units import SCALE, Quantity, UnitWord, Vocabulary
from archgen.spec.load import _diagnose, read_spec_file
from archgen.spec.model import Text
from archgen.spec.yaml_source import LocatedDocument, parse_yaml

KIND = "estimate"

Locate = Callable[[int], Location]  # an offset in a scalar's text -> where it is in the file


@dataclass(frozen=True)
class Written:
    """One quantity as the spec writes it: ``20,000 ns``."""

    text: str
    quantity: Quantity  # in base units
    number: Decimal  # the number written, times its number words (300 million -> 3E+8)
    unit: DisplayUnit  # the unit written, without number words
    tolerance: float  # half a unit in the last figure written, in base units
    location: Location

    def agrees_with(self, value: float) -> bool:
        """Could ``value`` (base units) have been rounded to what is written here?

        Rounding half up, the written figure stands for [x - tolerance, x + tolerance).
        Trailing zeros of a whole number are not counted as figures: 20,000 is 2 × 10⁴.
        """
        written = float(self.quantity.magnitude)
        slack = 1e-9 * max(abs(written), abs(value))  # floating-point noise, not rounding
        return written - self.tolerance - slack <= value < written + self.tolerance + slack


@dataclass(frozen=True)
class AssumptionDef:
    name: str
    label: Text | None
    note: Text | None
    written: tuple[Written, ...]  # the first is the value used
    location: Location
    disagreeing: tuple[str, ...] = ()  # other figures written that do not agree with it

    @property
    def value(self) -> Quantity:
        return self.written[0].quantity


@dataclass(frozen=True)
class DerivedDef:
    name: str
    label: Text | None
    note: Text | None
    text: str
    expr: Expr
    location: Location
    unit: DisplayUnit | None
    unit_location: Location | None
    expect: Written | None
    locate: Locate  # an offset in ``text`` -> file:line:col


@dataclass(frozen=True)
class LoadedEstimate:
    spec: EstimateSpec
    document: LocatedDocument
    vocabulary: Vocabulary
    assumptions: dict[str, AssumptionDef]
    derived: dict[str, DerivedDef]  # in the order written
    order: tuple[str, ...]  # derived names, each after the ones it uses
    warnings: tuple[Diagnostic, ...]

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def source(self) -> str:
        return self.document.file


def is_estimate_spec(data: Any) -> bool:
    """Whether parsed YAML is an estimate spec (``kind: estimate``); stage specs have no kind."""
    return isinstance(data, dict) and data.get("kind") == KIND


def load_estimate(
    path: Path, display_name: str | None = None, read: Callable[[Path], bytes] = Path.read_bytes
) -> LoadedEstimate:
    """Read and check one estimate spec; raise ``SpecError`` listing every problem found."""
    name = display_name or str(path)
    return load_estimate_text(name, read_spec_file(path, name, read))


def load_estimate_text(name: str, raw: bytes) -> LoadedEstimate:
    document = parse_yaml(name, raw)
    if not is_estimate_spec(document.data):
        raise SpecError(
            [
                Diagnostic(
                    document.locate(("kind",)),
                    "not an estimate spec: an estimate starts with 'kind: estimate'",
                )
            ]
        )
    try:
        spec = EstimateSpec.model_validate(document.data)
    except ValidationError as exc:
        raise SpecError(_diagnose(exc, document, EstimateSpec)) from None
    return _Loader(spec, document, raw.decode("utf-8")).load()


class _Loader:
    def __init__(self, spec: EstimateSpec, document: LocatedDocument, text: str) -> None:
        self.spec = spec
        self.document = document
        self.lines = text.splitlines()
        self.vocabulary = Vocabulary()
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def load(self) -> LoadedEstimate:
        self.define_counts()
        self.define_units()
        assumptions = self.assumptions()
        self.check_names()
        derived = self.derived()
        order = self.order(derived)
        if self.errors:
            raise SpecError(self.errors)
        return LoadedEstimate(
            self.spec,
            self.document,
            self.vocabulary,
            assumptions,
            derived,
            order,
            tuple(self.warnings),
        )

    # Where things are -----------------------------------------------------------------

    def locator(self, path: tuple[str | int, ...], text: str) -> Locate:
        """offset in ``text`` -> file:line:col, for a scalar written on one line."""
        base = self.document.locate(path)
        line = self.lines[base.line - 1] if 0 < base.line <= len(self.lines) else ""
        start = base.column - 1
        if line[start : start + 1] in ("'", '"'):
            start += 1

        def locate(offset: int) -> Location:
            # Only where the line shows the text as it is (no escapes, not folded).
            if offset and line[start : start + offset] == text[:offset]:
                return Location(base.file, base.line, start + offset + 1)
            return base

        return locate

    def error(self, location: Location, message: str) -> None:
        self.errors.append(Diagnostic(location, message))

    # Units ------------------------------------------------------------------------------

    def define_counts(self) -> None:
        for key, label in self.spec.counts.items():
            if self.vocabulary.lookup(key):
                self.error(
                    self.document.locate(("counts", key), key=True),
                    f"'{key}' is already a unit; a count needs a word of its own",
                )
            else:
                self.vocabulary.add_count(key, label)

    def define_units(self) -> None:
        for key, text in self.spec.units.items():
            path = ("units", key)
            if self.vocabulary.lookup(key):
                self.error(self.document.locate(path, key=True), f"'{key}' is already a unit")
                continue
            found = self.unit_expression(
                text, self.locator(path, text), f"unit '{key}'", scale=True
            )
            if found is not None:
                self.vocabulary.add_unit(key, found[0] * found[1])

    def unit_expression(
        self,
        text: str,
        locate: Locate,
        context: str,
        *,
        scale: bool,
    ) -> tuple[Quantity, float, Terms] | None:
        """(unit in base units, number-word factor, terms) or None after an error."""
        try:
            return _UnitReader(self.vocabulary, scale).read(parse(text, "unit"))
        except FormulaError as error:
            self.error(locate(error.offset), f"{context}: {error.message}")
            return None

    # Assumptions ------------------------------------------------------------------------

    def assumptions(self) -> dict[str, AssumptionDef]:
        found = {}
        for name, assumption in self.spec.assumptions.items():
            path = self.value_path("assumptions", name, "value")
            text = _as_text(assumption.value)
            written = self.written_values(text, path, f"'{name}'")
            if written:
                disagreeing = self.check_agreement(name, written)
                found[name] = AssumptionDef(
                    name,
                    assumption.label,
                    assumption.note,
                    tuple(written),
                    self.document.locate(path),
                    disagreeing,
                )
        return found

    def value_path(self, section: str, name: str, key: str) -> tuple[str, ...]:
        """Where the value is: under ``key`` in the long form, the entry itself if short."""
        entry = self.document.data[section][name]
        return (section, name, key) if isinstance(entry, dict) else (section, name)

    def written_values(self, text: str, path: tuple[str, ...], context: str) -> list[Written]:
        locate = self.locator(path, text)
        values, offset = [], 0
        for part in text.split("="):
            start = offset + len(part) - len(part.lstrip())
            written = self.written(part.strip(), start, locate, context)
            if written is None:
                return []
            values.append(written)
            offset += len(part) + 1
        return values

    def written(self, text: str, start: int, locate: Locate, context: str) -> Written | None:
        """One figure, ``20,000 ns``, starting at ``start`` in the scalar's text."""
        number = self.leading_number(text, locate(start), context)
        if number is None:
            return None
        rest = text[number.end() :]
        unit_start = start + number.end() + len(rest) - len(rest.lstrip())
        unit = (
            self.unit_expression(
                rest.strip(), lambda at: locate(unit_start + at), context, scale=True
            )
            if rest.strip()
            else (self.vocabulary.number(1), 1.0, ())
        )
        if unit is None:
            return None
        quantity, factor, terms = unit
        digits = Decimal(number.group().replace(",", "").replace("_", ""))
        value = (-digits if text.startswith("-") else digits) * to_decimal(factor)
        # Half a unit in the last figure, in base units: what the figure may have rounded.
        tolerance = float(_half_figure(number.group()) * to_decimal(factor)) * abs(
            float(quantity.magnitude)
        )
        return Written(
            text,
            self.vocabulary.number(float(value)) * quantity,
            value,
            DisplayUnit(terms, quantity),
            tolerance,
            locate(start),
        )

    def leading_number(self, text: str, where: Location, context: str) -> re.Match[str] | None:
        if not text:
            self.error(where, f"{context}: a value is missing around '='")
            return None
        number = NUMBER.match(text, 1 if text[0] in "+-" else 0)
        if number is None:
            self.error(
                where,
                f"{context}: '{text}' must start with a number, as in "
                "'300 million users'; formulas go under 'derived'",
            )
        return number

    def check_agreement(self, name: str, written: list[Written]) -> tuple[str, ...]:
        """Warn about each figure that does not agree with the first; return their texts."""
        first, disagreeing = written[0], []
        for other in written[1:]:
            if first.quantity.dimensionality != other.quantity.dimensionality:
                self.error(
                    other.location,
                    f"'{name}': '{other.text}' does not measure the same thing as '{first.text}'",
                )
            elif not _agree(first, other):
                converted = show(first.quantity, other.unit, "en").exact
                self.warnings.append(
                    Diagnostic(
                        other.location,
                        f"'{name}' is written as {first.text} and as "
                        f"{other.text}, which disagree: {first.text} is {converted}; using "
                        f"{first.text}, the first",
                        Severity.WARNING,
                    )
                )
                disagreeing.append(other.text)
        return tuple(disagreeing)

    # Derived values ---------------------------------------------------------------------

    def check_names(self) -> None:
        for section in ("assumptions", "derived"):
            for name in getattr(self.spec, section):
                where = self.document.locate((section, name), key=True)
                if section == "derived" and name in self.spec.assumptions:
                    self.error(where, f"'{name}' is both an assumption and a derived value")
                unit = self.vocabulary.lookup(name)
                if unit is not None:
                    self.error(
                        where,
                        f"'{name}' is also a unit ({unit.key}); choose another "
                        "name so formulas stay unambiguous",
                    )

    def derived(self) -> dict[str, DerivedDef]:
        found = {}
        for name, derived in self.spec.derived.items():
            path = self.value_path("derived", name, "formula")
            text = _as_text(derived.formula)
            locate = self.locator(path, text)
            try:
                expr = parse(text)
            except FormulaError as error:
                self.error(locate(error.offset), f"formula of '{name}': {error.message}")
                continue
            self.check_references(name, expr, locate)
            found[name] = DerivedDef(
                name,
                derived.label,
                derived.note,
                text,
                expr,
                self.document.locate(path),
                *self.display_unit(name),
                self.expectation(name),
                locate,
            )
        return found

    def check_references(self, name: str, expr: Expr, locate: Locate) -> None:
        known = [*self.spec.assumptions, *self.spec.derived]
        for reference in names(expr):
            if reference.name in known or self.vocabulary.lookup(reference.name):
                continue
            hint = suggest(reference.name, known) or suggest(
                reference.name, self.vocabulary.spellings()
            )
            self.error(
                locate(reference.start),
                f"formula of '{name}': unknown name '{reference.name}'{hint}",
            )

    def display_unit(self, name: str) -> tuple[DisplayUnit | None, Location | None]:
        text = self.spec.derived[name].unit
        if text is None:
            return None, None
        path = ("derived", name, "unit")
        found = self.unit_expression(
            text, self.locator(path, text), f"unit of '{name}'", scale=False
        )
        location = self.document.locate(path)
        return (DisplayUnit(found[2], found[0]) if found else None), location

    def expectation(self, name: str) -> Written | None:
        value = self.spec.derived[name].expect
        if value is None:
            return None
        text, path = _as_text(value), ("derived", name, "expect")
        values = self.written_values(text, path, f"'expect' of '{name}'")
        if len(values) > 1:
            self.error(self.document.locate(path), "'expect' takes one value")
        return values[0] if values else None

    def order(self, derived: dict[str, DerivedDef]) -> tuple[str, ...]:
        """Each derived value after those it uses; a cycle is an error where it closes."""
        uses = {
            name: [r for r in names(d.expr) if r.name in derived] for name, d in derived.items()
        }
        ordered: list[str] = []
        state: dict[str, str] = {}
        for start in derived:
            self.visit(start, uses, state, ordered, derived)
        return tuple(ordered)

    def visit(
        self,
        start: str,
        uses: dict[str, list[Name]],
        state: dict[str, str],
        ordered: list[str],
        derived: dict[str, DerivedDef],
    ) -> None:
        # Depth first without recursion: a long chain of values cannot overflow the stack.
        if start in state:
            return
        stack: list[tuple[str, int]] = [(start, 0)]
        state[start] = "open"
        while stack:
            name, index = stack.pop()
            if index < len(uses[name]):
                stack.append((name, index + 1))
                reference = uses[name][index]
                target = reference.name
                if state.get(target) == "open":
                    self.report_cycle(name, reference, [n for n, _ in stack], derived)
                elif target not in state:
                    state[target] = "open"
                    stack.append((target, 0))
            else:
                state[name] = "done"
                ordered.append(name)

    def report_cycle(
        self, name: str, reference: Name, path: list[str], derived: dict[str, DerivedDef]
    ) -> None:
        cycle = path[path.index(reference.name) :]
        chain = " -> ".join([*cycle, reference.name])
        self.error(
            derived[name].locate(reference.start),
            f"cyclic definition: {chain}; a value cannot depend on itself",
        )


class _UnitReader:
    """A parsed unit expression -> its quantity, its number-word factor and its terms."""

    def __init__(self, vocabulary: Vocabulary, scale: bool) -> None:
        self.vocabulary = vocabulary
        self.scale = scale

    def read(self, expr: Expr) -> tuple[Quantity, float, Terms]:
        quantity, factor, terms = self.walk(expr)
        return quantity, factor, tuple((word, power) for word, power in terms.items() if power)

    def walk(self, expr: Expr) -> tuple[Quantity, float, dict[UnitWord, int]]:
        if isinstance(expr, Name):
            return self.word(expr)
        if isinstance(expr, Binary) and expr.op in ("*", "/"):
            left, right = self.walk(expr.left), self.walk(expr.right)
            sign = 1 if expr.op == "*" else -1
            terms = dict(left[2])
            for word, power in right[2].items():
                terms[word] = terms.get(word, 0) + sign * power
            quantity = left[0] * right[0] if sign == 1 else left[0] / right[0]
            return quantity, left[1] * right[1] ** sign, terms
        if isinstance(expr, Binary) and expr.op == "**":
            power = _whole(expr.right)
            base = self.walk(expr.left)
            return base[0] ** power, base[1] ** power, {w: p * power for w, p in base[2].items()}
        raise FormulaError(expr.start, "a unit is made of unit words, '*', '/' and powers")

    def word(self, name: Name) -> tuple[Quantity, float, dict[UnitWord, int]]:
        word = self.vocabulary.lookup(name.name)
        if word is None:
            raise FormulaError(
                name.start,
                f"unknown unit '{name.name}'"
                f"{suggest(name.name, self.vocabulary.spellings())}; "
                "things counted are declared under 'counts'",
            )
        if word.kind == SCALE:
            if not self.scale:
                raise FormulaError(
                    name.start,
                    f"'{name.name}' is a number word, not a unit; "
                    "archgen writes number words itself",
                )
            return self.vocabulary.number(1), word.factor, {}
        return self.vocabulary.quantity(word), 1.0, {word: 1}


def _whole(expr: Expr) -> int:
    if isinstance(expr, Number):
        return int(expr.value)
    if isinstance(expr, Negate) and isinstance(expr.operand, Number):
        return -int(expr.operand.value)
    raise FormulaError(expr.start, "a unit's power must be a whole number")


def _half_figure(number: str) -> Decimal:
    """Half a unit in the last figure written: 20,000 -> 5,000; 52.60 -> 0.005; 1e6 -> 5e5."""
    digits = number.replace(",", "").replace("_", "").lower()
    mantissa, _, exponent = digits.partition("e")
    if "." in mantissa:
        place = -len(mantissa.partition(".")[2])
    else:
        stripped = mantissa.rstrip("0")
        place = len(mantissa) - len(stripped) if stripped else 0
    return Decimal(5).scaleb(place - 1 + int(exponent or 0))


def _agree(first: Written, other: Written) -> bool:
    """Could both be roundings of one value? Their half-open ranges overlap."""
    a, b = float(first.quantity.magnitude), float(other.quantity.magnitude)
    low = max(a - first.tolerance, b - other.tolerance)
    high = min(a + first.tolerance, b + other.tolerance)
    return low < high or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def _as_text(value: str | int | float) -> str:
    return value if isinstance(value, str) else repr(value)
