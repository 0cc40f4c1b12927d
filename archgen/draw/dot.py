"""DOT text, written as the graphviz package (0.20) writes it, without its overhead.

``compile.py`` says what to draw; this module spells it in DOT: the quoting of ids and
attribute values, and the order of statements and attributes that ``graphviz.Digraph``
uses, so Graphviz gets the same text and draws the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class NotHtml(str):
    """Text that may start with '<' and end with '>' by chance: always quoted, never
    read as an HTML-like label (what ``graphviz.nohtml`` marks)."""

    __slots__ = ()


# How the graphviz package (0.20) quotes an id or attribute value: HTML-like labels
# ('<...>') as they are, plain ids and numbers bare, anything else in double quotes
# with its unescaped quotes escaped. Its own quote() is wrapped in a check for
# deprecated arguments that costs more than the quoting; this is the same rule
# (tests/unit/draw/test_dot.py holds them side by side).
_HTML_STRING = re.compile(r"<.*>$", re.DOTALL)
_PLAIN_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
_UNESCAPED_QUOTE = re.compile(r'(?P<backslashes>(?:\\{2})*)\\?(?P<quote>")')


def quote(value: str) -> str:
    if _HTML_STRING.match(value) and not isinstance(value, NotHtml):
        return value
    if _PLAIN_ID.match(value) and value.lower() not in _KEYWORDS:
        return value
    if '"' in value:  # the substitution is slow even when it finds nothing
        value = _UNESCAPED_QUOTE.sub(r"\g<backslashes>\\\g<quote>", value)
    return f'"{value}"'


def quote_edge(endpoint: str) -> str:
    """An edge's end: 'node[:port[:compass]]', each part quoted on its own."""
    node, _, rest = endpoint.partition(":")
    parts = [quote(node)]
    if rest:
        port, _, compass = rest.partition(":")
        parts.append(quote(port))
        if compass:
            parts.append(compass)
    return ":".join(parts)


def _attr_list(attrs: dict[str, str], label: str | None = None) -> str:
    """' [label=... a=1 b=2]': the label first, then the attributes sorted by name.

    Names are ours and plain words, which quoting leaves as they are.
    """
    items = [f"label={quote(label)}"] if label is not None else []
    items += [
        f"{name}={quote(value)}" for name, value in sorted(attrs.items()) if value is not None
    ]
    return f" [{' '.join(items)}]" if items else ""


class DotGraph:
    """A digraph or cluster's DOT statements, written as ``graphviz.Digraph`` writes them.

    The head line, one attribute statement for each of graph, node and edge that has
    any, the body's statements (a subgraph's lines indented by a tab), a closing brace.
    """

    def __init__(
        self,
        name: str,
        graph_attr: dict[str, str],
        node_attr: dict[str, str] | None = None,
        edge_attr: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.attrs = {"graph": graph_attr, "node": node_attr or {}, "edge": edge_attr or {}}
        self.body: list[str] = []

    def node(self, node_id: str, label: str, attrs: dict[str, str]) -> None:
        self.body.append(f"\t{quote(node_id)}{_attr_list(attrs, label)}\n")

    def mention(self, node_id: str) -> None:
        """A node named again, e.g. in a rank subgraph: it keeps its attributes."""
        self.body.append(f"\t{quote(node_id)}\n")

    def edge(self, tail: str, head: str, attrs: dict[str, str]) -> None:
        """An edge; a 'label' attribute is written first, as Digraph.edge's argument."""
        rest = dict(attrs)
        label = rest.pop("label", None)
        self.body.append(f"\t{quote_edge(tail)} -> {quote_edge(head)}{_attr_list(rest, label)}\n")

    def subgraph(self, graph: DotGraph) -> None:
        self.body += [f"\t{line}" for line in graph.lines(subgraph=True)]

    def lines(self, *, subgraph: bool = False) -> Iterator[str]:
        if not self.name:
            yield "{\n" if subgraph else "digraph {\n"
        else:
            yield f"{'subgraph' if subgraph else 'digraph'} {quote(self.name)} {{\n"
        for kind, attrs in self.attrs.items():
            if attrs:
                yield f"\t{kind}{_attr_list(attrs)}\n"
        yield from self.body
        yield "}\n"

    def source(self) -> str:
        return "".join(self.lines())
