"""Figures as a spec writes them: ``300 million users``, ``20,000 ns = 20 µs``.

A value may be written in several units joined by ``=``; each is read, and one that
does not agree with the first is a warning (the first one written is used).
"""

from __future__ import annotations

import re
from decimal import Decimal

from archgen.diagnostics import Location
from archgen.estimate.bounds import number_problem, quantity_problem
from archgen.estimate.context import EstimateContext
from archgen.estimate.formula import NUMBER, not_a_digit
from archgen.estimate.humanize import DisplayUnit, show, to_decimal
from archgen.estimate.loaded import Figure, Locate
from archgen.estimate.unit_reader import UnitRead
from archgen.spec.yaml_source import KeyPath


def scalar_text(value: str | int | float) -> str:
    """A scalar as text: YAML gives ``1000`` as a number, and it is read like '1000'."""
    return value if isinstance(value, str) else repr(value)


def read_figures(context: EstimateContext, text: str, path: KeyPath, what: str) -> list[Figure]:
    """Each figure of ``text`` (joined by '='), or none after reporting a problem.

    ``what`` names the value in messages ("'mau'").
    """
    locate = context.locator(path, text)
    figures, offset = [], 0
    for part in text.split("="):
        start = offset + len(part) - len(part.lstrip())
        figure = _read_figure(context, part.strip(), start, locate, what)
        if figure is None:
            return []
        figures.append(figure)
        offset += len(part) + 1
    return figures


def _read_figure(
    context: EstimateContext, text: str, start: int, locate: Locate, what: str
) -> Figure | None:
    """One figure, ``20,000 ns``, starting at ``start`` in the scalar's text."""
    number = _leading_number(context, text, locate(start), what)
    if number is None:
        return None
    unit = _unit_after(context, text[number.end() :], start + number.end(), locate, what)
    if unit is None:
        return None
    quantity, factor, terms = unit
    digits = Decimal(number.group().replace(",", "").replace("_", ""))
    value = (-digits if text.startswith("-") else digits) * to_decimal(factor)
    # Half a unit in the last figure, in base units: what the figure may have rounded.
    tolerance = float(_half_figure(number.group()) * to_decimal(factor)) * abs(
        float(quantity.magnitude)
    )
    total = context.vocabulary.number(float(value)) * quantity
    problem = quantity_problem(total)
    if problem is not None:
        context.error(locate(start), f"{what}: {text} is {problem}")
        return None
    return Figure(
        text,
        total,
        value,
        DisplayUnit(terms, quantity),
        tolerance,
        locate(start),
    )


def _unit_after(
    context: EstimateContext, rest: str, offset: int, locate: Locate, what: str
) -> UnitRead | None:
    """The unit written after the number (``rest``, at ``offset``); none is a plain number."""
    if not rest.strip():
        return context.vocabulary.number(1), 1.0, ()
    unit_start = offset + len(rest) - len(rest.lstrip())
    return context.read_unit(rest.strip(), lambda at: locate(unit_start + at), what, scale=True)


def _leading_number(
    context: EstimateContext, text: str, where: Location, what: str
) -> re.Match[str] | None:
    if not text:
        context.error(where, f"{what}: a value is missing around '='")
        return None
    start = 1 if text[0] in "+-" else 0
    number = NUMBER.match(text, start)
    if number is None:
        context.error(
            where,
            f"{what}: "
            + (
                not_a_digit(text[start : start + 1])
                or f"'{text}' must start with a number, as in "
                "'300 million users'; formulas go under 'derived'"
            ),
        )
        return None
    problem = number_problem(number.group())
    if problem is not None:
        context.error(where, f"{what}: {problem}")
        return None
    return number


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


def check_agreement(context: EstimateContext, name: str, figures: list[Figure]) -> tuple[str, ...]:
    """Warn about each figure that does not agree with the first; return their texts."""
    first, disagreeing = figures[0], []
    for other in figures[1:]:
        if first.quantity.dimensionality != other.quantity.dimensionality:
            context.error(
                other.location,
                f"'{name}': '{other.text}' does not measure the same thing as '{first.text}'",
            )
        elif not first.agrees_with_figure(other):
            converted = show(first.quantity, other.unit, "en").exact
            context.warn(
                other.location,
                f"'{name}' is written as {first.text} and as "
                f"{other.text}, which disagree: {first.text} is {converted}; using "
                f"{first.text}, the first",
            )
            disagreeing.append(other.text)
    return tuple(disagreeing)
