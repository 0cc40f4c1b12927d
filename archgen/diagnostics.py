"""Where a problem is and what it is: the vocabulary every pipeline step reports in.

A problem in a spec is never an exception with a traceback for the user; each step
collects ``Diagnostic`` values and the CLI prints them one per line as
``file:line:col: message``.

Every error archgen raises derives from ``ArchgenError``, and its class decides the
exit code, not the code that catches it::

    ArchgenError
      BadInput (exit 2)          UsageError, SpecError; catalog.UnknownKind,
                                 estimate's FormulaError (turned into diagnostics)
      BadEnvironment (exit 3)    draw's RenderError (GraphvizError) and IconError,
                                 project.atomic.OutsideOutput and WriteFailed

This module uses the standard library only: the no-op fast path imports it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import ClassVar


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


def error_count(diagnostics: Iterable[Diagnostic]) -> int:
    """How many of ``diagnostics`` are errors; warnings never change an exit code."""
    return sum(1 for diagnostic in diagnostics if diagnostic.severity is Severity.ERROR)


class ExitCode(IntEnum):
    """What an ``archgen`` command tells the shell; of several outcomes the highest wins."""

    OK = 0
    DIFFERENT = 1  # check or diff found differences
    BAD_INPUT = 2  # a bad spec, configuration or command line
    ENVIRONMENT = 3  # Graphviz missing, failing or too slow; a folder leading elsewhere
    INTERRUPTED = 130  # Ctrl-C, as a shell reports a process ended by SIGINT

    @classmethod
    def highest(cls, *codes: ExitCode) -> ExitCode:
        """The code of a run with all these outcomes: 3 > 2 > 1 > 0 (OK when none)."""
        return max(codes, default=cls.OK)


class ArchgenError(Exception):
    """The base of every error archgen raises. Derive from one of the two kinds below:
    the kind says what the user has to fix, and so the exit code."""

    exit_code: ClassVar[ExitCode]


class BadInput(ArchgenError):
    """Something the user gave is wrong: a spec, a configuration file, the command line."""

    exit_code = ExitCode.BAD_INPUT


class BadEnvironment(ArchgenError):
    """The machine cannot do what was asked: Graphviz is missing, fails or hangs, the
    icons cannot be read, a folder leads out of the output. The message says how to fix it."""

    exit_code = ExitCode.ENVIRONMENT


class UsageError(BadInput):
    """The command line asks for something impossible."""


class SpecError(BadInput):
    """Raised by a pipeline step when input is bad; carries every problem found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: d.location)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    by_folded = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(by_folded), n=1, cutoff=0.6)
    return f" (did you mean '{by_folded[close[0]]}'?)" if close else ""
