"""Formulas and unit expressions: text -> a small expression tree, without ``eval``.

The grammar has numbers, names, ``+ - * /``, powers (``**`` or ``^``), unary minus and
parentheses, and nothing else: an attribute, a call, an index or a string cannot even
be written, so there is nothing to forbid after parsing. The text is short and the
nesting shallow (both bounded), so the recursive parser cannot exhaust the stack.

Two modes share the parser. A *formula* (``dau * tweets_per_user / day``) names
assumptions, other values and units, and may put a number straight before a unit
(``24 hour``). A *unit* (``tweets / user / day``) names units only; words side by side
multiply (``million users``) and a power takes a whole number (``s^2``).

Offsets are 0-based character offsets into the text; ``FormulaError.offset`` says where
a problem is so the loader can turn it into file:line:col.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from archgen.diagnostics import BadInput
from archgen.estimate.bounds import MAX_UNIT_POWER, number_problem

MAX_LENGTH = 500
MAX_DEPTH = 40

Mode = Literal["formula", "unit"]


class FormulaError(BadInput):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass(frozen=True)
class Number:
    value: float
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Name:
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Negate:
    operand: Expr
    start: int
    end: int


@dataclass(frozen=True)
class Binary:
    op: str  # one of + - * / **
    left: Expr
    right: Expr
    at: int  # where the operator is written (the right operand, when implicit)
    start: int
    end: int
    implicit: bool = False  # side by side, no operator written: '24 hour'


Expr = Number | Name | Negate | Binary

# A number: digits with optional thousands commas (20,000), decimals and an exponent.
# ASCII digits only: '١٢٣' or '１２３' would read as 123 where a reviewer may see other digits.
NUMBER = re.compile(
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:_[0-9]+)*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
)
_NAME = re.compile(r"[^\W\d]\w*|%")
_OPERATORS = {
    "**": "**",
    "^": "**",
    "*": "*",
    "×": "*",
    "·": "*",
    "/": "/",
    "÷": "/",
    "+": "+",
    "-": "-",
    "−": "-",
    "(": "(",
    ")": ")",
}
_REFUSED = {
    "[": "indexing ('[...]') is not allowed in a formula",
    "]": "indexing ('[...]') is not allowed in a formula",
    "'": "quoted text is not allowed in a formula",
    '"': "quoted text is not allowed in a formula",
    "=": "'=' is not allowed here; the name before ':' is what a formula defines",
    ",": "',' is not an operator; write thousands as 1,000 and decimals as 1.5",
    "%": "'%' is not an operator; write the percentage as an assumption such as '50 %'",
}


@dataclass(frozen=True)
class Token:
    kind: Literal["number", "name", "op", "error", "end"]
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``; a character that cannot start one becomes an error token.

    The parser raises that error only when it reaches it, so ``f("x")`` is reported as
    the call it is rather than as a stray quote.
    """
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        try:
            token = _token_at(text, position, tokens[-1] if tokens else None)
        except FormulaError as error:
            tokens.append(Token("error", error.message, error.offset, error.offset + 1))
            break
        tokens.append(token)
        position = token.end
    tokens.append(Token("end", "", len(text), len(text)))
    return tokens


def _token_at(text: str, position: int, previous: Token | None) -> Token:
    for pattern, kind in ((NUMBER, "number"), (_NAME, "name")):
        found = pattern.match(text, position)
        if found:
            return Token(kind, found.group(), position, found.end())  # type: ignore[arg-type]
    two = text[position : position + 2]
    if two == "**":
        return Token("op", "**", position, position + 2)
    char = text[position]
    if char in _OPERATORS:
        return Token("op", _OPERATORS[char], position, position + 1)
    if char == ".":
        after_operand = previous is not None and (previous.kind == "name" or previous.text == ")")
        raise FormulaError(
            position,
            "attribute access ('.name') is not allowed in a formula"
            if after_operand
            else "a number needs a digit before '.'",
        )
    raise FormulaError(
        position, not_a_digit(char) or _REFUSED.get(char, f"unexpected character {char!r}")
    )


def not_a_digit(char: str) -> str | None:
    """What to write instead of a digit other than 0 to 9 (Arabic-Indic, fullwidth, ²)."""
    if char in "⁰¹²³⁴⁵⁶⁷⁸⁹":
        return f"{char!r} is a superscript; write a power as '^2'"
    if char.isdigit():
        return f"{char!r} is not one of the digits 0 to 9, which are all a number may use"
    return None


def parse(text: str, mode: Mode = "formula") -> Expr:
    """Parse a formula or unit expression; raise ``FormulaError`` with an offset."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(
            MAX_LENGTH, f"longer than {MAX_LENGTH} characters; split it into named values"
        )
    if not text.strip():
        raise FormulaError(0, "empty; write a formula such as 'a * b'")
    return _Parser(text, mode).parse()


class _Parser:
    def __init__(self, text: str, mode: Mode) -> None:
        self.text = text
        self.mode = mode
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def next(self) -> Token:
        token = self.token
        if token.kind == "error":
            raise FormulaError(token.start, token.text)
        self.index += 1
        return token

    def is_op(self, *ops: str) -> bool:
        return self.token.kind == "op" and self.token.text in ops

    def parse(self) -> Expr:
        expr = self.sum()
        if self.token.kind != "end":
            raise FormulaError(self.token.start, self._unexpected(expr))
        return expr

    def _unexpected(self, before: Expr) -> str:
        token = self.token
        if token.kind == "error":
            return token.text
        if token.text == ")":
            return "')' without a matching '('"
        if token.text == "%":
            return _REFUSED["%"]
        if token.text == "(" and isinstance(before, Name):
            return f"calls are not allowed ('{before.name}(...)'); formulas have no functions"
        if token.kind in ("name", "number") or token.text == "(":
            return f"missing operator before '{token.text}' (write '*' to multiply)"
        return f"unexpected '{token.text}'"

    def enter(self, at: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(at, f"nested more than {MAX_DEPTH} levels deep")

    def sum(self) -> Expr:
        left = self.product()
        while self.is_op("+", "-"):
            if self.mode == "unit":
                raise FormulaError(
                    self.token.start, "a unit cannot add or subtract; use '*' and '/'"
                )
            op = self.next()
            right = self.product()
            left = Binary(op.text, left, right, op.start, left.start, right.end)
        return left

    def product(self) -> Expr:
        left = self.unary()
        while self.is_op("*", "/"):
            op = self.next()
            right = self.unary()
            left = Binary(op.text, left, right, op.start, left.start, right.end)
        return left

    def side_by_side(self) -> Expr:
        """Units side by side multiply before * and /: ``tweets / user day`` is per user-day."""
        left = self.power()
        while self.token.kind == "name" or self.is_op("("):
            right = self.power()
            left = Binary("*", left, right, right.start, left.start, right.end, implicit=True)
        return left

    def unary(self) -> Expr:
        if self.is_op("-", "+"):
            op = self.next()
            if self.mode == "unit":
                raise FormulaError(op.start, "a unit has no sign")
            self.enter(op.start)
            operand = self.unary()
            self.depth -= 1
            if op.text == "+":
                return operand
            return Negate(operand, op.start, operand.end)
        return self.side_by_side() if self.mode == "unit" else self.power()

    def power(self) -> Expr:
        base = self.primary()
        if not self.is_op("**"):
            return base
        op = self.next()
        self.enter(op.start)
        exponent = self.whole_exponent() if self.mode == "unit" else self.unary()
        self.depth -= 1
        return Binary("**", base, exponent, op.start, base.start, exponent.end)

    def whole_exponent(self) -> Expr:
        negative = self.is_op("-")
        start = self.next().start if negative else self.token.start
        token = self.next()
        if token.kind != "number" or not token.text.isdigit():
            raise FormulaError(token.start, "a unit's power must be a whole number, as in s^2")
        if len(token.text) > 2 or int(token.text) > MAX_UNIT_POWER:  # before float() of it
            raise FormulaError(
                token.start,
                f"a unit's power is a whole number from -{MAX_UNIT_POWER} to {MAX_UNIT_POWER}",
            )
        number = Number(float(token.text), token.text, token.start, token.end)
        return Negate(number, start, token.end) if negative else number

    def primary(self) -> Expr:
        token = self.next()
        if token.kind == "number":
            if self.mode == "unit":
                raise FormulaError(token.start, "a unit has no numbers except powers (s^2)")
            number = Number(_number_value(token), token.text, token.start, token.end)
            if self.token.kind == "name" and self.token.text != "%":  # '24 hour', '5 years'
                unit = self.next()
                return Binary(
                    "*",
                    number,
                    Name(unit.text, unit.start, unit.end),
                    unit.start,
                    number.start,
                    unit.end,
                    implicit=True,
                )
            return number
        if token.kind == "name":
            if token.text == "%" and self.mode == "formula":
                raise FormulaError(token.start, _REFUSED["%"])
            return Name(token.text, token.start, token.end)
        if token.text == "(":
            self.enter(token.start)
            inner = self.sum()
            self.depth -= 1
            if self.token.kind == "end":
                raise FormulaError(token.start, "'(' is never closed")
            if not self.is_op(")"):  # '(s million)': say what is wrong where it is
                raise FormulaError(self.token.start, self._unexpected(inner))
            self.next()
            return inner
        if token.kind == "end":
            raise FormulaError(token.start, "ends too early; a number or a name is missing")
        raise FormulaError(token.start, f"expected a number or a name, not '{token.text}'")


def _number_value(token: Token) -> float:
    problem = number_problem(token.text)
    if problem is not None:
        raise FormulaError(token.start, problem)
    return float(token.text.replace(",", "").replace("_", ""))


def names(expr: Expr) -> Iterator[Name]:
    """Every name in ``expr``, left to right."""
    stack: list[Expr] = [expr]
    found: list[Name] = []
    while stack:
        node = stack.pop()
        if isinstance(node, Name):
            found.append(node)
        elif isinstance(node, Negate):
            stack.append(node.operand)
        elif isinstance(node, Binary):
            stack.extend((node.right, node.left))
    return iter(found)


# Higher binds tighter. A compound leaf ('2 tweets/user/day') sits between sums and
# products: bare beside + and -, in parentheses beside * / and ^.
_SUM, _COMPOUND, _PRODUCT, _NEGATE, _POWER, _ATOM = 10, 15, 20, 30, 40, 50
_PRECEDENCE = {"+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT, "**": _POWER}
_OPERATOR_TEXT = {"+": " + ", "-": " - ", "*": " × ", "/": " / ", "**": "^"}

Leaf = Callable[[Number | Name], tuple[str, bool]]  # a leaf's text, and whether it is compound


def expression_text(expr: Expr, leaf: Leaf) -> str:
    """``expr`` written out with × and ^, parenthesised where precedence needs it.

    ``leaf`` gives each number's or name's text and whether that text is compound.
    """
    return _text_and_precedence(expr, leaf)[0]


def _text_and_precedence(expr: Expr, leaf: Leaf) -> tuple[str, int]:
    if isinstance(expr, Number | Name):
        text, compound = leaf(expr)
        return text, (_COMPOUND if compound else _ATOM)
    if isinstance(expr, Negate):
        inner, precedence = _text_and_precedence(expr.operand, leaf)
        return "-" + (f"({inner})" if precedence < _POWER else inner), _NEGATE
    mine = _PRECEDENCE[expr.op]
    left, left_precedence = _text_and_precedence(expr.left, leaf)
    right, right_precedence = _text_and_precedence(expr.right, leaf)
    if left_precedence < mine or (expr.op == "**" and left_precedence == mine):
        left = f"({left})"
    if right_precedence < mine or (expr.op in ("-", "/") and right_precedence == mine):
        right = f"({right})"
    operator = " " if expr.implicit else _OPERATOR_TEXT[expr.op]
    return f"{left}{operator}{right}", mine
