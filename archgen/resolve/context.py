"""What every part of building one stage reads: its spec, its parent, the problems so far."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TypeVar

from archgen.diagnostics import Diagnostic
from archgen.resolve.stage import Change, Stage, StageEdge, StageGroup, StageNode
from archgen.spec.load import LoadedSpec
from archgen.spec.model import Spec

Part = TypeVar("Part", StageNode, StageGroup, StageEdge)


@dataclass
class Parts:
    """The stage's graph while it is built, each part by id, in the order declared."""

    nodes: dict[str, StageNode]
    groups: dict[str, StageGroup]
    edges: dict[str, StageEdge]

    def edges_at(self, part_id: str) -> list[StageEdge]:
        """The edges that start or end at ``part_id``."""
        return [edge for edge in self.edges.values() if part_id in (edge.source, edge.target)]


@dataclass
class StageContext:
    """One spec being resolved against its parent stage, and every problem found in it."""

    item: LoadedSpec
    parent: Stage | None
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def spec(self) -> Spec:
        return self.item.spec

    def error(self, message: str, *path: str | int, key: bool = False) -> None:
        self.problems.append(Diagnostic(self.item.locate(*path, key=key), message))

    def parents_nodes(self) -> dict[str, StageNode]:
        """The parent's nodes, each marked inherited until the spec says otherwise."""
        nodes = self.parent.nodes if self.parent else ()
        return {node.id: replace(node, change=Change.INHERITED) for node in nodes}

    def parents_groups(self) -> dict[str, StageGroup]:
        groups = self.parent.groups if self.parent else ()
        return {group.id: replace(group, change=Change.INHERITED) for group in groups}

    def parents_edges(self) -> dict[str, StageEdge]:
        """The parent's edges, without its step numbers: steps are the stage's own."""
        edges = self.parent.edges if self.parent else ()
        return {edge.id: replace(edge, change=Change.INHERITED, step_numbers=()) for edge in edges}

    def declared_ids(self) -> set[str]:
        """Ids the spec declares, even those too broken to resolve: edges to a node with
        an unknown kind are not reported again as dangling."""
        return {*self.spec.nodes, *self.spec.groups}

    @property
    def change_if_new(self) -> Change:
        """The mark of a part the parent lacks: NEW, or INHERITED in a stage without a
        parent, where nothing is new. Parts are built with their likely mark (this, or
        INHERITED where the parent has the part) and ``marked`` replaces only a wrong
        one: making every part twice would double the time a large stage resolves in."""
        return Change.NEW if self.parent else Change.INHERITED

    def marked(self, before: Part | None, after: Part) -> Part:
        """``after`` marked against ``before``, the part as the parent has it: NEW for
        what the parent lacks, CHANGED where a field differs, else INHERITED.

        The two differ at most in the fields the spec may set, so comparing them whole
        compares exactly those.
        """
        change = self._change(before, after)
        return after if after.change is change else replace(after, change=change)

    def _change(self, before: Part | None, after: Part) -> Change:
        if self.parent is None:
            return Change.INHERITED
        if before is None:
            return Change.NEW
        if after.change is before.change:
            same = after == before
        else:
            same = replace(after, change=before.change) == before
        return Change.INHERITED if same else Change.CHANGED

    def edge_path(self, edge: StageEdge) -> tuple[str | int, ...]:
        """Where the spec declares ``edge``, or its 'edges' key when it is inherited."""
        for index, declared in enumerate(self.spec.edges):
            if edge.source in declared.source and edge.target in declared.target:
                return ("edges", index)
        return ("edges",) if self.spec.edges else ("extends",)
