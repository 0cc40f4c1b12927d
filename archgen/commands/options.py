"""Options several commands share, and how they meet the configuration file."""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass
from pathlib import Path

from archgen.incremental.uptodate import UpToDate, up_to_date
from archgen.project.config import Config, find_config
from archgen.project.languages import language_problem
from archgen.project.options import (
    GRAPHVIZ_TIMEOUT_MAX,
    JOBS_MAX,
    LANGUAGE_PATTERN,
    LANGUAGES_MAX,
    OUTPUT_FORMATS,
    SHARDS_MAX,
    THEMES,
    BuildOptions,
)
from archgen.project.settings import theme_problem


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
    parser.add_argument(
        "--theme",
        type=theme,
        metavar="NAME",
        help=f"the pictures' colours, lines and text sizes: {', '.join(THEMES)} (default: default)",
    )
    parser.add_argument(
        "--show-title",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="draw each diagram's title at its top, unless its spec's show_title says "
        "otherwise (default: the show-title setting, false)",
    )


def add_strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="fail (exit 1) when there is any warning, such as a layout problem found in "
        "a picture; a build still writes its files (default: the strict setting, false)",
    )


def theme(value: str) -> str:
    problem = theme_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


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
        number = float(value) if value.isascii() else math.nan
    except ValueError:
        number = math.nan
    if not 0 < number <= GRAPHVIZ_TIMEOUT_MAX:  # nan and inf fail this too
        raise argparse.ArgumentTypeError(
            f"expected seconds above 0 and at most {GRAPHVIZ_TIMEOUT_MAX:,g} (a day), not {value!r}"
        )
    return number


def positive(value: str) -> int:
    """A number of jobs, from 1 to JOBS_MAX."""
    number = _whole(value)
    if not 1 <= number <= JOBS_MAX:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1 to {JOBS_MAX}, not {value!r}"
        )
    return number


def _whole(value: str) -> int:
    """``value`` as a whole number of ASCII digits, or 0: int() would read '٣' as 3."""
    digits = value.strip()
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 10 else 0


def shard(value: str) -> tuple[int, int]:
    number, _, count = value.partition("/")
    parsed = _whole(number), _whole(count)
    if not 1 <= parsed[0] <= parsed[1] <= SHARDS_MAX:
        raise argparse.ArgumentTypeError(
            f"expected K/N with 1 <= K <= N <= {SHARDS_MAX:,}, such as 2/4, not {value!r}"
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
    for code in chosen:
        if not LANGUAGE_PATTERN.fullmatch(code):
            raise argparse.ArgumentTypeError(
                f"{code!r} is not a language code such as en, ko or pt-BR"
            )
        problem = language_problem(code)
        if problem:
            raise argparse.ArgumentTypeError(problem)
    if len(chosen) > LANGUAGES_MAX:
        raise argparse.ArgumentTypeError(f"at most {LANGUAGES_MAX} languages")
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
    """Command-line options win over the configuration file, which wins over defaults.

    The file's values are checked when it is read (``archgen.project.settings``), the
    command line's by argparse (the functions above), to the same ranges.
    """
    defaults = BuildOptions()
    configured_formats = config.get("formats")
    configured_languages = config.get("languages")
    return BuildOptions(
        output=args.output or config.path("output") or defaults.output,
        formats=args.format
        or (tuple(configured_formats) if configured_formats else defaults.formats),
        languages=args.lang
        or (tuple(configured_languages) if configured_languages else defaults.languages),
        templates=args.templates or config.path("templates"),
        graphviz_timeout=getattr(args, "graphviz_timeout", None)
        or config.get("graphviz-timeout", defaults.graphviz_timeout),
        jobs=getattr(args, "jobs", None) or config.get("jobs", defaults.jobs),
        shard=getattr(args, "shard", None),
        prune=getattr(args, "prune", False),
        show_title=_chosen(
            getattr(args, "show_title", None), config.get("show-title", defaults.show_title)
        ),
        theme=getattr(args, "theme", None) or config.get("theme", defaults.theme),
        strict=_chosen(getattr(args, "strict", None), config.get("strict", defaults.strict)),
    )


def _chosen(given: bool | None, configured: bool) -> bool:
    """A yes-or-no option: the command line's when it says (--no-x too), else the
    configuration's."""
    return configured if given is None else given


@dataclass(frozen=True)
class BuildRequest:
    """What ``build``, ``check`` and ``watch`` were asked for: which specs, built how."""

    paths: list[Path]
    options: BuildOptions

    def up_to_date(self) -> UpToDate | None:
        """What a build would find when it would change nothing, answered without
        loading the pipeline; None when only a build can tell."""
        return up_to_date(self.paths, self.options)


def build_request(args: argparse.Namespace) -> BuildRequest:
    """The command line over the project's configuration over the defaults."""
    config = project_config()
    chosen = build_options(args, config)
    return BuildRequest(spec_paths(args, config), chosen)
