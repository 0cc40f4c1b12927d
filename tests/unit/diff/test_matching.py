"""match_edges: which edge of the base is which edge of the head, by the spec's `id:`
first (the pairs of one fan-out by pair, then in order), then by pair id."""

from __future__ import annotations

from archgen.diff.matching import match_edges
from archgen.resolve.stage import StageEdge


def edge(pair: str, name: str | None = None) -> StageEdge:
    source, target = pair.split("#")[0].split("->")
    return StageEdge(pair, name, source, target)


def matched(before: list[StageEdge], after: list[StageEdge]) -> list[tuple[str, str, str]]:
    """(reported id, base pair, head pair); '-' for the side that lacks it."""
    return [
        (m.id, m.before.id if m.before else "-", m.after.id if m.after else "-")
        for m in match_edges(before, after)
    ]


def test_an_edge_with_an_id_is_matched_by_it_wherever_its_ends_go() -> None:
    assert matched([edge("cdn->web", "serve")], [edge("edge-cache->web", "serve")]) == [
        ("serve", "cdn->web", "edge-cache->web")
    ]


def test_a_fan_out_keeps_its_pairs_and_pairs_the_rest_in_order() -> None:
    before = [edge("lb->web1", "route"), edge("lb->web2", "route"), edge("lb->web3", "route")]
    after = [edge("lb->web2", "route"), edge("lb->app1", "route"), edge("lb->app2", "route")]
    assert matched(before, after) == [
        ("route", "lb->web2", "lb->web2"),
        ("route", "lb->web1", "lb->app1"),
        ("route", "lb->web3", "lb->app2"),
    ]
    assert matched(before[:1], after) == [
        ("route", "lb->web1", "lb->web2"),
        ("route", "-", "lb->app1"),
        ("route", "-", "lb->app2"),
    ]


def test_edges_without_an_id_or_whose_id_changed_are_matched_by_pair() -> None:
    before = [edge("a->b"), edge("a->c", "old"), edge("a->d", "gone")]
    after = [edge("a->b", "named"), edge("a->c", "new"), edge("a->e")]
    assert matched(before, after) == [
        ("named", "a->b", "a->b"),
        ("new", "a->c", "a->c"),
        ("a->e", "-", "a->e"),
        ("gone", "a->d", "-"),
    ]


def test_a_pair_taken_by_an_id_is_not_matched_again_by_pair() -> None:
    """`serve` moved onto the pair of an edge removed: one change, one removal."""
    before = [edge("cdn->web", "serve"), edge("cache->web", "fill")]
    after = [edge("cache->web", "serve")]
    assert matched(before, after) == [
        ("serve", "cdn->web", "cache->web"),
        ("fill", "cache->web", "-"),
    ]
