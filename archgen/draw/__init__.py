"""Steps 3 and 4, draw: a ``Stage`` -> DOT -> SVG and PNG.

The only package that uses ``diagrams`` (its icons and style defaults) or runs
Graphviz: ``compile.py`` writes the DOT text with ``dot.py``, ``render.py`` runs
``dot`` once for every format, ``svg.py`` makes the SVG self-contained.
"""
