"""Step 3, compile: archgen writes the DOT text itself, and it must be the text the
graphviz package (through diagrams) wrote before, quoted by the same rules: Graphviz
then draws the same bytes."""

from __future__ import annotations

import warnings

import graphviz
import pytest
from graphviz.quoting import nohtml, quote, quote_edge

from archgen.draw.dot import DotGraph, NotHtml
from archgen.draw.dot import quote as dot_quote
from archgen.draw.dot import quote_edge as dot_quote_edge

TRICKY = [
    "",
    "a",
    "_x1",
    "node",
    "Graph",
    "STRICT",
    "subgraph",
    "-4.2",
    ".5",
    "1.",
    "-",
    "1a",
    "a b",
    "a-b",
    'say "hi"',
    '\\"',
    '\\\\"',
    '\\\\\\"',
    "x\\",
    "x\\\\",
    "<b>x</b>",
    "<>",
    "<a>\n",
    "a\n",
    "<<TABLE>>",
    "a>",
    "<a",
    "한글",
    "\u200b",
    "#7B8894",
    "1.66",
]


@pytest.mark.parametrize("value", TRICKY)
def test_quoting_is_the_graphviz_packages(value: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # graphviz warns of a final odd backslash
        assert dot_quote(value) == quote(value)
        assert dot_quote(NotHtml(value)) == quote(nohtml(value))
        for endpoint in (value, f"{value}:port", f"{value}:port:ne"):
            assert dot_quote_edge(endpoint) == quote_edge(endpoint)


def test_statements_are_written_as_graphviz_digraph_writes_them() -> None:
    ours = DotGraph(
        "stage-1",
        {"label": "", "rankdir": "LR", "fontname": "a b"},
        node_attr={"shape": "box"},
        edge_attr={"color": "#7B8894"},
    )
    theirs = graphviz.Digraph(
        "stage-1",
        graph_attr={"label": "", "rankdir": "LR", "fontname": "a b"},
        node_attr={"shape": "box"},
        edge_attr={"color": "#7B8894"},
    )
    node = {"id": "stage-1.node.web", "tooltip": NotHtml("<web>"), "height": "1.66"}
    ours.node("web", "<Web<BR/>tier>", node)
    theirs.node("web", "<Web<BR/>tier>", **{**node, "tooltip": nohtml("<web>")})

    outer = DotGraph("cluster_a", {"bgcolor": "#E5F5FD", "label": "<A>"})
    inner = DotGraph("cluster_a-b", {"label": ""})
    inner.node("node", "<x>", {"id": "k"})
    outer.subgraph(inner)
    ours.subgraph(outer)
    outer_g = graphviz.Digraph("cluster_a", graph_attr={"bgcolor": "#E5F5FD", "label": "<A>"})
    inner_g = graphviz.Digraph("cluster_a-b", graph_attr={"label": ""})
    inner_g.node("node", "<x>", id="k")
    outer_g.subgraph(inner_g)
    theirs.subgraph(outer_g)

    ours.edge("web", "node", {"dir": "both", "label": "<<B>(1)</B> x>", "style": "bold"})
    ours.edge("node", "web", {"dir": "none"})
    theirs.edge("web", "node", label="<<B>(1)</B> x>", dir="both", style="bold")
    theirs.edge("node", "web", dir="none")
    assert ours.source() == theirs.source
