"""A change made in a parent stage, reported once: at the stage that made it.

Stages extend each other, so a node relabelled in stage 2 is relabelled in every stage
after it too. The child's diff keeps such a change apart (``StageDiff.inherited``, with
the stage that made it) instead of repeating it: the reader sees that the child's
picture changes, and reads the change once.

A child's change is its parent's when both hold:
- the child only carries the part along, on both sides: it neither declares the part
  again nor drops it (the part is ``Change.INHERITED`` wherever it exists); so what
  differs in the child is exactly what differs in the parent;
- the parent's diff has the same change: part, id, status and fields. The parent's
  'in this stage' field is left out of that: it says how the part relates to the
  grandparent, and the child, which inherits the part on both sides, never has it.
A stage's diagram settings are inherited likewise where its spec sets them on neither
side (``direction`` and ``tiers``: resolve takes them from the parent then).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from archgen.diff.changes import FieldChange, PartChange, StageDiff, Status
from archgen.diff.fields import IN_THIS_STAGE

Key = tuple[str, str, Status, tuple[FieldChange, ...]]


def key(change: PartChange) -> Key:
    """What makes two changes the same change (a hint or a label is no part of it)."""
    return (change.part, change.id, change.status, change.fields)


@dataclass(frozen=True)
class Carried:
    """What a stage takes from the stage it extends, alike on both sides."""

    parts: frozenset[Key] = frozenset()  # its changes whose parts it only carries along
    settings: frozenset[str] = frozenset()  # diagram settings its spec leaves to the parent


def separate(
    diffs: Iterable[StageDiff], carried: Mapping[str, Carried], parents: Mapping[str, str]
) -> None:
    """Move each changed stage's changes that it carries from its parent to ``inherited``.

    ``parents``: stage id -> the stage it extends, on both sides alike (a stage that
    extends another one in the head than in the base inherits nothing). A diagram
    change (one per stage, named by the stage) is split: the settings the stage leaves
    to its parent, changed there alike, are inherited; the rest are its own.
    """
    by_id = {diff.id: diff for diff in diffs}
    for diff in sorted(by_id.values(), key=lambda d: _depth(d.id, parents)):
        parent = by_id.get(parents.get(diff.id, ""))
        if parent is None or diff.status is not Status.CHANGED:
            continue
        taken = carried.get(diff.id, Carried())
        made = _made_in(parent)
        own = []
        for change in diff.changes:
            if change.part == "diagram":
                own += _split_settings(diff, change, taken.settings, _settings_made_in(parent))
                continue
            origin = made.get(key(change)) if key(change) in taken.parts else None
            if origin is None:
                own.append(change)
            else:
                diff.inherited.append(replace(change, inherited_from=origin))
        diff.changes = own


def _made_in(parent: StageDiff) -> dict[Key, str]:
    """The parent's changes as a child that carries their parts sees them -> the stage
    that made each."""
    return {
        _as_made(change): change.inherited_from or parent.id
        for change in (*parent.changes, *parent.inherited)
    }


def _settings_made_in(parent: StageDiff) -> dict[FieldChange, str]:
    """Each diagram setting the parent's diff changes -> the stage that changed it."""
    return {
        setting: change.inherited_from or parent.id
        for change in (*parent.changes, *parent.inherited)
        if change.part == "diagram" and change.status is Status.CHANGED
        for setting in change.fields
    }


def _split_settings(
    diff: StageDiff, change: PartChange, taken: frozenset[str], made: dict[FieldChange, str]
) -> list[PartChange]:
    """The stage's diagram change less the settings it inherits, which go to
    ``diff.inherited``, one change per stage that made them."""
    inherited = [f for f in change.fields if f.name in taken and f in made]
    for origin in dict.fromkeys(made[f] for f in inherited):
        fields = tuple(f for f in inherited if made[f] == origin)
        diff.inherited.append(replace(change, fields=fields, inherited_from=origin))
    rest = tuple(f for f in change.fields if f not in inherited)
    return [replace(change, fields=rest)] if rest else []


def _as_made(change: PartChange) -> Key:
    """The parent's change as a child that carries the part along sees it."""
    fields = tuple(f for f in change.fields if f.name != IN_THIS_STAGE)
    return (change.part, change.id, change.status, fields)


def _depth(stage_id: str, parents: Mapping[str, str]) -> int:
    """How many stages up the chain of ``extends`` goes: parents are settled first.
    Walked, not recursed, so no chain is too long (resolve rejects cycles; the bound
    guards this step anyway)."""
    depth, current = 0, stage_id
    while current in parents and depth <= len(parents):
        current = parents[current]
        depth += 1
    return depth
