"""How commands tell the user anything: every line archgen prints goes through here.

Located problems print as they are (``specs/x.yaml:3:5: ...``); anything else starts
with ``archgen:`` so that it stands out in a CI log. Every line is passed through
``diagnostics.printable`` on its way out, whatever it names (a spec file, an output
path, a file found in the output folder, a revision): a name holding a newline, an
escape sequence or a bidi override is shown escaped, so one problem is one line and no
spec can forge a line of its own or rewrite the terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, NoReturn, TextIO

from archgen.build.summary import strict_failure_line
from archgen.diagnostics import (
    ArchgenError,
    Diagnostic,
    ExitCode,
    SpecError,
    printable,
    printable_lines,
)

if TYPE_CHECKING:
    from archgen.build.report import BuildReport


def say(line: str) -> None:
    """One line of a command's result, on stdout."""
    _print(line, sys.stdout)


def complain(line: str) -> None:
    """One line about a problem or what a build does, on stderr."""
    _print(line, sys.stderr)


def write_report(text: str, *, in_json: bool = False) -> None:
    """A report of several lines (Markdown, JSON, an estimate) on stdout, as it is but
    for the characters ``printable`` escapes; newlines and tabs are kept."""
    sys.stdout.write(printable_lines(text, in_json=in_json))
    sys.stdout.flush()


def _print(line: str, stream: TextIO) -> None:
    print(printable(line), file=stream, flush=True)


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        complain(str(diagnostic))


def print_error(error: ArchgenError) -> None:
    if isinstance(error, SpecError):  # a configuration or template-words file is malformed
        print_diagnostics(error.diagnostics)
    else:
        complain(f"archgen: error: {error}")


def print_build_problems(report: BuildReport) -> None:
    """Every problem and note of a build, before its summary line; last, with
    ``--strict``, the line that says its warnings fail it."""
    print_diagnostics(report.located())
    for problem in report.environment_errors:
        complain(f"archgen: error: {problem}")
    for warning in report.warnings:
        complain(f"archgen: warning: {warning}")
    for note in report.notes:
        complain(f"archgen: note: {note}")
    failure = report.strict_failure()
    if failure:
        complain(f"archgen: error: {failure}")


def strict_failure(strict: bool, warnings: int, command: str = "build") -> ExitCode:
    """With ``strict``, the line that says ``warnings`` fail the command, and exit 1; for
    the paths that tell warnings without a build's report (the no-op fast path, check)."""
    if not (strict and warnings):
        return ExitCode.OK
    complain(f"archgen: error: {strict_failure_line(warnings, command)}")
    return ExitCode.DIFFERENT


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, whose errors quote the command line escaped as well: a value
    given to an option can hold an escape sequence as a file name can."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, printable(f"{self.prog}: error: {message}") + "\n")


def tell(message: str) -> None:
    """What a build says while it runs, such as that it waits for another one."""
    complain(f"archgen: {message}")
