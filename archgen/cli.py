"""The ``archgen`` command: thin wrappers that parse options and call the pipeline.

Exit codes, the highest wins: 3 environment (Graphviz missing or failing),
2 bad spec or usage, 1 differences found, 0 done.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from archgen import __version__, catalog
from archgen.build import BuildOptions, UsageError, build, load_and_resolve
from archgen.config import Config, find_config
from archgen.diagnostics import Severity, SpecError
from archgen.render import FORMATS

EXIT_OK, EXIT_BAD_INPUT, EXIT_ENVIRONMENT = 0, 2, 3

_DESCRIPTION = """\
Turn YAML architecture specs into AWS diagrams (SVG, PNG) and Markdown pages.

Each spec describes one stage of a system; `archgen build specs/` writes, for every
stage, <id>.svg, <id>.png and <id>.md into output/, plus an index.md. The same
inputs always give the same bytes, so output/ can be committed and reviewed.
"""

_EPILOG = """\
exit codes: 0 done, 2 bad spec or usage, 3 Graphviz missing or failing.
examples:
  archgen build specs/                  build every spec into output/
  archgen build specs/ --lang en,ko     English in output/, Korean in output/ko/
  archgen validate specs/01-single.yaml check one spec, write nothing
  archgen catalog                       list the node kinds
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return args.run(args)
    except UsageError as error:
        print(f"archgen: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except SpecError as error:  # a configuration or template-words file is malformed
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. `archgen catalog | head`: the reader left, not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush quiet
        return EXIT_OK
    except KeyboardInterrupt:
        print("archgen: interrupted; files already written are complete", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archgen", description=_DESCRIPTION, epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"archgen {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build_parser = commands.add_parser(
        "build", help="build specs into diagrams and pages",
        description="Build every spec into <id>.svg, <id>.png and <id>.md, and write index.md. "
                    "A spec with errors writes nothing; the others still build.")
    _add_paths(build_parser)
    build_parser.add_argument("-o", "--output", type=Path, metavar="DIR",
                              help="output folder (default: output)")
    build_parser.add_argument("--format", type=_formats, metavar="LIST",
                              help="comma-separated image formats from "
                                   f"{', '.join(FORMATS)} (default: svg,png)")
    build_parser.add_argument("--lang", type=_languages, metavar="LIST",
                              help="comma-separated languages (default: en); English goes to "
                                   "DIR, every other language to DIR/<lang>/")
    build_parser.add_argument("--templates", type=_folder, metavar="DIR",
                              help="folder whose templates replace the built-in ones of the "
                                   "same name (stage.md.j2, index.md.j2)")
    build_parser.set_defaults(run=_run_build)

    validate_parser = commands.add_parser(
        "validate", help="check specs without writing anything",
        description="Load and check every spec; print each problem as file:line:col.")
    _add_paths(validate_parser)
    validate_parser.set_defaults(run=_run_validate)

    catalog_parser = commands.add_parser(
        "catalog", help="list the node kinds and their AWS services",
        description="List every node kind: its short name, its diagrams class and the AWS "
                    "service it stands for. A kind may also be any diagrams class path.")
    catalog_parser.set_defaults(run=_run_catalog)
    return parser


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="spec files or folders searched for *.yaml (default: specs)")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format '{','.join(unknown)}'; choose from {', '.join(FORMATS)}")
    return chosen


def _languages(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not chosen:
        raise argparse.ArgumentTypeError("name at least one language, such as en")
    return chosen


def _folder(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: no such folder")
    return path


def _spec_paths(args: argparse.Namespace, config: Config) -> list[Path]:
    return args.paths or config.paths("specs") or [Path("specs")]


def _build_options(args: argparse.Namespace, config: Config) -> BuildOptions:
    """Command-line options win over the configuration file, which wins over defaults."""
    defaults = BuildOptions()
    templates = args.templates or config.path("templates")
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: no such templates folder ({config.source})")
    return BuildOptions(
        output=args.output or config.path("output") or defaults.output,
        formats=args.format or _formats(",".join(config.get("formats", defaults.formats))),
        languages=args.lang or tuple(config.get("languages", defaults.languages)),
        templates=templates,
        graphviz_timeout=float(config.get("graphviz-timeout", defaults.graphviz_timeout)),
    )


def _run_build(args: argparse.Namespace) -> int:
    config = find_config(Path.cwd())
    options = _build_options(args, config)
    report = build(_spec_paths(args, config), options)
    for diagnostic in report.diagnostics:
        print(diagnostic, file=sys.stderr)
    for problem in report.environment_errors:
        print(f"archgen: error: {problem}", file=sys.stderr)
    for note in report.notes:
        print(f"archgen: note: {note}", file=sys.stderr)
    print(f"built {len(report.stages)} stage(s) into {options.output}: "
          f"{len(report.written)} file(s) written, {len(report.unchanged)} unchanged")
    return report.exit_code


def _run_validate(args: argparse.Namespace) -> int:
    config = find_config(Path.cwd())
    stages, diagnostics = load_and_resolve(_spec_paths(args, config))
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    if errors:
        print(f"{errors} error(s)", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{len(stages)} spec(s) valid")
    return EXIT_OK


def _run_catalog(args: argparse.Namespace) -> int:
    rows = [("KIND", "DIAGRAMS CLASS", "SERVICE", "PRODUCT PAGE")]
    rows += [(k.name, k.diagrams_path, k.service, k.url or "-") for k in catalog.KINDS]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
        print("  ".join([*padded, row[3]]))
    return EXIT_OK
