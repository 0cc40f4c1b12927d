"""The limits every number of an estimate stays within, checked before it is computed.

A float overflows past 10^308, and pint raises ``OverflowError`` on it; a decimal
past its context raises ``InvalidOperation``; a power of a unit grows the powers of
its dimensions. So every quantity archgen holds (a figure, a unit, each step of a
formula) has a magnitude of 0 or between 10^-100 and 10^100 in base units, and
dimensions with powers from -10 to 10. With both operands inside these bounds a
product or a quotient is finite (at most 10^200), so only it needs checking after;
a power could overflow, and is checked from logarithms before it is taken.
"""

from __future__ import annotations

import math
from decimal import Decimal

from archgen.estimate.units import Quantity

MAX_MAGNITUDE = 1e100  # in base units: bits, seconds, counted things
MIN_MAGNITUDE = 1e-100  # of a value that is not 0
MAX_EXPONENT = 100  # of a plain number: 10 ^ 100
MAX_UNIT_POWER = 10  # of a dimension: s^10, and of a unit written with a power
# Characters of a number as written: enough for 10^100 in full with its thousands
# commas (134), and a bound on the text before a decimal is made of it.
MAX_NUMBER_LENGTH = 140
MAX_VALUES = 1000  # counts, units, assumptions and derived values of one estimate


TOO_LARGE = "too large (beyond 10^100)"
TOO_SMALL = "too small (below 10^-100)"


def magnitude_problem(magnitude: float) -> str | None:
    """Why ``magnitude`` (in base units) is out of bounds, or None."""
    size = abs(magnitude)
    if math.isnan(size) or size > MAX_MAGNITUDE:
        return TOO_LARGE
    return TOO_SMALL if 0 < size < MIN_MAGNITUDE else None


def power_problem(quantity: Quantity, raised_to: float = 1) -> str | None:
    """Why the powers of ``quantity``'s dimensions (raised to ``raised_to``) are out of
    bounds, or None."""
    for dimension, own in quantity.dimensionality.items():
        power = own * raised_to
        if abs(power) > MAX_UNIT_POWER:
            name = dimension.strip("[]").removeprefix("count_")
            return f"in {name}^{power:g}, beyond the powers from -10 to 10 a unit may have"
    return None


def quantity_problem(quantity: Quantity) -> str | None:
    """Why ``quantity`` is out of bounds, its magnitude or its powers, or None."""
    return magnitude_problem(float(quantity.to_base_units().magnitude)) or power_problem(quantity)


def raised_problem(magnitude: float, power: float) -> str | None:
    """Why ``magnitude ** power`` would be out of bounds, judged without computing it."""
    if magnitude == 0 or power == 0:
        return None
    digits = power * math.log10(abs(magnitude))
    if digits > 100:
        return TOO_LARGE
    return TOO_SMALL if digits < -100 else None


def number_problem(text: str) -> str | None:
    """Why a number as written (``20,000``, ``1.5e3``) is out of bounds, or None.

    Checked on the text, before any float or decimal is made of it: ``1e999999999``
    would overflow a decimal, ``1e-999`` would silently become 0 as a float.
    """
    if len(text) > MAX_NUMBER_LENGTH:
        return f"a number of {len(text):,} characters is too long; at most {MAX_NUMBER_LENGTH}"
    digits = text.replace(",", "").replace("_", "").lower()
    exponent = digits.partition("e")[2]
    if len(exponent.lstrip("+-")) > 3:
        return f"the number {text} has an exponent of more than three digits"
    number = Decimal(digits)
    if number and number.adjusted() > 100:
        return f"the number {text} is {TOO_LARGE}"
    if number and number.adjusted() < -100:
        return f"the number {text} is {TOO_SMALL}"
    return None
