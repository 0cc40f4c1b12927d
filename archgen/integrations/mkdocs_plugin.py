"""The ``archgen`` MkDocs plugin: build the specs during ``mkdocs build`` and ``mkdocs serve``.

The stages are built with :func:`archgen.build.build` into a cache folder outside
``docs_dir`` and handed to MkDocs as generated files under ``output``. Nothing is
written into ``docs_dir``, so ``mkdocs serve`` does not see its own output and loop,
and MkDocs itself rewrites the pages' relative links (``database.svg``,
``single-server.md``) for ``use_directory_urls``, because every target is a file it knows.

Installed with ``pip install archgen[mkdocs]``; enabled with ``plugins: [archgen]``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from archgen.diagnostics import ArchgenError, BadInput, SpecError, printable
from archgen.integrations.resilient import SiteBuild, build_for_site, reason_of
from archgen.integrations.site_failures import (
    Failure,
    Known,
    Words,
    failure_pages,
    failures_of,
    fallback_index,
    index_name,
    index_notice,
    known_of,
    with_notice,
)
from archgen.pages.i18n import Messages
from archgen.project.languages import language_problem
from archgen.project.options import (
    DEFAULT_THEME,
    GRAPHVIZ_TIMEOUT_MAX,
    IMAGE_FORMATS,
    LANGUAGE_PATTERN,
    THEMES,
    BuildOptions,
)
from archgen.project.paths import relative_to_working_folder
from archgen.project.specs import find_spec_files
from archgen.project.templates import template_dirs

log = get_plugin_logger("archgen")


# The type: ignore on both classes: mkdocs' __init_subclass__ has no type hints.
class ArchgenPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    specs = c.Type(str, default="specs")  # relative to mkdocs.yml
    output = c.Type(str, default="architecture")  # relative to the site's root
    languages = c.ListOfItems(c.Type(str), default=["en"])
    formats = c.ListOfItems(c.Choice(IMAGE_FORMATS), default=["svg", "png"])
    templates = c.Optional(c.Type(str))  # relative to mkdocs.yml, like `archgen --templates`
    graphviz_timeout = c.Type((int, float), default=120)
    theme = c.Choice(THEMES, default=DEFAULT_THEME)  # the pictures' theme, like `--theme`
    show_title = c.Type(bool, default=False)  # each title in its picture, like `--show-title`
    # The pictures' layout warnings as MkDocs warnings (`mkdocs build --strict` fails on
    # them), like archgen's --strict; else as information.
    strict = c.Type(bool, default=False)


class ArchgenPlugin(BasePlugin[ArchgenPluginConfig]):  # type: ignore[no-untyped-call]
    """Adds the built stage pages and diagrams to the site, rebuilding what changed."""

    def __init__(self) -> None:
        # One cache per plugin instance. Because the class defines on_startup, `mkdocs
        # serve` keeps the instance across rebuilds, so archgen's manifest skips the
        # stages that did not change and only an edited spec goes through Graphviz again.
        self._cache: tempfile.TemporaryDirectory[str] | None = None
        self._specs = Path("specs")
        self._templates: Path | None = None
        # Each spec file's stage as last built: where the error page of a spec goes that
        # no longer parses (`mkdocs serve`, while its author is typing).
        self._known: dict[str, Known] = {}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Present so that MkDocs keeps this instance (and its cache) across serve rebuilds."""

    def on_shutdown(self) -> None:
        if self._cache is not None:
            self._cache.cleanup()
            self._cache = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self._specs = _shown(base_dir / self.config.specs)
        if not self._specs.exists():
            raise _stop(
                f"archgen: specs '{self.config.specs}' not found "
                f"(looked for {self._specs}, relative to mkdocs.yml)"
            )
        self._templates = None
        if self.config.templates is not None:
            self._templates = _shown(base_dir / self.config.templates)
            if not self._templates.is_dir():
                raise _stop(f"archgen: templates folder {self._templates} not found")
        _site_folder(self.config.output)  # fail early on a bad value
        if not self.config.languages:
            raise PluginError("archgen: 'languages' must name at least one language")
        for language in self.config.languages:
            _check_language(language)
        _check_timeout(self.config.graphviz_timeout)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        folder = _site_folder(self.config.output)
        generated = self._site_pages(self._build(self._cache_dir() / folder), config)
        for name, source in sorted(generated.items()):
            src_uri = (folder / name).as_posix()
            if files.get_file_from_path(src_uri) is not None:
                # A page the author wrote wins (e.g. their own architecture/index.md).
                _info(f"docs_dir has {src_uri}; using it instead of the generated one")
                continue
            if isinstance(source, bytes):
                files.append(File.generated(config, src_uri, content=source))
            else:
                files.append(File.generated(config, src_uri, abs_src_path=source))
        return files

    def _site_pages(self, built: SiteBuild | str, config: MkDocsConfig) -> dict[str, str | bytes]:
        """Every file to publish, by name inside ``output``: a path on disk, or bytes.

        What the build left on disk, but the files of a stage that failed (in ``mkdocs
        serve`` they are its last good build's); in their place a page with its errors;
        and, after any failure, the index of the stages shown, headed by the failures.
        """
        languages = list(self.config.languages)
        if isinstance(built, str):  # not one spec could be built: an index says why
            failures = [Failure(str(self._specs), (built,), None)]
            on_disk: dict[str, str | bytes] = {}
            index: dict[str, bytes] = {}
        else:
            _log_report(built, strict=self.config.strict)
            self._known |= {stage.source: known_of(stage) for stage in built.report.stages}
            failures = failures_of(built, find_spec_files([self._specs]), self._known)
            left_out = {_stem(n) for n in failure_pages(failures, languages, self._words)}
            on_disk = {
                name: str(path)
                for name, path in _site_files(built.output)
                if _stem(name) not in left_out
            }
            index = built.index
        if not failures:
            return on_disk
        pages = {**on_disk, **failure_pages(failures, languages, self._words)}
        return pages | self._indexes(failures, index, config)

    def _indexes(
        self, failures: list[Failure], index: dict[str, bytes], config: MkDocsConfig
    ) -> dict[str, bytes]:
        """Each language's index headed by the failures; a bare one where none rendered."""
        pages = {}
        for language in self.config.languages:
            words = self._words(language)
            notice = index_notice(
                failures, language, words, directory_urls=config.use_directory_urls
            )
            name = index_name(language)
            page = index.get(name)
            pages[name] = (
                with_notice(page, notice) if page is not None else fallback_index(words, notice)
            )
        return pages

    def _words(self, language: str) -> Words:
        """archgen's own words in ``language``, as the pages write them."""
        try:
            return Messages(template_dirs(self._templates)).words(language)
        except ArchgenError:  # a broken messages.yaml, told by the build: English then
            return str

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # MkDocs watches docs_dir and mkdocs.yml only; the specs live elsewhere.
        server.watch(str(self._specs))
        if self._templates is not None:
            server.watch(str(self._templates))
        return server

    def _cache_dir(self) -> Path:
        if self._cache is None:
            self._cache = tempfile.TemporaryDirectory(prefix="archgen-mkdocs-")
        return Path(self._cache.name)

    def _build(self, output: Path) -> SiteBuild | str:
        """The build; when not one spec could be built, the logged line that says why."""
        options = BuildOptions(
            output=output,
            formats=tuple(self.config.formats),
            languages=tuple(self.config.languages),
            templates=self._templates,
            graphviz_timeout=float(self.config.graphviz_timeout),
            theme=self.config.theme,
            show_title=self.config.show_title,
            # The cache is archgen's alone: what a dropped language left must not be published.
            prune=True,
        )
        try:
            return build_for_site(self._specs, options, tell=_info)
        except SpecError as error:  # a malformed messages.yaml in the templates folder
            lines = [str(diagnostic) for diagnostic in error.diagnostics]
            for line in lines:
                log.warning(line)
            return "; ".join(lines)
        except BadInput as error:  # e.g. the specs folder holds no *.yaml
            line = printable(str(error))
            log.warning(line)
        except ArchgenError as error:  # e.g. the cache leads out of itself: no pages at all
            line = printable(str(error))
            log.error(line)
        except Exception as error:  # every spec fails alone too: the site goes without them
            line = printable(f"{self._specs}: no spec could be built: {reason_of(error)}")
            log.error(line)
        return line


def _log_report(built: SiteBuild, *, strict: bool) -> None:
    """One line per problem. Warnings, so that `mkdocs build --strict` fails on them; the
    pictures' layout warnings only with the plugin's own ``strict``."""
    report = built.report
    for diagnostic in report.diagnostics:
        log.warning(str(diagnostic))
    tell_layout = log.warning if strict else _info
    for diagnostic in report.layout_warnings:
        tell_layout(str(diagnostic))
    for problem in report.environment_errors:
        log.error(printable(problem))
    for line in built.left_out():
        log.error(line)
    for warning in report.warnings:
        log.warning(printable(warning))
    for note in report.notes:
        _info(note)
    _info(report.summary().stage_counts())


def _stop(message: str) -> PluginError:
    """The error that stops the site's build, its names escaped as every logged line's."""
    return PluginError(printable(message))


def _info(message: str) -> None:
    log.info(printable(message))


def _site_files(output: Path) -> Iterator[tuple[str, Path]]:
    """(name inside ``output``, file) for every file the build left there: pages, images
    and whatever later kinds of output archgen writes, all meant to be published."""
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output)
        if path.is_file() and not _hidden(relative):
            yield relative.as_posix(), path


def _stem(name: str) -> str:
    """A file's name without its suffix: a stage's page and its images share it."""
    return name.rsplit(".", 1)[0]


def _hidden(relative: Path) -> bool:
    # archgen's .archgen/ (manifest, lock) and the hidden temporary names of atomic writes.
    return any(part.startswith(".") for part in relative.parts)


def _site_folder(value: str) -> PurePosixPath:
    """``output`` as a folder inside the site: relative, without '..'."""
    folder = PurePosixPath(value.strip().strip("/") or ".")
    if folder.is_absolute() or ".." in folder.parts or "\\" in value:
        raise _stop(f"archgen: 'output' must be a folder inside the site, not {value!r}")
    return folder


def _shown(path: Path) -> Path:
    """Relative to the working directory when inside it, so errors read `specs/x.yaml:3:5`;
    resolved first, which also folds the '..' of `specs: ../../specs` when outside it."""
    return relative_to_working_folder(path.resolve())


def _check_language(language: str) -> None:
    problem = (
        None if LANGUAGE_PATTERN.fullmatch(language) else "not a language code such as en or ko"
    ) or language_problem(language)
    if problem:
        raise PluginError(f"archgen: 'languages': {printable(language)}: {problem}")


def _check_timeout(seconds: float) -> None:
    # nan and inf pass the type check; both would make Graphviz's timeout meaningless.
    if not 0 < seconds <= GRAPHVIZ_TIMEOUT_MAX:
        raise PluginError(
            f"archgen: 'graphviz_timeout' must be above 0 and at most "
            f"{GRAPHVIZ_TIMEOUT_MAX:,.0f} seconds, not {seconds}"
        )
