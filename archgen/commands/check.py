"""`archgen check`: fail when the output folder is not what the specs would build."""

from __future__ import annotations

import argparse
import sys

from archgen.commands import options
from archgen.incremental.uptodate import stage_count_if_up_to_date


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="fail when output/ is stale or a spec is invalid",
        description="Compare the output folder with what the current specs, templates and "
        "options would build, through the hashes the last build recorded in "
        "DIR/.archgen/manifest.json. Needs no Graphviz. Names each stale file and "
        "the input that changed. Exit 1 when something is stale, 2 when a spec is "
        "invalid, 0 when all is current.",
    )
    options.add_paths(parser)
    options.add_build_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = options.project_config()
    chosen = options.build_options(args, config)
    paths = options.spec_paths(args, config)
    unchanged = stage_count_if_up_to_date(paths, chosen)
    if unchanged is not None:  # as the last clean build left it: a pre-commit hook stays quick
        print(f"{chosen.output} is up to date ({unchanged} stage(s))")
        return 0

    from archgen.incremental.check import check

    report = check(paths, chosen)
    options.print_diagnostics(report.diagnostics)
    for finding in report.findings:
        print(finding, file=sys.stderr)
    if report.exit_code == 0:
        print(f"{chosen.output} is up to date ({report.stages} stage(s))")
    elif report.findings:
        print(
            f"{len(report.findings)} file(s) not current; run `archgen build` and commit "
            "the output",
            file=sys.stderr,
        )
    return report.exit_code
