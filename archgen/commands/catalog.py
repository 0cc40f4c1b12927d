"""`archgen catalog [QUERY]`: list or search the node kinds, every class of diagrams."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from archgen.commands import terminal
from archgen.diagnostics import ExitCode, UsageError, suggest

if TYPE_CHECKING:
    from archgen.catalog.search import Entry

_DESCRIPTION = """\
List the node kinds a spec's 'kind:' may name: every node class of the installed
diagrams (AWS, Azure, GCP, Kubernetes, on-premises, SaaS, ...). A kind is written by
its short name (lambda, api-gateway, k8s.pod, gcp.gke) or its class path
(aws.compute.Lambda). Each line shows the short name, the class, the service it
stands for and, for AWS services archgen knows, the product page; a class that draws
no icon of its own is marked (no icon). QUERY searches the short names, class paths
and service names, ignoring case, best match first; names that differ only by
hyphens (autoscaling, auto-scaling) are different kinds, listed together with a note.
"""

_EPILOG = """\
exit codes: 0 kinds listed, 1 no kind matches QUERY (--format json prints []),
2 bad usage (an unknown provider). QUERY and --provider ignore case.
examples:
  archgen catalog                        every kind: AWS first, then the other providers
  archgen catalog lambda                 aws.compute.Lambda first, then the other matches
  archgen catalog gateway --provider aws the AWS kinds whose names hold 'gateway'
  archgen catalog --format json          for editors and tools (see docs/spec-format.md)
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "catalog",
        help="list and search the node kinds",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", nargs="?", metavar="QUERY", help="a word to search for")
    parser.add_argument(
        "--provider", metavar="NAME", help="only this provider's kinds: aws, azure, gcp, k8s, ..."
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (columns, the default) or json (a list of objects, one per kind)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    from archgen.catalog import search
    from archgen.spec.strings import shown

    found = search.entries()
    if args.provider is not None:
        provider = _provider(args.provider)
        found = [entry for entry in found if entry.kind.provider == provider]
    if args.query is not None:
        found = search.search(found, args.query)
    if args.format == "json":
        rows = [entry.as_json() for entry in found]
        terminal.write_report(json.dumps(rows, indent=1) + "\n", in_json=True)
    elif found:
        _print_columns(found)
    if args.query is None:
        return ExitCode.OK
    if not found:
        terminal.complain(f"archgen: no kind matches {shown(args.query)}{_hint(args)}")
        return ExitCode.DIFFERENT
    _note_look_alikes(search.look_alikes(found, args.query))
    return ExitCode.OK


def _note_look_alikes(alike: list[tuple[str, Entry]]) -> None:
    """``autoscaling`` and ``auto-scaling`` are two kinds: say so, after the list."""
    if alike:
        kinds = ", ".join(
            f"'{alias}' is {entry.kind.service} ({entry.kind.diagrams_path})"
            for alias, entry in alike
        )
        terminal.complain(f"archgen: note: names that differ only by hyphens: {kinds}")


def _provider(name: str) -> str:
    from archgen.catalog import search
    from archgen.spec.strings import shown

    known = search.providers()
    if name.lower() in known:  # as QUERY, the provider ignores case
        return name.lower()
    listed = ", ".join(known)
    raise UsageError(
        f"unknown provider {shown(name)}{suggest(name, known)}; the providers are {listed}"
    )


def _hint(args: argparse.Namespace) -> str:
    """Where it was searched, and the closest name of the whole catalog."""
    from archgen.catalog.kinds import kind_suggestion

    where = f" among the {args.provider.lower()} kinds" if args.provider else ""
    return f"{where}{kind_suggestion(args.query)}"


def _print_columns(found: list[Entry]) -> None:
    rows = [("KIND", "CLASS", "SERVICE", "PRODUCT PAGE")]
    for entry in found:
        kind = entry.kind
        service = kind.service if entry.icon else f"{kind.service} (no icon)"
        rows.append((kind.name, kind.diagrams_path, service, kind.url or "-"))
    # Columns as wide as their cells, up to a width a terminal shows: a longer cell
    # pushes the rest of its own line along.
    widths = [min(max(len(row[i]) for row in rows), cap) for i, cap in enumerate((30, 45, 40))]
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        terminal.say("  ".join([*padded, row[3]]).rstrip())
