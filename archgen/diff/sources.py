"""Specs as they are in a folder, or as they were in a git revision.

`archgen diff` compares two such sets. A revision's spec files are read from git's
objects into a temporary folder, and named in messages as git does:
``main:specs/02-database.yaml``.

A revision is untrusted (a pull request's, say): only its regular spec files are
written out, each under the temporary folder. A symbolic link or a submodule is
skipped with a located warning, a name with '..' or an absolute one is never written,
and a spec larger than a spec may be is refused, located, before its bytes are read.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from archgen.diagnostics import Diagnostic, Location, Severity, UsageError
from archgen.pipeline import load_and_resolve
from archgen.project.project_files import ICON_SUFFIXES, MAX_ICON_BYTES
from archgen.project.specs import SPEC_SUFFIXES
from archgen.resolve.stage import Stage
from archgen.spec.limits import MAX_FILE_BYTES


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
        present = [path for path in relative if _exists(root, revision, path)]
        problems = _export(root, revision, present, Path(work))
        exported = [Path(work) / path for path in present if (Path(work) / path).exists()]
        if not exported:  # the specs did not exist yet: everything is added
            yield SpecSet(revision, [], problems)
            return

        def display(path: Path) -> str:
            return f"{revision}:{path.relative_to(work).as_posix()}"

        stages, diagnostics = load_and_resolve(exported, display, project=Path(work).resolve())
        yield SpecSet(revision, stages, sorted([*problems, *diagnostics], key=_where))


def _where(diagnostic: Diagnostic) -> Location:
    return diagnostic.location


def is_revision(name: str) -> bool:
    return _git_agrees("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", cwd=Path.cwd())


@dataclass(frozen=True)
class _TreeEntry:
    """One line of ``git ls-tree -r -l -z``: ``<mode> <type> <object> <size>\t<path>``."""

    mode: str
    kind: str
    object_id: str
    size: str
    path: str

    @classmethod
    def parse(cls, record: bytes) -> _TreeEntry:
        meta, _, path = record.partition(b"\t")
        mode, kind, object_id, size = meta.decode("ascii").split()
        return cls(mode, kind, object_id, size, path.decode("utf-8", "surrogateescape"))


def _export(root: Path, revision: str, paths: list[str], target: Path) -> list[Diagnostic]:
    """Write the spec files under ``paths`` at ``revision`` into ``target``; the
    problems met with what the revision holds there."""
    if not paths:
        return []
    listing = _git_bytes(["ls-tree", "-r", "-l", "-z", revision, "--", *paths], root)
    problems: list[Diagnostic] = []
    wanted: list[_TreeEntry] = []
    for record in filter(None, listing.split(b"\0")):
        entry = _TreeEntry.parse(record)
        problem = _refusal(entry)
        if problem is not None:
            problems.append(Diagnostic(Location(f"{revision}:{entry.path}"), *problem))
        elif PurePosixPath(entry.path).suffix in SPEC_SUFFIXES or _is_icon(entry):
            wanted.append(entry)
    blobs = _git_bytes(
        ["cat-file", "--batch"], root, b"".join(f"{entry.object_id}\n".encode() for entry in wanted)
    )
    for entry, data in zip(wanted, _batch_contents(blobs), strict=True):
        path = target.joinpath(*PurePosixPath(entry.path).parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return problems


def _is_icon(entry: _TreeEntry) -> bool:
    """Whether the entry is an image file that goes with the specs under the same folders:
    the icons they name there (``icons/logo.png`` beside them) are drawn from the
    revision's bytes. An icon elsewhere in the revision is not written out, and its spec
    says it is not found."""
    suffix = PurePosixPath(entry.path).suffix.lower()
    return suffix in ICON_SUFFIXES and int(entry.size) <= MAX_ICON_BYTES


def _refusal(entry: _TreeEntry) -> tuple[str, Severity] | None:
    """Why an entry of a revision's tree is not written out, or None."""
    parts = entry.path.split("/")
    if entry.path.startswith("/") or any(part in ("", ".", "..", ".git") for part in parts):
        return "a name that leads out of the folder; not read", Severity.ERROR
    if entry.kind == "commit":
        return "a submodule; archgen diff does not read into it", Severity.WARNING
    if entry.mode == "120000":
        return "a symbolic link; archgen diff reads only regular files, so not this", (
            Severity.WARNING
        )
    if entry.kind != "blob":
        return f"a git {entry.kind}, not a file; not read", Severity.WARNING
    size = int(entry.size)
    if PurePosixPath(entry.path).suffix in SPEC_SUFFIXES and size > MAX_FILE_BYTES:
        return f"file is {size:,} bytes; a spec may have at most {MAX_FILE_BYTES:,}", (
            Severity.ERROR
        )
    return None


def _batch_contents(output: bytes) -> Iterator[bytes]:
    """The objects ``git cat-file --batch`` printed: ``<id> <type> <size>\n<bytes>\n``."""
    at = 0
    while at < len(output):
        header_end = output.index(b"\n", at)
        size = int(output[at:header_end].split()[2])
        yield output[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1


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


def _git_bytes(arguments: list[str], cwd: Path, given: bytes = b"") -> bytes:
    """What git prints, as bytes (names in a tree need not be UTF-8)."""
    try:
        finished = subprocess.run(
            ["git", *arguments], cwd=cwd, input=given, capture_output=True, check=False
        )
    except OSError:
        raise UsageError("git is not installed; compare two folders of specs instead") from None
    if finished.returncode != 0:
        message = finished.stderr.decode("utf-8", "replace").strip()
        raise UsageError(message or f"git {arguments[0]} failed")
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
