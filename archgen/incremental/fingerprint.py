"""Content hashes of resolved stages: what the manifest records as a stage's spec input.

A stage's hash covers what it draws and says, its parents included, and not where
its file is, so moving a spec does not rebuild it and reformatting its YAML does not
either.
"""

from __future__ import annotations

import dataclasses
import enum
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from archgen.incremental.manifest import digest_value
from archgen.resolve.stage import Stage


def stage_digest(stage: Stage) -> str:
    """The stage's content with its parents': a parent's edit changes its children's hash.

    Each stage is digested once: children reach their parent many times over.
    """
    key = id(stage)
    known = _DIGESTS.get(key)
    if known and known[0]() is stage:
        return known[1]
    fields = {
        name: plain(getattr(stage, name))
        for name in _field_names(Stage)
        if name not in ("parent", "source")
    }
    fields["parent"] = stage_digest(stage.parent) if stage.parent else None
    result = digest_value(fields)
    _DIGESTS[key] = (weakref.ref(stage, lambda _: _DIGESTS.pop(key, None)), result)
    return result


# id of a stage -> (a weak reference that tells the id was not reused, its digest)
_DIGESTS: dict[int, tuple[weakref.ref[Stage], str]] = {}


def model_digest(value: Any) -> str:
    """The hash of a value made of models, dataclasses, enums and plain data."""
    return digest_value(plain(value))


def plain(value: Any) -> Any:
    """JSON-ready data from dataclasses, pydantic models, enums, tuples and dicts."""
    kind = type(value)
    convert = _CONVERTERS.get(kind)
    if convert is None:
        convert = _CONVERTERS[kind] = _converter(kind)
    return convert(value)


def _converter(kind: type) -> Callable[[Any], Any]:
    """How to make one type plain; found once per type, since a digest walks thousands."""
    if issubclass(kind, BaseModel):  # not model_dump(): it cannot serialize our Text
        names = tuple(kind.model_fields)
        return lambda value: {name: plain(getattr(value, name)) for name in names}
    if issubclass(kind, Stage):
        return stage_digest
    if dataclasses.is_dataclass(kind):
        names = _field_names(kind)
        return lambda value: {name: plain(getattr(value, name)) for name in names}
    if issubclass(kind, enum.Enum):
        return lambda value: value.value
    if issubclass(kind, Mapping):
        return lambda value: {str(key): plain(item) for key, item in value.items()}
    if issubclass(kind, (list, tuple)):
        return lambda value: [plain(item) for item in value]
    if issubclass(kind, Path):
        return lambda value: value.as_posix()
    return _unchanged


def _unchanged(value: Any) -> Any:
    return value


def _field_names(kind: type) -> tuple[str, ...]:
    """The fields that make a value what it is: those its equality compares. A field it
    leaves out stands for one that is in (an icon's bytes for their digest) or is no
    content (where a file lies)."""
    return tuple(field.name for field in dataclasses.fields(kind) if field.compare)


# str, int, float, bool and None are already plain; other types are added when first met
_CONVERTERS: dict[type, Callable[[Any], Any]] = {
    kind: _unchanged for kind in (str, int, float, bool, type(None))
}
