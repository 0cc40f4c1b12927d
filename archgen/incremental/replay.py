"""A stage's recorded layout warnings told again while it is up to date: by a build
that skips the stage and by ``archgen check``, at the lines their parts are at now."""

from __future__ import annotations

from collections.abc import Iterable

from archgen.diagnostics import Diagnostic
from archgen.incremental.warnings import RecordedWarning
from archgen.resolve.locations import PartKind, part_location
from archgen.resolve.stage import Stage


def told_again(
    warnings: Iterable[RecordedWarning], stage: Stage, languages: tuple[str, ...]
) -> list[Diagnostic]:
    """The warnings at the lines their parts are at now: a stage up to date may have had
    lines added above a part since it was drawn."""
    shown = []
    for warning in warnings:
        location = part_location(stage, part_kind(warning.part), warning.part_id)
        inherited = location.file != stage.source
        shown.append(warning.told(location, stage=stage.id if inherited else None, drawn=languages))
    return shown


_PART_KINDS: dict[str, PartKind] = {"node": "node", "edge": "edge", "group": "group"}


def part_kind(part: str) -> PartKind:
    """A recorded part's kind (a manifest may say anything: unknown is the diagram)."""
    return _PART_KINDS.get(part, "diagram")
