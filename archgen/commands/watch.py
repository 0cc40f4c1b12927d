"""`archgen watch`: build, then rebuild what changed on every save until Ctrl-C."""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.commands import options, terminal
from archgen.diagnostics import ArchgenError, ExitCode, UsageError
from archgen.project.options import BuildOptions
from archgen.project.paths import relative_to_working_folder
from archgen.project.project_files import ICON_SUFFIXES
from archgen.project.specs import SPEC_SUFFIXES

# watchfiles (and the anyio it brings) and the pipeline are imported only when watching
# starts, so every other archgen command starts without paying for them.
if TYPE_CHECKING:
    from watchfiles import Change

# How long the watcher waits in one call before handing control back. The first
# hand-back starts the first build, so that a save made while it runs is not lost:
# the watcher is already listening by then.
_WAKE_UP_MS = 200


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def run(args: argparse.Namespace) -> ExitCode:
    request = options.build_request(args)
    missing = [str(path) for path in request.paths if not path.exists()]
    if missing:
        raise UsageError(f"{', '.join(missing)}: no such file or folder")
    inputs = WatchedInputs(request.paths, request.options)
    try:
        _watch(request, inputs)
    except KeyboardInterrupt:  # Ctrl-C is how watching ends, not a failure
        terminal.complain("archgen: stopped watching")
    return ExitCode.OK


def _watch(request: options.BuildRequest, inputs: WatchedInputs) -> None:
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
            terminal.say(f"changed: {_listed(path for _, path in sorted(changes))}")
        _build_and_report(request)
        if not built:
            terminal.say(f"watching {_listed(inputs.folders)}; Ctrl-C to stop")
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
        # A spec, or an icon under the specs' folders (one elsewhere is read again when
        # a spec is saved).
        if changed.suffix not in SPEC_SUFFIXES and changed.suffix.lower() not in ICON_SUFFIXES:
            return False
        return changed in self.spec_files or any(
            changed.is_relative_to(folder) for folder in self.spec_folders
        )


def _outermost(folders: Iterable[Path]) -> list[Path]:
    """The folders with those inside another left out: one watch already covers them."""
    unique = sorted(set(folders))
    return [f for f in unique if not any(f != o and f.is_relative_to(o) for o in unique)]


def _build_and_report(request: options.BuildRequest) -> None:
    """One build, told as a timestamped summary line; a problem never ends watching."""
    from archgen.build.run import build

    try:
        report = build(request.paths, request.options, tell=terminal.tell)
    except ArchgenError as error:  # e.g. the last spec was deleted; one may come back
        terminal.print_error(error)
        return
    terminal.print_build_problems(report)
    summary = report.summary()
    line = f"[{time.strftime('%H:%M:%S')}] {summary.line(request.options.output)}"
    if summary.errors:
        line += f"; {summary.errors} error(s), the files of the last good build stay"
    terminal.say(line)


def _listed(paths: Iterable[str | Path]) -> str:
    return ", ".join(str(relative_to_working_folder(Path(path))) for path in paths)
