"""`archgen watch`: build, then rebuild what changed on every save until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.commands import EXIT_OK, options
from archgen.diagnostics import Severity, SpecError, UsageError
from archgen.project.options import BuildOptions
from archgen.project.specs import SPEC_SUFFIXES

# watchfiles (and the anyio it brings) and the pipeline are imported only when watching
# starts, so every other archgen command starts without paying for them.
if TYPE_CHECKING:
    from watchfiles import Change

    from archgen.build.report import BuildReport

# How long the watcher waits in one call before handing control back. The first
# hand-back starts the first build, so that a save made while it runs is not lost:
# the watcher is already listening by then.
_WAKE_UP_MS = 200


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "watch",
        help="build, then rebuild on every save until Ctrl-C",
        description="Build the specs, then watch them and the templates folder and rebuild "
        "on every save. Only the stages whose inputs changed are built again. "
        "Problems are printed one per line and watching goes on; the files of "
        "the last good build stay. Ctrl-C stops (exit 0). Settings are read once, "
        "at the start.",
    )
    options.add_paths(parser)
    options.add_build_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = options.project_config()
    chosen = options.build_options(args, config)
    paths = options.spec_paths(args, config)
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise UsageError(f"{', '.join(missing)}: no such file or folder")
    inputs = WatchedInputs(paths, chosen)
    try:
        _watch(paths, chosen, inputs)
    except KeyboardInterrupt:  # Ctrl-C is how watching ends, not a failure
        print("archgen: stopped watching", file=sys.stderr)
    return EXIT_OK


def _watch(paths: Sequence[Path], chosen: BuildOptions, inputs: WatchedInputs) -> None:
    from watchfiles import watch

    built = False
    for changes in watch(
        *inputs.folders,
        watch_filter=inputs,
        recursive=inputs.recursive,
        rust_timeout=_WAKE_UP_MS,
        yield_on_timeout=True,
    ):
        if built and not changes:
            continue  # the watcher's regular wake-up, nothing was saved
        if changes:
            print(f"changed: {', '.join(_shown(path) for _, path in sorted(changes))}", flush=True)
        _build_and_report(paths, chosen)
        if not built:
            print(f"watching {', '.join(map(_shown, inputs.folders))}; Ctrl-C to stop", flush=True)
            built = True


class WatchedInputs:
    """The folders to watch, and which changes in them are inputs of the build.

    Folders, not files: editors often save by writing a new file and renaming it over the
    old one, and a watch on the old file would end there.
    """

    def __init__(self, paths: Sequence[Path], chosen: BuildOptions) -> None:
        from watchfiles import DefaultFilter

        self.ignored = DefaultFilter()  # editor swap files, .git, __pycache__ ...
        self.spec_folders = [p.resolve() for p in paths if p.is_dir()]
        self.spec_files = {p.resolve() for p in paths if not p.is_dir()}
        self.templates = chosen.templates.resolve() if chosen.templates else None
        self.output = chosen.output.resolve()
        parents = [*self.spec_folders, *(p.parent for p in self.spec_files)]
        if self.templates is not None:
            parents.append(self.templates)
        self.folders = _outermost(parents)
        # Spec folders are searched recursively; files and templates are not.
        self.recursive = bool(self.spec_folders)

    def __call__(self, change: Change, path: str) -> bool:
        if not self.ignored(change, path):
            return False
        changed = Path(path)
        if changed.is_relative_to(self.output):  # our own writes must not trigger a build
            return False
        if self.templates is not None and changed.parent == self.templates:
            return True
        if changed.suffix not in SPEC_SUFFIXES:
            return False
        return changed in self.spec_files or any(
            changed.is_relative_to(folder) for folder in self.spec_folders
        )


def _outermost(folders: Iterable[Path]) -> list[Path]:
    """The folders with those inside another left out: one watch already covers them."""
    unique = sorted(set(folders))
    return [f for f in unique if not any(f != o and f.is_relative_to(o) for o in unique)]


def _build_and_report(paths: Sequence[Path], chosen: BuildOptions) -> None:
    from archgen.build.run import build

    try:
        report = build(paths, chosen)
    except UsageError as error:  # e.g. the last spec was deleted; one may come back
        print(f"archgen: error: {error}", file=sys.stderr, flush=True)
        return
    except SpecError as error:  # a malformed messages.yaml in the templates folder
        options.print_diagnostics(error.diagnostics)
        return
    options.print_diagnostics(report.diagnostics)
    for problem in report.environment_errors:
        print(f"archgen: error: {problem}", file=sys.stderr)
    for note in report.notes:
        print(f"archgen: note: {note}", file=sys.stderr)
    print(_summary(report, chosen), flush=True)


def _summary(report: BuildReport, chosen: BuildOptions) -> str:
    built = len(report.stages) - len(report.skipped)
    errors = sum(1 for d in report.diagnostics if d.severity is Severity.ERROR)
    errors += len(report.environment_errors)
    line = (
        f"[{time.strftime('%H:%M:%S')}] {len(report.stages)} stage(s) in {chosen.output}: "
        f"{built} built, {len(report.skipped)} up to date; "
        f"{len(report.written)} file(s) written"
    )
    if report.deleted:
        line += f", {len(report.deleted)} removed"
    if errors:
        line += f"; {errors} error(s), the files of the last good build stay"
    return line


def _shown(path: str | Path) -> str:
    """Relative to the working directory when inside it, as the user typed paths."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
