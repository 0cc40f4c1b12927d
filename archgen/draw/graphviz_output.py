"""What Graphviz wrote, checked as untrusted input before anything else reads it.

Whatever ``dot`` is first on the PATH may exit 0 without writing a file, write an empty
or truncated one, an SVG that is not XML or that declares entities (a billion-laughs
bomb, an external entity naming a local file or a server), a file of gigabytes, a PNG
that is not one, or pages of garbage on stderr. Each is a ``GraphvizError`` (exit 3)
in one line that says what Graphviz did; the build reports it for that stage alone.

The SVG is parsed with expat, which never fetches anything: a document type naming the
SVG DTD by its public address is what Graphviz writes, and is kept (expat does not read
it); an internal subset, an entity declaration or a reference to an entity nobody
declared is refused before any entity is expanded.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

from archgen.diagnostics import BadEnvironment
from archgen.resolve.icon_image import PNG_SIGNATURE

# Far above any diagram a spec under the 1 MiB limit makes (the twelve stages of this
# repository draw SVGs of 20 to 60 KB, before their icons are embedded, and PNGs under
# 400 KB), and far below what would hurt memory.
MAX_IMAGE_BYTES = 64 * 2**20
# What of Graphviz's stderr a message quotes: its last line, cut to this length.
MAX_REASON_CHARS = 200


class RenderError(BadEnvironment):
    """The environment cannot draw this diagram (exit code 3)."""


class GraphvizError(RenderError):
    """Graphviz is missing, failed, took too long or wrote something that is not an image."""


def read_image(path: Path, fmt: str, stage_id: str) -> bytes:
    """The bytes Graphviz wrote for ``fmt`` at ``path``, once they are checked to be one."""

    def refuse(what: str) -> GraphvizError:
        return GraphvizError(f"Graphviz {what} for '{stage_id}'")

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise refuse(f"exited 0 but wrote no {fmt.upper()}") from None
    if not path.is_file():
        raise refuse(f"wrote something that is not a file in place of the {fmt.upper()}")
    if size == 0:
        raise refuse(f"wrote an empty {fmt.upper()}")
    if size > MAX_IMAGE_BYTES:
        raise refuse(
            f"wrote a {size:,}-byte {fmt.upper()} (the most archgen reads is "
            f"{MAX_IMAGE_BYTES:,} bytes)"
        )
    data = path.read_bytes()
    problem = _svg_problem(data) if fmt == "svg" else _png_problem(data) if fmt == "png" else None
    if problem:
        raise refuse(problem)
    return data


def last_words(stderr: bytes, exit_code: int) -> str:
    """Why Graphviz failed, for a one-line message: the last line of its stderr, cut short."""
    lines = stderr.decode(errors="replace").strip().splitlines()
    if not lines:
        return f"exit code {exit_code}"
    reason = lines[-1].strip()
    return reason if len(reason) <= MAX_REASON_CHARS else reason[:MAX_REASON_CHARS] + "..."


def _png_problem(data: bytes) -> str | None:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return "wrote a PNG file that is not a PNG"
    return None


class _Refused(GraphvizError):
    """Raised from an expat handler to stop the parse at the first thing refused."""


# What Graphviz's SVG renderer writes. An element beyond these (a <script>, a
# <foreignObject> holding HTML), an event handler or a link that runs code did not come
# from Graphviz, and would be live in every page that inlines the SVG.
_GRAPHVIZ_ELEMENTS = frozenset(
    {
        *("svg", "g", "title", "desc", "defs", "a", "text", "tspan", "image"),
        *("polygon", "polyline", "path", "ellipse", "linearGradient", "radialGradient", "stop"),
    }
)
_SAFE_LINK = re.compile(r"(?i)^(?:https?:|mailto:|#|[^:]*$)")  # a scheme, or none at all


def _active_content(name: str, attributes: dict[str, str]) -> str | None:
    if name not in _GRAPHVIZ_ELEMENTS:
        return f"wrote an SVG with a <{name}> element (not one Graphviz writes)"
    for key, value in attributes.items():
        if key.lower().startswith("on"):
            return f"wrote an SVG with an event handler ({key} on <{name}>)"
        if key in ("href", "xlink:href") and name == "a" and not _SAFE_LINK.match(value.strip()):
            return f"wrote an SVG with a link that is not http(s), mailto or relative on <{name}>"
    return None


def _svg_problem(data: bytes) -> str | None:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    roots: list[str] = []

    def doctype(
        name: str, system_id: str | None, public_id: str | None, has_internal_subset: bool
    ) -> None:
        if has_internal_subset:
            raise _Refused("wrote an SVG with a DTD of its own (entity declarations)")

    def entity(*_: object) -> None:
        raise _Refused("wrote an SVG that declares an entity")

    def undeclared(name: str, is_parameter_entity: bool) -> None:
        raise _Refused(f"wrote an SVG that refers to an undeclared entity '{name}'")

    def element(name: str, attributes: dict[str, str]) -> None:
        if not roots:
            roots.append(name)
            if name != "svg":
                raise _Refused("wrote an SVG without an <svg> element")
        problem = _active_content(name, attributes)
        if problem:
            raise _Refused(problem)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.SkippedEntityHandler = undeclared
    parser.StartElementHandler = element
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return str(refused)
    except expat.ExpatError as error:
        return (
            f"wrote an SVG that is not well-formed XML ({expat.ErrorString(error.code)} "
            f"at line {error.lineno}, column {error.offset + 1})"
        )
    if roots != ["svg"]:
        return "wrote an SVG without an <svg> element"
    return None
