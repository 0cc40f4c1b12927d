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
    """A point in a spec file; line and column count from 1, as editors do. Column 0:
    the line is known, not the column (a template's line, as Jinja2 reports it)."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        if self.column == 0:
            return f"{printable(self.file)}:{self.line}"
        return f"{printable(self.file)}:{self.line}:{self.column}"


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
        return f"{self.location}: {prefix}{printable(self.message)}"


def printable(text: str, *, in_json: bool = False) -> str:
    """``text`` fit for one line of a terminal or a log: every character that is not
    printable is written as its Python escape (``\\n``, ``\\x1b``, ``\\u202e``), or
    as a JSON escape (``\\u001b``) inside JSON text, which then stays valid JSON.

    Every name and message archgen prints passes through here, so that a file name, a
    key or a value cannot split a line (and forge a ``file:line:col:`` line of its own),
    move the cursor, clear the screen, reverse the text (bidi overrides) or crash the
    print (a lone surrogate). Spaces of any kind are kept: they only look like spaces.
    """
    if text.isprintable():
        return text
    escape = _json_escaped if in_json else _escaped
    return "".join(char if _shows_as_itself(char) else escape(char) for char in text)


def printable_lines(text: str, *, in_json: bool = False) -> str:
    """``text`` of several lines (a Markdown report, JSON) with newlines and tabs kept and
    every other character that is not printable escaped, as ``printable`` does."""
    if text.isprintable():
        return text
    return "\n".join(
        "\t".join(printable(cell, in_json=in_json) for cell in line.split("\t"))
        for line in text.split("\n")
    )


def _shows_as_itself(char: str) -> bool:
    import unicodedata  # only for a text that needs it; the no-op path never does

    return char.isprintable() or unicodedata.category(char) == "Zs"


def _escaped(char: str) -> str:
    return char.encode("unicode_escape", errors="backslashreplace").decode("ascii")


def _json_escaped(char: str) -> str:
    import json

    return json.dumps(char)[1:-1]  # a character beyond U+FFFF becomes a surrogate pair


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
