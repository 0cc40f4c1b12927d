"""`archgen check`: fail when the output folder is not what the specs would build."""

from __future__ import annotations

import argparse
from pathlib import Path

from archgen.commands import options, terminal
from archgen.diagnostics import Diagnostic, ExitCode, Location, error_count


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "check",
        help="fail when output/ is stale or a spec is invalid",
        description="Compare the output folder with what the current specs, templates and "
        "options would build, through the hashes the last build recorded in "
        "DIR/.archgen/manifest.json. Needs no Graphviz. Names each stale file and "
        "the input that changed, and tells again the warnings the pictures were drawn "
        "with. Exit 1 when something is stale (or, with --strict, when there is a "
        "warning), 2 when a spec is invalid, 0 when all is current.",
    )
    options.add_paths(parser)
    options.add_build_options(parser)
    options.add_strict_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    request = options.build_request(args)
    unchanged = request.up_to_date()
    # As the last clean build left it: a pre-commit hook stays quick. Kept files are
    # for the whole check to judge (those of a spec that is gone are findings).
    strict = request.options.strict
    if unchanged is not None and not unchanged.kept:
        terminal.print_diagnostics(unchanged.warnings)
        failed = terminal.strict_failure(strict, len(unchanged.warnings), "check")
        _print_up_to_date(request.options.output, unchanged.stages)
        return failed

    from archgen.incremental.check import check

    report = check(request.paths, request.options)
    terminal.print_diagnostics(sorted([*report.diagnostics, *report.warnings], key=_line))
    for finding in report.findings:
        terminal.complain(str(finding))
    if report.exit_code is ExitCode.OK:
        _print_up_to_date(request.options.output, report.stages)
    elif report.findings:
        terminal.complain(
            f"{len(report.findings)} file(s) not current; run `archgen build` and commit the output"
        )
    warnings = len(report.warnings) + len(report.diagnostics) - error_count(report.diagnostics)
    return ExitCode.highest(report.exit_code, terminal.strict_failure(strict, warnings, "check"))


def _line(diagnostic: Diagnostic) -> Location:
    return diagnostic.location


def _print_up_to_date(output: Path, stages: int) -> None:
    terminal.say(f"{output} is up to date ({stages} stage(s))")
