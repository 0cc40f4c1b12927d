"""What a documentation page needs to link its text with the picture, written into the SVG.

A page that inlines the SVG (``archgen.integrations.embed``) highlights the edge a step
numbers and the nodes it joins, and shows a node's label and service. Reading that
back from the drawing (the ``(3)`` in a label, Graphviz's ``<title>`` of the anchors an
edge is drawn between) would be guessing; so each part's ``<g>`` carries it as data:

* an edge: ``data-steps="1 3"`` (the steps it numbers, if any) and ``data-ends``, the
  element ids of the two parts it joins (a node's or a group's);
* a node: ``data-label`` and ``data-service``.

Attributes only: the picture's geometry and every other byte stay as Graphviz wrote
them, and the SVG stays an image that works on its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from archgen.resolve.stage import Stage

# draw.compile.element_id (passed in: compile imports this module): stage, part, id -> id.
ElementId = Callable[[str, str, str], str]
# (element id, ((attribute, value), ...)), in the stage's order: the same bytes every run.
Marks = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

# The opening of a part's group, as Graphviz writes it (ids entity-escaped: '-' is &#45;).
_PART_OPENING = re.compile(rb'<g id="(?P<id>[^"]+)" class="(?:node|edge|cluster)"')


def part_marks(stage: Stage, language: str, element_id: ElementId) -> Marks:
    """The data each node's and edge's ``<g>`` carries, by element id."""
    groups = {group.id for group in stage.groups}

    def end(part: str) -> str:
        return element_id(stage.id, "group" if part in groups else "node", part)

    marks: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for node in stage.nodes:
        label = " ".join(node.label.get(language).split())  # one line, for a tooltip
        named = (("data-label", label), ("data-service", node.kind.service))
        marks.append((element_id(stage.id, "node", node.id), named))
    for edge in stage.edges:
        steps = " ".join(str(number) for number in edge.step_numbers)
        numbered: tuple[tuple[str, str], ...] = (("data-steps", steps),) if steps else ()
        ends = ("data-ends", f"{end(edge.source)} {end(edge.target)}")
        marks.append((element_id(stage.id, "edge", edge.id), (*numbered, ends)))
    return tuple(marks)


def mark_parts(svg: bytes, marks: Marks) -> bytes:
    """``svg`` with each part's data added to the opening of its ``<g>``, escaped."""
    wanted = dict(marks)

    def mark(match: re.Match[bytes]) -> bytes:
        data = wanted.get(html.unescape(match["id"].decode()))
        if not data:
            return match.group(0)
        attributes = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in data)
        return match.group(0) + attributes.encode()

    return _PART_OPENING.sub(mark, svg)
