"""``remove:``: inherited parts taken out of a stage, with what hangs on them."""

from __future__ import annotations

from dataclasses import replace

from archgen.diagnostics import suggest
from archgen.resolve.context import Parts, StageContext
from archgen.resolve.stage import Change
from archgen.spec.strings import shown


def remove_parts(context: StageContext, parts: Parts) -> tuple[str, ...]:
    """Take out each id the spec lists under ``remove``; return the ids removed.

    A node goes with its edges; a group with its edges, its members moving one level up;
    an edge id or name takes every edge it names. Members left pointing at nothing are
    dropped from their groups.
    """
    removable = [*parts.nodes, *parts.groups, *parts.edges]
    removed: list[str] = []
    for index, target in enumerate(context.spec.remove):
        problem = _not_removable(context, target, removed)
        if problem:
            context.error(problem, "remove", index)
            continue
        if target in parts.nodes:
            _remove_node(context, parts, target)
        elif target in parts.groups:
            _remove_group(parts, target)
        elif not _remove_named_edges(parts, target):
            context.error(
                f"cannot remove {shown(target)}: no inherited node, group or edge has "
                f"this id{suggest(target, removable)}",
                "remove",
                index,
            )
            continue
        removed.append(target)
    _drop_missing_members(parts)
    return tuple(removed)


def _not_removable(context: StageContext, target: str, removed: list[str]) -> str | None:
    """Why ``target`` cannot be removed although a part has that id: listed twice, or
    declared by this very spec (which took it out again without a word)."""
    if target in removed:
        return f"{shown(target)} is listed twice in 'remove'"
    spec = context.spec
    declared = {*spec.nodes, *spec.groups, *(edge.id for edge in spec.edges if edge.id)}
    if target in declared and target not in _inherited_ids(context):
        return (
            f"cannot remove '{target}': this spec declares it, and 'remove' takes out "
            "inherited parts only; delete its declaration instead"
        )
    return None


def _inherited_ids(context: StageContext) -> set[str]:
    parent = context.parent
    if parent is None:
        return set()
    edges = {name for edge in parent.edges for name in (edge.id, edge.name) if name}
    return {*(n.id for n in parent.nodes), *(g.id for g in parent.groups), *edges}


def _remove_node(context: StageContext, parts: Parts, node_id: str) -> None:
    del parts.nodes[node_id]
    for edge in parts.edges_at(node_id):
        if edge.change is not Change.INHERITED:  # this spec drew it: a mistake
            context.error(
                f"edge '{edge.id}' goes to '{node_id}', which this spec removes",
                *context.edge_path(edge),
            )
        del parts.edges[edge.id]


def _remove_group(parts: Parts, group_id: str) -> None:
    gone = parts.groups.pop(group_id)
    for edge in parts.edges_at(group_id):
        del parts.edges[edge.id]
    outer = next((g for g in parts.groups.values() if group_id in g.members), None)
    if outer:  # the removed group's members stay, one level up
        members = [m for m in outer.members if m != group_id] + list(gone.members)
        parts.groups[outer.id] = replace(outer, members=tuple(members))


def _remove_named_edges(parts: Parts, target: str) -> bool:
    """Remove the edges with ``target`` as id or name; whether there were any."""
    named = [edge for edge in parts.edges.values() if target in (edge.id, edge.name)]
    for edge in named:
        del parts.edges[edge.id]
    return bool(named)


def _drop_missing_members(parts: Parts) -> None:
    for group_id, group in parts.groups.items():
        kept = tuple(m for m in group.members if m in parts.nodes or m in parts.groups)
        parts.groups[group_id] = replace(group, members=kept)
