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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from archgen.diff.changes import FieldChange, PartChange, StageDiff, Status
from archgen.diff.fields import IN_THIS_STAGE

Key = tuple[str, str, Status, tuple[FieldChange, ...]]


def key(change: PartChange) -> Key:
    """What makes two changes the same change (a hint or a label is no part of it)."""
    return (change.part, change.id, change.status, change.fields)


def separate(
    diffs: Iterable[StageDiff], carried: Mapping[str, set[Key]], parents: Mapping[str, str]
) -> None:
    """Move each changed stage's changes that it carries from its parent to ``inherited``.

    ``carried``: stage id -> the keys of its changes whose parts it only carries along
    (on both sides); ``parents``: stage id -> the stage it extends, on both sides alike
    (a stage that extends another one in the head than in the base inherits nothing).
    """
    by_id = {diff.id: diff for diff in diffs}
    for diff in sorted(by_id.values(), key=lambda d: _depth(d.id, parents)):
        parent = by_id.get(parents.get(diff.id, ""))
        if parent is None or diff.status is not Status.CHANGED:
            continue
        made = {
            _as_made(change): change.inherited_from or parent.id
            for change in (*parent.changes, *parent.inherited)
        }
        own = []
        for change in diff.changes:
            origin = made.get(key(change)) if key(change) in carried.get(diff.id, ()) else None
            if origin is None:
                own.append(change)
            else:
                diff.inherited.append(replace(change, inherited_from=origin))
        diff.changes = own


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
