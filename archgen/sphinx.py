"""The Sphinx extension, enabled with ``extensions = ["archgen.sphinx"]`` in ``conf.py``.

Its code is ``archgen.integrations.sphinx_extension``; this name is short to write. Only
this module and ``integrations/sphinx_*`` import Sphinx, an optional extra
(``pip install 'archgen[sphinx]'``): the rest of archgen runs without it.
"""

from __future__ import annotations

from archgen.integrations.sphinx_extension import setup

__all__ = ["setup"]
