"""The same diagrams as plain ``diagrams`` Python scripts: what a user writes without archgen.

One script per diagram (stage and language), written from archgen's resolved stage so
it has the same nodes, clusters, edges, labels and layout attributes. Each script is
``with Diagram(..., show=False, outformat=["svg", "png"])``, which runs one Graphviz
process per format when the ``with`` block ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# The same layout settings as archgen's, so both pay for the same Graphviz layout
# (diagrams' own default, splines=ortho, is much slower on large graphs).
from archgen.draw.style import GRAPH_ATTRS, NODE_ATTRS
from archgen.resolve.stage import first_node


def diagram_script(stage: Any, language: str, filename: str) -> str:
    """A ``diagrams`` script drawing ``stage`` in ``language`` into ``filename``.svg/.png."""
    imports: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for index, node in enumerate(stage.nodes):
        module, _, cls = f"diagrams.{node.kind.diagrams_path}".rpartition(".")
        imports.setdefault(module, set()).add(cls)
        names[node.id] = f"n{index}"
    groups = {group.id: group for group in stage.groups}
    owner = {member: group.id for group in stage.groups for member in group.members}
    nodes = {node.id: node for node in stage.nodes}

    lines = _header(stage, language, filename, imports)

    def node_line(node_id: str, indent: str) -> str:
        node = nodes[node_id]
        cls = node.kind.diagrams_path.rpartition(".")[2]
        return f"{indent}{names[node_id]} = {cls}({node.label.get(language)!r})"

    def group_lines(group_id: str, indent: str) -> list[str]:
        group = groups[group_id]
        label = group.label.get(language) if group.label else ""
        out = [f"{indent}with Cluster({label!r}):"]
        for member in group.members:
            if member in groups:
                out += group_lines(member, indent + "    ")
            else:
                out.append(node_line(member, indent + "    "))
        if len(out) == 1:
            out.append(f"{indent}    pass")
        return out

    for node in stage.nodes:
        if node.id not in owner:
            lines.append(node_line(node.id, "    "))
    for group in stage.groups:
        if group.id not in owner:
            lines += group_lines(group.id, "    ")
    for edge in stage.edges:
        lines.append("    " + _edge_line(edge, names, groups, language))
    return "\n".join(lines) + "\n"


def _header(stage: Any, language: str, filename: str, imports: dict[str, set[str]]) -> list[str]:
    """The imports, the layout settings and the ``with Diagram(...)`` line."""
    lines = ["from diagrams import Cluster, Diagram, Edge"]
    for module in sorted(imports):
        lines.append(f"from {module} import {', '.join(sorted(imports[module]))}")
    return [
        *lines,
        "",
        f"graph_attr = {dict(GRAPH_ATTRS)!r}",
        f"node_attr = {dict(NODE_ATTRS)!r}",
        "",
        f"with Diagram({stage.title.get(language)!r}, filename={filename!r}, show=False,",
        f"             outformat=['svg', 'png'], direction={str(stage.direction)!r},",
        "             graph_attr=graph_attr, node_attr=node_attr):",
    ]


def _edge_line(edge: Any, names: dict[str, str], groups: dict[str, Any], language: str) -> str:
    """``n0 >> Edge(label='reads', ...) >> n1``."""
    # An edge to a group is drawn to a node inside it: diagrams has no edge to a cluster.
    source = names[edge.source if edge.source in names else first_node(edge.source, groups)]
    target = names[edge.target if edge.target in names else first_node(edge.target, groups)]
    args = []
    if edge.label:
        args.append(f"label={edge.label.get(language)!r}")
    args.append(f"color={edge.color or '#7B8894'!r}")
    if edge.style != "solid":
        args.append(f"style={edge.style!r}")
    if not edge.constraint:
        args.append("constraint='false'")
    if edge.direction == "both":
        args.append("reverse=True")
    operator = {"forward": ">>", "both": ">>", "back": "<<", "none": "-"}[edge.direction]
    return f"{source} {operator} Edge({', '.join(args)}) {operator} {target}"


def write_scripts(stages: list[Any], languages: tuple[str, ...], folder: Path) -> list[Path]:
    """One script per stage and language in ``folder``; each draws into ``folder/out``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "out").mkdir(exist_ok=True)
    scripts = []
    for stage in stages:
        for language in languages:
            path = folder / f"{stage.id}.{language}.py"
            path.write_text(
                diagram_script(stage, language, f"out/{stage.id}.{language}"), encoding="utf-8"
            )
            scripts.append(path)
    return scripts
