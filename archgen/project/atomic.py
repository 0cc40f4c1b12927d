"""The one way archgen touches its output folder: never through a link, never anything
but a regular file, and a set of files changed together or not at all.

Names are relative to the output folder, with '/', as ``project.layout`` makes them.
Every folder on the way to a name must be a real folder (not a symbolic link, not a
file), so nothing under the output leads elsewhere. A name's own place may hold a
regular file, which archgen reads; a symbolic link, which a write replaces (never
writes through) and a read ignores; or nothing. A folder, FIFO, socket or device there
is refused, and never opened: ``lstat`` decides before ``open``, and ``open`` takes
``O_NOFOLLOW | O_NONBLOCK`` and is checked again with ``fstat``.

These checks are made before each use. They keep a build's own hostile inputs (a
committed link, a crafted manifest) from leading it out; they do not defend against
another process that swaps folders while the build runs.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from archgen.diagnostics import BadEnvironment, UsageError
from archgen.project.layout import LOCK_NAME, TEMP_NAME

# Never through a link at the name itself, never waiting on a FIFO.
_SAFE_FLAGS = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_backup_numbers = itertools.count()


class OutsideOutput(BadEnvironment):
    """A path under the output folder leads elsewhere (a symbolic link on the way) or
    holds what archgen does not write over (a folder, a FIFO, a device)."""


class WriteFailed(BadEnvironment):
    """The machine refused a write: a full disk, a read-only folder. Says how to fix it."""

    def __init__(self, path: Path, error: OSError, doing: str = "write") -> None:
        super().__init__(f"cannot {doing} {path}: {_reason(error)}")


_ADVICE = {
    errno.ENOSPC: "no space left on the device; free some space and build again",
    errno.EDQUOT: "disk quota exceeded; free some space and build again",
    errno.EFBIG: "the file is larger than this process may write (see ulimit -f)",
    errno.EROFS: "the file system is read-only; choose another output folder with -o",
    errno.EACCES: "permission denied; make the folder writable or choose another with -o",
    errno.EPERM: "operation not permitted; make the folder writable or choose another with -o",
    errno.EXDEV: "it is on another file system than the output folder's .archgen/; "
    "archgen renames files into place and needs them on one",
}


def _reason(error: OSError) -> str:
    return _ADVICE.get(error.errno or 0, error.strerror or str(error))


def prepare_output(root: Path) -> None:
    """Create the output folder, or check that it is a real one.

    The folder named may not itself be a symbolic link: in a checkout anyone can commit
    ``output`` as a link to elsewhere. Folders above it are the path as given.
    """
    try:
        info = os.lstat(root)
    except FileNotFoundError:
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WriteFailed(root, error) from None
        return
    if stat.S_ISLNK(info.st_mode):
        raise OutsideOutput(
            f"{root} is a symbolic link; archgen writes only into a real folder: "
            "remove the link, or name the folder it points to with -o"
        )
    if not stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{root} is a file, not a folder; name an output folder with -o")


def folder_of(root: Path, name: str, create: bool = False) -> Path | None:
    """The folder that holds ``root/name``, each step checked to be a real folder; None
    when one is missing and ``create`` is false."""
    parts = name.split("/")
    if name.startswith("/") or any(part in ("", ".", "..") or "\\" in part for part in parts):
        raise OutsideOutput(f"{name!r} is not a name inside the output folder")
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                return None
            try:
                folder.mkdir()
            except OSError as error:
                raise WriteFailed(folder, error) from None
            continue
        if stat.S_ISLNK(info.st_mode):
            raise OutsideOutput(
                f"{folder} is a symbolic link; archgen does not read or write through "
                "links in its output folder: remove it"
            )
        if not stat.S_ISDIR(info.st_mode):
            raise OutsideOutput(f"{folder} is a file where archgen needs a folder: move it away")
    return folder


def _open_regular(root: Path, name: str) -> tuple[int, int] | None:
    """A read-only descriptor of the regular file ``root/name`` and its size; None when
    it is missing, behind a link, or not a regular file (which is then never opened)."""
    try:
        folder = folder_of(root, name)
        if folder is None:
            return None
        path = os.path.join(folder, name.rpartition("/")[2])
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        handle = os.open(path, os.O_RDONLY | _SAFE_FLAGS)
    except (OSError, OutsideOutput):
        return None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):  # changed since lstat
        os.close(handle)
        return None
    return handle, info.st_size


def _chunks(handle: int, size: int) -> Iterator[bytes]:
    """What a descriptor reads to its end, closed after: a small file in one read."""
    try:
        while chunk := os.read(handle, min(size + 1, 1 << 20)):
            yield chunk
    finally:
        os.close(handle)


def output_digest(root: Path, name: str) -> str | None:
    """The sha256 of the regular file ``root/name``, hashed as it is read (never held
    whole, whatever its size); None as above."""
    opened = _open_regular(root, name)
    if opened is None:
        return None
    hasher = hashlib.sha256()
    for chunk in _chunks(*opened):
        hasher.update(chunk)
    return hasher.hexdigest()


def read_output(root: Path, name: str, limit: int) -> bytes | None:
    """The bytes of the regular file ``root/name`` if it holds at most ``limit`` of
    them; None as above, or when it is larger (checked before reading)."""
    opened = _open_regular(root, name)
    if opened is None:
        return None
    if opened[1] > limit:
        os.close(opened[0])
        return None
    data = b"".join(_chunks(*opened))
    return data if len(data) <= limit else None


def is_output(root: Path, name: str) -> bool:
    """Whether ``root/name`` is a regular file inside the output."""
    opened = _open_regular(root, name)
    if opened is not None:
        os.close(opened[0])
    return opened is not None


def write_together(root: Path, files: Mapping[str, bytes], temp: Path | None = None) -> list[Path]:
    """Write ``files`` (name -> bytes) under ``root`` so that they change together or
    not at all, and return the paths written; a file that already holds its bytes is
    not touched.

    Every file is written to a temporary file first (in ``temp``, by default
    ``<root>/.archgen/tmp/``, on the same file system), then all are renamed into place.
    What each replaces is kept aside until every rename succeeded, and put back if one
    fails. Each rename is atomic; a crash between two of them leaves some files new and
    some old, which the manifest (written after) tells from a whole set.
    Images are renamed before pages, so a page never shows an image not yet there.
    """
    names = sorted(files, key=lambda name: (name.endswith(".md"), name))
    changed = [name for name in names if not _holds(root, name, files[name])]
    if not changed:
        return []
    temp = temp or _temp_folder(root)
    staged: list[tuple[Path, Path]] = []  # (temporary file, where it goes)
    try:
        for name in changed:
            target = root / name
            staged.append((_temporary(temp, target, files[name]), target))
        _rename_all(staged, temp)
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    return [target for _, target in staged]


def write_atomically(path: Path, data: bytes, temp_dir: Path | None = None) -> bool:
    """Write one file through a temporary file (in ``temp_dir``, by default beside it)
    and a rename; False, touching nothing, when it already holds ``data``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteFailed(path.parent, error) from None
    return bool(write_together(path.parent, {path.name: data}, temp_dir or path.parent))


def _holds(root: Path, name: str, data: bytes) -> bool:
    """Whether ``root/name`` already holds ``data``; refuses what a write may not replace.
    Creates the folders on the way."""
    folder = folder_of(root, name, create=True)
    assert folder is not None
    path = root / name
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return False  # replaced by the rename, never written through
    if stat.S_ISDIR(info.st_mode):
        raise OutsideOutput(f"{path} is a folder where archgen writes a file: move it away")
    if not stat.S_ISREG(info.st_mode):
        raise OutsideOutput(
            f"{path} is not a regular file (a FIFO, socket or device); archgen does not "
            "open or replace it: remove it"
        )
    if info.st_size != len(data):
        return False
    return read_output(root, name, len(data)) == data


def _temp_folder(root: Path) -> Path:
    folder = folder_of(root, f"{TEMP_NAME}/file", create=True)
    assert folder is not None
    return folder


def _temporary(temp: Path, target: Path, data: bytes) -> Path:
    """``data`` in a new temporary file in ``temp``, synced to disk."""
    try:
        handle, name = tempfile.mkstemp(dir=temp, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise WriteFailed(target, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            os.fchmod(stream.fileno(), 0o644)
    except OSError as error:
        os.unlink(name)
        raise WriteFailed(target, error) from None
    return Path(name)


def _rename_all(staged: list[tuple[Path, Path]], temp: Path) -> None:
    """Rename each temporary file into place; on a failure, put back what was there."""
    done: list[tuple[Path, Path | None]] = []  # (target, what it held, kept aside)
    target = staged[0][1]
    try:
        for temporary, target in staged:
            done.append((target, _keep_aside(target, temp)))
            os.replace(temporary, target)
    except OSError as error:
        _put_back(done)
        raise WriteFailed(target, error) from None
    for _, backup in done:
        if backup is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(backup)


def _keep_aside(target: Path, temp: Path) -> Path | None:
    """A second name in ``temp`` for what ``target`` holds (a hard link: no copy, and
    ``target`` stays in place), or None when it holds nothing."""
    if not os.path.lexists(target):
        return None
    backup = temp / f".{target.name}.{os.getpid()}-{next(_backup_numbers)}.old.tmp"
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:  # no hard links on this file system: move it aside for a moment
        os.rename(target, backup)
    return backup


def _put_back(done: list[tuple[Path, Path | None]]) -> None:
    for target, backup in reversed(done):
        with contextlib.suppress(OSError):  # a failure here leaves it to the manifest
            if backup is None:
                os.unlink(target)
                continue
            os.replace(backup, target)
            # A rename between two links to one file does nothing: the target was never
            # replaced, and its second name is still there.
            os.unlink(backup)


def remove_output(root: Path, name: str) -> bool:
    """Delete the regular file ``root/name`` (never a folder, never through a link), and
    the folders on its way that this leaves empty (a language's, say)."""
    folder = folder_of(root, name)
    if folder is None:
        return False
    path = root / name
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        os.unlink(path)
    except FileNotFoundError:
        return False
    while folder != root:
        try:
            folder.rmdir()
        except OSError:  # not empty
            break
        folder = folder.parent
    return True


def _temp_files(root: Path) -> Iterator[os.DirEntry[str]]:
    """The temporary files of builds killed before they renamed them (refuses a link)."""
    folder = folder_of(root, f"{TEMP_NAME}/file")
    if folder is None:
        return
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".tmp") and not entry.is_dir(follow_symlinks=False):
                yield entry


def remove_leftovers(root: Path) -> None:
    """Delete what builds killed midway left in ``.archgen/tmp/``."""
    for entry in list(_temp_files(root)):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(entry.path)


def has_leftovers(root: Path) -> bool:
    """Whether a killed build left temporary files (or ``.archgen`` is in doubt)."""
    try:
        return any(_temp_files(root))
    except (OSError, OutsideOutput):
        return True


def open_lock(root: Path) -> int:
    """A descriptor of ``.archgen/lock``, created as a regular file if missing."""
    prepare_output(root)
    folder_of(root, LOCK_NAME, create=True)
    path = root / LOCK_NAME
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(os.lstat(path).st_mode):
            raise OutsideOutput(
                f"{path} is not a regular file; archgen does not open it: remove it"
            )
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | _SAFE_FLAGS, 0o644)
    except OSError as error:
        raise WriteFailed(path, error) from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise OutsideOutput(f"{path} is not a regular file; archgen does not open it: remove it")
    return handle
