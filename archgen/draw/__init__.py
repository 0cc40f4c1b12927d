"""Steps 3 and 4, draw: a ``Stage`` -> DOT -> SVG and PNG.

The only package that uses ``diagrams`` (the icon files it installs) or runs Graphviz:
``compile.py`` writes the DOT text with ``dot.py`` in the fonts, colours and sizes of
``style.py``, ``render.py`` runs ``dot`` once for every format, ``svg.py`` makes the SVG
self-contained with the icons ``icons.py`` reads. Nothing here imports diagrams.
"""
