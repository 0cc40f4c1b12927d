"""What a docs site shows of the specs that failed: a notice on the index, in every
language, and a page of its own at the stage's usual address, with the located errors.

A bad spec costs its own pages only, but the reader of the site must see that it is
missing and why: the index names it with its errors, and a link to it (from the
author's own pages, from a bookmark, from the browser that ``mkdocs serve`` reloads)
lands on its error instead of a stale page or a 404. Once the spec is fixed, the next
build puts the real page back.

Every text here comes from a spec or its errors, a pull request's input: it is written
into HTML blocks, escaped (``html_text``), or into Markdown headings through ``literal``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from archgen.diagnostics import Severity, printable
from archgen.estimate import is_estimate_spec
from archgen.integrations.resilient import SiteBuild
from archgen.pages.markdown import html_text, literal
from archgen.project.layout import INDEX_PAGE, estimate_page, language_dir, stage_file
from archgen.project.options import LANGUAGE_PATTERN
from archgen.project.specs import read_spec_bytes
from archgen.resolve.stage import Stage
from archgen.spec.model import ID_PATTERN, Text, sort_key, text_or_empty
from archgen.spec.yaml_source import parse_yaml

Words = Callable[[str], str]  # archgen's own English words -> the page's language

INDEX_NOTICE = "archgen could not build every spec. Until they are fixed, these are left out:"
PAGE_NOTICE = "archgen could not build this stage. Until its spec is fixed, this page shows why:"


@dataclass(frozen=True)
class Known:
    """What a site needs to place a spec's page: its id, order, title and kind."""

    stage_id: str
    order: int | None
    title: Text | None
    estimate: bool = False

    @property
    def page(self) -> str:
        """The page's name, relative to its language's folder."""
        return estimate_page(self.stage_id) if self.estimate else stage_file(self.stage_id, "md")

    @property
    def sort_key(self) -> tuple[bool, int, str]:
        return sort_key(self.order, self.stage_id)


def known_of(stage: Stage) -> Known:
    return Known(stage.id, stage.order, stage.title)


@dataclass(frozen=True)
class Failure:
    """One spec file that failed, with every error told about it, one line each."""

    source: str
    errors: tuple[str, ...]
    known: Known | None  # None: not even its id could be read, nor remembered


def failures_of(
    built: SiteBuild, spec_files: Sequence[Path], remembered: Mapping[str, Known]
) -> list[Failure]:
    """The build's failures by spec file, in the order of the files; errors that name no
    spec file (a template's) under the file they name, without a page."""
    by_source: dict[str, list[str]] = {}
    report = built.report
    for diagnostic in report.diagnostics:
        if diagnostic.severity is Severity.ERROR:
            by_source.setdefault(diagnostic.location.file, []).append(str(diagnostic))
    sources = [str(path) for path in spec_files]
    for problem in report.environment_errors:  # "<spec file>: Graphviz failed on ..."
        source = next((s for s in sources if problem.startswith(f"{s}: ")), "")
        by_source.setdefault(source, []).append(printable(problem))
    for path, line in zip(built.failed, built.left_out(), strict=True):
        by_source.setdefault(str(path), []).append(line)
    ranked = {source: n for n, source in enumerate(sources)}
    ordered = sorted(by_source, key=lambda s: (ranked.get(s, len(ranked)), s))

    built_ids = {stage.id for stage in report.stages}

    def known(source: str) -> Known | None:  # where its page goes, as the file says now
        found = (_read_known(source) or remembered.get(source)) if source in ranked else None
        # A spec that takes a built stage's id (a copy being edited) must not hide its page.
        return None if found is None or found.stage_id in built_ids else found

    return [Failure(s, tuple(by_source[s]), known(s)) for s in ordered]


def _read_known(source: str) -> Known | None:
    """The id, order and title of a spec that failed, read from its YAML as far as it
    parses; None when it does not (the site then remembers them from an earlier build)."""
    try:
        data = parse_yaml(source, read_spec_bytes(Path(source))).data
    except Exception:  # a spec that does not parse: its errors say why
        return None
    if not isinstance(data, dict):
        return None
    stage_id, order = data.get("id"), data.get("order")
    if not (isinstance(stage_id, str) and ID_PATTERN.fullmatch(stage_id)):
        return None
    if isinstance(order, bool) or not isinstance(order, int):
        order = None
    return Known(stage_id, order, _title(data.get("title")), is_estimate_spec(data))


def _title(value: object) -> Text | None:
    if isinstance(value, str):
        return Text.plain(value)
    if isinstance(value, dict) and value:
        items = list(value.items())
        if all(isinstance(k, str) and LANGUAGE_PATTERN.fullmatch(k) for k, _ in items) and all(
            isinstance(v, str) for _, v in items
        ):
            return Text(tuple(items))
    return None


def failure_pages(
    failures: Iterable[Failure], languages: Sequence[str], words: Callable[[str], Words]
) -> dict[str, bytes]:
    """A page per failed spec whose id is known, in every language: name -> Markdown."""
    pages = {}
    for failure in failures:
        if failure.known is None:
            continue
        for language in languages:
            known = failure.known
            title = text_or_empty(known.title, language) or known.stage_id
            errors = [f"<code>{html_text(line)}</code>" for line in failure.errors]
            text = f"# {literal(title)}\n\n" + _notice(words(language)(PAGE_NOTICE), errors)
            pages[f"{language_dir(language)}{known.page}"] = text.encode()
    return pages


def index_notice(
    failures: Sequence[Failure], language: str, words: Words, *, directory_urls: bool
) -> str:
    """The notice that heads the index: each failed spec, linked to its page, and its errors."""
    items = []
    for failure in failures:
        known = failure.known
        if known is None:
            items.append(f"<code>{html_text(failure.source)}</code>{_errors(failure)}")
            continue
        title = text_or_empty(known.title, language) or known.stage_id
        address = known.page.removesuffix(".md") + ("/" if directory_urls else ".html")
        link = f'<a href="{html_text(address)}">{html_text(title)}</a>'
        items.append(f"{link} (<code>{html_text(failure.source)}</code>){_errors(failure)}")
    return _notice(words(INDEX_NOTICE), items)


def with_notice(page: bytes, notice: str) -> bytes:
    """``page`` (Markdown) with ``notice`` under its title."""
    lines = page.splitlines(keepends=True)
    at = next((n + 1 for n, line in enumerate(lines) if line.startswith(b"# ")), 0)
    return b"".join([*lines[:at], b"\n", notice.encode(), *lines[at:]])


def fallback_index(words: Words, notice: str) -> bytes:
    """An index when not even the index could be rendered: its title and the notice."""
    return f"# {literal(words('Architecture stages'))}\n\n{notice}".encode()


def index_name(language: str) -> str:
    return f"{language_dir(language)}{INDEX_PAGE}"


def _errors(failure: Failure) -> str:
    lines = "".join(f"<li><code>{html_text(line)}</code></li>\n" for line in failure.errors)
    return f"\n<ul>\n{lines}</ul>\n"


def _notice(heading: str, items: Sequence[str]) -> str:
    # One HTML block: Python-Markdown reads nothing inside it, so no spec text can make
    # a link or an emphasis; a blank line inside would end the block, so there is none.
    listed = "".join(f"<li>{item}</li>\n" for item in items)
    return (
        '<div class="archgen-problems" role="alert" '
        'style="border-left: 4px solid #c00; padding: 0 1em">\n'
        f"<p><strong>{html_text(heading)}</strong></p>\n"
        f"<ul>\n{listed}</ul>\n</div>\n\n"
    )
