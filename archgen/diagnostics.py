"""Where a problem is and what it is: the vocabulary every pipeline step reports in.

A problem in a spec is never an exception with a traceback for the user; each step
collects ``Diagnostic`` values and the CLI prints them one per line as
``file:line:col: message``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True, order=True)
class Location:
    """A point in a spec file; line and column count from 1, as editors do."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.location}: {prefix}{one_line(self.message)}"


def one_line(text: str) -> str:
    """``text`` with control characters escaped: a message quoting a spec's value stays
    one line and cannot clear the terminal or forge a line of its own."""
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode() for char in text
    )


class UsageError(Exception):
    """The command line asks for something impossible (exit code 2)."""


class SpecError(Exception):
    """Raised by a pipeline step when input is bad; carries every problem found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: d.location)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    by_folded = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(by_folded), n=1, cutoff=0.6)
    return f" (did you mean '{by_folded[close[0]]}'?)" if close else ""
