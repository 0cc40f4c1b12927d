"""How commands tell the user what went wrong: on stderr, one line per problem.

Located problems print as they are (``specs/x.yaml:3:5: ...``); anything else starts
with ``archgen:`` so that it stands out in a CI log.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from archgen.diagnostics import ArchgenError, Diagnostic, SpecError

if TYPE_CHECKING:
    from archgen.build.report import BuildReport


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def print_error(error: ArchgenError) -> None:
    if isinstance(error, SpecError):  # a configuration or template-words file is malformed
        print_diagnostics(error.diagnostics)
    else:
        print(f"archgen: error: {error}", file=sys.stderr, flush=True)


def print_build_problems(report: BuildReport) -> None:
    """Every problem and note of a build, before its summary line."""
    print_diagnostics(report.diagnostics)
    for problem in report.environment_errors:
        print(f"archgen: error: {problem}", file=sys.stderr)
    for note in report.notes:
        print(f"archgen: note: {note}", file=sys.stderr)


def tell(message: str) -> None:
    """What a build says while it runs, such as that it waits for another one."""
    print(f"archgen: {message}", file=sys.stderr, flush=True)
