"""The words archgen itself writes (headings, table headers, the legend) in each language.

They live in ``messages.yaml`` beside the templates, so a ``--templates`` folder can
bring its own wording along with its own templates.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from archgen.diagnostics import Diagnostic, Location, SpecError
from archgen.pages.files import TemplateFileProblem, read_inside
from archgen.project.options import DEFAULT_LANGUAGE
from archgen.project.templates import MESSAGES_FILE
from archgen.spec.yaml_source import parse_yaml


@dataclass(frozen=True)
class Words:
    """Translates archgen's own English words into one language, English as the fallback."""

    language: str
    table: dict[str, str]

    def __call__(self, english: str) -> str:
        return self.table.get(english, english)


class Messages:
    def __init__(self, folders: Sequence[Path]) -> None:
        self.tables: dict[str, dict[str, str]] = {}
        for folder in reversed(folders):  # earlier folders win
            path = folder / MESSAGES_FILE
            if os.path.lexists(path):  # a FIFO or a link out is refused, not skipped
                for language, table in _read(path).items():
                    self.tables.setdefault(language, {}).update(table)

    def words(self, language: str) -> Words:
        if language == DEFAULT_LANGUAGE:
            return Words(language, {})
        return Words(language, self.tables.get(language, {}))


def _read(path: Path) -> dict[str, dict[str, str]]:
    """Read with the spec parser: a duplicate key, which would silently replace a
    translation, is a located error like any other."""
    try:  # a regular file inside its folder, as a template: never a FIFO, nor a link out
        raw = read_inside(path.parent, path, path.name)
    except TemplateFileProblem as exc:
        raise SpecError([Diagnostic(Location(str(path)), str(exc.message))]) from None
    except OSError as exc:
        raise SpecError([Diagnostic(Location(str(path)), f"cannot read: {exc.strerror}")]) from None
    document = parse_yaml(str(path), raw)
    data = document.data
    valid = isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(v, str) for v in table.values())
        for table in data.values()
    )
    if not valid:
        raise SpecError(
            [
                Diagnostic(
                    Location(str(path)),
                    "expected a map from language to a map from English words to their translation",
                )
            ]
        )
    tables: dict[str, dict[str, str]] = data  # the shape checked just above
    return tables
