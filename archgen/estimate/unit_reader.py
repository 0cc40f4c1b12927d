"""A parsed unit expression (``tweets / user / day``) -> what it measures, in the words of
one spec's vocabulary."""

from __future__ import annotations

from archgen.diagnostics import suggest
from archgen.estimate.bounds import (
    MAX_UNIT_POWER,
    magnitude_problem,
    quantity_problem,
    raised_problem,
)
from archgen.estimate.formula import Binary, Expr, FormulaError, Name, Negate, Number
from archgen.estimate.humanize import Terms
from archgen.estimate.units import SCALE, Quantity, UnitWord, Vocabulary

# A unit read: one of it in base units, the factor of its number words ('million'),
# and its words with their powers.
UnitRead = tuple[Quantity, float, Terms]


class UnitReader:
    """A parsed unit expression -> its quantity, its number-word factor and its terms.

    ``scale`` says whether number words are allowed: in a figure ('300 million users')
    they are, in the unit a value is shown in they are not (archgen chooses those).
    """

    def __init__(self, vocabulary: Vocabulary, scale: bool) -> None:
        self.vocabulary = vocabulary
        self.scale = scale

    def read(self, expr: Expr) -> UnitRead:
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
            return _bounded(expr, (quantity, left[1] * right[1] ** sign, terms))
        if isinstance(expr, Binary) and expr.op == "**":
            power = _whole(expr.right)
            base = self.walk(expr.left)
            magnitude = float(base[0].to_base_units().magnitude)
            problem = raised_problem(magnitude, power) or raised_problem(base[1], power)
            if problem is not None:
                raise FormulaError(expr.at, f"raised to this power, the unit is {problem}")
            powered = base[0] ** power, base[1] ** power, {w: p * power for w, p in base[2].items()}
            return _bounded(expr, powered)
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


def _bounded(
    expr: Binary, read: tuple[Quantity, float, dict[UnitWord, int]]
) -> tuple[Quantity, float, dict[UnitWord, int]]:
    """``read``, once its quantity and number words are checked to be within bounds."""
    problem = quantity_problem(read[0]) or magnitude_problem(read[1])
    if problem is not None:
        raise FormulaError(expr.at, f"the unit is {problem}")
    return read


def _whole(expr: Expr) -> int:
    if isinstance(expr, Number):
        power = int(expr.value)
    elif isinstance(expr, Negate) and isinstance(expr.operand, Number):
        power = -int(expr.operand.value)
    else:
        raise FormulaError(expr.start, "a unit's power must be a whole number")
    if abs(power) > MAX_UNIT_POWER:
        raise FormulaError(
            expr.start,
            f"a unit's power is a whole number from -{MAX_UNIT_POWER} to {MAX_UNIT_POWER}",
        )
    return power
