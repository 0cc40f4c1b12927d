"""The layout keys checked against the whole graph: tiers, group directions, ports.

Each refusal says why Graphviz (dot 2.43) could not draw what was asked; the rules and
the measurements behind them are in docs/spec-format.md ("Layout control").
"""

from __future__ import annotations

from itertools import pairwise

from archgen.diagnostics import suggest
from archgen.resolve.context import Parts, StageContext
from archgen.resolve.stage import StageEdge
from archgen.resolve.styles import stage_splines
from archgen.spec.model import Direction

# The axis each direction runs along.
_AXIS = {"LR": "x", "RL": "x", "TB": "y", "BT": "y"}


def runs_along(group_direction: Direction, diagram_direction: Direction) -> bool:
    """Whether a group's direction runs along the diagram's flow (its ranks), not across."""
    return _AXIS[group_direction] == _AXIS[diagram_direction]


def resolve_tiers(context: StageContext, parts: Parts) -> tuple[tuple[str, ...], ...]:
    """The spec's own tiers, checked; else the parent's, without the nodes removed since.

    A node the spec removes is dropped from an inherited tier (the spec took it out on
    purpose); the spec's own tiers must name nodes the stage has.
    """
    if "tiers" not in context.spec.model_fields_set:
        inherited = context.parent.tiers if context.parent else ()
        kept = (tuple(n for n in tier if n in parts.nodes) for tier in inherited)
        tiers = tuple(tier for tier in kept if tier)
        _check_tiers_drawable(context, parts, tiers, ("extends",))
        return tiers
    seen: dict[str, int] = {}
    for number, tier in enumerate(context.spec.tiers, start=1):
        for position, node_id in enumerate(tier):
            problem = _tier_member_problem(context, parts, node_id, number, seen)
            if problem:
                context.error(problem, "tiers", number - 1, position)
            seen.setdefault(node_id, number)
    if not context.problems:
        _check_tiers_drawable(context, parts, context.spec.tiers, None)
    return context.spec.tiers


def _tier_member_problem(
    context: StageContext, parts: Parts, node_id: str, number: int, seen: dict[str, int]
) -> str | None:
    if node_id in seen:
        where = "twice in that tier" if seen[node_id] == number else f"in tier {seen[node_id]} too"
        return f"tier {number} lists '{node_id}', which is {where}; a node is on one tier only"
    if node_id in parts.groups:
        return (
            f"tier {number} lists group '{node_id}'; a tier lists nodes: name the group's "
            "nodes, or give the group a 'direction'"
        )
    if node_id in context.spec.remove:
        return f"tier {number} lists '{node_id}', which this spec removes"
    if node_id not in parts.nodes:
        if node_id in context.declared_ids():
            return None  # a node too broken to resolve, reported where it is declared
        return f"tier {number} lists unknown node '{node_id}'{suggest(node_id, parts.nodes)}"
    return None


def _check_tiers_drawable(
    context: StageContext,
    parts: Parts,
    tiers: tuple[tuple[str, ...], ...],
    inherited_at: tuple[str] | None,
) -> None:
    """A tier's nodes share one group (or none), which has no 'direction' of its own.

    Graphviz 2.43 puts nodes of different clusters on one rank by pulling them out of
    their clusters, silently (measured); and a group with a direction already places
    its members on ranks of its own.
    """
    owner = {member: group.id for group in parts.groups.values() for member in group.members}
    for number, tier in enumerate(tiers, start=1):
        groups = [owner.get(node_id) for node_id in tier]
        odd = next((i for i, group in enumerate(groups) if group != groups[0]), None)
        problem = None
        if odd is not None:
            problem = (
                f"tier {number} puts '{tier[0]}' ({_inside(groups[0])}) and '{tier[odd]}' "
                f"({_inside(groups[odd])}) on one rank; Graphviz would pull them out of "
                "their groups, so a tier's nodes must share one group"
            )
        elif groups[0] is not None and parts.groups[groups[0]].direction:
            odd = 0
            problem = (
                f"tier {number} lists nodes of group '{groups[0]}', which lays out its "
                "members by its 'direction'; use the tier or the direction, not both"
            )
        if problem and odd is not None:
            if inherited_at:
                context.error(f"the inherited {problem}", *inherited_at)
            else:
                context.error(problem, "tiers", number - 1, odd)


def _inside(group_id: str | None) -> str:
    return f"in group '{group_id}'" if group_id else "outside any group"


def check_group_directions(context: StageContext, parts: Parts, direction: Direction) -> None:
    """A group's members go on one rank when its direction runs across the diagram's,
    and a group cannot be put on a rank: such a group may hold nodes only."""
    for group in parts.groups.values():
        if group.direction is None or runs_along(group.direction, direction):
            continue
        inner = next((m for m in group.members if m in parts.groups), None)
        if inner is None:
            continue
        declared = context.spec.groups.get(group.id)
        path: tuple[str, ...] = ("extends",)
        if declared is not None:
            path = ("groups", group.id, "direction") if declared.direction else ("groups", group.id)
        context.error(
            f"group '{group.id}' runs {group.direction} across the diagram's {direction}, "
            f"which puts its members on one rank, and its member group '{inner}' cannot "
            "be put on a rank; give it nodes only, or a direction along the diagram's",
            *path,
        )


def check_ports(
    context: StageContext,
    parts: Parts,
    tiers: tuple[tuple[str, ...], ...],
    direction: Direction,
) -> None:
    """Ports where dot 2.43 draws them: on a node (an edge to a group is drawn to the
    group's border), not between two nodes put side by side on one rank, and not with
    orthogonal routing."""
    neighbours = _side_by_side(parts, tiers, direction)
    ortho = stage_splines(context) == "ortho"
    for edge in parts.edges.values():
        ends = (
            ("from", "leaves", edge.source, edge.from_port),
            ("to", "enters", edge.target, edge.to_port),
        )
        for end, verb, endpoint, port in ends:
            if port is not None and endpoint in parts.groups:
                context.error(
                    f"edge '{edge.id}' {verb} group '{endpoint}' at its {end}_port "
                    f"'{port}'; a port is a side of a node, and an edge to a group is "
                    "drawn to the group's border",
                    *_port_path(context, edge, end),
                )
        if not (edge.from_port or edge.to_port):
            continue
        first_port = _port_path(context, edge, "from" if edge.from_port else "to")
        rank = neighbours.get(frozenset((edge.source, edge.target)))
        if rank is not None:
            context.error(
                f"edge '{edge.id}' has a port, but {rank} puts '{edge.source}' and "
                f"'{edge.target}' side by side on one rank, where Graphviz (dot 2.43) draws "
                "an edge with ports broken or not at all; drop its from_port and to_port, "
                "or list a node between the two",
                *first_port,
            )
        elif ortho:
            context.error(
                f"edge '{edge.id}' has a port, but with 'splines: ortho' Graphviz (dot "
                "2.43) ignores ports, drawing the edge through its node or not at all; "
                "use splines 'spline' or 'polyline', or drop its from_port and to_port",
                *first_port,
            )


def _side_by_side(
    parts: Parts, tiers: tuple[tuple[str, ...], ...], direction: Direction
) -> dict[frozenset[str], str]:
    """The pairs of nodes archgen puts next to each other on one rank, each with what
    puts them there: a tier, or a group whose direction runs across the diagram's.

    dot 2.43 draws an edge with a port between two such nodes as a stub beside them, a
    single point or a line through both, and crashes on some sides (measured for every
    pair of sides, docs/spec-format.md "Ports"); with a node between them it draws
    every pair of sides."""
    ranks = [(f"tier {number}", tier) for number, tier in enumerate(tiers, start=1)]
    for group in parts.groups.values():
        if group.direction is not None and not runs_along(group.direction, direction):
            ranks.append((f"group '{group.id}' (direction {group.direction})", group.members))
    return {frozenset(pair): what for what, members in ranks for pair in pairwise(members)}


def _port_path(context: StageContext, edge: StageEdge, end: str) -> tuple[str | int, ...]:
    path = context.edge_path(edge)
    if len(path) == 2 and f"{end}_port" in context.spec.edges[int(path[1])].model_fields_set:
        return (*path, f"{end}_port")
    return path
