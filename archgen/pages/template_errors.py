"""A template's failure as one located line, ``templates/stage.md.j2:12: message``.

Whatever a template does wrong (a syntax error, an undefined name, an attribute the
sandbox refuses, a bound passed, a division by zero, a macro calling itself for ever),
the user sees the template file and line, never a traceback: a template is an input
like a spec. Jinja2 rewrites a template's traceback so that its frames carry the
template's file name and line; the innermost such frame is the place.
"""

from __future__ import annotations

from types import TracebackType

import jinja2

from archgen.diagnostics import Diagnostic, Location, SpecError
from archgen.pages.loader import FolderLoader


def template_error(error: Exception, loader: FolderLoader, default_file: str) -> SpecError:
    """``error``, raised while rendering the template in ``default_file`` (the place
    when no frame of a template tells a better one), as a located SpecError."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        place = (error.filename, error.lineno)
        message = error.message or str(error)
    else:
        frame = _innermost_template_frame(error.__traceback__, loader)
        place = frame or (default_file, 1)
        message = _message(error)
        if isinstance(error, RecursionError) and frame is None:  # while Jinja2 compiles
            message = "the template nests expressions or blocks too deeply"
    filename, line = place
    shown = loader.shown.get(filename, filename)
    return SpecError([Diagnostic(Location(shown, line, 0), message)])


def _innermost_template_frame(
    traceback: TracebackType | None, loader: FolderLoader
) -> tuple[str, int] | None:
    found = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename in loader.shown:
            found = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def _message(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "the template calls itself (a macro, an include or a loop) too deeply"
    if isinstance(error, jinja2.TemplateNotFound) and not isinstance(
        error, jinja2.TemplatesNotFound
    ):
        text = str(error.message or error.name)
        if not text.startswith("template"):
            text = f"no template '{text}' in the template folders"
        return text
    if isinstance(error, jinja2.exceptions.SecurityError):
        return f"not allowed in a template: {error}"
    if isinstance(error, jinja2.TemplateError):
        return str(error.message or error)
    return f"{error} ({type(error).__name__})"
