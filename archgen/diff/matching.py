"""Which edge of the base is which edge of the head.

An edge's spec ``id:`` (``StageEdge.name``) is its identity: ``{id: serve, from: cdn,
to: web}`` moved to ``from: edge-cache`` is the same edge with another end, not one
edge removed and another added. An edge without an ``id:`` is known by its pair
(``from->to``, ``#2`` for a parallel one), as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from archgen.resolve.stage import StageEdge


@dataclass(frozen=True)
class EdgeMatch:
    """One edge as the two sides have it; None on the side that lacks it."""

    id: str  # what the report calls it: the spec's 'id:', else the pair id
    before: StageEdge | None
    after: StageEdge | None


def match_edges(before: Sequence[StageEdge], after: Sequence[StageEdge]) -> list[EdgeMatch]:
    """Every edge of either side, once: the head's in its order, then the base's removed.

    Edges are paired by their spec ``id:`` first. A fan-out (``from: [a, b]``) gives
    every pair the same ``id:``, so within one ``id:`` the pairs with the same pair id
    are the same edge, and the pairs left over on each side are paired in order (a
    fan-out moved from ``to: c`` to ``to: d`` is each pair moved). What is left is
    paired by pair id: an edge without ``id:``, or one that gained or lost its ``id:``.
    """
    partner: dict[str, StageEdge] = {}  # head edge id -> its base edge
    olds, news = _by_name(before), _by_name(after)
    for name, named in news.items():
        partner.update(_pairs_of_one_name(olds.get(name, []), named))
    taken = {edge.id for edge in partner.values()}
    left = {edge.id: edge for edge in before if edge.id not in taken}
    for edge in after:
        if edge.id not in partner and edge.id in left:
            partner[edge.id] = left.pop(edge.id)
    matches = [EdgeMatch(edge.name or edge.id, partner.get(edge.id), edge) for edge in after]
    return matches + [EdgeMatch(edge.name or edge.id, edge, None) for edge in left.values()]


def _by_name(edges: Sequence[StageEdge]) -> dict[str, list[StageEdge]]:
    named: dict[str, list[StageEdge]] = {}
    for edge in edges:
        if edge.name:
            named.setdefault(edge.name, []).append(edge)
    return named


def _pairs_of_one_name(olds: list[StageEdge], news: list[StageEdge]) -> dict[str, StageEdge]:
    """head edge id -> base edge, for the edges of one spec ``id:``."""
    by_id = {edge.id: edge for edge in olds}
    paired = {edge.id: by_id[edge.id] for edge in news if edge.id in by_id}
    rest_old = [edge for edge in olds if edge.id not in paired]
    rest_new = [edge for edge in news if edge.id not in paired]
    paired.update({new.id: old for old, new in zip(rest_old, rest_new, strict=False)})
    return paired
