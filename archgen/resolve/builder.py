"""One stage built from its spec and its parent stage, with every problem collected.

The parts come in the order each needs the last: nodes, then groups (their members
are nodes), edges (their ends are either), what ``remove:`` takes out, the checks that
need the whole graph, and the steps (bound to edges).
"""

from __future__ import annotations

from archgen.diagnostics import SpecError
from archgen.resolve.context import Parts, StageContext
from archgen.resolve.edges import number_steps, resolve_edges
from archgen.resolve.layout import check_group_directions, check_ports, resolve_tiers
from archgen.resolve.nodes import (
    check_group_endpoints,
    check_groups_hold_something,
    check_membership,
    resolve_groups,
    resolve_nodes,
)
from archgen.resolve.removal import remove_parts
from archgen.resolve.stage import Stage
from archgen.resolve.styles import stage_splines, stage_wrap
from archgen.spec.load import LoadedSpec
from archgen.spec.model import Direction


def build_stage(item: LoadedSpec, parent: Stage | None) -> Stage:
    """The stage ``item`` describes over ``parent``; raise ``SpecError`` with every problem."""
    context = StageContext(item, parent)
    nodes = resolve_nodes(context)
    groups = resolve_groups(context, nodes)
    parts = Parts(nodes, groups, resolve_edges(context, nodes, groups))
    removed = remove_parts(context, parts)
    check_membership(context, parts.groups)
    check_group_endpoints(context, parts.groups, parts.edges)
    check_groups_hold_something(context, parts.groups)
    direction = _direction(context)
    tiers = resolve_tiers(context, parts)
    check_group_directions(context, parts, direction)
    check_ports(context, parts, tiers, direction)
    steps = number_steps(context, parts.edges)
    if context.problems:
        raise SpecError(context.problems)
    spec = item.spec
    return Stage(
        id=spec.id,
        order=spec.order,
        source=item.document.file,
        title=spec.title,
        summary=spec.summary,
        direction=direction,
        nodes=tuple(parts.nodes.values()),
        groups=tuple(parts.groups.values()),
        edges=tuple(parts.edges.values()),
        steps=steps,
        aws=spec.aws,
        notes=spec.notes,
        parent=parent,
        removed=removed,
        tiers=tiers,
        show_title=spec.show_title,
        wrap=stage_wrap(context),
        splines=stage_splines(context),
        spec=item,
    )


def _direction(context: StageContext) -> Direction:
    """The spec's own, else the parent's: the graph is inherited, direction with it."""
    if "direction" in context.spec.model_fields_set or context.parent is None:
        return context.spec.direction
    return context.parent.direction
