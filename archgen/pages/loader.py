"""Where templates come from: the template folders, and nothing outside them.

``{% include %}``, ``{% import %}`` and ``{% extends %}`` name a template by a path
inside a template folder. Jinja2's own loader already refuses ``..`` and reads
``/etc/passwd`` as ``etc/passwd`` inside the folder; this one also refuses a template
that is a symbolic link leading out of its folder, or that is not a regular file (a
FIFO would block the build for ever, ``/dev/zero`` would never end), or that is larger
than a template has any reason to be.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from archgen.project.paths import relative_to_working_folder

MAX_TEMPLATE_BYTES = 1024 * 1024  # as a spec


class TemplateFileProblem(jinja2.TemplateNotFound):
    """A template exists but may not be read; the message says why."""

    def __init__(self, name: str, why: str) -> None:
        super().__init__(name, f"template '{name}' {why}")


class FolderLoader(jinja2.BaseLoader):
    """Each name looked up in each folder in turn, the first found winning."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = [Path(folder) for folder in folders]
        self.shown: dict[str, str] = {}  # file name Jinja2 reports -> as the user reads it

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)  # refuses '..'
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            text = _read_inside(folder, path, template)
            filename = str(path)
            self.shown[filename] = str(relative_to_working_folder(path))
            mtime = path.stat().st_mtime
            return text, filename, functools.partial(_unchanged, path, mtime)
        raise jinja2.TemplateNotFound(template)


def _read_inside(folder: Path, path: Path, name: str) -> str:
    """The template's text, once it is known to be a regular file inside ``folder``."""
    real = path.resolve()
    if not real.is_relative_to(folder.resolve()):
        raise TemplateFileProblem(name, "leads out of its template folder")
    try:
        status = real.stat()
    except OSError as exc:
        raise TemplateFileProblem(name, f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise TemplateFileProblem(name, "is not a regular file")
    if status.st_size > MAX_TEMPLATE_BYTES:
        raise TemplateFileProblem(name, f"is larger than {MAX_TEMPLATE_BYTES:,} bytes")
    # O_NONBLOCK: were the file swapped for a FIFO since the check, opening it must not wait.
    with open(real, "rb", opener=_open_without_waiting) as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise TemplateFileProblem(name, "is not a regular file")
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateFileProblem(name, f"is not UTF-8 (byte {exc.start})") from None


def _open_without_waiting(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NONBLOCK)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False
