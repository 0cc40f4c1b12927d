"""The values a diff is made of: what changed in one stage, part by part.

Kept apart from the comparison (``compare``) so that the steps that refine a diff
(``inheritance``: a parent's change reported once) read the same types without
importing the comparison back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    """How a part differs between the two sides of a diff.

    Kept apart from ``resolve.stage.Change``, which says how a part relates to the
    stage it extends: a diff compares two versions of one stage, and its words are what
    the report, its JSON and messages.yaml say ("added", where a stage says "new").
    ``compare._DRAWN_AS`` is the one place a status becomes a ``Change``.
    """

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class PartChange:
    part: str  # node, group, edge, step, aws, text
    id: str  # an edge's: its spec 'id:' where it has one, else its pair 'from->to'
    status: Status
    label: str = ""  # what the part is called, in the report's language
    fields: tuple[FieldChange, ...] = ()
    # An edge's: the stage's edges (pair ids) the change covers, all the pairs of a
    # fan-out that changed alike; the head's, or the base's for a removed edge.
    edge_ids: tuple[str, ...] = ()
    # A hint, not a finding: an added part with the kind and the neighbours of a
    # removed one names it (renamed_from), and the removed one names it (renamed_to).
    renamed_from: str | None = None
    renamed_to: str | None = None
    # In StageDiff.inherited: the stage that made the change, which reports it.
    inherited_from: str | None = None


@dataclass
class StageDiff:
    id: str
    title: str
    status: Status
    changes: list[PartChange] = field(default_factory=list)  # made in this stage
    # Made in a stage this one extends, and only carried along: reported there.
    inherited: list[PartChange] = field(default_factory=list)

    def count(self, part: str, status: Status) -> int:
        return sum(1 for c in self.changes if c.part == part and c.status is status)

    def inherited_counts(self) -> list[tuple[str, int]]:
        """(stage that made them, how many) for the inherited changes, nearest first."""
        counts: dict[str, int] = {}
        for change in self.inherited:
            origin = change.inherited_from or ""
            counts[origin] = counts.get(origin, 0) + 1
        return list(counts.items())

    def drawn_statuses(self) -> dict[tuple[str, str], Status]:
        """(part, id) -> status, as the diff diagram looks parts up: edges by the pair
        ids they cover; inherited changes too, since the stage's picture shows them.
        A head edge wins over a removed one of the same pair id (a ghost is drawn only
        where nothing else is)."""
        statuses: dict[tuple[str, str], Status] = {}
        every = sorted(
            (*self.changes, *self.inherited), key=lambda c: c.status is not Status.REMOVED
        )
        for change in every:
            for part_id in change.edge_ids or (change.id,):
                statuses[(change.part, part_id)] = change.status
        return statuses
