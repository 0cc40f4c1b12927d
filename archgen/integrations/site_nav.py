"""The MkDocs navigation of the generated pages: stages by their ``order``, one navigation
per language.

Without a ``nav`` in mkdocs.yml, MkDocs lists files by name and makes a section of each
folder: the stages came in file-name order, and the Korean pages as a section "Ko" inside
the English navigation. Here each language's stage pages are sorted by their stage's
``order`` (the index first, then the stages, then the rest as MkDocs had them), the other
languages' folders leave the main navigation, and each of them gets a navigation of its
own, shown on its pages: the same site with that language's section in place of the main
one, its title in that language, its previous and next links within that language.

With mkdocs-static-i18n each language is a build of its own that holds only its pages
(``site_i18n``), so only the sorting is left to do here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

Rank = tuple[bool, int, str]  # spec.model.sort_key


@dataclass(frozen=True)
class OurPage:
    """A page the plugin added: its language and, for a stage's page, its rank."""

    language: str
    rank: Rank | None = None


@dataclass
class Arranged:
    """The main navigation (sorted in place) and one of its own per other language."""

    main_language: str
    navs: dict[str, Navigation]

    def nav_for(self, page: Page, ours: Mapping[str, OurPage], nav: Navigation) -> Navigation:
        found = ours.get(page.file.src_uri)
        if found is None or found.language == self.main_language:
            return nav
        return self.navs.get(found.language, nav)


def arrange(
    nav: Navigation,
    ours: Mapping[str, OurPage],
    main_language: str,
    translate: Callable[[str, str], str],
) -> Arranged:
    """Sort ``nav``'s stage pages by order; move every other language out of it into a
    navigation of its own. ``translate(language, words)``: archgen's words in a language."""
    arranged = Arranged(main_language, {})
    pages = [p for p in _pages(nav.items) if p.file.src_uri in ours]
    if not pages:
        return arranged
    home = _common_section([_ancestry(p) for p in pages])
    siblings = home.children if home is not None else nav.items
    sections = _language_sections(siblings, ours, main_language)
    folder_title = home.title if home is not None else ""  # MkDocs' name of the folder
    if home is not None:  # in the main language (static-i18n's 'ko' build: 아키텍처)
        home.title = translate(main_language, folder_title)
    siblings[:] = _sorted([i for i in siblings if i not in sections.values()], ours)
    _translate_folders(siblings, ours, partial(translate, main_language))
    for language, section in sections.items():
        children = _sorted(section.children, ours)
        _translate_folders(children, ours, partial(translate, language))
        title = translate(language, folder_title) if home is not None else section.title
        items = _replaced(nav.items, home, Section(title, children), ours)
        own = Navigation(items, _pages(items))
        own.homepage = nav.homepage
        _link_in_order([p for p in own.pages if _language(p, ours) == language])
        arranged.navs[language] = own
    nav.pages = _pages(nav.items)
    _link_in_order(nav.pages)
    return arranged


def _language(page: Page, ours: Mapping[str, OurPage]) -> str:
    found = ours.get(page.file.src_uri)
    return found.language if found is not None else ""


def _pages(items: Sequence[StructureItem]) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found.extend(_pages(item.children))
    return found


def _ancestry(item: StructureItem) -> list[Section]:
    """The sections above ``item``, the top one first."""
    return [s for s in reversed(list(item.ancestors)) if isinstance(s, Section)]


def _common_section(chains: Sequence[list[Section]]) -> Section | None:
    """The deepest section above every one of the plugin's pages; None: the top level."""
    common: Section | None = None
    for level in zip(*chains, strict=False):  # chains of different depths
        if any(section is not level[0] for section in level):
            break
        common = level[0]
    return common


def _language_sections(
    siblings: Sequence[StructureItem], ours: Mapping[str, OurPage], main_language: str
) -> dict[str, Section]:
    """The sections among ``siblings`` that hold one other language's pages (``ko/``)."""
    sections = {}
    for item in siblings:
        if isinstance(item, Section):
            languages = {_language(p, ours) for p in _pages(item.children)} - {""}
            if len(languages) == 1 and main_language not in languages:
                sections[languages.pop()] = item
    return sections


def _translate_folders(
    items: Sequence[StructureItem], ours: Mapping[str, OurPage], translate: Callable[[str], str]
) -> None:
    """The sections of the plugin's own folders (``estimates/``) titled in their language."""
    for item in items:
        if isinstance(item, Section) and _all_ours(item, ours):
            item.title = translate(item.title)


def _sorted(items: Sequence[StructureItem], ours: Mapping[str, OurPage]) -> list[StructureItem]:
    """The index first, then the stages by their order, then the rest as they were."""

    def place(numbered: tuple[int, StructureItem]) -> tuple[int, Rank | tuple[int]]:
        position, item = numbered
        if isinstance(item, Page) and item.file.name == "index":
            return (0, (position,))
        found = ours.get(item.file.src_uri) if isinstance(item, Page) else None
        if found is not None and found.rank is not None:
            return (1, found.rank)
        return (2, (position,))

    return [item for _, item in sorted(enumerate(items), key=place)]


def _replaced(
    items: list[StructureItem], home: Section | None, section: Section, ours: Mapping[str, OurPage]
) -> list[StructureItem]:
    """A copy of the navigation's top level with ``home`` replaced by ``section`` (each
    section above it copied too, so that the main navigation stays as it is)."""
    for child in section.children:
        child.parent = section
    if home is None:  # the pages are at the top level: the author's items, then the language's
        section.parent = None
        return [*(i for i in items if not _all_ours(i, ours)), *section.children]
    chain = [*_ancestry(home), home]  # the top section first
    replacement: Section = section
    for depth in range(len(chain) - 2, -1, -1):
        above, below = chain[depth], chain[depth + 1]
        copy = Section(above.title, [replacement if c is below else c for c in above.children])
        replacement.parent = copy
        replacement = copy
    replacement.parent = None
    return [replacement if item is chain[0] else item for item in items]


def _all_ours(item: StructureItem, ours: Mapping[str, OurPage]) -> bool:
    pages = [item] if isinstance(item, Page) else _pages(getattr(item, "children", None) or [])
    return bool(pages) and all(p.file.src_uri in ours for p in pages)


def _link_in_order(pages: Sequence[Page]) -> None:
    """Each page's previous and next page, in ``pages``' order."""
    bookended: list[Page | None] = [None, *pages, None]
    for before, page, after in zip(bookended, pages, bookended[2:], strict=False):
        page.previous_page, page.next_page = before, after
