"""What changed in the architecture between two sets of specs, part by part.

Parts are matched by id, so a renamed label is a change, not a removal and an
addition; an edge by its spec 'id:' where it has one (``matching``), so a moved end is
a change of that edge. A look-alike removed and added part carries a "renamed?" hint
(``renames``), and a change a stage only carries from the stage it extends is reported
at that stage (``inheritance``). The result feeds three outputs: Markdown for a
pull-request comment, JSON for tools, and a diff diagram per changed stage (see
``diff_stage_graph``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from archgen.diff import inheritance
from archgen.diff.changes import FieldChange, PartChange, StageDiff, Status
from archgen.diff.fields import (
    DIAGRAM,
    EDGE,
    GROUP,
    NODE,
    PARENTS_SETTINGS,
    SERVICE,
    STAGE_TEXTS,
    STEP,
)
from archgen.diff.matching import match_edges
from archgen.diff.renames import hint_renames
from archgen.resolve.stage import Change, Stage, StageGroup, StageNode
from archgen.spec.model import AwsService, Text

# The values live in diff.changes; they are named here too, where callers import them.
__all__ = [
    "FieldChange",
    "PartChange",
    "StageDiff",
    "Status",
    "diff_stage_graph",
    "diff_stages",
]

# How the diff diagram draws a part, by what the diff found for it (None: the same).
_DRAWN_AS: dict[Status | None, Change] = {
    None: Change.INHERITED,
    Status.ADDED: Change.NEW,
    Status.CHANGED: Change.CHANGED,
    Status.REMOVED: Change.REMOVED,
}

Fields = Callable[[Any, str], dict[str, str]]  # a part, a language -> its fields as text


def diff_stages(base: Sequence[Stage], head: Sequence[Stage], language: str) -> list[StageDiff]:
    """The stages that differ, in the head's order, then the removed ones; each stage's
    changes made in a stage it extends are in its ``inherited``, reported there."""
    before = {stage.id: stage for stage in base}
    after = {stage.id: stage for stage in head}
    diffs, carried = [], {}
    for stage in head:
        old = before.get(stage.id)
        comparer = _compare(old, stage, language)
        if old is None or comparer.changes:
            status = Status.ADDED if old is None else Status.CHANGED
            diffs.append(StageDiff(stage.id, stage.title.get(language), status, comparer.changes))
            carried[stage.id] = inheritance.Carried(
                frozenset(comparer.carried), _settings_taken(old, stage)
            )
    for stage in base:
        if stage.id not in after:
            changes = _compare(stage, None, language).changes
            diffs.append(StageDiff(stage.id, stage.title.get(language), Status.REMOVED, changes))
    inheritance.separate(diffs, carried, _parents(before, after))
    return diffs


def _settings_taken(old: Stage | None, new: Stage) -> frozenset[str]:
    """The diagram settings a stage takes from the stage it extends on both sides: the
    ones its spec sets on neither."""
    specs = [side.spec.spec for side in (old, new) if side and side.spec and side.parent]
    if len(specs) < 2:
        return frozenset()
    return frozenset(
        name for name in PARENTS_SETTINGS if not any(name in s.model_fields_set for s in specs)
    )


def _parents(before: dict[str, Stage], after: dict[str, Stage]) -> dict[str, str]:
    """Stage id -> the stage it extends, where it extends the same one on both sides."""
    parents = {}
    for stage_id, new in after.items():
        old = before.get(stage_id)
        if old and old.parent and new.parent and old.parent.id == new.parent.id:
            parents[stage_id] = new.parent.id
    return parents


def _compare(old: Stage | None, new: Stage | None, language: str) -> _Comparer:
    comparer = _Comparer(language)
    comparer.texts(old, new)
    comparer.parts("diagram", _diagram(old), _diagram(new), DIAGRAM.of)
    comparer.parts("node", _by_id(old, "nodes"), _by_id(new, "nodes"), NODE.of)
    comparer.parts("group", _by_id(old, "groups"), _by_id(new, "groups"), GROUP.of)
    comparer.edges(old, new)
    comparer.parts("step", _steps(old), _steps(new), STEP.of)
    comparer.parts("aws", _services(old), _services(new), SERVICE.of)
    comparer.changes = hint_renames(
        sorted(
            comparer.changes, key=lambda c: (PARTS.index(c.part), _STATUS_ORDER.index(c.status))
        ),
        old,
        new,
    )
    return comparer


PARTS = ["text", "diagram", "node", "group", "edge", "step", "aws"]
# Within each kind of part: what was added, then removed, then changed (the order the
# statuses are declared in, which the reports have always followed).
_STATUS_ORDER = (Status.ADDED, Status.REMOVED, Status.CHANGED)


class _Comparer:
    def __init__(self, language: str) -> None:
        self.language = language
        self.changes: list[PartChange] = []
        # The changes whose parts the stage only carries from its parent, on both
        # sides (``Change.INHERITED`` wherever they exist): what inheritance reads.
        self.carried: set[inheritance.Key] = set()

    def texts(self, old: Stage | None, new: Stage | None) -> None:
        before = _stage_texts(old, self.language) if old else {}
        after = _stage_texts(new, self.language) if new else {}
        self.parts("text", before, after, lambda value, _: {"text": value})

    def parts(
        self, part: str, before: dict[str, Any], after: dict[str, Any], fields: Fields
    ) -> None:
        matched = [(part_id, before.get(part_id), new) for part_id, new in after.items()]
        matched += [(part_id, old, None) for part_id, old in before.items() if part_id not in after]
        for part_id, old, new in matched:
            change = self.change(part, part_id, old, new, fields)
            if change is not None:
                self.add(change, _carried(old, new))

    def edges(self, old: Stage | None, new: Stage | None) -> None:
        """Edges matched by their spec 'id:', then by pair; the pairs of one fan-out
        that changed alike are one change, naming the pairs it covers."""
        alike: dict[tuple[Any, ...], PartChange] = {}
        carried: dict[tuple[Any, ...], bool] = {}
        for match in match_edges(old.edges if old else (), new.edges if new else ()):
            change = self.change("edge", match.id, match.before, match.after, EDGE.of)
            edge = match.after or match.before
            if change is None or edge is None:
                continue
            key = (*inheritance.key(change), change.label)
            first = alike.get(key)
            ids = (*first.edge_ids, edge.id) if first else (edge.id,)
            alike[key] = replace(first or change, edge_ids=ids)
            carried[key] = carried.get(key, True) and _carried(match.before, match.after)
        for key, change in alike.items():
            self.add(change, carried[key])

    def change(
        self, part: str, part_id: str, old: Any | None, new: Any | None, fields: Fields
    ) -> PartChange | None:
        """How ``old`` became ``new`` (None: the side lacks it); None when it is the same."""
        if old is None:
            return PartChange(part, part_id, Status.ADDED, _label_of(new, self.language))
        if new is None:
            return PartChange(part, part_id, Status.REMOVED, _label_of(old, self.language))
        old_fields = fields(old, self.language)
        changed = tuple(
            FieldChange(name, old_fields.get(name, ""), value)
            for name, value in fields(new, self.language).items()
            if old_fields.get(name, "") != value
        )
        if not changed:
            return None
        return PartChange(part, part_id, Status.CHANGED, _label_of(new, self.language), changed)

    def add(self, change: PartChange, carried: bool) -> None:
        self.changes.append(change)
        if carried:
            self.carried.add(inheritance.key(change))


def _carried(*sides: Any | None) -> bool:
    """Whether the stage only carries the part from its parent, wherever it has it."""
    return all(getattr(side, "change", None) is Change.INHERITED for side in sides if side)


def _by_id(stage: Stage | None, attribute: str) -> dict[str, Any]:
    return {part.id: part for part in getattr(stage, attribute)} if stage else {}


def _diagram(stage: Stage | None) -> dict[str, Stage]:
    """The stage's layout settings, one part named by the stage."""
    return {stage.id: stage} if stage else {}


def _steps(stage: Stage | None) -> dict[str, Any]:
    """The stage's steps by number, each naming its edges as edges are matched: by the
    spec's 'id:' where an edge has one, so a step bound to a moved edge is unchanged."""
    if stage is None:
        return {}
    names = {edge.id: edge.name or edge.id for edge in stage.edges}
    return {
        str(step.number): replace(
            step, edge_ids=tuple(dict.fromkeys(names.get(e, e) for e in step.edge_ids))
        )
        for step in stage.steps
    }


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
    status = diff.drawn_statuses()
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
