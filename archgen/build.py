"""The build: finds specs, runs every pipeline step, and writes the output atomically.

This is the only module that touches the file system (besides reading a spec) and
runs processes. A spec with errors writes nothing; the others still build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archgen.atomic import write_atomically
from archgen.compile import compile_stage
from archgen.diagnostics import Diagnostic, Severity, SpecError
from archgen.manifest import (
    Entry,
    Inputs,
    Manifest,
    digest,
    digest_files,
    digest_value,
    stage_digest,
)
from archgen.pages import PageRenderer
from archgen.render import RenderError, render
from archgen.resolve import Stage, resolve_all
from archgen.spec.load import LoadedSpec, load_spec
from archgen.spec.model import DEFAULT_LANGUAGE

SPEC_SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """The command line asks for something impossible (exit code 2)."""


@dataclass(frozen=True)
class BuildOptions:
    output: Path = Path("output")
    formats: tuple[str, ...] = ("svg", "png")
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    templates: Path | None = None
    graphviz_timeout: float = 120.0


@dataclass
class BuildReport:
    stages: list[Stage] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    environment_errors: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # stage ids whose inputs had not changed
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.environment_errors:
            return 3
        return 2 if any(d.severity is Severity.ERROR for d in self.diagnostics) else 0


def find_spec_files(paths: Sequence[Path]) -> list[Path]:
    """The spec files named by ``paths``: files as given, folders searched recursively."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.suffix in SPEC_SUFFIXES and p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not found:
        raise UsageError(f"no spec files (*.yaml) in {', '.join(map(str, paths))}")
    return found


def load_and_resolve(paths: Sequence[Path], display: Callable[[Path], str] = str,
                     ) -> tuple[list[Stage], list[Diagnostic]]:
    """Steps 1 and 2 for every spec named by ``paths``; what `validate` runs.

    ``display`` names a spec file in messages (e.g. ``main:specs/a.yaml`` for a spec
    read from a git revision).
    """
    loaded: list[LoadedSpec] = []
    diagnostics: list[Diagnostic] = []
    for path in find_spec_files(paths):
        try:
            loaded.append(load_spec(path, display(path)))
        except SpecError as error:
            diagnostics.extend(error.diagnostics)
    stages, problems = resolve_all(loaded)
    return stages, sorted([*diagnostics, *problems], key=lambda d: d.location)


def build(paths: Sequence[Path], options: BuildOptions) -> BuildReport:
    report = BuildReport()
    stages, report.diagnostics = load_and_resolve(paths)
    plan = BuildPlan(options, PageRenderer(options.templates))
    manifest = Manifest.read(options.output)
    for stage in stages:
        entry = _build_stage(stage, plan, manifest.entries.get(stage.id), report)
        if entry is not None:
            _forget_old_outputs(options.output, manifest.entries.get(stage.id), entry, report)
            manifest.entries[stage.id] = entry
    if report.exit_code == 0:
        _remove_stages_without_spec(stages, manifest, options.output, report)
        entry = _build_index(stages, plan, manifest.entries.get(INDEX_ENTRY), report)
        _forget_old_outputs(options.output, manifest.entries.get(INDEX_ENTRY), entry, report)
        manifest.entries[INDEX_ENTRY] = entry
    elif stages:
        report.notes.append("index.md not updated, so it keeps listing the stages that failed")
    manifest.write(options.output)
    return report


INDEX_ENTRY = "index"


class BuildPlan:
    """What every stage of one build shares: options, templates and their hashes."""

    def __init__(self, options: BuildOptions, pages: PageRenderer) -> None:
        self.options = options
        self.pages = pages
        self.templates_digest = digest_files(pages.template_files())
        self.options_digest = digest_value({"formats": options.formats,
                                            "languages": options.languages})

    def inputs(self, content_digest: str) -> Inputs:
        return Inputs(content_digest, self.templates_digest, self.options_digest)

    def stage_inputs(self, stage: Stage) -> Inputs:
        return self.inputs(stage_digest(stage))

    def index_inputs(self, stages: list[Stage]) -> Inputs:
        # The index shows each stage's id, order, title and summary, nothing else.
        shown = [(s.id, s.order, s.title, s.summary) for s in stages]
        return self.inputs(digest_value(shown))


def _build_stage(stage: Stage, plan: BuildPlan, recorded: Entry | None,
                 report: BuildReport) -> Entry | None:
    """Render and write one stage, unless what it was built from is unchanged."""
    inputs = plan.stage_inputs(stage)
    if recorded and recorded.inputs == inputs and _intact(plan.options.output, recorded):
        report.skipped.append(stage.id)
        report.stages.append(stage)
        return None
    try:
        files = stage_files(stage, plan.options, plan.pages)
    except RenderError as error:
        report.environment_errors.append(f"{stage.source}: {error}")
        return None
    _write(plan.options.output, files, report)
    report.stages.append(stage)
    source = os.path.relpath(stage.source, plan.options.output)  # no absolute path, ever
    return Entry(Path(source).as_posix(), inputs,
                 {name: digest(data) for name, data in files.items()})


def _build_index(stages: list[Stage], plan: BuildPlan, recorded: Entry | None,
                 report: BuildReport) -> Entry:
    inputs = plan.index_inputs(stages)
    if recorded and recorded.inputs == inputs and _intact(plan.options.output, recorded):
        return recorded
    files = index_files(stages, plan.options, plan.pages)
    _write(plan.options.output, files, report)
    return Entry("", inputs, {name: digest(data) for name, data in files.items()})


def _intact(output: Path, entry: Entry) -> bool:
    """Every file the entry records is there with the bytes that were written."""
    for name, expected in entry.outputs.items():
        try:
            if digest((output / name).read_bytes()) != expected:
                return False
        except OSError:
            return False
    return True


def _forget_old_outputs(output: Path, old: Entry | None, new: Entry,
                        report: BuildReport) -> None:
    """Delete what an earlier build wrote for this entry and this build no longer does."""
    if old is not None:
        _delete(output, {n: h for n, h in old.outputs.items() if n not in new.outputs}, report)


def _remove_stages_without_spec(stages: list[Stage], manifest: Manifest, output: Path,
                                report: BuildReport) -> None:
    current = {stage.id for stage in stages} | {INDEX_ENTRY}
    for stage_id in [key for key in manifest.entries if key not in current]:
        _delete(output, manifest.entries.pop(stage_id).outputs, report)


def _delete(output: Path, files: dict[str, str], report: BuildReport) -> None:
    """Delete files archgen wrote, but never one edited since: that would lose work."""
    for name, expected in sorted(files.items()):
        path = output / name
        try:
            if digest(path.read_bytes()) == expected:
                path.unlink()
                report.deleted.append(path)
            else:
                report.notes.append(f"{path} was edited by hand; left in place")
        except FileNotFoundError:
            continue


def language_dir(language: str) -> str:
    """Where a language's files go, relative to the output folder."""
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def stage_file_names(stage_id: str, options: BuildOptions) -> list[str]:
    """The files a build writes for one stage, relative to the output folder."""
    suffixes = [*options.formats, "md"]
    return [f"{language_dir(language)}{stage_id}.{suffix}"
            for language in options.languages for suffix in suffixes]


def stage_files(stage: Stage, options: BuildOptions, pages: PageRenderer) -> dict[str, bytes]:
    """Every file of one stage, rendered in memory before anything is written."""
    files: dict[str, bytes] = {}
    image_format = _page_image_format(options.formats)
    for language in options.languages:
        folder = language_dir(language)
        if options.formats:
            diagram = compile_stage(stage, language, pages.messages.words(language))
            for fmt, data in render(diagram, options.formats, options.graphviz_timeout).items():
                files[f"{folder}{stage.id}.{fmt}"] = data
        image = f"{stage.id}.{image_format}" if image_format else ""
        page = pages.stage_page(stage, language, image)
        files[f"{folder}{page.name}"] = page.text.encode()
    return files


def index_file_names(options: BuildOptions) -> list[str]:
    return [f"{language_dir(language)}index.md" for language in options.languages]


def index_files(stages: list[Stage], options: BuildOptions,
                pages: PageRenderer) -> dict[str, bytes]:
    image_format = _page_image_format(options.formats)
    files = {}
    for language in options.languages:
        page = pages.index_page(stages, language, image_format)
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
        path = output / name
        if write_atomically(path, files[name]):
            report.written.append(path)
        else:
            report.unchanged.append(path)
