"""A diagram drawn at the positions of another layout: the diff picture over the head's.

A diff diagram laid out afresh puts its nodes anywhere, and then the before, after and
diff pictures cannot be compared. So the diff graph is drawn with Graphviz's ``nop2``
layout (what ``neato -n2`` does): every node where the reference layout (the head
stage's own picture, laid out by ``dot`` exactly as ``archgen build`` lays it out)
has it, every edge along the very line ``dot`` routed there, with its label where it
was, and every group's box as it was. What the reference lacks (a removed node, a
removed edge) is added: ghosts at the places draw/ghost_places.py finds, the groups
they are in grown to hold them, their edges routed by ``nop2`` itself. Graphviz
places the groups' labels and the legend, and sizes the page, from those boxes.

Measured on Graphviz 2.43: ``nop2`` reproduces a ``dot`` layout it is given (nodes,
edge lines, cluster boxes; the canvas only translated), and honours the rest of the
DOT text as compiled (HTML labels, images, styles), so the SVG post-processing and
the legend work unchanged. The alternatives were worse: ``dot`` cannot pin a node,
and drawing ghosts into the head's finished SVG would leave the PNG without them.

The DOT text is the one compile wrote (draw/dot.py's format): positions go into it
as attribute statements, so nothing else of it changes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from archgen.draw.compile import CompiledDiagram
from archgen.draw.dot import quote
from archgen.draw.ghost_lines import ghost_line
from archgen.draw.ghost_places import Places
from archgen.draw.placed import Box, Placed, PlacedEdge, read_placed
from archgen.draw.render import render_diagram

_SUBGRAPH = re.compile(r"^(?P<indent>\t*)subgraph (?P<name>\S+) \{$")
# An edge compile wrote: its element id is always quoted (it holds a '.'), and no label
# can hold 'id="' (labels escape their quotes).
_EDGE_ID = re.compile(r' id="(?P<id>[^"]+)"')
# How near a node's old bottom an edge's end has to be to follow it, in points.
_BOTTOM_REACH = 6.0


def pinned_source(source: str, reference: Placed, own: Placed) -> str:
    """``source`` (the diff graph's DOT text, laid out as ``own``) with every part the
    reference has at the reference's place, the others around them, drawn by nop2."""
    places = Places(reference, own)
    places.place_the_rest()
    clusters = {_unquoted(name): box for name, box in places.clusters.items()}
    lines = source.splitlines(keepends=True)
    # The root graph's attributes, on the line after its head (draw/dot.py).
    rankdir = re.search(r"\brankdir=(\w+)", lines[1]) if len(lines) > 1 else None
    ortho = (rankdir[1] if rankdir else "TB") if "splines=ortho" in lines[1] else None
    out = [lines[0], "\tlayout=nop2\n"]
    for line in lines[1:-1]:
        found = _SUBGRAPH.match(line.rstrip("\n"))
        edge = _EDGE_ID.search(line) if " -> " in line else None
        if found and _unquoted(found["name"]) in clusters:
            box = clusters[_unquoted(found["name"])]
            out += [line, f'{found["indent"]}\tbb="{box.bb()}"\n']
        elif edge and edge["id"] in reference.edges:
            out.append(_with(line, _edge_place(reference.edges[edge["id"]], reference, places)))
        elif edge and edge["id"] in own.edges:  # a removed edge: its ghost line
            ghost = ghost_line(line, own.edges[edge["id"]], places, ortho)
            out.append(_with(line, ghost))
        else:
            out.append(line)
    out += [f'\t{quote(name)} [pos="{_pos(box)}"]\n' for name, box in places.nodes.items()]
    out.append(lines[-1])
    return "".join(out)


def _with(line: str, attrs: list[tuple[str, str]]) -> str:
    """An edge statement with more attributes at the end of its list."""
    placed = "".join(f" {name}={quote(value)}" for name, value in attrs)
    return f"{line.rstrip()[:-1]}{placed}]\n"


def _unquoted(name: str) -> str:
    return name[1:-1].replace('\\"', '"') if name.startswith('"') else name


def _pos(box: Box) -> str:
    x, y = box.centre
    return f"{x:.2f},{y:.2f}"


def _edge_place(edge: PlacedEdge, reference: Placed, places: Places) -> list[tuple[str, str]]:
    """The edge's line and label places from the reference, its ends following a node
    whose bottom moved (a badge line gone or come)."""
    attrs = dict(edge.attrs)
    if "pos" in attrs:
        attrs["pos"] = _followed(attrs["pos"], edge, reference, places)
    return sorted(attrs.items())


def _followed(pos: str, edge: PlacedEdge, reference: Placed, places: Places) -> str:
    """``pos`` (Graphviz's 'e,x,y s,x,y x,y x,y ...') with the points at either end
    moved with the bottom of the node they meet there."""
    words = pos.split()
    tips = {w[0]: i for i, w in enumerate(words) if w[:2] in ("e,", "s,")}
    curve = [i for i, w in enumerate(words) if w[:2] not in ("e,", "s,")]
    if not curve:
        return pos
    ends = [
        (edge.tail, [tips.get("s"), curve[0], curve[min(1, len(curve) - 1)]]),
        (edge.head, [tips.get("e"), curve[-1], curve[max(len(curve) - 2, 0)]]),
    ]
    for node, indices in ends:
        shift = places.shift.get(node, 0.0)
        if not shift or node not in reference.nodes:
            continue
        bottom = reference.nodes[node].box.bottom
        first = next(i for i in indices if i is not None)
        if abs(_point(words[first])[1] - bottom) > _BOTTOM_REACH:
            continue
        for i in dict.fromkeys(i for i in indices if i is not None):
            words[i] = _moved(words[i], shift)
    return " ".join(words)


def _point(word: str) -> tuple[float, float]:
    x, y = word.split(",")[-2:]
    return float(x), float(y)


def _moved(word: str, dy: float) -> str:
    prefix = word[:2] if word[:2] in ("e,", "s,") else ""
    x, y = _point(word)
    return f"{prefix}{x:.2f},{y + dy:.2f}"


def kept_in_place(
    diagram: CompiledDiagram, reference: CompiledDiagram, timeout: float = 120.0
) -> CompiledDiagram:
    """``diagram`` drawn where ``reference``'s layout puts its parts (the arrangement
    ``archgen build`` keeps for it), the parts it lacks placed around them."""
    single = replace(diagram, rearranged=None)
    own = read_placed(render_diagram(single, ("json",), timeout).images["json"])
    kept = read_placed(render_diagram(reference, ("json",), timeout).images["json"])
    return replace(single, dot_source=pinned_source(diagram.dot_source, kept, own))
