"""What the Sphinx extension builds before Sphinx reads a document: the specs, built
into a cache folder of archgen's own, and what its directives need to know of that build.

No Sphinx here: the extension (``sphinx_extension.py``) logs through ``SiteLog`` and
turns a ``Site`` into nodes. A build whose specs, templates and options are unchanged
is answered by archgen's no-op fast path (``incremental.uptodate``): no pipeline is
loaded, and Graphviz does not run. Otherwise :func:`resilient.build_for_site` builds
what changed, and one bad spec costs only its own stage.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from archgen.diagnostics import ArchgenError, BadInput, Diagnostic, Severity, SpecError, printable
from archgen.incremental.manifest import Manifest, is_stage_entry
from archgen.incremental.uptodate import up_to_date
from archgen.integrations.page_html import page_html
from archgen.integrations.resilient import SiteBuild, build_for_site, reason_of
from archgen.project.layout import INDEX_PAGE, language_dir, stage_file
from archgen.project.options import BuildOptions
from archgen.project.specs import find_spec_files, read_spec_bytes


class SiteLog(Protocol):
    """Where the build's lines go: Sphinx's logger, a warning located at a spec's line."""

    def warning(self, message: str, location: str | None = None) -> None: ...
    def error(self, message: str) -> None: ...
    def info(self, message: str) -> None: ...


@dataclass
class Site:
    """The build the directives show: its folder, the stages in it, and its problems."""

    output: Path
    languages: tuple[str, ...]
    stages: set[str] = field(default_factory=set)  # built now or up to date
    sources: dict[str, Path] = field(default_factory=dict)  # stage id -> its spec file
    errors: dict[str, list[str]] = field(default_factory=dict)  # spec file -> its errors
    problems: list[str] = field(default_factory=list)  # every error, one line each
    index: dict[str, bytes] = field(default_factory=dict)  # shown instead of the folder's
    spec_files: list[Path] = field(default_factory=list)

    def page(self, name: str) -> str | None:
        """A page of the build (``ko/database.md``) as text; None for a stage not built
        now (its last good page is still in the folder) or a page not there."""
        data = self.index.get(name)
        file = name.rpartition("/")[2]
        if data is None and (file == INDEX_PAGE or file.removesuffix(".md") in self.stages):
            data = (self.output / name).read_bytes() if self.is_file(name) else None
        return None if data is None else data.decode("utf-8")

    def stage_page(self, stage: str, language: str) -> str:
        return f"{language_dir(language)}{stage_file(stage, 'md')}"

    def index_page(self, language: str) -> str:
        return f"{language_dir(language)}{INDEX_PAGE}"

    def is_file(self, name: str) -> bool:
        path = self.output / name
        return not path.is_symlink() and path.is_file()

    def html(self, name: str) -> str | None:
        """A page as HTML with placeholders (``page_html``), or None when not built."""
        text = self.page(name)
        if text is None:
            return None
        folder = name.rpartition("/")[0]
        return page_html(text, folder, self.stages.__contains__, self.is_file)

    def digest(self, name: str) -> str:
        """What a document showing page ``name`` depends on: the page and its images'
        bytes, or, when it is not built, the build's problems (shown instead)."""
        text = self.page(name)
        if text is None:
            return hashlib.sha256("\n".join(["not built", *self.problems]).encode()).hexdigest()
        files: list[str] = []
        page_html(text, name.rpartition("/")[0], self.stages.__contains__, _seen(files, self))
        hashed = hashlib.sha256(text.encode())
        for file in files:
            hashed.update(file.encode() + b"\0" + (self.output / file).read_bytes())
        return hashed.hexdigest()

    def spec_of(self, stage: str) -> Path | None:
        """The spec file of ``stage``: as built, or the failed file whose ``id:`` it is."""
        if stage in self.sources:
            return self.sources[stage]
        line = re.compile(rf"^id:[ \t]*(['\"]?){re.escape(stage)}\1[ \t]*(#.*)?$", re.MULTILINE)
        for path in self.spec_files:
            try:
                text = read_spec_bytes(path).decode("utf-8", "replace")
            except OSError:
                continue
            if line.search(text):
                return path
        return None


def _seen(files: list[str], site: Site) -> Callable[[str], bool]:
    def is_file(name: str) -> bool:
        found = site.is_file(name)
        if found:
            files.append(name)
        return found

    return is_file


def build_site(specs: Path, options: BuildOptions, log: SiteLog, *, strict: bool) -> Site:
    """Build ``specs`` into ``options.output`` and log what the build says, each spec's
    problem as a warning at its line. ``strict``: the pictures' layout warnings too."""
    site = Site(options.output, options.languages)
    try:
        site.spec_files = find_spec_files([specs])
    except BadInput as error:
        log.warning(printable(str(error)))
        return site
    unchanged = up_to_date([specs], options)
    if unchanged is not None:  # nothing to build: said without loading the pipeline
        _log_layout(unchanged.warnings, log, strict=strict)
        log.info(f"{unchanged.stages} stage(s), all up to date: nothing to build")
        site.stages = set(Manifest.read(options.output).stage_ids())
    else:
        built = _build(specs, options, log)
        if built is None:
            return site
        _log_report(built, log, strict=strict)
        site.output, site.index = built.output, built.index
        site.stages = {stage.id for stage in built.report.stages}
        site.problems = built.problems()
        site.errors = _errors_by_file(built)
    site.sources = _sources(site.output, site.stages)
    return site


def _build(specs: Path, options: BuildOptions, log: SiteLog) -> SiteBuild | None:
    try:
        return build_for_site(specs, options, tell=lambda line: log.info(printable(line)))
    except SpecError as error:  # a malformed messages.yaml in the templates folder
        for diagnostic in error.diagnostics:
            log.warning(printable(diagnostic.message), str(diagnostic.location))
    except ArchgenError as error:  # e.g. the cache leads out of itself: no pages at all
        log.error(printable(str(error)))
    except Exception as error:  # every spec fails alone too: the site goes without them
        log.error(printable(f"{specs}: no spec could be built: {reason_of(error)}"))
    return None


def _log_report(built: SiteBuild, log: SiteLog, *, strict: bool) -> None:
    report = built.report
    for diagnostic in report.diagnostics:
        log.warning(printable(diagnostic.message), str(diagnostic.location))
    _log_layout(report.layout_warnings, log, strict=strict)
    for line in [*map(printable, report.environment_errors), *built.left_out()]:
        log.error(line)
    for warning in report.warnings:
        log.warning(printable(warning))
    for note in report.notes:
        log.info(printable(note))
    log.info(printable(report.summary().stage_counts()))


def _log_layout(warnings: list[Diagnostic], log: SiteLog, *, strict: bool) -> None:
    for diagnostic in warnings:
        if strict:
            log.warning(printable(diagnostic.message), str(diagnostic.location))
        else:
            log.info(str(diagnostic))


def _errors_by_file(built: SiteBuild) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for diagnostic in built.report.diagnostics:
        if diagnostic.severity is Severity.ERROR:
            errors.setdefault(diagnostic.location.file, []).append(str(diagnostic))
    for problem in built.report.environment_errors:  # "<spec file>: <what failed>"
        errors.setdefault(problem.partition(": ")[0], []).append(printable(problem))
    for path, reason in built.failed.items():
        errors.setdefault(str(path), []).append(printable(f"{path}: {reason}"))
    return errors


def _sources(output: Path, stages: set[str]) -> dict[str, Path]:
    """Each built stage's spec file, as the manifest records it (relative to ``output``)."""
    entries = Manifest.read(output).entries
    return {
        key: (output / entry.source).resolve()
        for key, entry in entries.items()
        if is_stage_entry(key) and key in stages and entry.source
    }
