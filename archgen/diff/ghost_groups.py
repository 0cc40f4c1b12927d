"""Removed groups in a diff diagram: drawn as ghosts around the ghosts they held.

``compare.diff_stage_graph`` draws head's groups, a removed node inside the group it
was in when that group is still there, and every removed edge; an edge removed with
the group it pointed at then names a group the diagram lacks (compile could not draw
it). Here a removed group comes back as a ghost holding what it held that is drawn as
a ghost and in no other group: removed nodes, removed groups. A removed edge whose end
is still not drawn (a group that held only parts still drawn elsewhere) is left out of
the picture; the report's table lists it all the same.
"""

from __future__ import annotations

from dataclasses import replace

from archgen.diff.compare import StageDiff, Status
from archgen.resolve.stage import Change, Stage, StageGroup, first_node


def with_ghost_groups(drawn: Stage, diff: StageDiff, base: Stage | None) -> Stage:
    """``drawn`` (a diff stage graph) with the removed groups as ghosts."""
    if base is None:
        return drawn
    statuses = diff.drawn_statuses()  # its own changes and those it inherits
    removed = {i for (part, i), s in statuses.items() if part == "group" and s is Status.REMOVED}
    removed -= {group.id for group in drawn.groups}  # a stage gone is drawn whole already
    held = {member for group in drawn.groups for member in group.members}
    ghosts = {n.id for n in drawn.nodes if n.change is Change.REMOVED and n.id not in held}
    groups = list(drawn.groups)
    for group in base.groups:
        if group.id in removed:
            members = tuple(m for m in group.members if m in ghosts or m in removed)
            groups.append(replace(group, change=Change.REMOVED, members=members))
    groups = _with_nodes(groups)
    ends = {node.id for node in drawn.nodes} | {group.id for group in groups}
    edges = tuple(e for e in drawn.edges if e.source in ends and e.target in ends)
    return replace(drawn, groups=tuple(groups), edges=edges)


def _with_nodes(groups: list[StageGroup]) -> list[StageGroup]:
    """The groups that hold a node, however deep, each naming only such groups."""
    by_id = {group.id: group for group in groups}
    kept = {g.id for g in groups if first_node(g.id, by_id) is not None}
    return [
        replace(g, members=tuple(m for m in g.members if m not in by_id or m in kept))
        for g in groups
        if g.id in kept
    ]
