"""Edges and their labels as a reader follows them: labels beside their own line, edges
to a group drawn to the group's box, and a request and its answer side by side.

The rules, and what was measured to choose them (dot 2.43, the twelve stages in both
languages), are in docs/spec-format.md ("Edges and labels in the picture").

* An edge label is a one-cell table with room around its text. dot gives a label a
  node of its own between the ranks and runs the line along that node's side, and may
  run it up to 10 points into it: without room, 139 of 222 labels were touched or
  struck by their own line (closer than 1.5 pt; 194 when the same stages are drawn
  top-down); with 4 points around the text none is, and top-down the line passes a
  median 4.7 points (6 px) from the text.
* An edge to or from a group ends at the group's outline (``lhead``/``ltail``), drawn
  from an invisible point among the group's members, so it meets the box in the middle
  of them instead of in front of its first member. Under ``splines: ortho`` dot does
  not clip edges at a cluster, and a line to an invisible point would end in the box's
  empty middle: there the edge goes to the first member, as before.
* An answer (B -> A after A -> B) is laid out as A -> B with its arrowhead turned, so
  both run the same way for dot's ranks and are drawn side by side instead of one
  looping back around the other.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from archgen.draw import layout
from archgen.resolve.stage import Stage, StageEdge, StageGroup, first_node

# Points of room around an edge label's text (the table cell's padding).
LABEL_PADDING = 4
# How hard a request pulls to be straight; an edge's default weight is 1.
REQUEST_WEIGHT = "3"
# Routings under which dot does not clip an edge at a cluster's border.
_UNCLIPPED_SPLINES = frozenset({"ortho"})
# An anchor's id: a dot is in no spec id, so it names no part of the spec.
_ANCHOR_SUFFIX = ".edges"
_TURNED = {"forward": "back", "back": "forward"}
_REVERSED = {"LR": "RL", "RL": "LR", "TB": "BT", "BT": "TB"}


def padded_label(content: str) -> str:
    """An edge's HTML-like label (``content`` is escaped label markup) with room around it."""
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{LABEL_PADDING}">'
        f"<TR><TD>{content}</TD></TR></TABLE>>"
    )


def anchor_id(group_id: str) -> str:
    return f"{group_id}{_ANCHOR_SUFFIX}"


# What an anchor is drawn as: nothing, taking no room of its own.
ANCHOR_ATTRS = {
    "shape": "point",
    "style": "invis",
    "width": "0",
    "height": "0",
    "fixedsize": "true",
}


class GroupAnchors:
    """The groups an edge starts or ends at, and the point inside each it is drawn to.

    An anchor is written among the group's members and left to dot, which puts it
    where nothing else decides. In a group whose own nodes stand in a rank archgen makes
    (a tier, or a group across the diagram's direction) with its two middle nodes joined
    by an edge, it has no good place: put between them, the edge that joins them arcs
    over it; left to dot, it goes to the rank's end, a node's gap beyond the outermost
    member, and the box grows by that gap (stage 9's DC2 pushed the data-sync label
    across its own border). Such a group's edges are drawn to the rank's busiest node
    (a data center's web servers, where the traffic goes), still clipped at its box.
    (An anchor put in the middle of every such rank was tried: the gaps either side of
    it made the groups a node wider, and stages 5-8 and 12 drew 20 warnings more.)
    """

    def __init__(self, stage: Stage, answers: frozenset[str] = frozenset()) -> None:
        self.groups = {group.id: group for group in stage.groups}
        self.clipped = stage.splines not in _UNCLIPPED_SPLINES
        ends = {end for edge in stage.edges for end in (edge.source, edge.target)}
        sources = {edge.source for edge in stage.edges if edge.source in self.groups}
        degree = _degrees(stage)
        self.ranks = rank_estimate(stage, answers) if self.clipped and sources else {}
        self.leaving = _deepest(self.groups, sources, self.ranks, degree) if self.ranks else {}
        anchored = {
            group_id
            for group_id in ends
            if group_id in self.groups and first_node(group_id, self.groups) is not None
        }
        self.hubs = _hubs(stage, self.groups, anchored) if self.clipped else {}
        self.anchored = anchored - set(self.hubs)

    def members_drawn(self, group: StageGroup) -> list[str]:
        """The group's members in drawing order, with its anchor (if it has one) written
        in the middle of its own nodes: dot keeps the written order where nothing decides
        otherwise, so the anchor comes to lie between them."""
        members = list(group.members)
        if not (self.clipped and group.id in self.anchored):
            return members
        own_nodes = [at for at, member in enumerate(members) if member not in self.groups]
        middle = own_nodes[len(own_nodes) // 2] if own_nodes else len(members)
        return [*members[:middle], anchor_id(group.id), *members[middle:]]

    @staticmethod
    def is_anchor(part_id: str) -> bool:
        return part_id.endswith(_ANCHOR_SUFFIX)

    def start(self, group_id: str, toward: str) -> str:
        """The node an edge from the group to ``toward`` is drawn from.

        Toward a part ranked below the group's last rank, that is the group's node on
        its last rank, and the edge is clipped where it leaves the box: drawn from the
        first rank (the anchor or the busiest node), it ran down inside the box and left
        by its side (stage 11's data centers to the tools, their words 15-45 px off the
        line they labelled). Toward anything else (beside it, as a sync), as to a group.
        """
        deepest = self.leaving.get(group_id)
        other = first_node(toward, self.groups) if toward in self.groups else toward
        if deepest and self.ranks.get(other or "", -1) > self.ranks[deepest]:
            return deepest
        return self.end(group_id)

    def end(self, group_id: str) -> str:
        """The node an edge to the group is drawn to."""
        if group_id in self.hubs:
            return self.hubs[group_id]
        if self.clipped and group_id in self.anchored:
            return anchor_id(group_id)
        node = first_node(group_id, self.groups)
        if node is None:  # resolve refuses such an edge; this would be a bug of ours
            raise ValueError(f"group '{group_id}' holds no node to draw an edge to")
        return node


def _degrees(stage: Stage) -> dict[str, int]:
    """How many edges each part is an end of."""
    degree: dict[str, int] = {}
    for edge in stage.edges:
        for end in (edge.source, edge.target):
            degree[end] = degree.get(end, 0) + 1
    return degree


def _hubs(stage: Stage, groups: dict[str, StageGroup], anchored: set[str]) -> dict[str, str]:
    """Each anchored group whose first rank has its two middle nodes joined by an edge,
    and the rank's node with the most edges (the first such)."""
    degree = _degrees(stage)
    joined = {pair for e in stage.edges for pair in ((e.source, e.target), (e.target, e.source))}
    hubs = {}
    for group_id in sorted(anchored):
        rank = next(iter(layout.ranks(stage, groups[group_id])), [])
        middle = len(rank) // 2
        if len(rank) >= 2 and (rank[middle - 1], rank[middle]) in joined:
            hubs[group_id] = max(rank, key=lambda node_id: degree.get(node_id, 0))
    return hubs


def _deepest(
    groups: dict[str, StageGroup], sources: set[str], ranks: dict[str, int], degree: dict[str, int]
) -> dict[str, str]:
    """Each group an edge leaves whose nodes stand on more than one rank (by ``ranks``),
    and its node on the last of them (the most edges among equals, then the first)."""
    deepest = {}
    for group_id in sorted(sources):
        inside = _nodes_inside(group_id, groups)
        placed = [ranks.get(node_id, 0) for node_id in inside]
        if placed and max(placed) > min(placed):
            order = {node_id: at for at, node_id in enumerate(inside)}
            deepest[group_id] = max(
                inside, key=lambda n: (ranks.get(n, 0), degree.get(n, 0), -order[n])
            )
    return deepest


def _nodes_inside(group_id: str, groups: dict[str, StageGroup]) -> list[str]:
    """The nodes of the group and of the groups inside it, in member order."""
    found, stack, seen = [], [group_id], set()
    while stack:
        current = stack.pop()
        if current in seen:  # groups in a cycle: reported by resolve
            continue
        seen.add(current)
        found += [m for m in groups[current].members if m not in groups]
        stack.extend(reversed([m for m in groups[current].members if m in groups]))
    return found


def rank_estimate(stage: Stage, answers: frozenset[str]) -> dict[str, int]:
    """Each node's rank as dot will roughly give it: the longest path to it from a node
    nothing ranks, along what ranks nodes (edges that pull, an edge to a group counted to
    its first node, an answer turned as it is laid out, chains of groups drawn along the
    diagram's direction), the nodes of a rank archgen makes (a tier, a group across the
    diagram) counted as one. The minimum of dot's network simplex is left out: an
    estimate, good for telling above from below. Kahn's order, linear in the edges; where
    only cycles are left, it goes on from the node with the fewest edges in not walked."""
    groups = {group.id: group for group in stage.groups}
    same = _same_rank(stage)
    heads: dict[str, list[str]] = {same.get(node.id, node.id): [] for node in stage.nodes}
    waiting = dict.fromkeys(heads, 0)
    for tail, head in _ranking_pairs(stage, groups, answers):
        tail, head = same.get(tail, tail), same.get(head, head)
        if tail in heads and head in heads and tail != head:
            heads[tail].append(head)
            waiting[head] += 1
    ranks = dict.fromkeys(heads, 0)
    left = dict(waiting)  # not yet placed -> edges into it not yet walked
    ready = [node_id for node_id, count in waiting.items() if count == 0]
    while left:
        if not ready:  # only cycles are left: go on from the least held-up node
            ready.append(min(left, key=left.__getitem__))
        tail = ready.pop()
        if left.pop(tail, None) is None:
            continue
        for head in heads[tail]:
            if head in left:  # an edge back to a node already placed is the cycle's
                ranks[head] = max(ranks[head], ranks[tail] + 1)
                left[head] -= 1
                if left[head] == 0:
                    ready.append(head)
    return {node.id: ranks[same.get(node.id, node.id)] for node in stage.nodes}


def _same_rank(stage: Stage) -> dict[str, str]:
    """Each node of a rank archgen makes -> the one node that stands for that rank (ranks
    that share a node are one rank: a union-find over their nodes)."""
    parent: dict[str, str] = {}

    def root(node_id: str) -> str:
        while parent.get(node_id, node_id) != node_id:
            parent[node_id] = parent.get(parent[node_id], parent[node_id])  # halve the path
            node_id = parent[node_id]
        return node_id

    ranked: set[str] = set()
    for scope in [None, *stage.groups]:
        for rank in layout.ranks(stage, scope):
            ranked.update(rank)
            for node_id in rank[1:]:
                parent[root(node_id)] = root(rank[0])
    return {node_id: root(node_id) for node_id in ranked}


def _ranking_pairs(
    stage: Stage, groups: dict[str, StageGroup], answers: frozenset[str]
) -> list[tuple[str, str]]:
    """(tail, head) node pairs that put the head a rank after the tail."""

    def node(part_id: str) -> str:
        return (first_node(part_id, groups) or part_id) if part_id in groups else part_id

    pairs = [
        (node(edge.target), node(edge.source))
        if edge.id in answers
        else (node(edge.source), node(edge.target))
        for edge in stage.edges
        if edge.constraint
    ]
    for group in stage.groups:
        if group.direction in (stage.direction, _REVERSED.get(stage.direction)):
            chain = [node(member) for member in group.members]
            if group.direction != stage.direction:
                chain.reverse()
            pairs += list(pairwise(chain))
    return pairs


@dataclass(frozen=True)
class Pairs:
    """The request/answer pairs of a stage, by edge id."""

    answers: frozenset[str]  # written B -> A after A -> B: turned round for the layout
    requests: frozenset[str]  # the A -> B an answer runs beside: drawn straight


def pairs(stage: Stage) -> Pairs:
    """An answer is B -> A after A -> B, or A -> B with ``direction: back`` after one
    without; the request is the first edge of the pair."""
    requests: dict[tuple[str, str], str] = {}  # ends as laid out -> the request's id
    answers, answered = set(), set()
    for edge in stage.edges:
        ends = (edge.source, edge.target)
        if edge.source != edge.target and ends[::-1] in requests:
            answers.add(edge.id)
            answered.add(requests[ends[::-1]])
        elif edge.direction == "back" and ends in requests:
            answered.add(requests[ends])
        elif edge.direction != "back":
            requests.setdefault(ends, edge.id)
    return Pairs(frozenset(answers), frozenset(answered))


def request_attrs(edge: StageEdge, found: Pairs) -> dict[str, str]:
    """A request pulls three times as hard as an edge to be straight, so its line runs
    straight between its ends and its answer bows beside it; with equal weights dot
    bent the request round its own label (the book's ``api.mysite.com``)."""
    return {"weight": REQUEST_WEIGHT} if edge.id in found.requests else {}


def written_back(edge: StageEdge, owner: dict[str, str], drawn: dict[str, int]) -> bool:
    """Whether a constraint-free edge between two nodes of different groups is written
    from its later-drawn end (and turned round to point the same way).

    Dot 2.43 draws such an edge, when its ends land on one rank with the tail first, as
    two paths with four arrowheads (stage 9's data sync between the two data centers'
    databases); written from the end drawn later it is one straight line. ``owner``
    maps a member to its group, ``drawn`` a node to its place in the DOT text.
    """
    ends = (edge.source, edge.target)
    return (
        not edge.constraint
        and all(end in drawn for end in ends)
        and owner.get(edge.source) != owner.get(edge.target)
        and drawn[edge.source] < drawn[edge.target]
    )


def turned(edge: StageEdge) -> StageEdge:
    """An answer turned round to run the same way as its request: its ends, arrowheads
    and ports swapped, so that it is still drawn pointing the way the spec says."""
    return replace(
        edge,
        source=edge.target,
        target=edge.source,
        direction=_TURNED.get(edge.direction, edge.direction),
        from_port=edge.to_port,
        to_port=edge.from_port,
    )
