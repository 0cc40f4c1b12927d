"""The kinds a node can be: every node class of diagrams, by its class path and by the
aliases the naming rule gives it (``names.py``), with the product table's short names
and AWS product pages (``products.py``) winning.

A name of the product table costs nothing to look up; any other name reads the table
of aliases (``aliases.json``) once per process.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from functools import cache, lru_cache

from archgen.catalog import names
from archgen.catalog.aliases import alias_table, own_path
from archgen.catalog.kind import Kind, UnknownKind
from archgen.catalog.node_classes import class_paths, find_node_class
from archgen.catalog.products import KINDS

__all__ = [
    "KINDS",
    "SUGGESTED_KINDS",
    "Kind",
    "UnknownKind",
    "find_kind",
    "find_service",
    "kind_names",
    "kind_suggestion",
]

_BY_NAME = {kind.name: kind for kind in KINDS}
# Two rows may draw one class (browser and client): the class path names the last.
_BY_PATH = {kind.diagrams_path: kind for kind in KINDS}
# A class's first row of the product table: a module's classes are listed in this order.
_PRODUCT_ORDER: dict[str, int] = {}
for _index, _kind in enumerate(KINDS):
    _PRODUCT_ORDER.setdefault(_kind.diagrams_path, _index)
_BY_SERVICE = {kind.service.lower(): kind for kind in KINDS if kind.is_aws_service}


def find_kind(name: str) -> Kind:
    """The kind for a short name (``lambda``, ``k8s.pod``) or a class path of diagrams
    (``aws.compute.Lambda``, or a module-level alias of it such as ``aws.compute.ECS``)."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name in _BY_PATH:
        return _BY_PATH[name]
    path = alias_table().aliases.get(name)
    if path is None and "." in name and find_node_class(name) is not None:
        path = own_path(name)
    if path is None:
        raise UnknownKind(name)
    return kind_of_class(path)


@cache
def kind_of_class(path: str) -> Kind:
    """The kind of a class's own path: its product table row, or one derived from it."""
    if path in _BY_PATH:
        return _BY_PATH[path]
    full_name = names.full_name(path, _module_aliases().get(path, ()))
    aliases = aliases_of(path)
    return Kind(aliases[0] if aliases else path, path, names.service_name(path, full_name))


def aliases_of(path: str) -> list[str]:
    """The aliases the naming rule gives the class (its own path's and its module-level
    aliases'), but those a name of the product table takes: bare names first, then the
    provider's; of each, the full name's first (``k8s.ingress`` before ``k8s.ing``), then
    shorter first, then A to Z."""
    full = names.kebab(names.full_name(path, _module_aliases().get(path, ())))
    derived = [alias for alias in _derived_aliases().get(path, ()) if alias not in _BY_NAME]
    return sorted(
        derived,
        key=lambda alias: ("." in alias, alias.rsplit(".", 1)[-1] != full, len(alias), alias),
    )


def class_paths_of(path: str) -> list[str]:
    """The class's own path, then the module-level aliases diagrams defines for it."""
    return [path, *_module_aliases().get(path, ())]


@cache
def _module_aliases() -> dict[str, tuple[str, ...]]:
    return _inverse(alias_table().same_class)


@cache
def _derived_aliases() -> dict[str, tuple[str, ...]]:
    return _inverse(alias_table().aliases)


def _inverse(table: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """value → its keys, sorted, of one of the alias table's (unchanging) maps."""
    by_value: dict[str, list[str]] = {}
    for key, value in sorted(table.items()):
        by_value.setdefault(value, []).append(key)
    return {value: tuple(keys) for value, keys in by_value.items()}


def kind_names() -> list[str]:
    """Every name ``find_kind`` accepts: the product table's names, then the aliases and
    then the class paths, each from A to Z."""
    aliases = [alias for alias in alias_table().aliases if alias not in _BY_NAME]
    return [*_BY_NAME, *sorted(aliases), *class_paths()]


def find_service(service: str) -> Kind | None:
    """The catalog row of an AWS service named in a spec's ``aws`` list, if any."""
    return _BY_SERVICE.get(service.lower())


# A name this long is no typo of a kind (the longest class path has some 70 characters).
_LONGEST_SUGGESTED = 120
# Comparing a name with the catalog's thousands takes some 4 ms: a stage's first
# problems get a suggestion, not each of a hostile spec's 20,000 unknown kinds.
SUGGESTED_KINDS = 50


@lru_cache(maxsize=1024)
def kind_suggestion(name: str) -> str:
    """`` (did you mean 'lambda', class aws.compute.Lambda?)`` for the closest name of
    the whole catalog, compared without case; an empty string when none is close."""
    return _suggestion(name) if len(name) <= _LONGEST_SUGGESTED else ""


def _suggestion(name: str) -> str:
    if name in _path_prefixes():
        return _part_of_a_path(name)
    written = _closest(name)
    if written is None:
        return ""
    kind = find_kind(written)
    if "." in written and find_node_class(written) is not None:  # a class path
        alias = f", alias '{kind.name}'" if kind.name != kind.diagrams_path else ""
        return f" (did you mean '{written}'{alias}?)"
    return f" (did you mean '{written}', class {kind.diagrams_path}?)"


@cache
def _path_prefixes() -> set[str]:
    return names.path_prefixes(class_paths())


_SHOWN_CLASSES = 3


def _part_of_a_path(prefix: str) -> str:
    """`` (aws.compute is a module, not a class: ...)``: a class path typed halfway gets
    a few of the classes it starts, the product table's first, then from A to Z."""
    what = "a module" if "." in prefix else "a provider"
    start = f"{prefix}."
    inside = [path for path in class_paths() if path.startswith(start) and own_path(path) == path]
    inside.sort(key=lambda path: (_PRODUCT_ORDER.get(path, len(_PRODUCT_ORDER)), path))
    shown = ", ".join(f"'{path}'" for path in inside[:_SHOWN_CLASSES])
    if len(inside) == 1:
        return f" ({prefix} is {what} of diagrams, not a class: did you mean {shown}?)"
    return (
        f" ({prefix} is {what} of diagrams, not a class: did you mean one of its "
        f"{len(inside)} classes, such as {shown}?)"
    )


def _closest(name: str) -> str | None:
    """The most similar spelling (difflib's ratio, at least 0.6 for a bare name and 0.75
    for a dotted one, whose shared dots and provider make any two alike); of equally
    similar ones, a name or class of the product table, then the first from A to Z."""
    word = name.lower()
    dotted = "." in word
    cutoff = 0.75 if dotted else 0.6
    provider = word.split(".", 1)[0] if dotted else ""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    close: list[tuple[float, str]] = []
    for folded, spelled in _spellings(dotted, provider if provider in _PROVIDERS else "").items():
        matcher.set_seq1(folded)
        # difflib's own order: two cheap upper bounds of the ratio before the ratio
        if (
            matcher.real_quick_ratio() >= cutoff
            and matcher.quick_ratio() >= cutoff
            and (ratio := matcher.ratio()) >= cutoff
        ):
            close.append((ratio, spelled))
    return min(close, key=_preference)[1] if close else None


def _preference(candidate: tuple[float, str]) -> tuple[float, bool, str]:
    ratio, spelled = candidate
    return (-ratio, spelled not in _BY_NAME and spelled not in _BY_PATH, spelled)


_PROVIDERS = frozenset(names.PROVIDER_NAMES)


@cache
def _spellings(dotted: bool, provider: str) -> dict[str, str]:
    """Lower-cased name → name, of the names a kind written with (or without) a dot may
    have meant: the class paths and provider aliases (of ``provider``, when the name
    starts with one), or the bare names and the provider aliases by their last part
    (``gke`` for ``gcp.gke``). An alias wins over a class path spelled the same but for
    case."""
    aliases = alias_table().aliases
    if dotted:
        prefix = f"{provider}." if provider else ""
        by_path = {p.lower(): p for p in class_paths() if p.startswith(prefix)}
        return {**by_path, **{a: a for a in aliases if "." in a and a.startswith(prefix)}}
    spellings = {a.split(".", 1)[1]: a for a in sorted(aliases, reverse=True) if "." in a}
    return {**spellings, **{a: a for a in aliases if "." not in a}, **{n: n for n in _BY_NAME}}
