"""Step 5, inspect: a laid-out diagram read back, and what a reader would notice in it.

After Graphviz has drawn a stage, its SVG is read for the geometry of every part (boxes,
labels, edge paths) and each problem a reader of the picture would see is reported as a
``LayoutProblem`` naming the part involved; ``build`` locates it at that part's spec line.
"""

from archgen.inspect.checks import PAGE_WIDTH, inspect_svg
from archgen.inspect.problems import LayoutProblem

__all__ = ["PAGE_WIDTH", "LayoutProblem", "inspect_svg"]
