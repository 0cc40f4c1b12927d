"""The estimate spec as typed models: the shape users write in YAML.

Pydantic checks the shape. What a value or a formula says (units, names, cycles) is
checked by ``archgen.estimate.load``, which knows where each was written.
"""

from __future__ import annotations

import keyword
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictFloat,
    StrictInt,
    StrictStr,
    WithJsonSchema,
)

from archgen.spec.model import Identifier, MarkdownValue, TextValue

_NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_NAME_SCHEMA = {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$"}


def _name(value: Any) -> str:
    """A name a formula can use: no '-', which would read as minus."""
    if not isinstance(value, str) or not _NAME_PATTERN.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid name: use 1 to 64 letters, digits or "
            "'_', starting with a letter ('-' would read as minus)"
        )
    if keyword.iskeyword(value):
        raise ValueError(f"{value!r} is a reserved word; choose another name")
    return value


FormulaName = Annotated[str, PlainValidator(_name), WithJsonSchema(_NAME_SCHEMA)]
Scalar = StrictStr | StrictInt | StrictFloat  # as YAML gives it: '300 million users', or 2


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Assumption(_Strict):
    value: Scalar = Field(
        description="A number and its unit: '300 million users', '50 %'. "
        "The same quantity in two units, '20,000 ns = 20 µs', is checked"
    )
    label: TextValue | None = Field(None, description="What the assumption is")
    note: MarkdownValue | None = Field(None, description="Where it comes from; Markdown")


class Derived(_Strict):
    formula: Scalar = Field(description="Arithmetic over the names: 'dau * size / day'")
    label: TextValue | None = None
    note: MarkdownValue | None = None
    unit: StrictStr | None = Field(
        None, description="The unit to show the result in; chosen from what it measures if absent"
    )
    expect: Scalar | None = Field(
        None, description="A figure the source states; a result it does not round to is a warning"
    )


def _short(model: type[_Strict], key: str) -> Any:
    """A bare value is short for ``{key: value}``."""

    def validate(value: Any) -> Any:
        if isinstance(value, model):
            return value
        if isinstance(value, dict):
            return model.model_validate(value)
        return model.model_validate({key: value})

    return validate


AssumptionValue = Annotated[Assumption, PlainValidator(_short(Assumption, "value"))]
DerivedValue = Annotated[Derived, PlainValidator(_short(Derived, "formula"))]


class EstimateSpec(_Strict):
    kind: Literal["estimate"] = Field(description="Marks an estimate; stage specs have none")
    id: Identifier
    order: StrictInt | None = None
    title: TextValue
    summary: MarkdownValue | None = None
    bytes: Literal["decimal", "binary"] = Field(
        "decimal",
        description="Byte prefixes shown: decimal (kB = 1,000 B) or binary (KiB = 1,024 B)",
    )
    counts: dict[FormulaName, TextValue | None] = Field(
        default_factory=dict,
        description="Things counted (user, tweet), each a unit of its "
        "own kind; the text is its name per language, singular",
    )
    units: dict[FormulaName, StrictStr] = Field(
        default_factory=dict, description="Units made of others: {QPS: tweet / second}"
    )
    assumptions: dict[FormulaName, AssumptionValue] = Field(default_factory=dict)
    derived: dict[FormulaName, DerivedValue] = Field(default_factory=dict)
    notes: tuple[MarkdownValue, ...] = ()
