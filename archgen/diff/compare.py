"""What changed in the architecture between two sets of specs, part by part.

Parts are matched by id, so a renamed label is a change, not a removal and an
addition. The result feeds three outputs: Markdown for a pull-request comment, JSON
for tools, and a diff diagram per changed stage (see ``diff_stage_graph``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from archgen.diff.fields import DIAGRAM, EDGE, GROUP, NODE, SERVICE, STAGE_TEXTS, STEP
from archgen.resolve.stage import Change, Stage, StageGroup, StageNode
from archgen.spec.model import AwsService, Text


class Status(str, Enum):
    """How a part differs between the two sides of a diff.

    Kept apart from ``resolve.stage.Change``, which says how a part relates to the
    stage it extends: a diff compares two versions of one stage, and its words are what
    the report, its JSON and messages.yaml say ("added", where a stage says "new").
    ``_DRAWN_AS`` is the one place a status becomes a ``Change``.
    """

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


# How the diff diagram draws a part, by what the diff found for it (None: the same).
_DRAWN_AS: dict[Status | None, Change] = {
    None: Change.INHERITED,
    Status.ADDED: Change.NEW,
    Status.CHANGED: Change.CHANGED,
    Status.REMOVED: Change.REMOVED,
}

Fields = Callable[[Any, str], dict[str, str]]  # a part, a language -> its fields as text


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class PartChange:
    part: str  # node, group, edge, step, aws, text
    id: str
    status: Status
    label: str = ""  # what the part is called, in the report's language
    fields: tuple[FieldChange, ...] = ()


@dataclass
class StageDiff:
    id: str
    title: str
    status: Status
    changes: list[PartChange] = field(default_factory=list)

    def count(self, part: str, status: Status) -> int:
        return sum(1 for c in self.changes if c.part == part and c.status is status)


def diff_stages(base: Sequence[Stage], head: Sequence[Stage], language: str) -> list[StageDiff]:
    """The stages that differ, in the head's order, then the removed ones."""
    before = {stage.id: stage for stage in base}
    after = {stage.id: stage for stage in head}
    diffs = []
    for stage in head:
        old = before.get(stage.id)
        if old is None:
            diffs.append(
                StageDiff(
                    stage.id,
                    stage.title.get(language),
                    Status.ADDED,
                    _compare(None, stage, language),
                )
            )
            continue
        changes = _compare(old, stage, language)
        if changes:
            diffs.append(StageDiff(stage.id, stage.title.get(language), Status.CHANGED, changes))
    for stage in base:
        if stage.id not in after:
            diffs.append(
                StageDiff(
                    stage.id,
                    stage.title.get(language),
                    Status.REMOVED,
                    _compare(stage, None, language),
                )
            )
    return diffs


def _compare(old: Stage | None, new: Stage | None, language: str) -> list[PartChange]:
    comparer = _Comparer(language)
    comparer.texts(old, new)
    comparer.parts("diagram", _diagram(old), _diagram(new), DIAGRAM.of)
    comparer.parts("node", _by_id(old, "nodes"), _by_id(new, "nodes"), NODE.of)
    comparer.parts("group", _by_id(old, "groups"), _by_id(new, "groups"), GROUP.of)
    comparer.parts("edge", _by_id(old, "edges"), _by_id(new, "edges"), EDGE.of)
    comparer.parts("step", _steps(old), _steps(new), STEP.of)
    comparer.parts("aws", _services(old), _services(new), SERVICE.of)
    return sorted(
        comparer.changes, key=lambda c: (PARTS.index(c.part), _STATUS_ORDER.index(c.status))
    )


PARTS = ["text", "diagram", "node", "group", "edge", "step", "aws"]
# Within each kind of part: what was added, then removed, then changed (the order the
# statuses are declared in, which the reports have always followed).
_STATUS_ORDER = (Status.ADDED, Status.REMOVED, Status.CHANGED)


class _Comparer:
    def __init__(self, language: str) -> None:
        self.language = language
        self.changes: list[PartChange] = []

    def texts(self, old: Stage | None, new: Stage | None) -> None:
        before = _stage_texts(old, self.language) if old else {}
        after = _stage_texts(new, self.language) if new else {}
        self.parts("text", before, after, lambda value, _: {"text": value})

    def parts(
        self, part: str, before: dict[str, Any], after: dict[str, Any], fields: Fields
    ) -> None:
        for part_id, new in after.items():
            new_fields = fields(new, self.language)
            if part_id not in before:
                self.changes.append(
                    PartChange(part, part_id, Status.ADDED, _label_of(new, self.language))
                )
                continue
            old_fields = fields(before[part_id], self.language)
            changed = tuple(
                FieldChange(name, old_fields.get(name, ""), value)
                for name, value in new_fields.items()
                if old_fields.get(name, "") != value
            )
            if changed:
                self.changes.append(
                    PartChange(
                        part, part_id, Status.CHANGED, _label_of(new, self.language), changed
                    )
                )
        for part_id, old in before.items():
            if part_id not in after:
                self.changes.append(
                    PartChange(part, part_id, Status.REMOVED, _label_of(old, self.language))
                )


def _by_id(stage: Stage | None, attribute: str) -> dict[str, Any]:
    return {part.id: part for part in getattr(stage, attribute)} if stage else {}


def _diagram(stage: Stage | None) -> dict[str, Stage]:
    """The stage's layout settings, one part named by the stage."""
    return {stage.id: stage} if stage else {}


def _steps(stage: Stage | None) -> dict[str, Any]:
    return {str(step.number): step for step in stage.steps} if stage else {}


def _services(stage: Stage | None) -> dict[str, AwsService]:
    return {service.service: service for service in stage.aws} if stage else {}


def _stage_texts(stage: Stage, language: str) -> dict[str, str]:
    texts = {text.name: text.text(getattr(stage, text.attribute), language) for text in STAGE_TEXTS}
    if stage.summary:
        texts["summary"] = stage.summary.get(language)
    texts.update({f"note {n}": note.get(language) for n, note in enumerate(stage.notes, 1)})
    return texts


def _label_of(part: Any, language: str) -> str:
    """What the report calls a part: its label, its text, a stage text itself, or for a
    stage's diagram its settings ('direction LR, splines ortho, wrap 16')."""
    if isinstance(part, Stage):
        settings = DIAGRAM.of(part, language).items()
        return ", ".join(f"{name} {value}" for name, value in settings if value)
    label = getattr(part, "label", None)
    if isinstance(label, Text):
        return label.get(language)
    if isinstance(part, str):
        return part
    text = getattr(part, "text", None)
    return text.get(language) if isinstance(text, Text) else ""


def diff_stage_graph(diff: StageDiff, base: Stage | None, head: Stage | None) -> Stage:
    """The stage to draw for a diff: head's layout, marked, with removed parts as ghosts."""
    status = {(c.part, c.id): c.status for c in diff.changes}
    if head is None:  # the whole stage is gone: draw the base, all of it a ghost
        assert base is not None
        return _every_part_as(base, _DRAWN_AS[Status.REMOVED])

    def drawn(part: str, part_id: str) -> Change:
        return _DRAWN_AS[status.get((part, part_id))]

    nodes = [replace(node, change=drawn("node", node.id)) for node in head.nodes]
    groups = [replace(group, change=drawn("group", group.id)) for group in head.groups]
    edges = [replace(edge, change=drawn("edge", edge.id)) for edge in head.edges]
    if base is not None:
        ghosts = [
            replace(node, change=drawn("node", node.id))
            for node in base.nodes
            if status.get(("node", node.id)) is Status.REMOVED
        ]
        nodes += ghosts
        groups = _place_ghosts(groups, ghosts, base)
        edges += [
            replace(edge, change=drawn("edge", edge.id), step_numbers=())
            for edge in base.edges
            if status.get(("edge", edge.id)) is Status.REMOVED
        ]
    return replace(head, nodes=tuple(nodes), groups=tuple(groups), edges=tuple(edges), parent=None)


def _place_ghosts(
    groups: list[StageGroup], ghosts: Iterable[StageNode], base: Stage
) -> list[StageGroup]:
    """A removed node is drawn in the group it was in, when that group still exists."""
    by_id = {group.id: group for group in groups}
    for ghost in ghosts:
        old_group = next((g for g in base.groups if ghost.id in g.members), None)
        if old_group and old_group.id in by_id:
            group = by_id[old_group.id]
            by_id[group.id] = replace(group, members=(*group.members, ghost.id))
    return [by_id[group.id] for group in groups]


def _every_part_as(stage: Stage, change: Change) -> Stage:
    """The stage with every part marked ``change``: a stage gone is drawn all ghosts."""
    return replace(
        stage,
        parent=None,
        nodes=tuple(replace(n, change=change) for n in stage.nodes),
        groups=tuple(replace(g, change=change) for g in stage.groups),
        edges=tuple(replace(e, change=change, step_numbers=()) for e in stage.edges),
    )
