"""`archgen schema`: print the JSON Schema of the stage or the estimate spec format."""

from __future__ import annotations

import argparse
import sys

from archgen.diagnostics import ExitCode
from archgen.project.specs import ESTIMATE_SCHEMA_FILE, SCHEMA_FILE


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of the spec format",
        description="Print the JSON Schema (draft 2020-12) of a stage spec, or with --kind "
        "estimate of an estimate spec. Save it and point your specs at it with a first line "
        f"such as '# yaml-language-server: $schema=../{SCHEMA_FILE}' (an estimate in "
        f"specs/estimates/: '$schema=../../{ESTIMATE_SCHEMA_FILE}'), and editors with the "
        "YAML language server complete and check them.",
    )
    parser.add_argument(
        "--kind",
        choices=("stage", "estimate"),
        default="stage",
        help="which spec format: stage (the default) or estimate (kind: estimate)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    from archgen.spec.schema import schema_text

    if args.kind == "estimate":
        from archgen.estimate.schema import estimate_schema

        sys.stdout.write(schema_text(estimate_schema()))
    else:
        sys.stdout.write(schema_text())
    return ExitCode.OK
