"""`archgen validate`: check specs, write nothing."""

from __future__ import annotations

import argparse
import sys

from archgen.commands import EXIT_BAD_INPUT, EXIT_OK, options
from archgen.diagnostics import Severity


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "validate",
        help="check specs without writing anything",
        description="Load and check every spec; print each problem as file:line:col.",
    )
    options.add_paths(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from archgen.pipeline import load_and_resolve, load_estimates

    config = options.project_config()
    paths = options.spec_paths(args, config)
    stages, diagnostics = load_and_resolve(paths)
    estimates, problems = load_estimates(paths)
    diagnostics = sorted([*diagnostics, *problems], key=lambda d: d.location)
    options.print_diagnostics(diagnostics)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    if errors:
        print(f"{errors} error(s)", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{len(stages) + len(estimates)} spec(s) valid")
    return EXIT_OK
