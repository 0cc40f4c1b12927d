"""What loading an estimate spec gives: every value parsed, every name resolved.

``load.py`` and ``derived.py`` make these; ``evaluate.py`` and ``pages.py`` read them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from archgen.diagnostics import Diagnostic, Location
from archgen.estimate.formula import Expr
from archgen.estimate.humanize import DisplayUnit
from archgen.estimate.model import EstimateSpec
from archgen.estimate.units import Quantity, Vocabulary
from archgen.spec.model import Text
from archgen.spec.yaml_source import LocatedDocument

Locate = Callable[[int], Location]  # an offset in a scalar's text -> where it is in the file


@dataclass(frozen=True)
class Figure:
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

    def agrees_with_figure(self, other: Figure) -> bool:
        """Could both be roundings of one value? Their half-open ranges overlap."""
        a, b = float(self.quantity.magnitude), float(other.quantity.magnitude)
        low = max(a - self.tolerance, b - other.tolerance)
        high = min(a + self.tolerance, b + other.tolerance)
        return low < high or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


@dataclass(frozen=True)
class AssumptionDef:
    name: str
    label: Text | None
    note: Text | None
    written: tuple[Figure, ...]  # the first is the value used
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
    expect: Figure | None
    locate: Locate  # an offset in ``text`` -> file:line:col


@dataclass(frozen=True)
class LoadedEstimate:
    spec: EstimateSpec
    document: LocatedDocument
    vocabulary: Vocabulary
    assumptions: dict[str, AssumptionDef]
    derived: dict[str, DerivedDef]  # in the order written
    evaluation_order: tuple[str, ...]  # derived names, each after the ones it uses
    warnings: tuple[Diagnostic, ...]

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def source(self) -> str:
        return self.document.file
