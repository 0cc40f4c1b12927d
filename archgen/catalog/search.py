"""The catalog as ``archgen catalog`` lists and searches it: one entry per kind.

The entries are the product table's rows, in its order, then every other class of
diagrams: AWS first, then the other providers from A to Z, each by class path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archgen.catalog import names
from archgen.catalog.aliases import own_path
from archgen.catalog.kinds import KINDS, Kind, aliases_of, class_paths_of, kind_of_class
from archgen.catalog.node_classes import class_paths


@dataclass(frozen=True)
class Entry:
    kind: Kind
    aliases: tuple[str, ...]  # every short name that finds the kind; the first is kind.name
    paths: tuple[str, ...]  # the class's own path, then diagrams' module-level aliases

    @property
    def icon(self) -> str | None:
        """The icon file, relative to the folder that holds the diagrams package."""
        node_class = self.kind.node_class()
        return f"{node_class.icon_dir}/{node_class.icon}" if node_class.icon else None

    def as_json(self) -> dict[str, Any]:
        """The entry in the documented shape of ``archgen catalog --format json``."""
        return {
            "alias": self.kind.name,
            "aliases": list(self.aliases),
            "class": self.kind.diagrams_path,
            "classes": list(self.paths),
            "provider": self.kind.provider,
            "service": self.kind.service,
            "url": self.kind.url,
            "icon": self.icon,
            "has_icon": self.icon is not None,
        }


def entries() -> list[Entry]:
    """Every kind once: the product table's rows, then the other classes."""
    rows = [_entry(kind) for kind in KINDS]
    named = {kind.diagrams_path for kind in KINDS}
    own = [path for path in class_paths() if _is_own_path(path) and path not in named]
    own.sort(key=lambda path: (names.provider_of(path) != names.HOME_PROVIDER, path))
    return rows + [_entry(kind_of_class(path)) for path in own]


def providers() -> list[str]:
    """The providers of diagrams' classes (``aws``, ``azure``, ``k8s``, ...), A to Z."""
    return sorted({names.provider_of(path) for path in class_paths()})


def search(found: list[Entry], query: str) -> list[Entry]:
    """The entries matching ``query`` (case-insensitive) in an alias, a class path or the
    service name; best first: an exact alias, then one equal but for hyphens
    (``autoscaling`` and ``auto-scaling`` are two kinds), then an exact class name, then
    a name that starts with the query, then one that holds it, then a service name that
    holds it."""
    word = query.lower()
    ranked = [(rank, index) for index, entry in enumerate(found) if (rank := _rank(entry, word))]
    return [found[index] for _, index in sorted(ranked)]


def look_alikes(found: list[Entry], query: str) -> list[tuple[str, Entry]]:
    """The aliases, each with its entry, that differ from ``query`` by hyphens and case
    alone, when they name two kinds or more: a reader should know they are not one."""
    word = _without_hyphens(query.lower())
    alike = [
        (alias, entry)
        for entry in found
        for alias in entry.aliases
        if _without_hyphens(alias.lower()) == word
    ]
    return alike if len({entry.kind for _, entry in alike}) > 1 else []


def _without_hyphens(name: str) -> str:
    return name.replace("-", "")


def _rank(entry: Entry, word: str) -> int:
    """1 (best) to 6 for a match, 0 for none."""
    aliases = [alias.lower() for alias in entry.aliases]
    paths = [path.lower() for path in entry.paths]
    class_names = [path.rsplit(".", 1)[-1] for path in paths]
    tails = [alias.rsplit(".", 1)[-1] for alias in aliases]
    checks = (
        word in aliases or word in paths,
        _without_hyphens(word) in map(_without_hyphens, aliases),
        word in class_names or word in tails,
        any(name.startswith(word) for name in [*aliases, *class_names, *tails]),
        any(word in name for name in [*aliases, *paths]),
        word in entry.kind.service.lower(),
    )
    return next((rank for rank, hit in enumerate(checks, start=1) if hit), 0)


def _entry(kind: Kind) -> Entry:
    path = kind.diagrams_path
    aliases = aliases_of(path) if kind_of_class(path) is kind else []
    if kind.name != path and kind.name not in aliases:  # a name of the product table
        # A row sharing its class with a later row (browser, then client) has its own
        # name only: the class's aliases find the later one.
        aliases = [kind.name, *aliases]
    return Entry(kind, tuple(aliases), tuple(class_paths_of(path)))


def _is_own_path(path: str) -> bool:
    """Not a module-level alias of another class (those are listed with their class)."""
    return own_path(path) == path
