"""The one summary line of a build, in the words every front end tells it.

A named tuple, not a dataclass, and a module of its own: the no-op fast path prints
this line, and every millisecond of its imports counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class BuildSummary(NamedTuple):
    """The counts a build ends with, and the words every front end tells them in."""

    stages: int
    up_to_date: int
    written: int = 0
    removed: int = 0
    errors: int = 0

    @classmethod
    def all_up_to_date(cls, stages: int) -> BuildSummary:
        """A build that found nothing to do, as the fast path knows before loading anything."""
        return cls(stages=stages, up_to_date=stages)

    @property
    def built(self) -> int:
        return self.stages - self.up_to_date

    def stage_counts(self, output: Path | None = None) -> str:
        """``2 stage(s) in output: 1 built, 1 up to date``; ``output`` is left out where the
        reader never sees that folder (the MkDocs plugin builds into a cache)."""
        where = "" if output is None else f" in {output}"
        return f"{self.stages} stage(s){where}: {self.built} built, {self.up_to_date} up to date"

    def line(self, output: Path) -> str:
        """``2 stage(s) in output: 1 built, 1 up to date; 3 file(s) written, 1 removed``."""
        removed = f", {self.removed} removed" if self.removed else ""
        return f"{self.stage_counts(output)}; {self.written} file(s) written{removed}"


def strict_failure_line(warnings: int, command: str = "build") -> str:
    """Why a strict build or check fails with no error: its warnings. A build's files are
    written all the same: the author needs the picture to fix it."""
    line = f"--strict turned {warnings} warning(s) into a failure of the {command}"
    return f"{line}; its files are written, to be looked at" if command == "build" else line
