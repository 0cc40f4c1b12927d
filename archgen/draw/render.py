"""Step 4, render: DOT source -> image bytes, with one Graphviz layout for all formats.

``dot -Tsvg -o a.svg -Tpng -o b.png`` lays the graph out once and writes every
format from that layout; ``diagrams`` would run one layout per format.

A diagram that may have to be arranged again to fit the page (draw/budget.py) is drawn
hopefully: the same run also writes its positions (``-Tplain``, nearly free beside the
PNG), and only when those say it is wider than the page is the second arrangement laid
out, its positions compared, and the narrower one drawn. Most stages fit the page and
cost one run of ``dot``; a stage that does not pays for a second (and a third).
"""

from __future__ import annotations

import os
import selectors
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from archgen.draw.budget import read_plain
from archgen.draw.compile import CompiledDiagram
from archgen.draw.custom_icons import stage_icons, svg_icons
from archgen.draw.graphviz_messages import WarningLines
from archgen.draw.graphviz_output import GraphvizError, RenderError, last_words, read_image
from archgen.draw.icons import IconError, icon_root
from archgen.draw.marks import mark_parts
from archgen.draw.svg import make_self_contained, make_web_ready
from archgen.draw.theme import load_theme

INSTALL_HINT = "install Graphviz: apt-get install graphviz (or brew install graphviz)"
# What of Graphviz's stderr is read: its last lines say why it failed, and a `dot` that
# prints gigabytes must not fill archgen's memory.
_STDERR_TAIL_BYTES = 8192
# What of the plain output is read: far more than any stage's nodes take.
_PLAIN_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Rendered:
    """A diagram drawn: the bytes of each format, and what Graphviz warned of meanwhile
    (each warning once, as one line: ``node 'web1', graph 'lb' size too small for label``)."""

    images: dict[str, bytes]
    warnings: tuple[str, ...] = ()


def render(
    diagram: CompiledDiagram, formats: tuple[str, ...], timeout: float = 120.0
) -> dict[str, bytes]:
    """The bytes of each requested format, from one layout of the arrangement kept."""
    return render_diagram(diagram, formats, timeout).images


def render_diagram(
    diagram: CompiledDiagram, formats: tuple[str, ...], timeout: float = 120.0
) -> Rendered:
    """The bytes of each requested format, all drawn from one layout of the arrangement
    that fits the page, and what Graphviz warned of while drawing it."""
    hopeful = diagram.rearranged is not None  # its positions may call for a second arrangement
    first, positions = _drawn(diagram, formats, timeout, with_positions=hopeful)
    second = _narrower(diagram, positions, timeout)
    if second is None:
        return _finished(diagram, first)
    drawn, _ = _drawn(second, formats, timeout, with_positions=False)
    return _finished(second, drawn)


def _narrower(diagram: CompiledDiagram, positions: str, timeout: float) -> CompiledDiagram | None:
    """The diagram's second arrangement, when its first is wider than the page and the
    second is narrower (laid out for its positions only); else None."""
    if diagram.rearranged is None or not positions:
        return None
    second = diagram.rearranged(positions)
    if second is None:
        return None
    _, second_positions = _drawn(second, (), timeout, with_positions=True)
    if read_plain(second_positions)[0] >= read_plain(positions)[0]:
        return None
    return second


def _drawn(
    diagram: CompiledDiagram, formats: tuple[str, ...], timeout: float, with_positions: bool
) -> tuple[Rendered, str]:
    """One run of dot: Graphviz's bytes of each format, its warnings, and, if asked for,
    its positions (``-Tplain``; else '')."""
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizError(f"Graphviz's 'dot' command was not found; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="archgen-") as work:
        outputs = {fmt: Path(work) / f"diagram.{fmt}" for fmt in formats}
        plain = Path(work) / "diagram.plain"
        command = [dot, *stage_icons(diagram.icons, Path(work), timeout)]
        for fmt, path in outputs.items():
            command += [f"-T{fmt}", f"-o{path}"]
        if with_positions:
            command += ["-Tplain", f"-o{plain}"]
        warnings = _run(command, diagram, timeout, Path(work) / "diagram.gv")
        images = {fmt: read_image(path, fmt, diagram.stage_id) for fmt, path in outputs.items()}
        return Rendered(images, warnings), _read_positions(plain)


def _read_positions(plain: Path) -> str:
    """What ``dot -Tplain`` wrote; '' if nothing (the drawing says what went wrong)."""
    try:
        return plain.read_bytes()[:_PLAIN_BYTES].decode("utf-8", errors="replace")
    except OSError:
        return ""


def _finished(diagram: CompiledDiagram, drawn: Rendered) -> Rendered:
    """The drawing with its SVG made self-contained and ready for a web page."""
    images = dict(drawn.images)
    if "svg" in images:
        try:
            svg = make_self_contained(
                images["svg"], diagram.stage_id, icon_root(), svg_icons(diagram.icons)
            )
            svg = make_web_ready(
                svg, diagram.graph_id, diagram.title, diagram.description, load_theme(diagram.theme)
            )
            images["svg"] = mark_parts(svg, diagram.marks)
        except IconError as error:
            raise RenderError(
                f"cannot embed the icons of '{diagram.stage_id}': {error}; "
                "reinstall the 'diagrams' package"
            ) from None
    return Rendered(images, drawn.warnings)


def _run(
    command: list[str], diagram: CompiledDiagram, timeout: float, source: Path
) -> tuple[str, ...]:
    """Run dot; its warnings, or a ``GraphvizError`` saying why it failed."""
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
                warnings = WarningLines()
                said = _stderr_tail(process, deadline, warnings)
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
    return warnings.finished()


def _stderr_tail(
    process: subprocess.Popen[bytes], deadline: float, warnings: WarningLines
) -> bytes:
    """The last bytes dot writes to stderr, read until it closes the pipe (it exits),
    its warnings collected on the way; a dot that prints gigabytes costs no memory (both
    are bounded). Past ``deadline``: TimeoutExpired."""
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
            warnings.feed(chunk)
            tail = (tail + chunk)[-_STDERR_TAIL_BYTES:]
