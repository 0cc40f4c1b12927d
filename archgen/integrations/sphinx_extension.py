"""The ``archgen.sphinx`` extension: archgen's stages inside a Sphinx site.

``.. archgen:: <stage id>`` shows one stage's page, its diagram inlined;
``.. archgen-index::`` the index of every stage. Both work from reStructuredText and
from MyST Markdown (```` ```{archgen} database ```` ````).

When the builder starts, the specs are built into ``<doctrees>/archgen/``, outside the
source folder (``sphinx_site.build_site``; nothing is written into the source tree),
and every problem is logged as a Sphinx warning at its spec's line, so ``sphinx-build
-W`` fails on it; a directive whose stage failed shows the error in its place. While
documents are read, each directive records what it showed (``Shown``): a document is
read again when that changed (a spec, its parent, the templates) or when its spec file
did (``note_dependency``). When the page is written, stage links point at the
directive that shows the stage, and the pictures go to ``_images/archgen/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from archgen import __version__
from archgen.integrations.embed import linked_page
from archgen.integrations.page_html import headings_lower, placed
from archgen.integrations.sphinx_config import site_options
from archgen.integrations.sphinx_directives import (
    IndexDirective,
    StageDirective,
    page_node,
    shown,
    site_of,
    sites,
)
from archgen.integrations.sphinx_site import build_site

log = logging.getLogger(__name__)
IMAGES = "_images/archgen"  # the pictures' folder in the built site
STATIC = Path(__file__).with_name("sphinx_static")
CONFIG: tuple[tuple[str, Any, tuple[type, ...]], ...] = (
    ("archgen_specs", "specs", (str,)),  # relative to conf.py
    ("archgen_languages", ["en"], (list, tuple)),
    ("archgen_formats", ["svg", "png"], (list, tuple)),
    ("archgen_templates", None, (str, type(None))),  # relative to conf.py
    ("archgen_graphviz_timeout", 120, (int, float)),
    ("archgen_theme", "default", (str,)),
    ("archgen_show_title", False, (bool,)),
    ("archgen_strict", False, (bool,)),  # the pictures' layout warnings as Sphinx warnings
)


def setup(app: Sphinx) -> dict[str, Any]:
    for name, default, types in CONFIG:
        app.add_config_value(name, default, "env", types)
    app.add_directive("archgen", StageDirective)
    app.add_directive("archgen-index", IndexDirective)
    app.connect("config-inited", _add_stylesheet)
    app.add_css_file("archgen.css")
    app.connect("builder-inited", _build_specs)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _moved)
    app.connect("doctree-resolved", _resolve)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


class _Log:
    """``SiteLog`` on Sphinx's logger: a located warning names the spec's file and line."""

    def warning(self, message: str, location: str | None = None) -> None:
        log.warning(message, location=location, type="archgen", subtype="spec")

    def error(self, message: str) -> None:
        log.error(message, type="archgen")

    def info(self, message: str) -> None:
        log.info("archgen: %s", message)


def _add_stylesheet(app: Sphinx, config: Config) -> None:
    """The diagrams fit the column: archgen.css, from the package, in ``_static``. Added
    before Sphinx compares the settings with its last build's, so they stay equal."""
    config.html_static_path.append(str(STATIC))


def _build_specs(app: Sphinx) -> None:
    # Under the doctrees, as Sphinx's own cache is: `sphinx-build -M clean` removes both.
    cache = Path(app.doctreedir) / "archgen" / "pages"
    specs, options = site_options(app.config, Path(app.confdir), cache)
    sites[app.env] = build_site(specs, options, _Log(), strict=app.config.archgen_strict)


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The documents whose stages are not what they showed: a spec, a parent, the
    templates or the options changed, a stage failed or was fixed."""
    site = site_of(env)
    return [
        docname
        for docname, what in shown(env).items()
        if docname not in removed
        and any(site.digest(page) != digest for page, digest in what.pages.items())
    ]


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    shown(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: Any) -> None:
    """Parallel reading: what the workers' documents showed."""
    theirs = shown(other)
    shown(env).update({docname: theirs[docname] for docname in docnames if docname in theirs})


def _moved(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every document that shows a page when a stage moved to another document: their
    links to it are written again."""
    now = _anchors(env)
    before: dict[str, tuple[str, str]] | None = getattr(env, "archgen_anchors", None)
    env.archgen_anchors = now  # type: ignore[attr-defined]
    return [] if before is None or before == now else sorted(shown(env))


def _anchors(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """ "<language>:<stage>" -> (docname, anchor) of the first document showing it."""
    found: dict[str, tuple[str, str]] = {}
    for docname, what in sorted(shown(env).items()):
        for key, anchor in what.anchors.items():
            found.setdefault(key, (docname, anchor))
    return found


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each page node as HTML for an HTML builder, its links and pictures in place; a
    note elsewhere (the pictures and links are the HTML site's)."""
    for node in list(doctree.findall(page_node)):
        if app.builder.format != "html":
            note = f"(archgen: {node['what']} is shown in the HTML version of this page.)"
            node.replace_self(nodes.paragraph(text=note))
            continue
        page = _Page(app, docname, node["language"])
        html = placed(node["html"], page.stage_href, page.file_href)
        html = headings_lower(html, _sections_around(node))
        html = linked_page(html, page.svg_of)
        wrapped = f'<div class="archgen" id="{escape(node["anchor"])}">\n{html}</div>\n'
        node.replace_self(nodes.raw("", wrapped, format="html"))


class _Page:
    """One page node being written into one document."""

    def __init__(self, app: Sphinx, docname: str, language: str) -> None:
        self.app = app
        self.docname = docname
        self.language = language
        self.site = site_of(app.env)
        self.files: dict[str, str] = {}  # the href written -> the file of the build
        self.anchors = _anchors(app.env)

    def stage_href(self, stage: str) -> str | None:
        target = self.anchors.get(f"{self.language}:{stage}")
        if target is None:
            return None  # no document shows that stage: the link is dropped, its text kept
        docname, anchor = target
        uri = (
            ""
            if docname == self.docname
            else self.app.builder.get_relative_uri(self.docname, docname)
        )
        return f"{uri}#{anchor}"

    def file_href(self, name: str) -> str:
        """Copy the build's file into the site's images and link it from the document."""
        source = self.site.output / name
        target = Path(self.app.outdir) / IMAGES / name
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        href = relative_uri(self.app.builder.get_target_uri(self.docname), f"{IMAGES}/{name}")
        self.files[href] = name
        return href

    def svg_of(self, src: str) -> str | None:
        name = self.files.get(src)
        if name is None or not name.endswith(".svg"):
            return None
        return (self.site.output / name).read_text(encoding="utf-8")


def _sections_around(node: nodes.Node) -> int:
    """How many sections hold ``node``: its page's h1 goes one level below them, as
    Sphinx writes a document's title as h1 and each section one level lower."""
    count = 0
    parent = node.parent
    while parent is not None:
        count += isinstance(parent, nodes.section)
        parent = parent.parent
    return count
