"""The ``archgen`` command: the parser, and the error handling every command shares."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from archgen import __version__
from archgen.commands import build as build_command
from archgen.commands import catalog as catalog_command
from archgen.commands import check as check_command
from archgen.commands import diff as diff_command
from archgen.commands import estimate as estimate_command
from archgen.commands import init as init_command
from archgen.commands import schema as schema_command
from archgen.commands import terminal
from archgen.commands import validate as validate_command
from archgen.commands import watch as watch_command
from archgen.diagnostics import ArchgenError, ExitCode

COMMANDS = (
    init_command,
    build_command,
    validate_command,
    check_command,
    diff_command,
    watch_command,
    estimate_command,
    catalog_command,
    schema_command,
)

_DESCRIPTION = """\
Turn YAML architecture specs into AWS diagrams (SVG, PNG) and Markdown pages.

Each spec describes one stage of a system; `archgen build specs/` writes, for every
stage, <id>.svg, <id>.png and <id>.md into output/, plus an index.md. The same
inputs always give the same bytes, so output/ can be committed and reviewed.
Settings come from [tool.archgen] in pyproject.toml or archgen.toml; options win.
"""

_EPILOG = """\
exit codes: 0 done, 1 differences found (check), 2 bad spec or usage,
3 Graphviz missing or failing.
examples:
  archgen init my-architecture         start a project that builds at once
  archgen build specs/                  build every spec into output/
  archgen build specs/ --lang en,ko     English in output/, Korean in output/ko/
  archgen validate specs/01-single.yaml check one spec, write nothing
  archgen check                         is output/ current? (for CI and pre-commit)
  archgen diff origin/main              what a branch changes in the architecture
  archgen watch specs/                  rebuild on every save
  archgen estimate specs/estimates/twitter.yaml   compute an estimate
  archgen catalog lambda                search the node kinds (every diagrams class)
  archgen schema > docs/archgen.schema.json   the spec format, for editors
  archgen schema --kind estimate > docs/archgen.estimate.schema.json
"""


def main(argv: Sequence[str] | None = None) -> int:
    _never_fail_to_print()
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return ExitCode.BAD_INPUT
    try:
        return args.run(args)  # type: ignore[no-any-return]
    except ArchgenError as error:  # its class says what to fix, and so the exit code
        terminal.print_error(error)
        return error.exit_code
    except BrokenPipeError:  # e.g. `archgen catalog | head`: the reader left, not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush quiet
        return ExitCode.OK
    except KeyboardInterrupt:
        print("archgen: interrupted; files already written are complete", file=sys.stderr)
        return ExitCode.INTERRUPTED


def _never_fail_to_print() -> None:
    """A terminal that cannot show a character (LANG=C, PYTHONIOENCODING=ascii) gets it
    escaped, ``\\xd7`` for ×, instead of a UnicodeEncodeError traceback. A UTF-8 one,
    and so every file archgen writes, is unchanged."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _parser() -> argparse.ArgumentParser:
    parser = terminal.ArgumentParser(
        prog="archgen",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"archgen {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser
