"""`archgen validate`: check specs, write nothing."""

from __future__ import annotations

import argparse

from archgen.commands import options, terminal
from archgen.diagnostics import ExitCode, error_count
from archgen.project.options import DEFAULT_LANGUAGE


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "validate",
        help="check specs without writing anything",
        description="Load and check every spec, and render its pages in memory with the "
        "configured templates and languages; print each problem as file:line:col.",
    )
    options.add_paths(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    from archgen.pipeline import load_and_resolve, load_estimates, page_problems

    config = options.project_config()
    paths = options.spec_paths(args, config)
    stages, diagnostics = load_and_resolve(paths)
    estimates, problems = load_estimates(paths)
    languages = config.get("languages") or [DEFAULT_LANGUAGE]
    problems += page_problems(stages, config.path("templates"), languages)
    diagnostics = sorted([*diagnostics, *problems], key=lambda d: d.location)
    terminal.print_diagnostics(diagnostics)
    errors = error_count(diagnostics)
    if errors:
        terminal.complain(f"{errors} error(s)")
        return ExitCode.BAD_INPUT
    terminal.say(f"{len(stages) + len(estimates)} spec(s) valid")
    return ExitCode.OK
