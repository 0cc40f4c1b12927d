"""The SVG's style sheet: which colours a picture wears wherever it lands.

A picture is a card: it paints its own background (``CARD_CLASS``, the light one in
the SVG's attributes, the dark one from this style sheet), so its text is drawn on a
ground of its own colours and never on the page's. Which card it shows:

- as an ``<img>`` (a Markdown page, GitHub, any site), the image is a document of its
  own and cannot see the page: it follows ``prefers-color-scheme``, which the browser
  takes from the operating system, or, in Chromium, from the ``color-scheme`` the
  embedding page declares. Either card is legible on either page.
- inlined into a page, it follows the page's own scheme where the page's markup says
  one (``DARK_PAGES``, ``LIGHT_PAGES``: the markers of the common documentation
  themes), and ``prefers-color-scheme`` where it says none (Furo's ``auto``).

Every rule is scoped to the drawing's id, so that several diagrams inlined into one
page do not restyle each other.
"""

from __future__ import annotations

from archgen.draw.theme import Theme

CARD_CLASS = "archgen-card"  # the drawing's background; its rule is scoped by the id
PLATE_CLASS = "icon-plate"  # the plate behind each icon (svg.py)

# The page markers of the documentation themes, on <html> or <body> (read in each
# theme's templates and scripts): MkDocs Material's palette (`data-md-color-scheme` on
# <body>, its `default` and `slate` schemes; a scheme of the site's own is neither);
# Furo (`body[data-theme]`, whose `auto` follows the system), pydata-sphinx-theme,
# Docusaurus and Starlight (`html[data-theme]`); Bootstrap 5.3 and MkDocs' own theme,
# which is built on it (`html[data-bs-theme]`, its `auto` resolved by its script); the
# `.dark` class of VitePress and Tailwind sites, and `.theme-dark` / `.light` /
# `.theme-light` of others. A page that says neither leaves the choice to
# prefers-color-scheme.
DARK_PAGES = (
    '[data-md-color-scheme="slate"]',
    '[data-theme="dark"]',
    '[data-bs-theme="dark"]',
    ".dark",
    ".theme-dark",
)
LIGHT_PAGES = (
    '[data-md-color-scheme="default"]',
    # Material with no `palette` in mkdocs.yml marks nothing and is always light.
    "body:not([data-md-color-scheme]) .md-typeset",
    '[data-theme="light"]',
    '[data-bs-theme="light"]',
    ".light",
    ".theme-light",
)


def style_sheet(graph_id: str, theme: Theme, svg: bytes) -> str:
    """The ``<style>`` element of the drawing ``graph_id``: its dark colours on a page
    marked dark, and through ``prefers-color-scheme`` on a page marked neither way."""
    graph = f'[id="{graph_id}"]'
    rules = _dark_rules(theme, svg)
    # A page marked light keeps the light colours whatever the system prefers (a light
    # MkDocs page on a dark system); `:not()` of a complex selector is Selectors 4.
    system = f"{graph}:not(:is({', '.join(LIGHT_PAGES)}) *)"
    page = f":is({', '.join(DARK_PAGES)}) {graph}"
    by_system = "".join(f"  {system} {rule}\n" for rule in rules)
    by_page = "".join(f"{page} {rule}\n" for rule in rules)
    return f"<style>\n@media (prefers-color-scheme: dark) {{\n{by_system}}}\n{by_page}</style>\n"


def _dark_rules(theme: Theme, svg: bytes) -> list[str]:
    """The dark colours, each a rule without its scope: the theme's colours every drawing
    has, and those of its others that this one uses."""
    rules = [
        f".{CARD_CLASS} {{ fill: {theme.dark_background}; }}",
        f"text {{ fill: {theme.dark_text}; }}",
        f".{PLATE_CLASS} {{ fill: {theme.dark_plate}; }}",
    ]
    used = [c for c in theme.dark_used if b'"%s"' % c.light.lower().encode() in svg]
    for color in (*theme.dark_always, *used):
        rules += [
            f'[{name}="{color.light.lower()}"] {{ {name}: {color.dark}; }}'
            for name in color.properties
        ]  # Graphviz writes colours in lower case
    return rules
