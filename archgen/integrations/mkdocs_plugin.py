"""The ``archgen`` MkDocs plugin: build the specs during ``mkdocs build`` and ``mkdocs serve``.

The stages are built with :func:`archgen.build.build` into a cache folder outside
``docs_dir`` and handed to MkDocs as generated files under ``output``. Nothing is
written into ``docs_dir``, so ``mkdocs serve`` does not see its own output and loop,
and MkDocs itself rewrites the pages' relative links (``database.svg``,
``single-server.md``) for ``use_directory_urls``, because every target is a file it knows.

Installed with ``pip install archgen[mkdocs]``; enabled with ``plugins: [archgen]``.
"""

from __future__ import annotations

import posixpath
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from archgen.diagnostics import ArchgenError, BadInput, SpecError, printable
from archgen.integrations.embed import linked_page
from archgen.integrations.resilient import SiteBuild, build_for_site, reason_of
from archgen.integrations.site_files import SiteFiles
from archgen.integrations.site_i18n import I18nBuild, i18n_build, placement
from archgen.integrations.site_nav import Arranged, OurPage, arrange
from archgen.pages.i18n import Messages, Words
from archgen.project.languages import language_problem
from archgen.project.layout import language_dir
from archgen.project.options import (
    DEFAULT_LANGUAGE,
    DEFAULT_THEME,
    GRAPHVIZ_TIMEOUT_MAX,
    IMAGE_FORMATS,
    LANGUAGE_PATTERN,
    THEMES,
    BuildOptions,
)
from archgen.project.paths import relative_to_working_folder
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
    # Each page's stage pictures inlined (readable at any width, enlarged on a click,
    # linked with the page's steps and components); false keeps them as <img>.
    inline = c.Type(bool, default=True)


class ArchgenPlugin(BasePlugin[ArchgenPluginConfig]):  # type: ignore[no-untyped-call]
    """Adds the built stage pages and diagrams to the site, rebuilding what changed."""

    def __init__(self) -> None:
        # One cache per plugin instance. Because the class defines on_startup, `mkdocs
        # serve` keeps the instance across rebuilds, so archgen's manifest skips the
        # stages that did not change and only an edited spec goes through Graphviz again.
        self._cache: tempfile.TemporaryDirectory[str] | None = None
        self._specs = Path("specs")
        self._templates: Path | None = None
        self._site = SiteFiles(self._specs, None, ["en"])  # made again by on_config
        self._ours: dict[str, OurPage] = {}  # src_uri -> what the navigation needs
        self._arranged: Arranged | None = None

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
        # One per specs and templates: `mkdocs serve` reloading mkdocs.yml may change them.
        if (self._site.specs, self._site.templates) != (self._specs, self._templates):
            self._site = SiteFiles(self._specs, self._templates, self.config.languages)
        self._site.languages = list(self.config.languages)
        return config

    @event_priority(0)
    def _files_without_i18n(self, files: Files, *, config: MkDocsConfig) -> Files:
        return files if i18n_build(config) else self._add_files(files, config, None)

    # After static-i18n's on_files (-100), which remakes every file from docs_dir.
    @event_priority(-110)
    def _files_after_i18n(self, files: Files, *, config: MkDocsConfig) -> Files:
        i18n = i18n_build(config)
        return self._add_files(files, config, i18n) if i18n else files

    on_files = CombinedEvent(_files_without_i18n, _files_after_i18n)

    def _add_files(self, files: Files, config: MkDocsConfig, i18n: I18nBuild | None) -> Files:
        folder = _site_folder(self.config.output)
        built = self._build(self._cache_dir() / folder)
        if not isinstance(built, str) and (i18n is None or i18n.is_default):
            _log_report(built, strict=self.config.strict)  # once, not once per language
        published = self._site.publish(built, directory_urls=config.use_directory_urls)
        self._ours = {}
        for name, source in sorted(published.files.items()):
            language = self._site.language_of(name)
            placed = placement(name, language, folder, i18n, config)
            if placed is None:
                continue  # another language's build publishes it
            src_uri, dest_uri = placed
            if files.get_file_from_path(src_uri) is not None:
                # A page the author wrote wins (e.g. their own architecture/index.md).
                _info(f"docs_dir has {src_uri}; using it instead of the generated one")
                continue
            if isinstance(source, bytes):
                file = File.generated(config, src_uri, content=source)
            else:
                file = File.generated(config, src_uri, abs_src_path=source)
            if dest_uri is not None:
                file.dest_uri = dest_uri
            files.append(file)
            if file.is_documentation_page():
                self._ours[src_uri] = OurPage(language, published.ranks.get(name))
        return files

    # After static-i18n's on_nav (-100): the navigation of this language's build.
    @event_priority(-110)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._arranged = None
        if config.nav is None:  # an author's own nav is theirs
            i18n = i18n_build(config)
            main = i18n.current if i18n else _main_language(list(self.config.languages))
            self._arranged = arrange(nav, self._ours, main, self._translate)
        return nav

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Each language's pages show that language's navigation.
        if self._arranged is not None:
            context["nav"] = self._arranged.nav_for(page, self._ours, nav)
        return context

    def _translate(self, language: str, words: str) -> str:
        return self._site.words(language)(words)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # MkDocs watches docs_dir and mkdocs.yml only; the specs live elsewhere.
        server.watch(str(self._specs))
        if self._templates is not None:
            server.watch(str(self._templates))
        return server

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """The stage pictures of the page inlined and linked with its text (embed.py):
        on the generated pages and on any page of the author's that shows one."""
        if not self.config.inline or self._cache is None or ".svg" not in html:
            return html
        words = self._words(page)
        return linked_page(html, lambda src: self._built_svg(src, page, files), words)

    def _words(self, page: Page) -> Words | None:
        """The figure's own words in the language of the page: a language's pages are in
        ``<output>/<lang>/`` (layout.language_dir); the others (the author's too) are
        taken for English."""
        folder = _site_folder(self.config.output).as_posix().strip(".")
        inside = page.file.src_uri.removeprefix(f"{folder}/" if folder else "")
        first = inside.split("/", 1)[0]
        wanted = [lang for lang in self.config.languages if language_dir(lang) == f"{first}/"]
        language = wanted[0] if wanted else DEFAULT_LANGUAGE
        try:
            return Messages(template_dirs(self._templates)).words(language)
        except ArchgenError:  # a malformed messages.yaml, which the build has told of
            return None

    def _built_svg(self, src: str, page: Page, files: Files) -> str | None:
        """The text of the SVG this build wrote that ``src`` (as the page's HTML has it,
        relative to the page) points at; None for any other image, which stays an <img>."""
        address = urlsplit(src)
        if address.scheme or address.netloc or address.path.startswith("/"):
            return None
        base = posixpath.dirname(page.file.dest_uri)
        uri = posixpath.normpath(posixpath.join(base, unquote(address.path)))
        # Found by where it is published, not by its source path: mkdocs-static-i18n
        # publishes a language's files under its own folder (ko/architecture/...).
        file = next((f for f in files if f.dest_uri == uri), None) if uri.endswith(".svg") else None
        source = file.abs_src_path if file is not None and file.generated_by else None
        if source is None or not Path(source).is_relative_to(self._cache_dir()):
            return None
        try:
            return Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

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


def _main_language(languages: list[str]) -> str:
    """The language of the main navigation: the default one's, at the top of ``output``."""
    return DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in languages else languages[0]


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
