"""Where templates come from: the template folders, and nothing outside them.

``{% include %}``, ``{% import %}`` and ``{% extends %}`` name a template by a path
inside a template folder. Jinja2's own rule refuses ``..`` and reads ``/etc/passwd``
as ``etc/passwd`` inside the folder; ``files.read_inside`` also refuses a template
that is a symbolic link leading out of its folder or not a regular file.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from archgen.diagnostics import BadInput
from archgen.pages.files import TemplateFileProblem, read_inside
from archgen.project.paths import relative_to_working_folder


class RefusedTemplate(jinja2.TemplateNotFound, BadInput):
    """A template exists but may not be read (``files.read_inside`` says why). A Jinja2
    error, so that the template that names it is the place reported."""

    def __init__(self, name: str, why: str) -> None:
        super().__init__(name, why)


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
            try:
                text = _decoded(read_inside(folder, path, template), template)
            except TemplateFileProblem as problem:
                raise RefusedTemplate(template, problem.message) from None
            filename = str(path)
            self.shown[filename] = str(relative_to_working_folder(path))
            mtime = path.stat().st_mtime
            return text, filename, functools.partial(_unchanged, path, mtime)
        raise jinja2.TemplateNotFound(template)

    def where(self, template: str) -> str:
        """The file ``template`` would be read from, as the user reads it."""
        for folder in self.folders:
            path = folder / template
            if os.path.lexists(path):
                return str(relative_to_working_folder(path))
        return template


def _decoded(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RefusedTemplate(name, f"template '{name}' is not UTF-8 (byte {exc.start})") from None


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False
