"""What a build tells: the stages it built or skipped, the files it wrote, its problems,
and the one summary line and exit code that follow from them.

The summary line itself is ``build.summary.BuildSummary``, which the no-op fast path
prints without importing this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from archgen.build.summary import BuildSummary, strict_failure_line
from archgen.diagnostics import Diagnostic, ExitCode, Severity, error_count

if TYPE_CHECKING:
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
    stages: list[Stage] = field(default_factory=list)  # built or up to date, not failed
    diagnostics: list[Diagnostic] = field(default_factory=list)
    environment_errors: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)  # ids of stages not built again
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # not about one spec: missing fonts
    # The note on files kept until --prune, among the notes: the no-op fast path says it
    # again, so it does not stop a later build from skipping this one's work.
    kept_note: str | None = None
    # What the pictures' checks found, told again from the manifest while a stage is up
    # to date (incremental/warnings.py), so they do not stop a later build from skipping.
    layout_warnings: list[Diagnostic] = field(default_factory=list)
    strict: bool = False  # warnings fail the build

    @property
    def exit_code(self) -> ExitCode:
        """The errors' code; with ``strict``, at least 1 when there is any warning."""
        strict_failure = self.strict and self.warning_count > 0
        return ExitCode.highest(
            self.errors_code, ExitCode.DIFFERENT if strict_failure else ExitCode.OK
        )

    @property
    def errors_code(self) -> ExitCode:
        """The code of the build's errors alone: warnings never change it, strict or not."""
        return ExitCode.highest(
            ExitCode.ENVIRONMENT if self.environment_errors else ExitCode.OK,
            ExitCode.BAD_INPUT if error_count(self.diagnostics) else ExitCode.OK,
        )

    @property
    def warning_count(self) -> int:
        """Every warning the build tells: the specs', the pictures', the fonts'."""
        spec_warnings = len(self.diagnostics) - error_count(self.diagnostics)
        return spec_warnings + len(self.layout_warnings) + len(self.warnings)

    def located(self) -> list[Diagnostic]:
        """The specs' problems and the pictures' warnings, in the order of their lines."""
        return sorted([*self.diagnostics, *self.layout_warnings], key=_line_order)

    @property
    def nothing_to_report(self) -> bool:
        """Not even a warning or a note (but the pictures', which the manifest keeps): a
        later build may then skip all of this one's work."""
        notes = [note for note in self.notes if note != self.kept_note]
        return not (self.diagnostics or self.environment_errors or notes or self.warnings)

    def add_diagnostics(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted([*self.diagnostics, *diagnostics], key=lambda d: d.location)

    def strict_failure(self) -> str | None:
        """The line that says why a strict build failed, if it did for its warnings."""
        if not (self.strict and self.warning_count):
            return None
        return strict_failure_line(self.warning_count)

    def summary(self) -> BuildSummary:
        return BuildSummary(
            stages=len(self.stages),
            up_to_date=len(self.up_to_date),
            written=len(self.written),
            removed=len(self.deleted),
            errors=error_count(self.diagnostics) + len(self.environment_errors),
        )


def _line_order(diagnostic: Diagnostic) -> tuple[object, ...]:
    return (diagnostic.location, diagnostic.severity is Severity.WARNING, diagnostic.message)
