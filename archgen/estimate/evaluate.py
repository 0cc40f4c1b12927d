"""A loaded estimate -> ``EstimateResult``: every derived value computed with pint.

pint does the arithmetic and refuses to add what measures different things; this
module turns its refusals, and every other way arithmetic can go wrong (division by
zero, a number too large, a power that is not a plain number), into one located line.
Every step stays within the bounds of ``bounds.py`` (magnitudes, powers), checked
before a power is taken and after each other step, so nothing overflows or runs long.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from archgen.diagnostics import BadInput, Diagnostic, Severity, SpecError
from archgen.estimate.bounds import (
    MAX_EXPONENT,
    power_problem,
    quantity_problem,
    raised_problem,
)
from archgen.estimate.formula import Binary, Expr, Name, Negate, Number, names
from archgen.estimate.humanize import (
    DisplayUnit,
    Shown,
    choose_unit,
    describe,
    digits_text,
    show,
    to_decimal,
)
from archgen.estimate.loaded import DerivedDef, LoadedEstimate
from archgen.estimate.units import SCALE, Quantity


@dataclass(frozen=True)
class EstimateResult:
    """Every value of an estimate, the unit each is shown in, and what did not check out."""

    loaded: LoadedEstimate
    values: dict[str, Quantity]  # assumptions and derived values, in base units
    units: dict[str, DisplayUnit]
    checks: dict[str, bool]  # derived name -> does the result round to its 'expect'?
    warnings: tuple[Diagnostic, ...]

    def shown(self, name: str, language: str) -> Shown:
        return show(self.values[name], self.units[name], language)


# Private: raised deep in _Evaluator's recursion and caught by evaluate() alone, which
# turns it into a located Diagnostic; no caller of this module ever sees one.
class _Failure(BadInput):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


def evaluate(loaded: LoadedEstimate) -> EstimateResult:
    """Compute every derived value; raise ``SpecError`` listing every problem found."""
    values: dict[str, Quantity] = {name: a.value for name, a in loaded.assumptions.items()}
    units = {name: a.written[0].unit for name, a in loaded.assumptions.items()}
    checks: dict[str, bool] = {}
    errors: list[Diagnostic] = []
    warnings = list(loaded.warnings)
    for name in loaded.evaluation_order:
        definition = loaded.derived[name]
        if any(r.name in loaded.derived and r.name not in values for r in names(definition.expr)):
            continue  # what it uses failed; that failure is reported already
        try:
            values[name] = _Evaluator(loaded, values, definition.text).walk(definition.expr)
        except _Failure as failure:
            errors.append(
                Diagnostic(
                    definition.locate(failure.offset), f"formula of '{name}': {failure.message}"
                )
            )
            continue
        unit = _display_unit(loaded, definition, values[name], errors)
        if unit is not None:
            units[name] = unit
            _check(loaded, definition, values[name], unit, checks, errors, warnings)
    if errors:
        raise SpecError(errors)
    return EstimateResult(loaded, values, units, checks, tuple(warnings))


def _display_unit(
    loaded: LoadedEstimate, definition: DerivedDef, value: Quantity, errors: list[Diagnostic]
) -> DisplayUnit | None:
    vocabulary = loaded.vocabulary
    if definition.unit is None:
        return choose_unit(value, vocabulary, binary=loaded.spec.bytes == "binary")
    if definition.unit.quantity.dimensionality != value.dimensionality:
        errors.append(
            Diagnostic(
                definition.unit_location or definition.location,
                f"'{definition.name}' comes out in {describe(value, vocabulary)}, but its unit "
                f"'{loaded.spec.derived[definition.name].unit}' measures "
                f"{describe(definition.unit.quantity, vocabulary)}",
            )
        )
        return None
    return definition.unit


def _check(
    loaded: LoadedEstimate,
    definition: DerivedDef,
    value: Quantity,
    unit: DisplayUnit,
    checks: dict[str, bool],
    errors: list[Diagnostic],
    warnings: list[Diagnostic],
) -> None:
    """Compare the result with the figure the source states (``expect``), if any."""
    stated = definition.expect
    if stated is None:
        return
    vocabulary = loaded.vocabulary
    if stated.quantity.dimensionality != value.dimensionality:
        errors.append(
            Diagnostic(
                stated.location,
                f"'{definition.name}' comes out in "
                f"{describe(value, vocabulary)}, but 'expect' is in "
                f"{describe(stated.quantity, vocabulary)}",
            )
        )
        return
    checks[definition.name] = stated.agrees_with(float(value.magnitude))
    if not checks[definition.name]:
        exact = show(value, stated.unit, "en").exact
        warnings.append(
            Diagnostic(
                stated.location,
                f"'{definition.name}' comes to {exact}, which does not round "
                f"to the expected {stated.text}; check the formula or the figure",
                Severity.WARNING,
            )
        )


class _Evaluator:
    def __init__(self, loaded: LoadedEstimate, values: dict[str, Quantity], text: str) -> None:
        self.vocabulary = loaded.vocabulary
        self.values = values
        self.text = text

    def walk(self, expr: Expr) -> Quantity:
        if isinstance(expr, Number):
            return self.vocabulary.number(expr.value)
        if isinstance(expr, Name):
            return self.name(expr)
        if isinstance(expr, Negate):
            return -self.walk(expr.operand)
        left, right = self.walk(expr.left), self.walk(expr.right)
        operations: dict[str, Callable[[Binary, Quantity, Quantity], Quantity]] = {
            "+": self.add,
            "-": self.add,
            "*": self.multiply,
            "/": self.divide,
            "**": self.power,
        }
        return self.bounded(expr, operations[expr.op](expr, left, right))

    def name(self, name: Name) -> Quantity:
        if name.name in self.values:
            return self.values[name.name]
        word = self.vocabulary.lookup(name.name)
        assert word is not None, "the loader checked every name"
        if word.kind == SCALE:
            return self.vocabulary.number(word.factor)
        return self.vocabulary.quantity(word)

    def source(self, expr: Expr) -> str:
        return self.text[expr.start : expr.end]

    def add(self, expr: Binary, left: Quantity, right: Quantity) -> Quantity:
        if left.dimensionality != right.dimensionality:
            verb = "add" if expr.op == "+" else "subtract"
            raise _Failure(
                expr.at,
                f"cannot {verb} '{self.source(expr.left)}' "
                f"({describe(left, self.vocabulary)}) and "
                f"'{self.source(expr.right)}' ({describe(right, self.vocabulary)})"
                ": they measure different things",
            )
        return left + right if expr.op == "+" else left - right

    def multiply(self, expr: Binary, left: Quantity, right: Quantity) -> Quantity:
        return left * right

    def divide(self, expr: Binary, left: Quantity, right: Quantity) -> Quantity:
        if float(right.magnitude) == 0:
            raise _Failure(expr.at, f"division by zero: '{self.source(expr.right)}' is 0")
        return left / right

    def power(self, expr: Binary, base: Quantity, exponent: Quantity) -> Quantity:
        if not exponent.dimensionless:
            raise _Failure(
                expr.right.start,
                f"a power must be a plain number, and "
                f"'{self.source(expr.right)}' is "
                f"{describe(exponent, self.vocabulary)}",
            )
        power = float(exponent.to("dimensionless").magnitude)
        if abs(power) > MAX_EXPONENT:
            written = digits_text(to_decimal(power))
            raise _Failure(
                expr.right.start, f"the power {written} is too large; at most {MAX_EXPONENT}"
            )
        if not base.dimensionless and power != int(power):
            raise _Failure(expr.right.start, "a quantity with a unit takes whole powers only")
        magnitude = (
            float(base.magnitude)
            if not base.dimensionless
            else float(base.to("dimensionless").magnitude)
        )
        if magnitude == 0 and power < 0:
            raise _Failure(expr.at, f"division by zero: '{self.source(expr.left)}' is 0")
        if magnitude < 0 and power != int(power):
            raise _Failure(expr.at, "a negative number has no fractional power")
        problem = raised_problem(float(base.to_base_units().magnitude), power)
        if problem is not None:
            raise _Failure(expr.at, f"the result of '{self.source(expr)}' is {problem}")
        if base.dimensionless:
            return self.vocabulary.number(math.pow(magnitude, power))
        problem = power_problem(base, power)
        if problem is not None:
            raise _Failure(expr.at, f"the result of '{self.source(expr)}' is {problem}")
        return base ** int(power)

    def bounded(self, expr: Binary, result: Quantity) -> Quantity:
        problem = quantity_problem(result)
        if problem is not None:
            raise _Failure(expr.at, f"the result of '{self.source(expr)}' is {problem}")
        return result
