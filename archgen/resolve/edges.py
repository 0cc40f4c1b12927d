"""A stage's edges and steps: fan-out expanded, redeclared edges merged over the
parent's, parallel edges numbered, and each step bound to the edges it numbers."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from archgen.diagnostics import suggest
from archgen.resolve.context import StageContext
from archgen.resolve.stage import StageEdge, StageGroup, StageNode, StageStep
from archgen.spec.limits import MAX_STEPS_PER_EDGE
from archgen.spec.model import Edge
from archgen.spec.strings import shown

# What a spec may set on an edge; the rest (id, name, ends) places it.
_DRAWN_FIELDS = ("label", "style", "color", "direction", "constraint", "from_port", "to_port")


def resolve_edges(
    context: StageContext, nodes: dict[str, StageNode], groups: dict[str, StageGroup]
) -> dict[str, StageEdge]:
    return _EdgeResolver(context, {*nodes, *groups, *context.declared_ids()}).resolve()


class _EdgeResolver:
    def __init__(self, context: StageContext, endpoints: set[str]) -> None:
        self.context = context
        self.endpoints = endpoints
        self.edges = context.parents_edges()
        self.mergeable_pairs = set(self.edges)  # each inherited pair takes one redeclaration
        self.parents_names = {edge.name for edge in self.edges.values() if edge.name}

    def resolve(self) -> dict[str, StageEdge]:
        own_names: set[str] = set()
        for index, declared in enumerate(self.context.spec.edges):
            if declared.id and declared.id in own_names:
                self.context.error(f"edge id '{declared.id}' is used twice", "edges", index, "id")
            if declared.id:
                own_names.add(declared.id)
            if not self.endpoints_exist(declared.source, "from", index) or (
                not self.endpoints_exist(declared.target, "to", index)
            ):
                continue
            if declared.id in self.parents_names:
                self.merge_named(declared)
                continue
            for source in declared.source:
                for target in declared.target:
                    self.add_pair(declared, source, target)
        return self.edges

    def endpoints_exist(self, ids: tuple[str, ...], key: str, index: int) -> bool:
        missing = [(position, i) for position, i in enumerate(ids) if i not in self.endpoints]
        for position, endpoint in missing:
            path = ("edges", index, key, position) if len(ids) > 1 else ("edges", index, key)
            self.context.error(
                f"edge {key} '{endpoint}', which is no node or group"
                f"{suggest(endpoint, self.endpoints)}",
                *path,
            )
        return not missing

    def add_pair(self, declared: Edge, source: str, target: str) -> None:
        pair = f"{source}->{target}"
        existing = self.edges.get(pair)
        # The spec's edge updates the inherited one of the same pair, unless it names
        # itself differently: then it is a second edge beside it.
        renamed = declared.id is not None and existing is not None and declared.id != existing.name
        if existing and pair in self.mergeable_pairs and not renamed:
            self.mergeable_pairs.discard(pair)
            self.edges[pair] = self.merged(existing, declared)
            return
        edge_id, copy = pair, 1
        while edge_id in self.edges:
            copy += 1
            edge_id = f"{pair}#{copy}"
        self.edges[edge_id] = StageEdge(
            edge_id,
            declared.id,
            source,
            target,
            change=self.context.change_if_new,
            **_drawn_fields(declared, None),
        )

    def merge_named(self, declared: Edge) -> None:
        """An edge named like the parent's (``id:``) updates every pair of that name."""
        for edge_id, parents_edge in list(self.edges.items()):
            if parents_edge.name == declared.id:
                self.edges[edge_id] = self.merged(parents_edge, declared)

    def merged(self, parents_edge: StageEdge, declared: Edge) -> StageEdge:
        edge = replace(parents_edge, **_drawn_fields(declared, parents_edge))
        return self.context.marked(parents_edge, edge)


def _drawn_fields(declared: Edge, parents_edge: StageEdge | None) -> dict[str, Any]:
    """The edge's drawable fields: what the spec sets, over what the parent had."""
    given = declared.model_fields_set
    return {
        name: getattr(declared, name)
        for name in _DRAWN_FIELDS
        if name in given or parents_edge is None
    }


def number_steps(context: StageContext, edges: dict[str, StageEdge]) -> tuple[StageStep, ...]:
    """The spec's steps, numbered from 1; each number is written onto its edges in place."""
    steps = []
    for number, declared in enumerate(context.spec.steps, start=1):
        bound: tuple[str, ...] = ()
        if declared.edge is not None:
            bound = _bound_edges(context, edges, declared.edge, number)
        for edge_id in bound:
            edge = edges[edge_id]
            if len(edge.step_numbers) == MAX_STEPS_PER_EDGE:
                _too_many_steps(context, edge, number)
            edges[edge_id] = replace(edge, step_numbers=(*edge.step_numbers, number))
        steps.append(StageStep(number, declared.text, bound))
    return tuple(steps)


def _too_many_steps(context: StageContext, edge: StageEdge, number: int) -> None:
    """The edge's label lists its step numbers, and Graphviz draws a label of 16 KB at
    most; said once per edge, at the first step past the limit."""
    context.error(
        f"step {number} is bound to edge '{edge.name or edge.id}', which already shows "
        f"{MAX_STEPS_PER_EDGE} step numbers, the most an edge can show",
        "steps",
        number - 1,
        "edge",
    )


def _bound_edges(
    context: StageContext, edges: dict[str, StageEdge], edge: str, number: int
) -> tuple[str, ...]:
    """The ids of the edges ``edge`` names (an id, or a name a fan-out shares)."""
    bound = tuple(e.id for e in edges.values() if edge in (e.id, e.name))
    if not bound:
        names = {*edges, *(e.name for e in edges.values() if e.name)}
        context.error(
            f"step {number} is bound to unknown edge {shown(edge)}{suggest(edge, names)}",
            "steps",
            number - 1,
            "edge",
        )
    return bound
