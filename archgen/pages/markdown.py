"""Step 5, pages: stages -> Markdown, through the Jinja2 templates in ``templates/``.

Texts that describe (summary, steps, notes, what a service does) are Markdown and
pass through as written: the spec's loader has checked them (``spec.markdown``: no raw
HTML, safe links). Names and labels are literal: they are escaped, so a label like
``<b>`` reads the same on the page as in the diagram. Every template renders in the
sandbox (``pages.sandbox``), and every page it renders is checked once more before it
is returned (``_checked``): a template is a pull-request input too.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archgen.catalog import kinds as catalog
from archgen.diagnostics import ArchgenError, Diagnostic, Location, SpecError
from archgen.pages.i18n import Messages
from archgen.project.layout import INDEX_PAGE, stage_file
from archgen.project.templates import (
    DIFF_TEMPLATE,
    INDEX_TEMPLATE,
    STAGE_TEMPLATE,
    template_dirs,
)
from archgen.resolve.stage import Change, Stage, StageEdge, StageGroup, StageNode
from archgen.spec.markdown import link_destination, page_problem, url_problem
from archgen.spec.model import Text, text_or_empty

if TYPE_CHECKING:  # imported when the first page is rendered
    from archgen.pages.loader import FolderLoader
    from archgen.pages.sandbox import TemplateSandbox

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#])")
# The only tags a page may hold: those archgen's own templates write, and the comments
# that mark a stage page's steps list and components table for a docs site's inlined
# picture (integrations/embed), which name the stage by its id.
_TEMPLATE_TAGS = re.compile(
    r"</?(?:br|details|summary|code)>|<!-- archgen:(?:steps|components) [A-Za-z0-9_-]+ -->"
)


@dataclass(frozen=True)
class Page:
    name: str
    text: str


class PageRenderer:
    def __init__(self, override_dir: Path | None = None) -> None:
        self.template_dirs = template_dirs(override_dir)
        self.messages = Messages(self.template_dirs)

    @functools.cached_property
    def loader(self) -> FolderLoader:
        from archgen.pages.loader import FolderLoader

        return FolderLoader(self.template_dirs)

    @functools.cached_property
    def env(self) -> TemplateSandbox:
        """Made when the first page is rendered: a build draws before it writes pages."""
        from archgen.pages.sandbox import TemplateSandbox

        env = TemplateSandbox(self.loader)

        env.add_filter("literal", literal)
        env.add_filter("cell", table_cell)
        env.add_filter("link", link)
        env.add_filter("html_text", html_text)
        return env

    def render(self, template_name: str, language: str, **context: Any) -> str:
        """A page from a template, in ``language``, tidied like every page.

        Every template may call ``in_language(text)``, a spec text in the page's
        language, and ``translate("words")``, archgen's own words through
        ``messages.yaml``. ``t`` and ``_`` are their short names, which templates
        written before the long ones use.
        """
        in_language = functools.partial(text_or_empty, language=language)
        translate = self.messages.words(language)
        names = dict(language=language, in_language=in_language, t=in_language)
        names |= dict(translate=translate, _=translate, **context)
        text = _tidy(self._render_located(template_name, names))
        return self._checked(template_name, text)

    def _render_located(self, template_name: str, names: dict[str, Any]) -> str:
        """The template rendered in the sandbox; whatever fails, a located one-line error."""
        import jinja2

        from archgen.pages.sandbox import render_bounded
        from archgen.pages.template_errors import template_error

        try:
            return render_bounded(self.env.get_template(template_name), names)
        except jinja2.TemplateError as error:
            raise template_error(error, self.loader, self.loader.where(template_name)) from None
        except ArchgenError:
            raise  # raised by archgen's own functions the template called: already located
        except Exception as error:  # a template is input: its failure is the user's to fix
            raise template_error(error, self.loader, self.loader.where(template_name)) from None

    def _checked(self, template_name: str, page: str) -> str:
        """``page``, once it holds no HTML but archgen's own tags and no link to an address
        other than http(s), mailto or a relative path."""
        found = page_problem(page, _TEMPLATE_TAGS)
        if found is None:
            return page
        line, problem = found
        filename = self.env.get_template(template_name).filename or template_name
        shown = self.loader.shown.get(filename, filename)
        message = f"the page it rendered, line {line}: {problem}"
        raise SpecError([Diagnostic(Location(shown, 1, 0), message)])

    def stage_page(self, stage: Stage, language: str, image: str) -> Page:
        text = self.render(
            STAGE_TEMPLATE,
            language,
            stage=stage,
            image=image,
            components=_components(stage),
            services=_services(stage),
            changes=_changes(stage),
        )
        return Page(stage_file(stage.id, "md"), text)

    def diff_page(
        self,
        base: str,
        head: str,
        diffs: Sequence[Any],
        images: dict[str, str],
        language: str,
        flowcharts: dict[str, str] | None = None,
    ) -> str:
        """`archgen diff`'s Markdown report, for a pull-request comment.

        ``diffs`` are ``diff.compare.StageDiff`` values: diff sits above pages, which
        cannot name its types. ``flowcharts`` are their Mermaid diagrams by stage id
        (``diff.mermaid``), already escaped for Mermaid and free of backticks.
        """
        return self.render(
            DIFF_TEMPLATE,
            language,
            base=base,
            head=head,
            diffs=diffs,
            images=images,
            flowcharts=flowcharts or {},
            summarize=_summarize,
        )

    def index_page(
        self,
        stages: list[Stage],
        language: str,
        image_format: str | None,
        estimates: Sequence[Any] = (),
    ) -> Page:
        text = self.render(
            INDEX_TEMPLATE,
            language,
            stages=stages,
            image_format=image_format,
            estimates=estimates,
        )
        return Page(INDEX_PAGE, text)


def literal(text: str) -> str:
    """Escape ``text`` so Markdown and HTML show it character for character, and GitHub
    links nothing in it (``unlinked``)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return unlinked(_MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "<br>"))


def html_text(text: str) -> str:
    """``text`` inside an HTML block (``<summary>``), where Markdown is not read: only
    ``&``, ``<``, ``>``, quotes and braces (``{{``, for a docs site's macros) escaped,
    so that no backslash of ``|literal`` shows; GitHub links nothing in it either."""
    escaped = html.escape(text).replace("{", "&#123;").replace("}", "&#125;")
    return unlinked(escaped.replace("\n", "<br>"))


# What GitHub turns into a link or a notification in a comment's (or a page's) text:
# '@name' (mentions a user or a team), '#12' (cross-references an issue), 'x://' and
# 'www.' (autolinks). GitHub finds them in the rendered text, after Markdown's escapes
# are gone, so a backslash cannot stop them; a zero-width space after the sign can.
# (An email address is an autolink too: its '@' gets the space; '&#1;' stays an entity.)
# MENTION alone is what a comment archgen writes itself may still hold outside code
# (integrations/github/body.py): its own links must keep their '://'.
MENTION = re.compile(r"@(?=[A-Za-z0-9])|(?<!&)#(?=[0-9])")  # '&#123;' is an entity
_LINKED = re.compile(rf"{MENTION.pattern}|:(?=//)|\b[Ww]{{3}}(?=\.)")
ZERO_WIDTH = "&#8203;"


def unlinked(text: str, linked: re.Pattern[str] = _LINKED) -> str:
    """``text`` with a zero-width space where GitHub would link what ``linked`` finds (by
    default a mention, an issue or an address): a label reads the same, but pings no one."""
    return linked.sub(lambda m: f"{m[0]}{ZERO_WIDTH}", text)


def table_cell(text: str) -> str:
    """Markdown that may sit in a table cell, for Python-Markdown's tables (MkDocs) and
    GitHub's alike: each pipe not yet escaped gets one backslash (``\\|`` reads as a
    pipe in both; ``|literal`` has escaped its pipes already, and escaping them twice
    would make a backslash and a cell break), lines joined with ``<br>``."""
    return _UNESCAPED_PIPE.sub(r"\1\\|", text).replace("\n", "<br>")


# A pipe after an even number of backslashes (none, or escaped ones): not yet escaped.
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def link(url: str) -> str:
    """``url`` as the address of a Markdown link: its scheme checked (the spec's loader
    has checked it already; this is for the templates' own), what would end the link
    percent-escaped."""
    problem = url_problem(url)
    if problem:
        from jinja2.exceptions import SecurityError

        raise SecurityError(problem)
    return link_destination(url)


@dataclass(frozen=True)
class Component:
    id: str
    label: Text
    kind: catalog.Kind
    change: Change


def _components(stage: Stage) -> list[Component]:
    return [Component(node.id, node.label, node.kind, node.change) for node in stage.nodes]


@dataclass(frozen=True)
class ServiceLink:
    name: str
    url: str | None


def _services(stage: Stage) -> list[ServiceLink]:
    """Each AWS service of the stage's ``aws`` list, with its product page when known."""
    links = []
    for service in stage.aws:
        row = catalog.find_service(service.service)
        links.append(ServiceLink(service.service, service.url or (row.url if row else None)))
    return links


@dataclass(frozen=True)
class ChangedPart:
    id: str
    label: Text | None


@dataclass(frozen=True)
class Changes:
    parent: Stage | None
    added: list[ChangedPart]
    changed: list[ChangedPart]
    removed: list[ChangedPart]


def _changes(stage: Stage) -> Changes:
    """What this stage adds, changes and removes against the stage it extends."""
    parts = _parts(stage)

    def having(change: Change) -> list[ChangedPart]:
        return [ChangedPart(part.id, part.label) for part in parts if part.change is change]

    before = _labels_by_id(stage.parent) if stage.parent else {}
    removed = [ChangedPart(part_id, before.get(part_id)) for part_id in stage.removed]
    return Changes(stage.parent, having(Change.NEW), having(Change.CHANGED), removed)


def _labels_by_id(stage: Stage) -> dict[str, Text | None]:
    """Each part's label by its id, and each edge's by the spec's own ``id:`` too: that is
    the name ``remove:`` takes an edge by (``request``, not ``users->web``)."""
    labels = {part.id: part.label for part in _parts(stage)}
    for edge in stage.edges:
        if edge.name is not None:
            labels.setdefault(edge.name, edge.label)
    return labels


def _summarize(diff: Any) -> list[tuple[str, int]]:
    """'2 nodes added, 1 edge changed': how many parts of each kind changed how."""
    counts: dict[tuple[str, str], int] = {}
    for change in diff.changes:
        key = (change.part, change.status.value)
        counts[key] = counts.get(key, 0) + 1
    return [(f"{part} {status}", count) for (part, status), count in counts.items()]


def _parts(stage: Stage) -> list[StageNode | StageGroup | StageEdge]:
    return [*stage.nodes, *stage.groups, *stage.edges]


def _tidy(text: str) -> str:
    """At most one blank line in a row and one final newline: stable, diff-friendly pages."""
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
