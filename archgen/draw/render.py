"""Step 4, render: DOT source -> image bytes, with one Graphviz layout for all formats.

``dot -Tsvg -o a.svg -Tpng -o b.png`` lays the graph out once and writes every
format from that layout; ``diagrams`` would run one layout per format.
"""

from __future__ import annotations

import os
import selectors
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from archgen.draw.budget import read_plain
from archgen.draw.compile import CompiledDiagram
from archgen.draw.custom_icons import stage_icons, svg_icons
from archgen.draw.graphviz_output import GraphvizError, RenderError, last_words, read_image
from archgen.draw.icons import IconError, icon_root
from archgen.draw.svg import make_self_contained, make_web_ready
from archgen.draw.theme import load_theme

INSTALL_HINT = "install Graphviz: apt-get install graphviz (or brew install graphviz)"
# What of Graphviz's stderr is read: its last lines say why it failed, and a `dot` that
# prints gigabytes must not fill archgen's memory.
_STDERR_TAIL_BYTES = 8192
# What of the plain output is read: far more than any stage's nodes take.
_PLAIN_BYTES = 4 * 1024 * 1024


def render(
    diagram: CompiledDiagram, formats: tuple[str, ...], timeout: float = 120.0
) -> dict[str, bytes]:
    """Lay the diagram out and return the bytes of each requested format, all drawn
    from one layout, of the arrangement that fits the page (draw/budget.py)."""
    images = _laid_out(_fitting(diagram, timeout), formats, timeout)
    if "svg" in images:
        try:
            svg = make_self_contained(
                images["svg"], diagram.stage_id, icon_root(), svg_icons(diagram.icons)
            )
            images["svg"] = make_web_ready(
                svg, diagram.graph_id, diagram.title, diagram.description, load_theme(diagram.theme)
            )
        except IconError as error:
            raise RenderError(
                f"cannot embed the icons of '{diagram.stage_id}': {error}; "
                "reinstall the 'diagrams' package"
            ) from None
    return images


def _fitting(diagram: CompiledDiagram, timeout: float) -> CompiledDiagram:
    """The diagram, or its second arrangement when its first is wider than the page and
    the second narrower. Only positions are asked for (``-Tplain``): a layout costs a
    tenth of drawing the PNG, which is then drawn once, of the arrangement kept."""
    if diagram.rearranged is None:
        return diagram
    first = _positions(diagram, timeout)
    second = diagram.rearranged(first)
    if second is None or read_plain(_positions(second, timeout))[0] >= read_plain(first)[0]:
        return diagram
    return second


def _positions(diagram: CompiledDiagram, timeout: float) -> str:
    """Where ``dot -Tplain`` puts the nodes; '' if it wrote nothing (the drawing that
    follows says what went wrong)."""
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizError(f"Graphviz's 'dot' command was not found; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="archgen-") as work:
        plain = Path(work) / "diagram.plain"
        command = [dot, *stage_icons(diagram.icons, Path(work), timeout), "-Tplain", f"-o{plain}"]
        _run(command, diagram, timeout, Path(work) / "diagram.gv")
        try:
            return plain.read_bytes()[:_PLAIN_BYTES].decode("utf-8", errors="replace")
        except OSError:
            return ""


def _laid_out(
    diagram: CompiledDiagram, formats: tuple[str, ...], timeout: float
) -> dict[str, bytes]:
    """Graphviz's bytes of each format, from one layout."""
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizError(f"Graphviz's 'dot' command was not found; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="archgen-") as work:
        outputs = {fmt: Path(work) / f"diagram.{fmt}" for fmt in formats}
        command = [dot, *stage_icons(diagram.icons, Path(work), timeout)]
        for fmt, path in outputs.items():
            command += [f"-T{fmt}", f"-o{path}"]
        _run(command, diagram, timeout, Path(work) / "diagram.gv")
        return {fmt: read_image(path, fmt, diagram.stage_id) for fmt, path in outputs.items()}


def _run(command: list[str], diagram: CompiledDiagram, timeout: float, source: Path) -> None:
    source.write_bytes(diagram.dot_source.encode())
    try:
        # cwd is the icon folder: the DOT text names icons relative to it. The DOT text
        # comes from a file as stdin (Graphviz still calls it <stdin>), so that the only
        # pipe is stderr, and the end of that pipe tells at once that dot has finished
        # (subprocess.run with a timeout and no pipes polls, up to 50 ms late per diagram).
        with (
            source.open("rb") as stdin,
            subprocess.Popen(
                command,
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                cwd=icon_root(),
            ) as process,
        ):
            try:
                deadline = time.monotonic() + timeout
                said = _stderr_tail(process, deadline)
                returncode = process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except BaseException:  # a timeout, Ctrl-C: no dot is left drawing
                process.kill()
                raise
    except subprocess.TimeoutExpired:
        raise GraphvizError(
            f"Graphviz took longer than {timeout:g} s to lay out '{diagram.stage_id}'"
        ) from None
    except OSError as exc:
        raise GraphvizError(f"cannot run Graphviz ({exc.strerror}); {INSTALL_HINT}") from None
    if returncode != 0:
        reason = last_words(said, returncode)
        raise GraphvizError(f"Graphviz failed on '{diagram.stage_id}': {reason}")


def _stderr_tail(process: subprocess.Popen[bytes], deadline: float) -> bytes:
    """The last bytes dot writes to stderr, read until it closes the pipe (it exits);
    a dot that prints gigabytes costs no memory. Past ``deadline``: TimeoutExpired."""
    assert process.stderr is not None
    tail = b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise subprocess.TimeoutExpired(process.args, 0)
            chunk = os.read(process.stderr.fileno(), 65536)
            if not chunk:
                return tail
            tail = (tail + chunk)[-_STDERR_TAIL_BYTES:]
