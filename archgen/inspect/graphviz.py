"""Graphviz's own warnings about a drawn diagram, as ``LayoutProblem``s of its parts.

``dot`` names a part by its DOT name: a node by the stage's node id, a group's cluster
as ``cluster_<group id>``, an edge by the nodes it is drawn between (an edge to a
group is drawn to the group's first node; see ``draw/compile.py``). A warning naming
no part of the stage is about the whole diagram. Graphviz's own words are kept in the
message, so that they can be looked up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from archgen.inspect.problems import LayoutProblem
from archgen.resolve.stage import Stage, StageGroup, first_node

# Warnings whose subject archgen can say more about, in the reader's words.
_TOO_SMALL = re.compile(
    r"node '?(?P<node>.*?)'?, graph '?(?P<graph>.*?)'? size too small for label"
)
TOO_SMALL_WORDS = "(Graphviz: 'size too small for label')"
_TOO_SMALL_ADVICE = (
    f"its label is wider than its box {TOO_SMALL_WORDS}; "
    "shorten the label or lower the stage's 'wrap'"
)
# Where other warnings name a part: (pattern, kind of the part named).
_NAMED_PARTS = (
    (re.compile(r'for edge "(?P<tail>.*)" -> "(?P<head>.*)"'), "edge"),
    (re.compile(r"^(?P<tail>\S+) -> (?P<head>\S+): (head|tail) (is|not) inside"), "edge"),
    (re.compile(r"in label of edge (?P<tail>\S+) -[->] (?P<head>\S+)$"), "edge"),
    (re.compile(r"in label of node (?P<node>.+)$"), "node"),
    (re.compile(r'for node "(?P<node>.*)"'), "node"),
    (re.compile(r"^node (?P<node>.+?), port "), "node"),
    (re.compile(r"^(?P<node>\S+) was already in a rankset"), "node"),
    (re.compile(r"(?<![\w-])(?P<cluster>cluster_[\w-]+)"), "group"),
)


def graphviz_problems(warnings: Iterable[str], stage: Stage) -> list[LayoutProblem]:
    """One problem per warning, about the part it names, else the whole diagram."""
    names = _Names(stage)
    return [_problem(warning, names) for warning in warnings]


class _Names:
    """The stage's parts by the names dot gives them."""

    def __init__(self, stage: Stage) -> None:
        self.stage = stage
        self.nodes = {node.id for node in stage.nodes}
        self.groups = {group.id: group for group in stage.groups}

    def edge_between(self, tail: str, head: str) -> str | None:
        """The first of the stage's edges drawn from ``tail`` to ``head``."""
        for edge in self.stage.edges:
            if (_drawn_at(edge.source, self.groups), _drawn_at(edge.target, self.groups)) == (
                tail,
                head,
            ):
                return edge.id
        return None


def _drawn_at(endpoint: str, groups: dict[str, StageGroup]) -> str | None:
    return first_node(endpoint, groups) if endpoint in groups else endpoint


def _problem(warning: str, names: _Names) -> LayoutProblem:
    said = f"Graphviz: {warning}"
    too_small = _TOO_SMALL.fullmatch(warning)
    if too_small and too_small["node"] in names.nodes:
        message = f"node '{too_small['node']}': {_TOO_SMALL_ADVICE}"
        return LayoutProblem("node", too_small["node"], message)
    for pattern, part in _NAMED_PARTS:
        found = pattern.search(warning)
        if found is None:
            continue
        if part == "node" and found["node"].strip("'\"") in names.nodes:
            return LayoutProblem("node", found["node"].strip("'\""), said)
        if part == "group" and found["cluster"].removeprefix("cluster_") in names.groups:
            return LayoutProblem("group", found["cluster"].removeprefix("cluster_"), said)
        if part == "edge":
            edge_id = names.edge_between(found["tail"].strip("'\""), found["head"].strip("'\""))
            if edge_id is not None:
                return LayoutProblem("edge", edge_id, said)
    return LayoutProblem("diagram", "", said)
