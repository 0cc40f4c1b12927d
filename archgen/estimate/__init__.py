"""Back-of-the-envelope estimates: assumptions and formulas in YAML, computed with units.

An estimate spec is a YAML file with ``kind: estimate`` at the top (stage specs have no
``kind``); the format is in docs/estimates.md. The steps mirror the stage pipeline:

    file ─ load.py ─────▶ LoadedEstimate   shape checked, values and formulas parsed,
                                           names resolved, cycles refused
         ─ evaluate.py ─▶ EstimateResult   computed with pint; units checked
         ─ pages.py ────▶ Markdown page, or text for the terminal

``formula.py`` is the safe parser (no ``eval``), ``units.py`` the words a spec may use
for units, ``humanize.py`` the rounding and the unit chosen for display,
``reference.py`` and ``chart.py`` the reference tables and the latency chart.

The API ``archgen build`` and ``archgen estimate`` call:

- ``is_estimate_spec(data)`` / ``is_estimate_file(path)``: does a parsed document (or a
  file) say ``kind: estimate``?
- ``load_estimate(path, display_name=None) -> LoadedEstimate``, raising ``SpecError``
  with every problem (file:line:col); its ``warnings`` hold the consistency warnings.
- ``evaluate(loaded) -> EstimateResult``: values (``values``), display units,
  ``shown(name, language)`` (rounded and exact text) and ``warnings`` (``Diagnostic``
  with ``Severity.WARNING``); raises ``SpecError`` for unit errors, division by zero,
  numbers too large.
- ``render_estimate_page(result, language, renderer) -> Page``: ``estimates/<id>.md``,
  relative to the language's output folder.
- ``reference_files(language, renderer) -> dict[str, bytes]``: ``estimates/reference.md``
  and ``estimates/latency.svg``, relative to the language's output folder.
- ``format_for_terminal(result, language) -> str``: what ``archgen estimate FILE`` prints.
"""

from archgen.estimate.evaluate import EstimateResult, evaluate
from archgen.estimate.load import is_estimate_spec, load_estimate
from archgen.estimate.loaded import LoadedEstimate
from archgen.estimate.pages import format_for_terminal, render_estimate_page
from archgen.estimate.reference import reference_files
from archgen.project.specs import is_estimate_file

__all__ = [
    "EstimateResult",
    "LoadedEstimate",
    "evaluate",
    "format_for_terminal",
    "is_estimate_file",
    "is_estimate_spec",
    "load_estimate",
    "reference_files",
    "render_estimate_page",
]
