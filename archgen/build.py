"""The build: finds specs, runs every pipeline step, and writes the output atomically.

This is the only module that touches the file system (besides reading a spec) and
runs processes. A spec with errors writes nothing; the others still build.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from archgen.atomic import OutsideOutput, inside, remove_leftovers, write_atomically
from archgen.diagnostics import Diagnostic, Severity, SpecError
from archgen.fingerprint import model_digest, stage_digest
from archgen.manifest import (
    ESTIMATE_ENTRY,
    INDEX_ENTRY,
    REFERENCE_ENTRY,
    Entry,
    Inputs,
    Manifest,
    SourceReader,
    digest,
    digest_files,
    digest_value,
)
from archgen.pages import PageRenderer
from archgen.render import RenderError, render
from archgen.resolve import Stage, resolve_all
from archgen.spec.load import LoadedSpec, load_spec
from archgen.workspace import (
    IMAGE_FORMATS,
    BuildOptions,
    find_spec_files,
    is_estimate_file,
    language_dir,
    temp_dir,
)

if TYPE_CHECKING:  # imported where used: pint (estimates) and diagrams are slow to import
    from archgen.compile import CompiledDiagram
    from archgen.estimate import EstimateResult


class Progress(Protocol):
    """Told about each stage as it is built; the command shows it, the build does not."""

    def start(self, total: int) -> None: ...
    def advance(self, stage_id: str) -> None: ...
    def close(self) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, stage_id: str) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class BuildReport:
    stages: list[Stage] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    environment_errors: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # stage ids whose inputs had not changed
    estimates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.environment_errors:
            return 3
        return 2 if any(d.severity is Severity.ERROR for d in self.diagnostics) else 0

    @property
    def spotless(self) -> bool:
        """Nothing to say at all: a later build may then skip all of this one's work."""
        return not (self.diagnostics or self.environment_errors or self.notes)

    def add_diagnostics(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted([*self.diagnostics, *diagnostics], key=lambda d: d.location)


def load_and_resolve(paths: Sequence[Path], display: Callable[[Path], str] = str,
                     read: Callable[[Path], bytes] = Path.read_bytes,
                     ) -> tuple[list[Stage], list[Diagnostic]]:
    """Steps 1 and 2 for every spec named by ``paths``; what `validate` runs.

    ``display`` names a spec file in messages (e.g. ``main:specs/a.yaml`` for a spec
    read from a git revision); ``read`` reads one.
    """
    loaded: list[LoadedSpec] = []
    diagnostics: list[Diagnostic] = []
    for path in find_spec_files(paths):
        if is_estimate_file(path):
            continue
        try:
            loaded.append(load_spec(path, display(path), read))
        except SpecError as error:
            diagnostics.extend(error.diagnostics)
    stages, problems = resolve_all(loaded)
    return stages, sorted([*diagnostics, *problems], key=lambda d: d.location)


@dataclass(frozen=True)
class Estimate:
    """An estimate spec, computed; its pages are written with the stages'."""

    result: EstimateResult
    source: Path

    @property
    def id(self) -> str:
        return self.result.loaded.id


def load_estimates(paths: Sequence[Path], read: Callable[[Path], bytes] = Path.read_bytes,
                   ) -> tuple[list[Estimate], list[Diagnostic]]:
    """Load and compute every estimate spec (``kind: estimate``) named by ``paths``."""
    estimates, diagnostics = [], []
    for path in find_spec_files(paths):
        if not is_estimate_file(path):
            continue
        from archgen.estimate import evaluate, load_estimate

        try:
            result = evaluate(load_estimate(path, read=read))
        except SpecError as error:
            diagnostics.extend(error.diagnostics)
            continue
        diagnostics.extend(result.warnings)
        estimates.append(Estimate(result, path))
    estimates.sort(key=lambda e: (e.result.loaded.spec.order or 1_000_000, e.id))
    return estimates, diagnostics


def build(paths: Sequence[Path], options: BuildOptions,
          progress: Progress | None = None) -> BuildReport:
    """Build every stage whose inputs changed, in parallel, then the index and manifest."""
    report = BuildReport()
    reader = SourceReader()  # what the loaders parsed is what the manifest may record
    stages, report.diagnostics = load_and_resolve(paths, read=reader)
    estimates: list[Estimate] | None = None
    if not stages:  # no Graphviz to wait for: whether anything is valid decides all
        estimates = _load_estimates(paths, report, reader)
        if not estimates:
            return report  # nothing valid to build: create and write nothing, not even a lock
    plan = BuildPlan(options, PageRenderer(options.templates))
    with output_lock(options.output, report), graphviz_pool(options.jobs) as pool:
        remove_leftovers(temp_dir(options.output))
        manifest = Manifest.read(options.output)
        recorded = dict(manifest.entries)
        chosen = [stage for stage in stages if in_shard(stage.id, options.shard)]
        todo = _stages_to_build(chosen, plan, manifest, report)
        work = InFlight(todo, _start_drawing(todo, plan, pool))
        # While Graphviz draws: the hashes, the pages, and the estimates (which load pint).
        work.inputs = {stage.id: plan.stage_inputs(stage) for stage in todo}
        work.pages = {stage.id: page_files(stage, options, plan.pages) for stage in todo}
        if estimates is None:
            estimates = _load_estimates(paths, report, reader)
        _build_estimates(estimates, plan, manifest, report)
        _write_stages(work, plan, manifest, report, progress or NoProgress())
        report.stages.sort(key=lambda stage: stage.sort_key)
        _finish(stages, estimates, plan, manifest, report)
        _record_sources(manifest, reader.sources(options.output), recorded, report, options)
        manifest.write(options.output, shard=options.shard)
    return report


def _record_sources(manifest: Manifest, sources: dict[str, str], recorded: dict[str, Entry],
                    report: BuildReport, options: BuildOptions) -> None:
    """Let the next build skip everything (see archgen.uptodate) only after a build that
    was whole and had nothing to say.

    A build with problems keeps the sources recorded before only if it changed no
    entry: then every output is still what those sources built.
    """
    if options.shard is not None:
        manifest.sources = {}  # a shard's manifest: the fast path never reads those
    elif report.spotless:
        manifest.sources = sources
    elif manifest.entries != recorded:
        manifest.sources = {}


def _load_estimates(paths: Sequence[Path], report: BuildReport,
                    read: Callable[[Path], bytes]) -> list[Estimate]:
    estimates, problems = load_estimates(paths, read)
    report.add_diagnostics(problems)
    return estimates


def in_shard(stage_id: str, shard: tuple[int, int] | None) -> bool:
    """Whether a stage is in share K of N: by a hash of its id, stable across runs."""
    if shard is None:
        return True
    number, count = shard
    return int(digest(stage_id.encode())[:8], 16) % count == number - 1


def _stages_to_build(stages: list[Stage], plan: BuildPlan, manifest: Manifest,
                     report: BuildReport) -> list[Stage]:
    todo = []
    for stage in stages:
        recorded = manifest.entries.get(stage.id)
        # A stage never built is hashed later, while Graphviz draws it.
        if recorded and recorded.inputs == plan.stage_inputs(stage) \
                and recorded.intact(plan.options.output):
            report.skipped.append(stage.id)
            report.stages.append(stage)
        else:
            todo.append(stage)
    return todo


Drawings = dict[str, list[Future[dict[str, bytes]]]]  # stage id -> one per language


@dataclass
class InFlight:
    """The stages being built: their diagrams, drawing, and what is made meanwhile."""

    stages: list[Stage]
    drawings: Drawings
    inputs: dict[str, Inputs] = field(default_factory=dict)  # stage id -> its hashes
    pages: dict[str, dict[str, bytes]] = field(default_factory=dict)  # stage id -> files


def _start_drawing(todo: list[Stage], plan: BuildPlan,
                   pool: ThreadPoolExecutor) -> Drawings:
    """Compile each diagram (a stage in one language) and queue it for Graphviz.

    Compiling is quick Python work, done here so the pool's threads only wait on
    Graphviz, a process per diagram. The largest diagrams go first, so that none
    starts last while the other cores idle.
    """
    # Imported here: diagrams is slow to import and a no-op build draws nothing.
    from archgen.compile import compile_stage

    options = plan.options
    if not options.formats:
        return {}
    queue = sorted(((stage, language) for stage in todo for language in options.languages),
                   key=lambda job: -_drawing_size(job[0]))
    drawings: Drawings = {}
    for stage, language in queue:
        diagram = compile_stage(stage, language, plan.pages.messages.words(language))
        name = f"{language_dir(language)}{stage.id}"
        drawings.setdefault(stage.id, []).append(pool.submit(diagram_files, diagram, name,
                                                             options))
    return drawings


def _drawing_size(stage: Stage) -> int:
    """How much Graphviz has to do, roughly: what it must place and route."""
    return len(stage.nodes) + len(stage.groups) + len(stage.edges)


def _write_stages(work: InFlight, plan: BuildPlan, manifest: Manifest, report: BuildReport,
                  progress: Progress) -> None:
    """Write each stage's files once all its diagrams are drawn, in the order they finish.

    Each stage's files depend on that stage alone, so that order changes nothing in
    the output.
    """
    if not work.stages:
        return
    progress.start(len(work.stages))
    waiting = {stage.id: stage for stage in work.stages}
    try:
        for stage_id in _stages_as_drawn(work.drawings, list(waiting)):
            progress.advance(stage_id)
            try:
                files = {name: data for future in work.drawings.get(stage_id, [])
                         for name, data in future.result().items()}
            except RenderError as error:
                report.environment_errors.append(f"{waiting[stage_id].source}: {error}")
                continue
            files.update(work.pages[stage_id])
            _write_stage(waiting[stage_id], work.inputs[stage_id], files, plan, manifest,
                         report)
    finally:
        progress.close()


def _write_stage(stage: Stage, inputs: Inputs, files: dict[str, bytes], plan: BuildPlan,
                 manifest: Manifest, report: BuildReport) -> None:
    _write(plan.options.output, files, report)
    report.stages.append(stage)
    entry = _entry(stage, inputs, files, plan.options.output)
    _forget_old_outputs(plan.options.output, manifest.entries.get(stage.id), entry, report)
    manifest.entries[stage.id] = entry


def _stages_as_drawn(drawings: Drawings, stage_ids: list[str]) -> Iterator[str]:
    """Each stage id once all its diagrams are done; stages without diagrams first."""
    owner = {future: stage_id for stage_id, futures in drawings.items() for future in futures}
    left = {stage_id: len(drawings.get(stage_id, ())) for stage_id in stage_ids}
    yield from [stage_id for stage_id, count in left.items() if count == 0]
    for future in as_completed(owner):
        stage_id = owner[future]
        left[stage_id] -= 1
        if left[stage_id] == 0:
            yield stage_id


def _entry(stage: Stage, inputs: Inputs, files: dict[str, bytes], output: Path) -> Entry:
    source = os.path.relpath(stage.source, output)  # no absolute path, ever
    return Entry(Path(source).as_posix(), inputs,
                 {name: digest(data) for name, data in files.items()})


def _build_estimates(estimates: list[Estimate], plan: BuildPlan, manifest: Manifest,
                     report: BuildReport) -> None:
    """Each estimate's page, and the reference tables when there is any estimate."""
    shard = plan.options.shard
    for estimate in estimates:
        if not in_shard(f"{ESTIMATE_ENTRY}{estimate.id}", shard):
            continue
        inputs = plan.estimate_inputs(estimate)
        _build_entry(f"{ESTIMATE_ENTRY}{estimate.id}", inputs, os.path.relpath(
            estimate.source, plan.options.output), lambda e=estimate: estimate_files(
            e.result, plan.options, plan.pages), plan, manifest, report)
        report.estimates.append(estimate.id)
    if estimates and (shard is None or shard[0] == 1):  # the reference tables: one shard
        _build_entry(REFERENCE_ENTRY, plan.inputs(""), "", lambda: reference_files_all(
            plan.options, plan.pages), plan, manifest, report)


def _build_entry(key: str, inputs: Inputs, source: str, make: Callable[[], dict[str, bytes]],
                 plan: BuildPlan, manifest: Manifest, report: BuildReport) -> None:
    """Write what ``make`` renders unless the entry's inputs and files are as recorded."""
    output = plan.options.output
    recorded = manifest.entries.get(key)
    if recorded and recorded.inputs == inputs and recorded.intact(output):
        return
    files = make()
    _write(output, files, report)
    entry = Entry(Path(source).as_posix(), inputs,
                  {name: digest(data) for name, data in files.items()})
    _forget_old_outputs(output, recorded, entry, report)
    manifest.entries[key] = entry


def _finish(stages: list[Stage], estimates: list[Estimate], plan: BuildPlan,
            manifest: Manifest, report: BuildReport) -> None:
    """The index, and the removal of stages whose spec is gone: only after a clean build."""
    if report.exit_code != 0:
        if stages:
            report.notes.append("index.md not updated, so it keeps listing the stages that "
                                "failed")
        return
    output = plan.options.output
    if plan.options.shard is None:  # one shard cannot know which stages the others build
        current = {stage.id for stage in stages} | {INDEX_ENTRY}
        current |= {f"{ESTIMATE_ENTRY}{e.id}" for e in estimates}
        current |= {REFERENCE_ENTRY} if estimates else set()
        _remove_entries_without_spec(current, manifest, output, report)
    _build_entry(INDEX_ENTRY, plan.index_inputs(stages, estimates), "",
                 lambda: index_files(stages, plan.options, plan.pages, estimates),
                 plan, manifest, report)


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


@contextmanager
def output_lock(output: Path, report: BuildReport) -> Iterator[None]:
    """One build of an output folder at a time: a second one waits, and says so."""
    lock_path = output / ".archgen" / "lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"archgen: waiting for another build of {output} to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class BuildPlan:
    """What every stage of one build shares: options, templates and their hashes."""

    def __init__(self, options: BuildOptions, pages: PageRenderer) -> None:
        self.options = options
        self.pages = pages
        self.templates_digest = digest_files(pages.template_files())
        self.options_digest = digest_value(options.output_options())

    def inputs(self, content_digest: str) -> Inputs:
        return Inputs(content_digest, self.templates_digest, self.options_digest)

    def stage_inputs(self, stage: Stage) -> Inputs:
        return self.inputs(stage_digest(stage))

    def estimate_inputs(self, estimate: Estimate) -> Inputs:
        return self.inputs(digest_value([estimate.id, estimate.source.read_bytes().hex()]))

    def index_inputs(self, stages: list[Stage], estimates: list[Estimate]) -> Inputs:
        # The index shows each stage's and estimate's id, order, title and summary.
        shown = [(s.id, s.order, s.title, s.summary) for s in stages]
        shown += [(e.id, e.result.loaded.spec.title) for e in estimates]
        return self.inputs(model_digest(shown))


def _forget_old_outputs(output: Path, old: Entry | None, new: Entry,
                        report: BuildReport) -> None:
    """Delete what an earlier build wrote for this entry and this build no longer does."""
    if old is not None:
        _delete(output, {n: h for n, h in old.outputs.items() if n not in new.outputs}, report)


def _remove_entries_without_spec(current: set[str], manifest: Manifest, output: Path,
                                 report: BuildReport) -> None:
    for stage_id in [key for key in manifest.entries if key not in current]:
        _delete(output, manifest.entries.pop(stage_id).outputs, report)


def _delete(output: Path, files: dict[str, str], report: BuildReport) -> None:
    """Delete files archgen wrote, but never one edited since: that would lose work."""
    for name, expected in sorted(files.items()):
        try:
            path = inside(output, name)
            if digest(path.read_bytes()) == expected:
                path.unlink()
                report.deleted.append(path)
            else:
                report.notes.append(f"{path} was edited by hand; left in place")
        except (FileNotFoundError, OutsideOutput):
            continue


def stage_file_names(stage_id: str, options: BuildOptions) -> list[str]:
    """The files a build writes for one stage, relative to the output folder."""
    suffixes = [*options.formats, "md"]
    return [f"{language_dir(language)}{stage_id}.{suffix}"
            for language in options.languages for suffix in suffixes]


def diagram_files(diagram: CompiledDiagram, name: str,
                  options: BuildOptions) -> dict[str, bytes]:
    """A compiled diagram in every format asked for, drawn in memory: ``name.<format>``."""
    files = {f"{name}.dot": diagram.dot_source.encode()} if "dot" in options.formats else {}
    images = tuple(fmt for fmt in options.formats if fmt in IMAGE_FORMATS)
    if images:  # --format dot alone runs no Graphviz
        for fmt, data in render(diagram, images, options.graphviz_timeout).items():
            files[f"{name}.{fmt}"] = data
    return files


def page_files(stage: Stage, options: BuildOptions, pages: PageRenderer) -> dict[str, bytes]:
    """One stage's page in every language."""
    image_format = _page_image_format(options.formats)
    image = f"{stage.id}.{image_format}" if image_format else ""
    files = {}
    for language in options.languages:
        page = pages.stage_page(stage, language, image)
        files[f"{language_dir(language)}{page.name}"] = page.text.encode()
    return files


def index_file_names(options: BuildOptions) -> list[str]:
    return [f"{language_dir(language)}index.md" for language in options.languages]


def estimate_files(result: EstimateResult, options: BuildOptions,
                   pages: PageRenderer) -> dict[str, bytes]:
    from archgen.estimate import render_estimate_page

    files = {}
    for language in options.languages:
        page = render_estimate_page(result, language, pages)
        files[f"{language_dir(language)}{page.name}"] = page.text.encode()
    return files


def reference_files_all(options: BuildOptions, pages: PageRenderer) -> dict[str, bytes]:
    """The reference tables (powers of two, latency, availability) in every language."""
    from archgen.estimate import reference_files

    return {f"{language_dir(language)}{name}": data for language in options.languages
            for name, data in reference_files(language, pages).items()}


def index_files(stages: list[Stage], options: BuildOptions, pages: PageRenderer,
                estimates: Sequence[Estimate] = ()) -> dict[str, bytes]:
    image_format = _page_image_format(options.formats)
    files = {}
    for language in options.languages:
        page = pages.index_page(stages, language, image_format,
                                [e.result.loaded.spec for e in estimates])
        files[f"{language_dir(language)}{page.name}"] = page.text.encode()
    return files


def _page_image_format(formats: Iterable[str]) -> str | None:
    """Pages show the SVG when there is one: it is sharp at any zoom and searchable."""
    formats = tuple(formats)
    for preferred in ("svg", "png"):
        if preferred in formats:
            return preferred
    return None


def _write(output: Path, files: dict[str, bytes], report: BuildReport) -> None:
    # Images first, pages last: a page never points at an image not yet written.
    for name in sorted(files, key=lambda n: (n.endswith(".md"), n)):
        try:
            path = inside(output, name)
        except OutsideOutput as error:
            report.environment_errors.append(str(error))
            continue
        if write_atomically(path, files[name], temp_dir(output)):
            report.written.append(path)
        else:
            report.unchanged.append(path)
