"""Layout warnings as the manifest records them, and as they are told again.

A stage's pictures are checked when they are drawn (``archgen.inspect``); what was
found is recorded in the stage's manifest entry, so that a build that finds the stage
up to date, the no-op fast path and ``archgen check`` tell it again (and ``--strict``
fails on it) without drawing anything: in CI on a clean clone everything is up to
date, and a bad picture must not pass there. Standard library only: the fast path
imports this.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from archgen.diagnostics import Diagnostic, Location, Severity
from archgen.project.paths import relative_to_working_folder

PART_KINDS = ("node", "edge", "group", "diagram")
_FIELDS = {"part": str, "id": str, "message": str, "languages": list, "at": list}


@dataclass(frozen=True)
class RecordedWarning:
    """One layout problem of a stage's pictures, in the languages it was found in, at
    the spec line of its part when it was drawn (``file`` relative to the output folder,
    as a manifest entry names its source)."""

    part: str  # node, edge, group or diagram (inspect.problems.PartKind)
    part_id: str
    message: str
    languages: tuple[str, ...]
    file: str
    line: int
    column: int

    def told(self, location: Location, *, stage: str | None, drawn: Collection[str]) -> Diagnostic:
        """The warning as printed at ``location``; ``stage`` names the stage drawn when
        the line is in another spec (a part inherited), and the languages are said when
        not every diagram drawn (``drawn``) has the problem."""
        notes = [f"in stage '{stage}'"] if stage else []
        if set(self.languages) != set(drawn):
            plural = "s" if len(self.languages) > 1 else ""
            notes.append(f"{', '.join(self.languages)} diagram{plural} only")
        suffix = f" ({', '.join(notes)})" if notes else ""
        return Diagnostic(location, f"{self.message}{suffix}", Severity.WARNING)

    def told_as_recorded(
        self, output: Path, stage: tuple[str, str], drawn: Collection[str]
    ) -> Diagnostic:
        """The warning at its recorded line, for the fast path, which loads no spec: the
        spec files have the bytes they had when it was recorded, so the line holds.
        ``stage``: the stage's id and its spec file, as its entry records them."""
        stage_id, source = stage
        shown = _shown(str(output), self.file)
        location = Location(shown, self.line, self.column)
        inherited = shown != _shown(str(output), source)
        return self.told(location, stage=stage_id if inherited else None, drawn=drawn)

    def data(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "id": self.part_id,
            "message": self.message,
            "languages": list(self.languages),
            "at": [self.file, self.line, self.column],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RecordedWarning:
        """From what ``warning_problem`` accepted."""
        file, line, column = data["at"]
        return cls(
            data["part"], data["id"], data["message"], tuple(data["languages"]), file, line, column
        )


@cache
def _shown(output: str, name: str) -> str:
    """A file the manifest names relative to the output folder, as the user would type
    it (as a build shows it); once per file, however many warnings it has."""
    return str(relative_to_working_folder(Path(os.path.normpath(os.path.join(output, name)))))


def warning_problem(value: object) -> str | None:
    """What is wrong with a manifest's record of a warning, if anything (it is untrusted)."""
    if not isinstance(value, dict) or set(value) != set(_FIELDS):
        return "records a warning archgen does not write"
    if not all(isinstance(value[key], kind) for key, kind in _FIELDS.items()):
        return "records a warning archgen does not write"
    at, languages = value["at"], value["languages"]
    place = len(at) == 3 and isinstance(at[0], str)
    place = place and all(isinstance(n, int) and not isinstance(n, bool) for n in at[1:])
    if value["part"] not in PART_KINDS or not place:
        return "records a warning archgen does not write"
    if not all(isinstance(language, str) for language in languages):
        return "records a warning archgen does not write"
    return None
