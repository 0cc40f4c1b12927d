"""The build: finds specs, runs every pipeline step, and writes the output atomically.

This is the only module that touches the file system (besides reading a spec) and
runs processes. A spec with errors writes nothing; the others still build.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archgen.atomic import write_atomically
from archgen.compile import compile_stage
from archgen.diagnostics import Diagnostic, Severity, SpecError
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


def load_and_resolve(paths: Sequence[Path]) -> tuple[list[Stage], list[Diagnostic]]:
    """Steps 1 and 2 for every spec named by ``paths``; what `validate` runs."""
    loaded: list[LoadedSpec] = []
    diagnostics: list[Diagnostic] = []
    for path in find_spec_files(paths):
        try:
            loaded.append(load_spec(path))
        except SpecError as error:
            diagnostics.extend(error.diagnostics)
    stages, problems = resolve_all(loaded)
    return stages, sorted([*diagnostics, *problems], key=lambda d: d.location)


def build(paths: Sequence[Path], options: BuildOptions) -> BuildReport:
    report = BuildReport()
    stages, report.diagnostics = load_and_resolve(paths)
    pages = PageRenderer(options.templates)
    for stage in stages:
        try:
            files = _stage_files(stage, options, pages)
        except RenderError as error:
            report.environment_errors.append(f"{stage.source}: {error}")
            continue
        _write(files, report)
        report.stages.append(stage)
    if report.exit_code == 0:
        _write(_index_files(stages, options, pages), report)
    elif stages:
        report.notes.append("index.md not updated, so it keeps listing the stages that failed")
    return report


def _language_dir(output: Path, language: str) -> Path:
    return output if language == DEFAULT_LANGUAGE else output / language


def _stage_files(stage: Stage, options: BuildOptions,
                 pages: PageRenderer) -> dict[Path, bytes]:
    """Every file of one stage, rendered in memory before anything is written."""
    files: dict[Path, bytes] = {}
    image_format = _page_image_format(options.formats)
    for language in options.languages:
        folder = _language_dir(options.output, language)
        if options.formats:
            diagram = compile_stage(stage, language, pages.messages.words(language))
            for fmt, data in render(diagram, options.formats, options.graphviz_timeout).items():
                files[folder / f"{stage.id}.{fmt}"] = data
        image = f"{stage.id}.{image_format}" if image_format else ""
        page = pages.stage_page(stage, language, image)
        files[folder / page.name] = page.text.encode()
    return files


def _index_files(stages: list[Stage], options: BuildOptions,
                 pages: PageRenderer) -> dict[Path, bytes]:
    image_format = _page_image_format(options.formats)
    files = {}
    for language in options.languages:
        page = pages.index_page(stages, language, image_format)
        files[_language_dir(options.output, language) / page.name] = page.text.encode()
    return files


def _page_image_format(formats: Iterable[str]) -> str | None:
    """Pages show the SVG when there is one: it is sharp at any zoom and searchable."""
    formats = tuple(formats)
    for preferred in ("svg", "png"):
        if preferred in formats:
            return preferred
    return None


def _write(files: dict[Path, bytes], report: BuildReport) -> None:
    # Images first, pages last: a page never points at an image not yet written.
    for path in sorted(files, key=lambda p: (p.suffix == ".md", str(p))):
        if write_atomically(path, files[path]):
            report.written.append(path)
        else:
            report.unchanged.append(path)
