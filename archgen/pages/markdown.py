"""Step 5, pages: stages -> Markdown, through the Jinja2 templates in ``templates/``.

Texts that describe (summary, steps, notes, what a service does) are Markdown and
pass through as written. Names and labels are literal: they are escaped, so a label
like ``<b>`` reads the same on the page as in the diagram.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archgen.catalog import kinds as catalog
from archgen.pages.i18n import Messages
from archgen.project.layout import INDEX_PAGE, stage_file
from archgen.project.templates import (
    DIFF_TEMPLATE,
    INDEX_TEMPLATE,
    STAGE_TEMPLATE,
    template_dirs,
)
from archgen.resolve.stage import Change, Stage, StageEdge, StageGroup, StageNode
from archgen.spec.model import Text, text_or_empty

if TYPE_CHECKING:  # imported when the first page is rendered
    import jinja2

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


@dataclass(frozen=True)
class Page:
    name: str
    text: str


class PageRenderer:
    def __init__(self, override_dir: Path | None = None) -> None:
        self.template_dirs = template_dirs(override_dir)
        self.messages = Messages(self.template_dirs)

    @functools.cached_property
    def env(self) -> jinja2.Environment:
        """Made when the first page is rendered: a build draws before it writes pages."""
        import jinja2

        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(path) for path in self.template_dirs]),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,  # Markdown, not HTML: literal text goes through |literal
        )
        env.filters["literal"] = literal
        env.filters["cell"] = table_cell
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
        template = self.env.get_template(template_name)
        text = template.render(
            language=language,
            in_language=in_language,
            t=in_language,
            translate=translate,
            _=translate,
            **context,
        )
        return _tidy(text)

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
        self, base: str, head: str, diffs: Sequence[Any], images: dict[str, str], language: str
    ) -> str:
        """`archgen diff`'s Markdown report, for a pull-request comment.

        ``diffs`` are ``diff.compare.StageDiff`` values: diff sits above pages, which
        cannot name its types.
        """
        return self.render(
            DIFF_TEMPLATE,
            language,
            base=base,
            head=head,
            diffs=diffs,
            images=images,
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
    """Escape ``text`` so Markdown and HTML show it character for character."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "<br>")


def table_cell(text: str) -> str:
    """Markdown that may sit in a table cell: pipes escaped, lines joined."""
    return text.replace("|", "\\|").replace("\n", "<br>")


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

    before = {part.id: part.label for part in _parts(stage.parent)} if stage.parent else {}
    removed = [ChangedPart(part_id, before.get(part_id)) for part_id in stage.removed]
    return Changes(stage.parent, having(Change.NEW), having(Change.CHANGED), removed)


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
