"""Specs as they are in a folder, or as they were in a git revision.

`archgen diff` compares two such sets. A revision's specs are exported with
``git archive`` into a temporary folder, and named in messages as git does:
``main:specs/02-database.yaml``.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from archgen.diagnostics import Diagnostic, UsageError
from archgen.pipeline import load_and_resolve
from archgen.resolve.stage import Stage


@dataclass
class SpecSet:
    label: str  # how the report names this side: a revision, a folder, "working tree"
    stages: list[Stage]
    diagnostics: list[Diagnostic]


def working_tree(paths: Sequence[Path]) -> SpecSet:
    return SpecSet("working tree", *load_and_resolve(paths))


def folder(path: Path) -> SpecSet:
    return SpecSet(str(path), *load_and_resolve([path]))


@contextmanager
def revision(revision: str, paths: Sequence[Path]) -> Iterator[SpecSet]:
    """The specs under ``paths`` as they were at ``revision`` of the enclosing repository."""
    root = _git_root()
    relative = [_inside(root, path) for path in paths]
    with tempfile.TemporaryDirectory(prefix="archgen-diff-") as work:
        present = _export(root, revision, relative, Path(work))
        if not present:  # the specs did not exist yet: everything is added
            yield SpecSet(revision, [], [])
            return
        exported = [Path(work) / path for path in present]

        def display(path: Path) -> str:
            return f"{revision}:{path.relative_to(work).as_posix()}"

        yield SpecSet(revision, *load_and_resolve(exported, display))


def is_revision(name: str) -> bool:
    return _git_agrees("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", cwd=Path.cwd())


def _export(root: Path, revision: str, paths: list[str], target: Path) -> list[str]:
    """Extract ``paths`` at ``revision`` into ``target``; return those that existed."""
    present = [path for path in paths if _exists(root, revision, path)]
    if not present:
        return []
    archive = target / "specs.tar"
    with archive.open("wb") as stream:
        subprocess.run(
            ["git", "archive", "--format=tar", revision, "--", *present],
            cwd=root,
            stdout=stream,
            stderr=subprocess.PIPE,
            check=True,
        )
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")  # 'data' refuses links and paths outside
    archive.unlink()
    return present


def _exists(root: Path, revision: str, path: str) -> bool:
    return _git_agrees("cat-file", "-e", f"{revision}:{path}", cwd=root)


def _git_root() -> Path:
    return Path(_git("rev-parse", "--show-toplevel", cwd=Path.cwd()).strip())


def _inside(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        raise UsageError(f"{path} is outside the git repository at {root}") from None


def _git(*arguments: str, cwd: Path) -> str:
    """What git prints; a ``UsageError`` saying why when it cannot answer."""
    finished = _run_git(arguments, cwd)
    if finished is None:
        raise UsageError("git is not installed; compare two folders of specs instead")
    if finished.returncode != 0:
        raise UsageError(finished.stderr.strip() or f"git {arguments[0]} failed")
    return finished.stdout


def _git_agrees(*arguments: str, cwd: Path) -> bool:
    """Whether a git question (is this a revision? does this file exist?) gets a yes;
    without git, the answer is no."""
    finished = _run_git(arguments, cwd)
    return finished is not None and finished.returncode == 0


def _run_git(arguments: tuple[str, ...], cwd: Path) -> subprocess.CompletedProcess[str] | None:
    """git's answer, or None when git cannot run at all."""
    try:
        return subprocess.run(
            ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
