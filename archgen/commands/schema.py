"""`archgen schema`: print the JSON Schema of the spec format."""

from __future__ import annotations

import argparse
import sys

from archgen.diagnostics import ExitCode
from archgen.project.specs import SCHEMA_FILE


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of the spec format",
        description="Print the JSON Schema (draft 2020-12) of a stage spec. Save it and point "
        "your specs at it with a first line such as "
        f"'# yaml-language-server: $schema=../{SCHEMA_FILE}', and editors with the "
        "YAML language server complete and check them.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    from archgen.spec.schema import schema_text

    sys.stdout.write(schema_text())
    return ExitCode.OK
