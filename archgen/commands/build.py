"""`archgen build`: specs -> diagrams and pages."""

from __future__ import annotations

import argparse
import sys

from archgen.commands import options
from archgen.incremental.uptodate import stage_count_if_up_to_date


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "build",
        help="build specs into diagrams and pages",
        description="Build every spec into <id>.svg, <id>.png and <id>.md, and write index.md. "
        "A spec with errors writes nothing; the others still build. A stage whose "
        "spec, parents, templates and options are unchanged is not built again.",
    )
    options.add_paths(parser)
    options.add_build_options(parser)
    options.add_run_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = options.project_config()
    chosen = options.build_options(args, config)
    paths = options.spec_paths(args, config)
    unchanged = stage_count_if_up_to_date(paths, chosen)
    if unchanged is not None:  # nothing to do: said without loading the pipeline
        print(
            f"{unchanged} stage(s) in {chosen.output}: 0 built, {unchanged} up to date; "
            "0 file(s) written"
        )
        return 0

    from archgen.build.run import build
    from archgen.commands.progress import for_terminal

    report = build(paths, chosen, for_terminal(args.quiet))
    options.print_diagnostics(report.diagnostics)
    for problem in report.environment_errors:
        print(f"archgen: error: {problem}", file=sys.stderr)
    for note in report.notes:
        print(f"archgen: note: {note}", file=sys.stderr)
    rendered = len(report.stages) - len(report.skipped)
    print(
        f"{len(report.stages)} stage(s) in {chosen.output}: {rendered} built, "
        f"{len(report.skipped)} up to date; {len(report.written)} file(s) written"
        + (f", {len(report.deleted)} removed" if report.deleted else "")
    )
    return report.exit_code
