"""Layout control: the order parts are drawn in, tiers, group directions and ports.

What a spec says about layout becomes DOT that Graphviz's ``dot`` honours; the rules,
and the measurements behind them, are in docs/spec-format.md ("Layout control").

The order of statements: Graphviz places parts that nothing else decides in the order
it first meets them, so archgen writes them in the spec's order, as diagrams writes a
Python program's statements. The parts outside any group are drawn walking the stage's
nodes in order (inherited nodes first, in the parent's order, then the spec's own, as
``nodes`` lists them): a node outside any group is drawn where it is met, a node inside
a group brings in its outermost group there, the whole group at once, each group's
members in the order ``members`` lists them. Edges come after every node and group.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from archgen.draw.dot import DotGraph
from archgen.resolve.stage import Stage, StageEdge, StageGroup, first_node
from archgen.spec.layout import COMPASS


def top_level_order(stage: Stage) -> Iterator[str]:
    """The ids of the parts outside any group (nodes and groups), in drawing order.

    A group that holds no node, however deep, is never met through a node; Graphviz
    would not draw it either, and it follows the others in the stage's group order.
    """
    owner = {member: group.id for group in stage.groups for member in group.members}
    drawn: set[str] = set()
    for node in stage.nodes:
        outermost = _outermost(node.id, owner)
        if outermost not in drawn:
            drawn.add(outermost)
            yield outermost
    for group in stage.groups:
        if group.id not in owner and group.id not in drawn:
            yield group.id


def _outermost(part_id: str, owner: dict[str, str]) -> str:
    """The group around ``part_id`` that no group holds, or ``part_id`` itself.

    Resolve refuses groups in a cycle; the walk stops at a repeat all the same."""
    seen = {part_id}
    while part_id in owner and owner[part_id] not in seen:
        part_id = owner[part_id]
        seen.add(part_id)
    return part_id


# Along the ranks, an invisible edge puts its head a rank after its tail: right of it
# in an LR diagram, left in RL, below in TB, above in BT. Across them, the nodes of one
# rank joined by invisible edges are placed tail first: left to right in TB and BT, and
# in LR and RL top to bottom at the top level but bottom to top inside a cluster
# (measured with dot 2.43, at every depth of nesting).
_ACROSS = {"LR": "TB", "RL": "TB", "TB": "LR", "BT": "LR"}
_OPPOSITE = {"LR": "RL", "RL": "LR", "TB": "BT", "BT": "TB"}
# How hard an invisible chain along the ranks pulls its nodes into a straight line.
CHAIN_WEIGHT = "10"


def arrange(graph: DotGraph, stage: Stage, group: StageGroup | None) -> None:
    """Write into ``graph`` the statements that lay out the parts directly inside
    ``group`` (the top level for None): its tiers, and its members by its direction."""
    for rank in ranks(stage, group):
        _one_rank(graph, rank)
    if group is None or group.direction is None:
        return
    members = _members(stage, group)
    if group.direction == stage.direction:
        _chain(graph, members)
    elif group.direction == _OPPOSITE[stage.direction]:
        _chain(graph, members[::-1])


def ranks(stage: Stage, group: StageGroup | None) -> Iterator[list[str]]:
    """The ranks archgen makes directly inside ``group``, each as the chain of nodes
    written into the DOT text, tail first: its tiers, and its members when its
    direction runs across the diagram's."""
    flipped = group is not None and stage.direction in ("LR", "RL")
    if stage.tiers:  # the owners are looked up only then: a stage may have many groups
        group_id = group.id if group else None
        owner = {member: g.id for g in stage.groups for member in g.members}
        for tier in stage.tiers:
            if owner.get(tier[0]) == group_id:
                yield _as_written(list(tier), flipped)
    if group is not None and group.direction is not None:
        if group.direction == _ACROSS[stage.direction]:
            yield _as_written(_members(stage, group), flipped)
        elif group.direction == _OPPOSITE[_ACROSS[stage.direction]]:
            yield _as_written(_members(stage, group)[::-1], flipped)


def _as_written(node_ids: list[str], flipped: bool) -> list[str]:
    """A rank's chain as written: ``node_ids`` left to right or top to bottom, reversed
    where dot places such a chain bottom to top (inside a cluster of an LR diagram)."""
    return node_ids[::-1] if flipped else node_ids


def _members(stage: Stage, group: StageGroup) -> list[str]:
    groups = {g.id: g for g in stage.groups}
    anchors = (_anchor(member, groups) for member in group.members)
    return [anchor for anchor in anchors if anchor is not None]


def _anchor(member: str, groups: dict[str, StageGroup]) -> str | None:
    """The node that stands for a member: itself, or a member group's first node (none
    for a group left empty by ``remove``, which Graphviz does not draw)."""
    return first_node(member, groups) if member in groups else member


def _one_rank(graph: DotGraph, chain: list[str]) -> None:
    """``{rank=same; a; b; a -> b [style=invis]}``: one rank, its nodes in chain order."""
    rank = DotGraph("", {"rank": "same"})
    for node_id in chain:
        rank.mention(node_id)
    _chain(rank, chain, weight=None)
    graph.subgraph(rank)


def _chain(graph: DotGraph, node_ids: list[str], weight: str | None = CHAIN_WEIGHT) -> None:
    attrs = {"style": "invis"}
    if weight:
        attrs["weight"] = weight
    for tail, head in pairwise(node_ids):
        graph.edge(tail, head, attrs)


class RankOrder:
    """Where each node stands in a rank archgen makes (a tier, a group across the
    flow), so that the spec's own edges do not undo the order written.

    Two passes of dot 2.43 reorder such a rank (measured, docs/spec-format.md, "Group
    direction"): its last crossing pass over the whole graph ('remincross') ignores
    the order of nodes inside a cluster, so a rank inside a group needs that pass off;
    and an edge between two nodes of one rank is an order of its own, tail before
    head, unless its weight is 0 (what 'constraint=false' sets), so an edge against
    the written order is written without that weight.
    """

    def __init__(self, stage: Stage) -> None:
        self.place: dict[str, tuple[int, int]] = {}
        self.in_cluster = False
        scopes: list[StageGroup | None] = [None, *stage.groups]
        made = [(scope, rank) for scope in scopes for rank in ranks(stage, scope)]
        for number, (scope, rank) in enumerate(made):
            self.place.update({node: (number, i) for i, node in enumerate(rank)})
            self.in_cluster = self.in_cluster or scope is not None

    def graph_attrs(self) -> dict[str, str]:
        return {"remincross": "false"} if self.in_cluster else {}

    def edge_attrs(self, tail: str, head: str) -> dict[str, str]:
        """'constraint=false' for an edge whose head comes before its tail on one rank."""
        tail_place, head_place = self.place.get(tail), self.place.get(head)
        if tail_place is None or head_place is None or tail_place[0] != head_place[0]:
            return {}
        return {"constraint": "false"} if tail_place[1] > head_place[1] else {}


def port_attrs(edge: StageEdge) -> dict[str, str]:
    """The compass points an edge leaves and enters its nodes by, where the spec says."""
    attrs = {}
    if edge.from_port:
        attrs["tailport"] = COMPASS[edge.from_port]
    if edge.to_port:
        attrs["headport"] = COMPASS[edge.to_port]
    return attrs
