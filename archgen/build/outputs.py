"""A stage's, an estimate's and the index's files, rendered in memory: name -> bytes.

Names are relative to the output folder (``project.layout``); nothing is written here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from archgen.draw.compile import CompiledDiagram
from archgen.draw.render import Rendered, render_diagram
from archgen.pages.markdown import PageRenderer
from archgen.pipeline import Estimate
from archgen.project.layout import language_dir, stage_file
from archgen.project.options import IMAGE_FORMATS, BuildOptions
from archgen.resolve.stage import Stage

if TYPE_CHECKING:  # imported where used: pint (estimates) is slow to import
    from archgen.estimate import EstimateResult


def diagram_files(
    diagram: CompiledDiagram, name: str, options: BuildOptions
) -> tuple[dict[str, bytes], Rendered]:
    """A compiled diagram in every format asked for, drawn in memory: ``name.<format>``;
    and what Graphviz drew and said. The SVG is drawn for the layout checks even when
    only a PNG is asked for (from the same layout: the PNG's bytes do not change)."""
    files = {f"{name}.dot": diagram.dot_source.encode()} if "dot" in options.formats else {}
    images = tuple(fmt for fmt in options.formats if fmt in IMAGE_FORMATS)
    if not images:  # --format dot alone runs no Graphviz
        return files, Rendered({})
    drawn = images if "svg" in images else ("svg", *images)
    rendered = render_diagram(diagram, drawn, options.graphviz_timeout)
    for fmt in images:
        files[f"{name}.{fmt}"] = rendered.images[fmt]
    return files, rendered


def page_files(stage: Stage, options: BuildOptions, pages: PageRenderer) -> dict[str, bytes]:
    """One stage's page in every language."""
    image_format = _page_image_format(options.formats)
    image = stage_file(stage.id, image_format) if image_format else ""
    files = {}
    for language in options.languages:
        page = pages.stage_page(stage, language, image)
        files[f"{language_dir(language)}{page.name}"] = page.text.encode()
    return files


def estimate_files(
    result: EstimateResult, options: BuildOptions, pages: PageRenderer
) -> dict[str, bytes]:
    from archgen.estimate import render_estimate_page

    files = {}
    for language in options.languages:
        page = render_estimate_page(result, language, pages)
        files[f"{language_dir(language)}{page.name}"] = page.text.encode()
    return files


def reference_files_all(options: BuildOptions, pages: PageRenderer) -> dict[str, bytes]:
    """The reference tables (powers of two, latency, availability) in every language."""
    from archgen.estimate import reference_files

    return {
        f"{language_dir(language)}{name}": data
        for language in options.languages
        for name, data in reference_files(language, pages).items()
    }


def index_files(
    stages: list[Stage],
    options: BuildOptions,
    pages: PageRenderer,
    estimates: Sequence[Estimate] = (),
) -> dict[str, bytes]:
    image_format = _page_image_format(options.formats)
    files = {}
    for language in options.languages:
        page = pages.index_page(
            stages, language, image_format, [e.result.loaded.spec for e in estimates]
        )
        files[f"{language_dir(language)}{page.name}"] = page.text.encode()
    return files


def _page_image_format(formats: Iterable[str]) -> str | None:
    """Pages show the SVG when there is one: it is sharp at any zoom and searchable."""
    formats = tuple(formats)
    for preferred in ("svg", "png"):
        if preferred in formats:
            return preferred
    return None
