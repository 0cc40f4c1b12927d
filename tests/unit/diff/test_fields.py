"""Every field of a resolved stage is either compared by `archgen diff` or listed as
deliberately not compared, with why: a key added to the spec and carried into a stage
cannot be left out of the diff silently."""

from __future__ import annotations

import dataclasses

import pytest

from archgen.diff import fields
from archgen.resolve.stage import Stage, StageEdge, StageGroup, StageNode, StageStep
from archgen.spec.model import AwsService


def attributes(cls: type) -> set[str]:
    if dataclasses.is_dataclass(cls):
        return {field.name for field in dataclasses.fields(cls)}
    return set(cls.model_fields)  # type: ignore[attr-defined]  # a pydantic model


@pytest.mark.parametrize(
    ("cls", "described"),
    [
        (StageNode, fields.NODE),
        (StageGroup, fields.GROUP),
        (StageEdge, fields.EDGE),
        (StageStep, fields.STEP),
        (AwsService, fields.SERVICE),
    ],
)
def test_every_field_of_a_part_is_compared_or_said_why_not(
    cls: type, described: fields.PartFields
) -> None:
    compared = [field.attribute for field in described.compared]
    assert len(compared) == len(set(compared)), "a field compared twice"
    assert not set(compared) & set(described.not_compared), "compared and not compared"
    assert set(compared) | set(described.not_compared) == attributes(cls)
    assert all(reason.strip() for reason in described.not_compared.values())


def test_every_field_of_a_stage_is_compared_or_said_why_not() -> None:
    groups = [
        {text.attribute for text in fields.STAGE_TEXTS},
        set(fields.STAGE_OWN_TEXTS),
        {setting.attribute for setting in fields.DIAGRAM.compared},
        set(fields.STAGE_PARTS),
        set(fields.STAGE_NOT_COMPARED),
    ]
    assert sum(len(group) for group in groups) == len(set().union(*groups)), "named twice"
    assert set().union(*groups) == attributes(Stage)
