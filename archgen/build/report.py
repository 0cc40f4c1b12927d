"""What a build tells: the stages it built or skipped, the files it wrote, its problems."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from archgen.diagnostics import Diagnostic, Severity
from archgen.resolve.stage import Stage


class Progress(Protocol):
    """Told about each stage as it is built; the command shows it, the build does not."""

    def start(self, total: int) -> None: ...
    def advance(self, stage_id: str) -> None: ...
    def close(self) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, stage_id: str) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class BuildReport:
    stages: list[Stage] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    environment_errors: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # stage ids whose inputs had not changed
    estimates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.environment_errors:
            return 3
        return 2 if any(d.severity is Severity.ERROR for d in self.diagnostics) else 0

    @property
    def spotless(self) -> bool:
        """Nothing to say at all: a later build may then skip all of this one's work."""
        return not (self.diagnostics or self.environment_errors or self.notes)

    def add_diagnostics(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted([*self.diagnostics, *diagnostics], key=lambda d: d.location)
