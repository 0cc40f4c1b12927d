"""A drawn diagram inspected: every layout problem found in it, Graphviz's own included.

``problems_of`` is the one seam to the checks that read the SVG's geometry
(``inspect_svg``, exported by this package once they are in); the build calls
``diagram_problems`` in the thread that drew the diagram, so that checking runs beside
the other diagrams' Graphviz.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from archgen import inspect as _package
from archgen.inspect.graphviz import graphviz_problems
from archgen.inspect.problems import LayoutProblem
from archgen.resolve.stage import Stage

# The width of the page a picture is scaled to, in CSS pixels: small text is judged there.
PAGE_WIDTH = 1200

Checks = Callable[..., list[LayoutProblem]]


def diagram_problems(
    svg: bytes | None, graphviz_warnings: Iterable[str], stage: Stage, page_width: int = PAGE_WIDTH
) -> list[LayoutProblem]:
    """What Graphviz warned of while drawing ``stage``, then what its SVG's geometry shows."""
    problems = graphviz_problems(graphviz_warnings, stage)
    if svg is not None:
        problems += problems_of(svg, stage, page_width)
    return problems


def problems_of(svg: bytes, stage: Stage, page_width: int = PAGE_WIDTH) -> list[LayoutProblem]:
    """What the geometry checks find in the SVG of ``stage``; none until they exist."""
    checks: Checks | None = getattr(_package, "inspect_svg", None)
    return [] if checks is None else checks(svg, stage, page_width=page_width)
