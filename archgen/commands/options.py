"""Options several commands share, and how they meet the configuration file."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from archgen.diagnostics import UsageError
from archgen.incremental.uptodate import stage_count_if_up_to_date
from archgen.project.config import Config, find_config
from archgen.project.options import OUTPUT_FORMATS, BuildOptions


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="spec files or folders searched for *.yaml (default: specs)",
    )


def add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, metavar="DIR", help="output folder (default: output)"
    )
    parser.add_argument(
        "--format",
        type=formats,
        metavar="LIST",
        help=f"comma-separated formats from {', '.join(OUTPUT_FORMATS)} "
        "(default: svg,png); dot writes the DOT text Graphviz lays out",
    )
    parser.add_argument(
        "--lang",
        type=languages,
        metavar="LIST",
        help="comma-separated languages (default: en); English goes to DIR, "
        "every other language to DIR/<lang>/",
    )
    parser.add_argument(
        "--templates",
        type=folder,
        metavar="DIR",
        help="folder whose templates replace the built-in ones of the same "
        "name (stage.md.j2, index.md.j2, messages.yaml)",
    )


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """How a build runs; they change no byte of its output."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=positive,
        metavar="N",
        help="diagrams rendered at once (default: the number of cores)",
    )
    parser.add_argument(
        "--shard",
        type=shard,
        metavar="K/N",
        help="build only the K-th of N stable shares of the stages, to spread "
        "a large build over CI jobs; merge their output folders after",
    )
    parser.add_argument(
        "--graphviz-timeout",
        type=seconds,
        metavar="SECONDS",
        help="how long Graphviz may take for one diagram before the build "
        "gives up on that stage (default: 120)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only problems and the summary line"
    )


def seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0:
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, not {value!r}")
    return number


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {value!r}")
    return number


def shard(value: str) -> tuple[int, int]:
    number, _, count = value.partition("/")
    try:
        parsed = int(number), int(count)
    except ValueError:
        parsed = (0, 0)
    if not 1 <= parsed[0] <= parsed[1]:
        raise argparse.ArgumentTypeError(
            f"expected K/N with 1 <= K <= N, such as 2/4, not {value!r}"
        )
    return parsed


def formats(value: str) -> tuple[str, ...]:
    chosen = _list(value)
    unknown = [fmt for fmt in chosen if fmt not in OUTPUT_FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format '{','.join(unknown)}'; choose from {', '.join(OUTPUT_FORMATS)}"
        )
    return chosen


def languages(value: str) -> tuple[str, ...]:
    chosen = _list(value)
    if not chosen:
        raise argparse.ArgumentTypeError("name at least one language, such as en")
    return chosen


def folder(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: no such folder")
    return path


def _list(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))


def project_config() -> Config:
    return find_config(Path.cwd())


def spec_paths(args: argparse.Namespace, config: Config) -> list[Path]:
    return args.paths or config.paths("specs") or [Path("specs")]


def build_options(args: argparse.Namespace, config: Config) -> BuildOptions:
    """Command-line options win over the configuration file, which wins over defaults."""
    defaults = BuildOptions()
    templates = args.templates or config.path("templates")
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: no such templates folder ({config.source})")
    return BuildOptions(
        output=args.output or config.path("output") or defaults.output,
        formats=args.format or formats(",".join(config.get("formats", defaults.formats))),
        languages=args.lang or tuple(config.get("languages", defaults.languages)),
        templates=templates,
        graphviz_timeout=getattr(args, "graphviz_timeout", None)
        or float(config.get("graphviz-timeout", defaults.graphviz_timeout)),
        jobs=getattr(args, "jobs", None) or int(config.get("jobs", defaults.jobs)),
        shard=getattr(args, "shard", None),
        prune=getattr(args, "prune", False),
    )


@dataclass(frozen=True)
class BuildRequest:
    """What ``build``, ``check`` and ``watch`` were asked for: which specs, built how."""

    paths: list[Path]
    options: BuildOptions

    def stage_count_if_up_to_date(self) -> int | None:
        """The stage count when a build would change nothing, answered without loading
        the pipeline; None when only a build can tell."""
        return stage_count_if_up_to_date(self.paths, self.options)


def build_request(args: argparse.Namespace) -> BuildRequest:
    """The command line over the project's configuration over the defaults."""
    config = project_config()
    chosen = build_options(args, config)
    return BuildRequest(spec_paths(args, config), chosen)
