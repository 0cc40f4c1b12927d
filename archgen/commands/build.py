"""`archgen build`: specs -> diagrams and pages."""

from __future__ import annotations

import argparse

from archgen.build.summary import BuildSummary
from archgen.commands import options, terminal
from archgen.diagnostics import ExitCode


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "build",
        help="build specs into diagrams and pages",
        description="Build every spec into <id>.svg, <id>.png and <id>.md, and write index.md. "
        "A spec with errors writes nothing; the others still build. A stage whose "
        "spec, parents, templates and options are unchanged is not built again.",
    )
    options.add_paths(parser)
    options.add_build_options(parser)
    parser.add_argument(
        "--prune",
        action="store_true",
        help="delete the files an earlier build made for a language or format no longer "
        "asked for (without it they are kept, and a note says so)",
    )
    options.add_strict_option(parser)
    options.add_run_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    request = options.build_request(args)
    output = request.options.output
    unchanged = request.up_to_date()
    if unchanged is not None:  # nothing to do: said without loading the pipeline
        terminal.print_diagnostics(unchanged.warnings)  # the pictures', as they were drawn
        note = unchanged.kept_note(request.options)
        if note:  # as a full build says it, until --prune
            terminal.complain(f"archgen: note: {note}")
        failed = terminal.strict_failure(request.options.strict, len(unchanged.warnings))
        terminal.say(BuildSummary.all_up_to_date(unchanged.stages).line(output))
        return failed

    from archgen.build.run import build
    from archgen.commands.progress import for_terminal

    report = build(request.paths, request.options, for_terminal(args.quiet), terminal.tell)
    terminal.print_build_problems(report)
    terminal.say(report.summary().line(output))
    return report.exit_code
