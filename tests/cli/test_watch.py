"""`archgen watch`: a real watching process, real saves, and what lands in the output."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import copy_example_specs, run_archgen


class Watcher:
    """`python -m archgen watch …` running in ``cwd``, its output collected line by line."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "archgen", "watch", *args],
            cwd=cwd,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, after: int = 0, timeout: float = 20.0) -> str:
        """The first line from index ``after`` on that matches ``pattern``."""
        found = wait_until(
            lambda: next((line for line in self.lines[after:] if re.search(pattern, line)), None),
            timeout,
        )
        if not isinstance(found, str):
            raise AssertionError(
                f"no line matching {pattern!r} in {timeout:g} s:\n" + "\n".join(self.lines)
            )
        return found

    def stop(self) -> int:
        """Ctrl-C, as a user would press it."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=20)
        self._reader.join(timeout=5)
        return code


def wait_until(probe: Callable[[], object], timeout: float) -> object:
    """Poll ``probe`` until it returns something truthy; that value, or None at ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.1)
    return None


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[tuple[Watcher, Path]]:
    copy_example_specs(tmp_path)
    watcher = Watcher("specs", "-o", "out", cwd=tmp_path)
    try:
        watcher.wait_for_line(r"^watching specs; Ctrl-C to stop$", timeout=120)
        yield watcher, tmp_path
    finally:
        if watcher.process.poll() is None:
            watcher.process.kill()
            watcher.process.wait()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_watch_rebuilds_on_save_reports_errors_and_stops_cleanly(
    watching: tuple[Watcher, Path],
) -> None:
    watcher, project = watching
    out = project / "out"
    assert "Web server" in (out / "single-server.md").read_text(encoding="utf-8")
    assert re.search(r"\] 2 stage\(s\) in out: 2 built, 0 up to date", watcher.lines[0])

    # A new label: both stages show it (database extends single-server).
    mark = len(watcher.lines)
    edit(project / "specs" / "01-single-server.yaml", "en: Web server", "en: Front door")
    assert wait_until(lambda: "Front door" in (out / "single-server.md").read_text("utf-8"), 20)
    watcher.wait_for_line(r"^changed: specs/01-single-server\.yaml$", after=mark)
    watcher.wait_for_line(r"\] 2 stage\(s\) in out: 2 built, 0 up to date", after=mark)
    assert b"Front door" in (out / "single-server.svg").read_bytes()

    # Only what changed is built again: the child alone.
    mark = len(watcher.lines)
    edit(project / "specs" / "02-database.yaml", "en: Data tier", "en: Storage tier")
    watcher.wait_for_line(r"\] 2 stage\(s\) in out: 1 built, 1 up to date", after=mark)
    assert "Storage tier" in (out / "database.md").read_text(encoding="utf-8")

    # A broken spec: one error line, the last good files stay, watching goes on.
    good = {name: (out / name).read_bytes() for name in ("database.md", "database.svg")}
    mark = len(watcher.lines)
    edit(project / "specs" / "02-database.yaml", "kind: rds", "kind: rdz")
    error = watcher.wait_for_line(r"unknown kind 'rdz'", after=mark)
    assert re.fullmatch(
        r"specs/02-database\.yaml:11:\d+: unknown kind 'rdz' "
        r"\(did you mean 'rds', class aws\.database\.RDS\?\).*",
        error,
    )
    watcher.wait_for_line(r"1 error\(s\), the files of the last good build stay", after=mark)
    assert {name: (out / name).read_bytes() for name in good} == good
    assert watcher.process.poll() is None

    assert watcher.stop() == 0
    assert watcher.lines[-1] == "archgen: stopped watching"
    assert not any("Traceback" in line for line in watcher.lines)


def test_watch_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_archgen("watch", "nowhere", cwd=tmp_path)
    assert result.code == 2
    assert "archgen: error: nowhere: no such file or folder" in result.stderr
