"""Graphviz's warnings, read from its stderr as it writes them, within bounds.

``dot`` warns on stderr and still draws: ``Warning: node 'web1', graph 'lb' size too
small for label``. A few warnings take a second line that names the part
(``Warning: table size too small for content`` then ``in label of node web1``), which
is joined to the first. Its stderr is untrusted in size: a dot that prints gigabytes
costs a bounded line buffer and at most ``MAX_WARNINGS`` distinct lines, the rest
only counted.
"""

from __future__ import annotations

MAX_WARNINGS = 50  # distinct warnings kept per diagram; more are counted
MAX_LINE_BYTES = 1000  # of one line of stderr; the rest of a longer line is dropped
_WARNING = "Warning: "
# The second line of a warning about an HTML-like label: which label it was.
_CONTINUATION = "in label of "


class WarningLines:
    """Collects the distinct warnings of one dot run from its stderr's chunks."""

    def __init__(self) -> None:
        self.warnings: dict[str, None] = {}  # in the order first said, each once
        self.more = 0  # warnings said past MAX_WARNINGS
        self._line = b""
        self._pending: str | None = None  # a warning whose next line may name its label

    def feed(self, chunk: bytes) -> None:
        *complete, rest = chunk.split(b"\n")
        for part in complete:
            self._add(part)
            self._take_line()
        self._add(rest)

    def finished(self) -> tuple[str, ...]:
        """Every warning, each once, with a last line counting those left out."""
        if self._line:
            self._take_line()
        self._flush()
        more = (f"{self.more:,} more warning(s), not shown",) if self.more else ()
        return (*self.warnings, *more)

    def _add(self, part: bytes) -> None:
        self._line += part[: max(0, MAX_LINE_BYTES - len(self._line))]

    def _take_line(self) -> None:
        line = self._line.decode("utf-8", errors="replace").strip()
        self._line = b""
        if line.startswith(_CONTINUATION) and self._pending is not None:
            self._pending = f"{self._pending} {line}"
        self._flush()
        if line.startswith(_WARNING):
            self._pending = line[len(_WARNING) :].strip()
        # Any other line (a font library's chatter) says nothing archgen can place.

    def _flush(self) -> None:
        warning, self._pending = self._pending, None
        if warning is None or warning in self.warnings:
            return
        if len(self.warnings) >= MAX_WARNINGS:
            self.more += 1
            return
        self.warnings[warning] = None
