"""The files a docs site publishes of one build, by their names inside the output folder.

What the build left on disk, but the files of a stage that failed (in ``mkdocs serve``
they are its last good build's); in their place a page with its errors; and, after any
failure, each language's index headed by the failures (``site_failures``). With them,
the rank of every stage page, by which the navigation lists it (``site_nav``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archgen.diagnostics import ArchgenError
from archgen.integrations.resilient import SiteBuild
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
from archgen.integrations.site_nav import Rank
from archgen.pages.i18n import Messages
from archgen.project.layout import language_dir
from archgen.project.options import DEFAULT_LANGUAGE
from archgen.project.specs import find_spec_files
from archgen.project.templates import template_dirs

Source = str | bytes  # a file on disk, or the bytes of one made in memory


@dataclass
class Published:
    files: dict[str, Source] = field(default_factory=dict)
    ranks: dict[str, Rank] = field(default_factory=dict)  # stage page -> its place


class SiteFiles:
    """Turns each build into the files to publish; remembers each spec file's stage."""

    def __init__(self, specs: Path, templates: Path | None, languages: Sequence[str]) -> None:
        self.specs, self.templates, self.languages = specs, templates, list(languages)
        # Each spec file's stage as last built: where the error page of a spec goes that
        # no longer parses (`mkdocs serve`, while its author is typing).
        self.known: dict[str, Known] = {}

    def words(self, language: str) -> Words:
        """archgen's own words in ``language``, as the pages write them."""
        try:
            return Messages(template_dirs(self.templates)).words(language)
        except ArchgenError:  # a broken messages.yaml, told by the build: English then
            return str

    def publish(self, built: SiteBuild | str, *, directory_urls: bool) -> Published:
        """``built``, or the line that says why not one spec could be built."""
        if isinstance(built, str):  # an index still says why
            failures = [Failure(str(self.specs), (built,), None)]
            return Published(self._indexes(failures, {}, directory_urls))
        self.known |= {stage.source: known_of(stage) for stage in built.report.stages}
        failures = failures_of(built, find_spec_files([self.specs]), self.known)
        pages = failure_pages(failures, self.languages, self.words)
        left_out = {_stem(name) for name in pages}
        files: dict[str, Source] = {
            name: str(path)
            for name, path in _site_files(built.output)
            if _stem(name) not in left_out
        }
        if failures:
            files |= pages | self._indexes(failures, built.index, directory_urls)
        known = [*self.known.values(), *(f.known for f in failures if f.known is not None)]
        ranks = {
            f"{language_dir(language)}{stage.page}": stage.sort_key
            for stage in known
            for language in self.languages
            if not stage.estimate
        }
        return Published(files, ranks)

    def _indexes(
        self, failures: list[Failure], index: dict[str, bytes], directory_urls: bool
    ) -> dict[str, Source]:
        """Each language's index headed by the failures; a bare one where none rendered."""
        pages: dict[str, Source] = {}
        for language in self.languages:
            words = self.words(language)
            notice = index_notice(failures, language, words, directory_urls=directory_urls)
            page = index.get(index_name(language))
            pages[index_name(language)] = (
                with_notice(page, notice) if page is not None else fallback_index(words, notice)
            )
        return pages

    def language_of(self, name: str) -> str:
        """The language of a published file: its folder's (``ko/``), else the default."""
        first = name.split("/", 1)[0]
        return first if first in self.languages and "/" in name else DEFAULT_LANGUAGE


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
