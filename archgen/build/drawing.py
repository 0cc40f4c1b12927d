"""Keeping Graphviz busy: diagrams compiled in the main thread, drawn by a pool.

Compiling is quick Python work; drawing is a ``dot`` process per diagram, so the
pool's threads mostly wait on Graphviz, one process each. The thread that drew a
diagram also inspects it (``archgen.inspect``), beside the other diagrams' Graphviz.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field

from archgen.build.outputs import diagram_files
from archgen.draw.compile import CompiledDiagram, compile_stage
from archgen.draw.fonts import missing_font_warning
from archgen.draw.theme import load_theme
from archgen.incremental.manifest import Inputs
from archgen.inspect.problems import LayoutProblem
from archgen.inspect.run import diagram_problems
from archgen.pages.markdown import PageRenderer
from archgen.project.layout import language_dir
from archgen.project.options import BuildOptions
from archgen.resolve.stage import Stage


@dataclass(frozen=True)
class Drawn:
    """One diagram (a stage in one language) drawn: its files, and what was found in it."""

    language: str
    files: dict[str, bytes]
    problems: tuple[LayoutProblem, ...] = ()


Drawings = dict[str, list[Future[Drawn]]]  # stage id -> one per language


@dataclass
class InFlight:
    """The stages being built: their diagrams, drawing, and what is made meanwhile."""

    stages: list[Stage]
    drawings: Drawings
    inputs: dict[str, Inputs] = field(default_factory=dict)  # stage id -> its hashes
    pages: dict[str, dict[str, bytes]] = field(default_factory=dict)  # stage id -> files


@contextmanager
def graphviz_pool(jobs: int) -> Iterator[ThreadPoolExecutor]:
    """Threads that each wait on one Graphviz process. On an error or Ctrl-C the
    diagrams still queued never start; the build waits for those drawing (on a
    terminal, Ctrl-C stops their dot as well)."""
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def start_drawing(
    todo: list[Stage],
    options: BuildOptions,
    pages: PageRenderer,
    pool: ThreadPoolExecutor,
    warnings: list[str] | None = None,
) -> Drawings:
    """Compile each diagram (a stage in one language) and queue it for Graphviz.

    The largest diagrams go first, so that none starts last while the other cores idle.
    While they draw, a PNG's labels are checked to have a font (added to ``warnings``).
    """
    if not options.formats:
        return {}
    queue = sorted(
        ((stage, language) for stage in todo for language in options.languages),
        key=lambda job: -_drawing_size(job[0]),
    )
    drawings: Drawings = {}
    sources = []
    for stage, language in queue:
        words = pages.messages.words(language)
        diagram = compile_stage(
            stage, language, words, show_title=options.show_title, theme=load_theme(options.theme)
        )
        name = f"{language_dir(language)}{stage.id}"
        job = pool.submit(_draw, diagram, name, options, stage, language)
        drawings.setdefault(stage.id, []).append(job)
        sources.append(diagram.dot_source)
    if warnings is not None and "png" in options.formats:
        warning = missing_font_warning(sources)
        warnings.extend([warning] if warning else [])
    return drawings


def _draw(
    diagram: CompiledDiagram, name: str, options: BuildOptions, stage: Stage, language: str
) -> Drawn:
    """Draw one diagram and inspect it, in a thread of the pool."""
    files, rendered = diagram_files(diagram, name, options)
    problems = diagram_problems(rendered.images.get("svg"), rendered.warnings, stage)
    return Drawn(language, files, tuple(problems))


def _drawing_size(stage: Stage) -> int:
    """How much Graphviz has to do, roughly: what it must place and route."""
    return len(stage.nodes) + len(stage.groups) + len(stage.edges)


def stages_as_drawn(drawings: Drawings, stage_ids: list[str]) -> Iterator[str]:
    """Each stage id once all its diagrams are done; stages without diagrams first."""
    owner = {future: stage_id for stage_id, futures in drawings.items() for future in futures}
    left = {stage_id: len(drawings.get(stage_id, ())) for stage_id in stage_ids}
    yield from [stage_id for stage_id, count in left.items() if count == 0]
    for future in as_completed(owner):
        stage_id = owner[future]
        left[stage_id] -= 1
        if left[stage_id] == 0:
            yield stage_id
