"""Files a spec names besides itself (its icons): inside the project, read with a bound.

The project is the folder of the configuration archgen reads (``archgen.toml``, or a
``pyproject.toml`` with ``[tool.archgen]``, the nearest at or above the working folder,
as ``config.find_config`` finds it); without one, the working folder. A spec comes with
a pull request, so a file it names must lie inside that folder, by its path as written
(no ``..`` past the top, no absolute path) and by where its links lead: otherwise a
spec could draw ``~/.ssh/id_rsa`` into a picture, or time a read of ``/dev/zero``.
Standard library only: the no-op fast path checks icons with these too.
"""

from __future__ import annotations

import os
from pathlib import Path

from archgen.diagnostics import BadInput
from archgen.project.config import find_config
from archgen.project.specs import MAX_SPEC_BYTES, read_bounded

MAX_ICON_BYTES = MAX_SPEC_BYTES  # a logo is some kilobytes; diagrams' largest icon is 172 kB
# The names icon files have: what `archgen watch` and `archgen diff` take for icons (an
# icon's kind is told from its bytes, whatever its name).
ICON_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


def project_folder() -> Path:
    """The folder files named by specs must stay inside (see the module's text)."""
    working = Path.cwd()
    source = find_config(working).source
    return Path(os.path.realpath(source.parent if source else working))


class OutsideProject(BadInput, OSError):
    """A file a spec names that lies outside the project; ``strerror`` says how."""


def read_project_file(path: Path, project: Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file ``path`` inside ``project`` (a real path), of at
    most ``limit`` bytes; ``what`` names such a file in messages ("an icon").

    Raises ``OutsideProject`` for a path that leaves the project, ``NotASpecFile`` for
    what is not such a file (both ``OSError``s, with the reason in ``strerror``), and
    ``OSError`` for what cannot be read. The path is checked twice: as written, so that
    ``../../etc/passwd`` is refused whatever links lie on the way, and as the file it
    leads to through every link; that file, not the link, is then read.
    """
    written = Path(os.path.normpath(os.path.abspath(path)))
    if not written.is_relative_to(project) and not written.is_relative_to(
        os.path.normpath(os.path.abspath(project))
    ):
        raise OutsideProject(0, "leads out of the project folder")
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(project):
        raise OutsideProject(0, "is a symbolic link to a file outside the project folder")
    return read_bounded(real, limit, what)
