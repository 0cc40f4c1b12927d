"""`archgen estimate FILE`: compute a back-of-the-envelope estimate and print it."""

from __future__ import annotations

import argparse
from pathlib import Path

from archgen.commands import terminal
from archgen.diagnostics import ExitCode, UsageError


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "estimate",
        help="compute an estimate spec and print it",
        description="Load an estimate spec (kind: estimate), check its units, compute every "
        "derived value and print the assumptions, each formula with its numbers "
        "and the results, rounded with the exact value beside. See "
        "docs/estimates.md.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="an estimate spec")
    parser.add_argument("--lang", default="en", help="language (default: en)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    from archgen.estimate import evaluate, format_for_terminal, load_estimate

    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    result = evaluate(load_estimate(args.file))  # a SpecError lists every problem found
    terminal.print_diagnostics(result.warnings)
    terminal.write_report(format_for_terminal(result, args.lang))
    return ExitCode.OK
