"""Step 4, render: DOT source -> image bytes, with one Graphviz layout for all formats.

``dot -Tsvg -o a.svg -Tpng -o b.png`` lays the graph out once and writes every
format from that layout; ``diagrams`` would run one layout per format.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from archgen.diagnostics import BadEnvironment
from archgen.draw.compile import CompiledDiagram
from archgen.draw.icons import IconError, icon_root
from archgen.draw.svg import make_self_contained, make_web_ready

INSTALL_HINT = "install Graphviz: apt-get install graphviz (or brew install graphviz)"


class RenderError(BadEnvironment):
    """The environment cannot draw this diagram (exit code 3)."""


class GraphvizError(RenderError):
    """Graphviz is missing, failed or took too long."""


def render(
    diagram: CompiledDiagram, formats: tuple[str, ...], timeout: float = 120.0
) -> dict[str, bytes]:
    """Lay the diagram out once and return the bytes of each requested format."""
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizError(f"Graphviz's 'dot' command was not found; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="archgen-") as work:
        outputs = {fmt: Path(work) / f"diagram.{fmt}" for fmt in formats}
        command = [dot]
        for fmt, path in outputs.items():
            command += [f"-T{fmt}", f"-o{path}"]
        _run(command, diagram, timeout)
        images = {fmt: path.read_bytes() for fmt, path in outputs.items()}
    if "svg" in images:
        try:
            svg = make_self_contained(images["svg"], diagram.stage_id, icon_root())
            images["svg"] = make_web_ready(
                svg, diagram.graph_id, diagram.title, diagram.description
            )
        except IconError as error:
            raise RenderError(
                f"cannot embed the icons of '{diagram.stage_id}': {error}; "
                "reinstall the 'diagrams' package"
            ) from None
    return images


def _run(command: list[str], diagram: CompiledDiagram, timeout: float) -> None:
    try:
        # cwd is the icon folder: the DOT text names icons relative to it.
        finished = subprocess.run(
            command,
            input=diagram.dot_source.encode(),
            cwd=icon_root(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizError(
            f"Graphviz took longer than {timeout:g} s to lay out '{diagram.stage_id}'"
        ) from None
    except OSError as exc:
        raise GraphvizError(f"cannot run Graphviz ({exc.strerror}); {INSTALL_HINT}") from None
    if finished.returncode != 0:
        detail = finished.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit code {finished.returncode}"
        raise GraphvizError(f"Graphviz failed on '{diagram.stage_id}': {reason}")
