"""The Sphinx extension's directives, ``archgen`` (one stage) and ``archgen-index``, and
what they keep in Sphinx's environment between builds.

A directive turns the built page into HTML (``page_html``) while Sphinx reads the
document, and leaves it in a ``page_node``: its links and pictures depend on where the
other stages are shown, which is known once every document is read, so the extension
places them when the document is written. A stage that was not built shows its errors
instead, as an error box every builder and theme draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from archgen.integrations.sphinx_site import Site

log = logging.getLogger(__name__)
# One build per Sphinx environment (tests run several in one process); set when the
# builder starts, read by the directives (also in parallel readers, which fork after it).
sites: WeakKeyDictionary[BuildEnvironment, Site] = WeakKeyDictionary()


def site_of(env: BuildEnvironment) -> Site:
    return sites[env]


@dataclass
class Shown:
    """What the directives of one document showed: page name -> its digest, and the
    anchors they put there ("<language>:<stage>" -> id)."""

    pages: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)


def shown(env: BuildEnvironment) -> dict[str, Shown]:
    """docname -> what it showed; kept in Sphinx's environment between builds."""
    data: dict[str, Shown] | None = getattr(env, "archgen_shown", None)
    if data is None:
        data = {}
        env.archgen_shown = data  # type: ignore[attr-defined]
    return data


class page_node(nodes.General, nodes.Element):  # lower case, as docutils names its nodes
    """A built page as HTML with placeholders: ``html``, ``language``, ``anchor``,
    ``what`` (the stage or the index, named for a builder that shows no HTML)."""


class _ArchgenDirective(SphinxDirective):
    option_spec: ClassVar[dict[str, Any]] = {"language": directives.unchanged}

    def language(self, site: Site) -> str | None:
        language = str(self.options.get("language", site.languages[0])).strip()
        return language if language in site.languages else None

    def record(self, site: Site, name: str) -> Shown:
        """Note that this document shows page ``name``, as it is now."""
        what = shown(self.env).setdefault(self.env.docname, Shown())
        what.pages[name] = site.digest(name)
        return what

    def show(
        self, site: Site, name: str, language: str, anchor: str, what: str
    ) -> list[nodes.Node]:
        """The page ``name`` of the build (``what`` it is, for a reader), or the build's
        errors when it has none."""
        html = site.html(name)
        if html is None:
            return [error_box(f"archgen did not build {name}", site.problems)]
        return [page_node(html=html, language=language, anchor=anchor, what=what)]

    def warned(self, message: str, lines: list[str] | None = None) -> list[nodes.Node]:
        """A warning at this directive (``-W`` fails on it), and the box in its place."""
        log.warning(message, location=self.get_location(), type="archgen", subtype="directive")
        return [error_box(message, lines or [])]

    def unknown_language(self, site: Site) -> list[nodes.Node]:
        return self.warned(
            f"archgen: language {self.options.get('language')!r} is not built; "
            f"archgen_languages is {list(site.languages)}"
        )


class StageDirective(_ArchgenDirective):
    """``.. archgen:: <stage id>``: the stage's page, its diagram inlined."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        site = site_of(self.env)
        stage = self.arguments[0]
        language = self.language(site)
        if language is None:
            return self.unknown_language(site)
        spec = site.spec_of(stage)
        if spec is not None:  # a document that shows a stage is read again when it changes
            self.env.note_dependency(spec.resolve())
        name = site.stage_page(stage, language)
        if stage not in site.stages:
            self.record(site, name)
            if spec is None:
                known = ", ".join(sorted(site.stages)) or "none"
                return self.warned(f"archgen: no spec has the id {stage!r} (the stages: {known})")
            errors = site.errors.get(str(spec)) or site.problems
            return [error_box(f"archgen could not build the stage {stage!r}", errors)]
        default = language == site.languages[0]
        anchor = f"archgen-{stage}" if default else f"archgen-{language}-{stage}"
        self.record(site, name).anchors[f"{language}:{stage}"] = anchor
        return self.show(site, name, language, anchor, f"the stage {stage!r}")


class IndexDirective(_ArchgenDirective):
    """``.. archgen-index::``: the index of every stage built, and the errors of those
    that were not."""

    def run(self) -> list[nodes.Node]:
        site = site_of(self.env)
        language = self.language(site)
        if language is None:
            return self.unknown_language(site)
        for spec in site.spec_files:  # a new or removed stage changes the index
            self.env.note_dependency(spec.resolve())
        name = site.index_page(language)
        self.record(site, name)
        found = self.show(site, name, language, f"archgen-index-{language}", "the index")
        if site.problems:
            found.insert(0, error_box("archgen could not build every spec", site.problems))
        return found


def error_box(title: str, lines: list[str]) -> nodes.Element:
    """An error admonition: ``title``, then each line as code (a spec's file:line:col)."""
    box = nodes.error()
    box += nodes.paragraph(text=title)
    if lines:
        items = nodes.bullet_list()
        for line in lines:
            items += nodes.list_item("", nodes.paragraph("", "", nodes.literal(text=line)))
        box += items
    return box
