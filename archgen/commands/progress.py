"""How a build shows its progress: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

from archgen.build.report import NoProgress, Progress
from archgen.diagnostics import printable


class TerminalProgress:
    """A progress bar naming the current stage, shown only once a build takes over a
    second (a quick rebuild stays silent)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: tqdm | None = None

    def start(self, total: int) -> None:
        self.bar = tqdm(
            total=total, unit="stage", delay=1.0, leave=False, file=self.stream, dynamic_ncols=True
        )

    def advance(self, stage_id: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(printable(stage_id), refresh=False)
            self.bar.update()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class LineProgress:
    """One line per stage built, for CI logs and pipes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total, self.done = total, 0

    def advance(self, stage_id: str) -> None:
        self.done += 1
        print(printable(f"[{self.done}/{self.total}] {stage_id}"), file=self.stream, flush=True)

    def close(self) -> None:
        pass


def for_terminal(quiet: bool, stream: TextIO = sys.stderr) -> Progress:
    if quiet:
        return NoProgress()
    return TerminalProgress(stream) if stream.isatty() else LineProgress(stream)
