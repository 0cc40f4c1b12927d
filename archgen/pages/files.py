"""Reading a file of a template folder: a regular file inside the folder, or nothing.

A templates folder comes with a pull request like a spec. Its files (templates and
``messages.yaml``) are read only when they are regular files inside their folder: a
symbolic link leading out of it (to a secret, to ``/dev/zero``), a FIFO (which would
block the build for ever) or a file larger than a template has any reason to be is
refused with a message. Standard library only: the messages are read before Jinja2
is imported.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from archgen.diagnostics import BadInput

MAX_TEMPLATE_BYTES = 1024 * 1024  # as a spec


class TemplateFileProblem(BadInput):
    """A template folder's file exists but may not be read; the message says why."""

    def __init__(self, name: str, why: str) -> None:
        super().__init__(f"template '{name}' {why}")
        self.message = str(self)


def read_inside(folder: Path, path: Path, name: str) -> bytes:
    """The bytes of ``path``, once it is known to be a regular file inside ``folder``
    (a template, or the folder's messages file)."""
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
        return file.read(MAX_TEMPLATE_BYTES + 1)


def _open_without_waiting(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NONBLOCK)
