"""A parsed unit expression (``tweets / user / day``) -> what it measures, in the words of
one spec's vocabulary."""

from __future__ import annotations

from archgen.diagnostics import suggest
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
