"""The page of a stage with its pictures inlined, for the docs-site integrations.

This is the minimal version, written so that the Sphinx extension works end to end: it
puts each known SVG's text in place of its ``<img>`` and does nothing else (no zoom, no
links between the steps and the edges, no CSS or JavaScript). The shared engine that
does all of that replaces this module with the same signature.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

# An <img> as markdown-it writes one: its src first, double-quoted, escaped.
_IMG = re.compile(r'<img src="([^"]*)"[^>]*>')
# What may come before <svg> in a file and means nothing inside an HTML page.
_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


def linked_page(page_html: str, svg_of: Callable[[str], str | None]) -> str:
    """The page HTML with each <img> whose src svg_of knows replaced by that SVG inlined
    (zoomable, its numbered edges linked with the steps list, nodes with the table rows),
    the CSS/JS it needs included once per page.

    The minimal version: the SVG inlined, nothing else."""

    def inline(found: re.Match[str]) -> str:
        svg = svg_of(html.unescape(found.group(1)))
        return found.group(0) if svg is None else _PROLOG.sub("", svg)

    return _IMG.sub(inline, page_html)
