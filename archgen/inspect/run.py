"""A drawn diagram inspected: every layout problem found in it, Graphviz's own included.

``problems_of`` is the one seam to the checks that read the SVG's geometry
(``checks.inspect_svg``); the build calls ``diagram_problems`` in the thread that drew
the diagram, so that checking runs beside the other diagrams' Graphviz.
"""

from __future__ import annotations

from collections.abc import Iterable

from archgen.inspect.checks import PAGE_WIDTH, inspect_svg
from archgen.inspect.graphviz import TOO_SMALL_WORDS, graphviz_problems
from archgen.inspect.problems import LayoutProblem
from archgen.resolve.stage import Stage


def diagram_problems(
    svg: bytes | None, graphviz_warnings: Iterable[str], stage: Stage, page_width: int = PAGE_WIDTH
) -> list[LayoutProblem]:
    """What Graphviz warned of while drawing ``stage``, then what its SVG's geometry shows.

    Graphviz's "size too small for label" is left out for a node the geometry checks
    find a problem with: they measure its label with the real font (and quote it), so
    the two would tell one problem twice at the same line.
    """
    told = graphviz_problems(graphviz_warnings, stage)
    if svg is None:
        return told
    measured = problems_of(svg, stage, page_width)
    nodes = {problem.part_id for problem in measured if problem.part == "node"}
    told = [p for p in told if not (p.part == "node" and p.part_id in nodes and _too_small(p))]
    return told + measured


def _too_small(problem: LayoutProblem) -> bool:
    return TOO_SMALL_WORDS in problem.message


def problems_of(svg: bytes, stage: Stage, page_width: int = PAGE_WIDTH) -> list[LayoutProblem]:
    """What the geometry checks find in the SVG of ``stage``."""
    return inspect_svg(svg, stage, page_width=page_width)
