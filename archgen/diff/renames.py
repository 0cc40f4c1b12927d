"""A "renamed?" hint: an added part that looks just like a removed one.

A node replaced under a new id (``db`` becomes ``database``) is, by id, one node removed
and another added; the diff keeps saying so, since ids are what it matches by and a
look-alike may really be a new part. But when the two are the same kind of part, in the
same group, with the same edges to the same other parts, the report says what a reviewer
would guess: "renamed from `db`?". Only a pair alone in its likeness is hinted: two
removed web servers and two added ones name no pair, rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace

from archgen.diff.changes import PartChange, Status
from archgen.resolve.stage import Stage

Signature = tuple[Hashable, ...]
_ITSELF = "\0itself"  # an edge from a part to itself, whatever the part's id


def hint_renames(
    changes: list[PartChange], old: Stage | None, new: Stage | None
) -> list[PartChange]:
    """``changes`` with the look-alike removed and added nodes and groups hinted."""
    if old is None or new is None:
        return changes
    before, after = _Likeness(old), _Likeness(new)
    hints: dict[tuple[str, str, Status], str] = {}  # (part, id, status) -> the other's id
    for part in ("node", "group"):
        removed = [c.id for c in changes if c.part == part and c.status is Status.REMOVED]
        added = [c.id for c in changes if c.part == part and c.status is Status.ADDED]
        signature = "node_signature" if part == "node" else "group_signature"
        pairs = _alone_alike(removed, added, getattr(before, signature), getattr(after, signature))
        for gone, came in pairs:
            hints[(part, gone, Status.REMOVED)] = came
            hints[(part, came, Status.ADDED)] = gone
    return [_hinted(change, hints) for change in changes]


def _hinted(change: PartChange, hints: dict[tuple[str, str, Status], str]) -> PartChange:
    other = hints.get((change.part, change.id, change.status))
    if other is None:
        return change
    if change.status is Status.REMOVED:
        return replace(change, renamed_to=other)
    return replace(change, renamed_from=other)


def _alone_alike(
    removed: list[str],
    added: list[str],
    before: Callable[[str], Signature],
    after: Callable[[str], Signature],
) -> list[tuple[str, str]]:
    """(removed, added) pairs whose likeness no other removed or added part shares."""
    olds: dict[Signature, list[str]] = {}
    news: dict[Signature, list[str]] = {}
    for part_id in removed:
        olds.setdefault(before(part_id), []).append(part_id)
    for part_id in added:
        news.setdefault(after(part_id), []).append(part_id)
    return [
        (gone[0], news[signature][0])
        for signature, gone in olds.items()
        if len(gone) == 1 and len(news.get(signature, ())) == 1
    ]


class _Likeness:
    """What a part of one stage is like, apart from its id: its kind, its group and its
    edges to other parts (which way, and to which)."""

    def __init__(self, stage: Stage) -> None:
        self.nodes = {node.id: node for node in stage.nodes}
        self.groups = {group.id: group for group in stage.groups}
        self.container = {m: group.id for group in stage.groups for m in group.members}
        self.neighbours: dict[str, set[tuple[str, str]]] = {}
        for edge in stage.edges:
            itself = edge.source == edge.target
            self.neighbours.setdefault(edge.source, set()).add(
                ("to", _ITSELF if itself else edge.target)
            )
            self.neighbours.setdefault(edge.target, set()).add(
                ("from", _ITSELF if itself else edge.source)
            )

    def node_signature(self, node_id: str) -> Signature:
        node = self.nodes[node_id]
        icon = node.icon.digest if node.icon else None
        return (node.kind.name, icon, *self._placed(node_id))

    def group_signature(self, group_id: str) -> Signature:
        group = self.groups[group_id]
        return (group.style, tuple(sorted(group.members)), *self._placed(group_id))

    def _placed(self, part_id: str) -> Signature:
        return (self.container.get(part_id), frozenset(self.neighbours.get(part_id, ())))
