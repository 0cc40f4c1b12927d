"""`archgen catalog`: the node kinds and the AWS services they stand for."""

from __future__ import annotations

import argparse

from archgen.diagnostics import ExitCode


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "catalog",
        help="list the node kinds and their AWS services",
        description="List every node kind: its short name, its diagrams class and the AWS "
        "service it stands for. A kind may also be any diagrams class path.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    from archgen.catalog import kinds as catalog

    rows = [("KIND", "DIAGRAMS CLASS", "SERVICE", "PRODUCT PAGE")]
    rows += [(k.name, k.diagrams_path, k.service, k.url or "-") for k in catalog.KINDS]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        print("  ".join([*padded, row[3]]))
    return ExitCode.OK
