"""``build()``: every stage whose inputs changed, drawn in parallel, then the index and
the manifest. A spec with errors writes nothing; the others still build."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from archgen.build.drawing import InFlight, graphviz_pool, stages_as_drawn, start_drawing
from archgen.build.layout_warnings import recorded_warnings
from archgen.build.lock import Tell, output_lock, tell_nobody
from archgen.build.outputs import estimate_files, index_files, page_files, reference_files_all
from archgen.build.report import BuildReport, NoProgress, Progress
from archgen.build.writes import (
    keep_dropped,
    remove_entries_without_spec,
    settle_kept,
    write_files,
)
from archgen.diagnostics import ExitCode
from archgen.draw.graphviz_output import RenderError
from archgen.incremental.inputs import InputHasher, icon_sources
from archgen.incremental.manifest import (
    INDEX_ENTRY,
    REFERENCE_ENTRY,
    Entry,
    Inputs,
    Manifest,
    SourceReader,
    current_entries,
    digest,
    estimate_entry,
)
from archgen.incremental.replay import told_again
from archgen.incremental.warnings import RecordedWarning
from archgen.pages.markdown import PageRenderer
from archgen.pipeline import Estimate, Read, load_and_resolve, load_estimates
from archgen.project.atomic import remove_leftovers
from archgen.project.options import BuildOptions
from archgen.resolve.stage import Stage

# Told after a build with errors; a docs site renders an index of its own then (resilient.py).
INDEX_KEPT_NOTE = "index.md not updated, so it keeps listing the stages that failed"


def build(
    paths: Sequence[Path],
    options: BuildOptions,
    progress: Progress | None = None,
    tell: Tell = tell_nobody,
) -> BuildReport:
    """Build every stage whose inputs changed, in parallel, then the index and manifest.

    ``tell`` hears what the user should know while waiting (another build holds the lock).
    """
    report = BuildReport(strict=options.strict)
    reader = SourceReader()  # what the loaders parsed is what the manifest may record
    stages, report.diagnostics = load_and_resolve(paths, read=reader)
    estimates: list[Estimate] | None = None
    if not stages:  # no Graphviz to wait for: whether anything is valid decides all
        estimates = _load_estimates(paths, report, reader)
        if not estimates:
            return report  # nothing valid to build: create and write nothing, not even a lock
    pages = PageRenderer(options.templates)
    hasher = InputHasher(options)
    with output_lock(options.output, tell), graphviz_pool(options.jobs) as pool:
        remove_leftovers(options.output)
        current = _BuildInProgress(options, pages, hasher, _manifest(options, report), report)
        recorded = dict(current.manifest.entries)
        chosen = [stage for stage in stages if in_shard(stage.id, options.shard)]
        todo = current.stages_to_build(chosen)
        work = InFlight(todo, start_drawing(todo, options, pages, pool, report.warnings))
        # While Graphviz draws: the hashes, the pages, and the estimates (which load pint).
        work.inputs = {stage.id: hasher.stage_inputs(stage) for stage in todo}
        work.pages = {stage.id: page_files(stage, options, pages) for stage in todo}
        if estimates is None:
            estimates = _load_estimates(paths, report, reader)
        current.build_estimates(estimates)
        current.write_stages(work, progress or NoProgress())
        report.stages.sort(key=lambda stage: stage.sort_key)
        current.write_index_and_prune(stages, estimates)
        settle_kept(options.output, current.manifest, options, report)
        sources = reader.sources(options.output)
        current.record_sources(sources, recorded, icon_sources(stages, options.output))
        current.manifest.write(options.output, shard=options.shard)
    return report


def _manifest(options: BuildOptions, report: BuildReport) -> Manifest:
    """The output folder's manifest; a note, and an empty one, where it is not to be trusted."""
    manifest = Manifest.read(options.output)
    if manifest.problem:
        report.notes.append(f"{manifest.problem}; every stage is built again")
    return manifest


def _load_estimates(paths: Sequence[Path], report: BuildReport, read: Read) -> list[Estimate]:
    estimates, problems = load_estimates(paths, read)
    report.add_diagnostics(problems)
    return estimates


def in_shard(stage_id: str, shard: tuple[int, int] | None) -> bool:
    """Whether a stage is in share K of N: by a hash of its id, stable across runs."""
    if shard is None:
        return True
    number, count = shard
    return int(digest(stage_id.encode())[:8], 16) % count == number - 1


class _BuildInProgress:
    """One build of an output folder, while it runs: what its steps share."""

    def __init__(
        self,
        options: BuildOptions,
        pages: PageRenderer,
        hasher: InputHasher,
        manifest: Manifest,
        report: BuildReport,
    ) -> None:
        self.options = options
        self.output = options.output
        self.pages = pages
        self.hasher = hasher
        self.manifest = manifest
        self.report = report

    def stages_to_build(self, stages: list[Stage]) -> list[Stage]:
        todo = []
        for stage in stages:
            recorded = self.manifest.entries.get(stage.id)
            # A stage never built is hashed later, while Graphviz draws it.
            if recorded and recorded.is_current(self.hasher.stage_inputs(stage), self.output):
                self.report.up_to_date.append(stage.id)
                self.report.stages.append(stage)
                languages = self.options.languages
                self.report.layout_warnings += told_again(recorded.warnings, stage, languages)
            else:
                todo.append(stage)
        return todo

    def write_stages(self, work: InFlight, progress: Progress) -> None:
        """Write each stage's files once all its diagrams are drawn, in the order they
        finish. Each stage's files depend on that stage alone, so that order changes
        nothing in the output."""
        if not work.stages:
            return
        progress.start(len(work.stages))
        waiting = {stage.id: stage for stage in work.stages}
        try:
            for stage_id in stages_as_drawn(work.drawings, list(waiting)):
                progress.advance(stage_id)
                stage = waiting[stage_id]
                try:
                    drawn = [future.result() for future in work.drawings.get(stage_id, [])]
                except RenderError as error:
                    self.report.environment_errors.append(f"{stage.source}: {error}")
                    continue
                files = {name: data for diagram in drawn for name, data in diagram.files.items()}
                files.update(work.pages[stage_id])
                warnings = recorded_warnings(stage, drawn, self.output)
                self.report.layout_warnings += told_again(warnings, stage, self.options.languages)
                self.write_stage(stage, work.inputs[stage_id], files, warnings)
        finally:
            progress.close()

    def write_stage(
        self,
        stage: Stage,
        inputs: Inputs,
        files: dict[str, bytes],
        warnings: tuple[RecordedWarning, ...] = (),
    ) -> None:
        if not write_files(self.output, files, self.report):
            return  # refused: the stage keeps its earlier files and entry
        self.report.stages.append(stage)
        source = Path(os.path.relpath(stage.source, self.output)).as_posix()  # never absolute
        self.record(stage.id, Entry(source, inputs, _hashes(files), warnings=warnings))

    def build_estimates(self, estimates: list[Estimate]) -> None:
        """Each estimate's page, and the reference tables when there is any estimate."""
        shard = self.options.shard
        for estimate in estimates:
            key = estimate_entry(estimate.id)
            if not in_shard(key, shard):
                continue
            source = os.path.relpath(estimate.source, self.output)
            self.build_entry(
                key,
                self.hasher.estimate_inputs(estimate),
                source,
                partial(estimate_files, estimate.result, self.options, self.pages),
            )
        if estimates and (shard is None or shard[0] == 1):  # the reference tables: one shard
            self.build_entry(
                REFERENCE_ENTRY,
                self.hasher.inputs(""),
                "",
                lambda: reference_files_all(self.options, self.pages),
            )

    def build_entry(
        self, key: str, inputs: Inputs, source: str, make: Callable[[], dict[str, bytes]]
    ) -> None:
        """Write what ``make`` renders unless the entry's inputs and files are as recorded."""
        recorded = self.manifest.entries.get(key)
        if recorded and recorded.is_current(inputs, self.output):
            return
        files = make()
        if write_files(self.output, files, self.report):
            self.record(key, Entry(Path(source).as_posix(), inputs, _hashes(files)))

    def record(self, key: str, entry: Entry) -> None:
        """Put ``entry`` in the manifest, keeping what its older self wrote and it does not."""
        keep_dropped(self.output, self.manifest.entries.get(key), entry)
        self.manifest.entries[key] = entry

    def write_index_and_prune(self, stages: list[Stage], estimates: list[Estimate]) -> None:
        """The index, and the removal of stages whose spec is gone: only after a clean build."""
        if self.report.errors_code is not ExitCode.OK:  # warnings, strict or not, write it
            if stages:
                self.report.notes.append(INDEX_KEPT_NOTE)
            return
        if self.options.shard is None:  # one shard cannot know which stages the others build
            current = current_entries((s.id for s in stages), (e.id for e in estimates))
            remove_entries_without_spec(current, self.manifest, self.output, self.report)
        self.build_entry(
            INDEX_ENTRY,
            self.hasher.index_inputs(stages, estimates),
            "",
            lambda: index_files(stages, self.options, self.pages, estimates),
        )

    def record_sources(
        self, sources: dict[str, str], recorded: dict[str, Entry], icons: dict[str, str]
    ) -> None:
        """Let the next build skip everything (see incremental.uptodate) only after a build
        that was whole and had nothing to say.

        A build with problems keeps the sources recorded before only if it changed no
        entry: then every output is still what those sources built.
        """
        if self.options.shard is not None:
            self.manifest.sources = {}  # a shard's manifest: the fast path never reads those
        elif self.report.nothing_to_report:
            self.manifest.sources, self.manifest.icons = sources, icons
        elif self.manifest.entries != recorded:
            self.manifest.sources = {}


def _hashes(files: dict[str, bytes]) -> dict[str, str]:
    return {name: digest(data) for name, data in files.items()}
