"""Write files so that readers only ever see a whole old file or a whole new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from archgen.diagnostics import BadEnvironment


class OutsideOutput(BadEnvironment):
    """A write would land outside the output folder (through a symbolic link)."""


def write_atomically(path: Path, data: bytes, temp_dir: Path | None = None) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False, touching nothing, when the file already holds exactly ``data``.
    The temporary file goes to ``temp_dir`` (on the same file system, so the rename is
    atomic), by default beside ``path`` with a hidden name; a build puts it in
    ``<output>/.archgen/tmp/`` so that even a killed build leaves nothing where a site
    generator publishes. A symbolic link at ``path`` is replaced, never written through.
    """
    if not path.is_symlink() and path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = temp_dir or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return True


def inside(root: Path, relative: str) -> Path:
    """``root / relative``, refusing a path whose folder leads out of ``root``.

    Ids cannot name '..', but a folder inside the output (say ``ko/``) may be a
    symbolic link to elsewhere: archgen does not follow it out.
    """
    path = root / relative
    real_root = root.resolve()
    if not path.parent.resolve().is_relative_to(real_root):
        raise OutsideOutput(
            f"{path.parent} leads outside {root}; archgen does not write through it"
        )
    return path


def remove_leftovers(temp_dir: Path) -> None:
    """Temporary files of a build that was killed before it could rename them."""
    if temp_dir.is_dir():
        for leftover in temp_dir.glob("*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
