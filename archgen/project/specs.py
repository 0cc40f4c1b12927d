"""Which files are specs: found from the paths a command names, told apart by kind."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from archgen.diagnostics import BadInput, UsageError

SPEC_SUFFIXES = (".yaml", ".yml")
# Where the repository keeps the JSON Schema of specs; specs point at it relatively.
SCHEMA_FILE = "docs/archgen.schema.json"
ESTIMATE_SCHEMA_FILE = "docs/archgen.estimate.schema.json"  # estimate specs have their own
MAX_SPEC_BYTES = 1024 * 1024  # the largest spec archgen reads; spec/limits.py has the others


def find_spec_files(paths: Sequence[Path]) -> list[Path]:
    """The spec files named by ``paths``: files as given, folders searched recursively.

    In a folder, every ``*.yaml`` that is not a folder is a spec, a FIFO or a device
    included: the loader refuses it at its name, where skipping it would hide it; and
    so is a link that leaves its folder (``link_leaving_its_folder``).
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_specs_in(path))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not found:
        raise UsageError(f"no spec files (*.yaml) in {', '.join(map(str, paths))}")
    return found


def _specs_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in SPEC_SUFFIXES and not p.is_dir())


def link_leaving_its_folder(spec: Path, paths: Sequence[Path]) -> str | None:
    """Why ``spec``, found in one of the folders ``paths`` names, may not be read: it is
    a symbolic link to a file outside that folder. None for any other file, and for a
    file named on the command line (read as given)."""
    if not spec.is_symlink() or spec in paths:
        return None
    target = Path(os.path.realpath(spec))
    for folder in paths:
        if spec.is_relative_to(folder) and target.is_relative_to(os.path.realpath(folder)):
            return None
    return (
        "a symbolic link to a file outside the folder it is in; a spec found in a "
        "folder must stay inside it"
    )


# An estimate spec says `kind: estimate` at the top level; stage specs have no kind.
_ESTIMATE_KIND_LINE = re.compile(
    rb"^kind[ \t]*:[ \t]*['\"]?estimate['\"]?[ \t]*(#.*)?$", re.MULTILINE
)


def is_estimate_file(path: Path) -> bool:
    """A cheap look at a file: does a line say ``kind: estimate`` at the top level?

    Read as bytes, not parsed: every spec of a build is checked, and parsing each twice
    would double the cost of loading. Unreadable files say no.
    """
    try:
        return _ESTIMATE_KIND_LINE.search(read_spec_bytes(path)) is not None
    except OSError:
        return False


class NotASpecFile(BadInput, OSError):
    """A path that names no regular file of a spec's size; ``strerror`` says why. An
    ``OSError`` too, so that whatever reads files and copes with one that cannot be read
    copes with this."""


def read_spec_bytes(path: Path) -> bytes:
    """The bytes of a spec file; raise ``NotASpecFile`` (an ``OSError``) for anything
    but a regular file of at most ``MAX_SPEC_BYTES``, without reading it."""
    return read_bounded(path, MAX_SPEC_BYTES, "a spec")


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (``what`` names such a
    file in the message: "a spec", "an icon"); ``NotASpecFile`` for anything else.

    The file is opened first and what was opened is looked at (``fstat``), so a path
    swapped for another between the check and the read changes nothing. The opening does
    not block: a FIFO with no writer, or a device, is refused, never read. A file that
    grows while it is read is read no further than the limit.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with open(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise NotASpecFile(0, f"not a regular file ({_file_type(status.st_mode)})")
        if status.st_size > limit:
            raise NotASpecFile(0, _too_big(status.st_size, limit, what))
        data = file.read(limit + 1)
    if len(data) > limit:
        raise NotASpecFile(0, "the file grew past the limit while it was read")
    return data


def _too_big(size: int, limit: int, what: str) -> str:
    return f"file is {size:,} bytes; {what} may have at most {limit:,}"


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"
