"""Names that would forge a terminal line: every name archgen prints is escaped.

Spec files, folders and the output folder are named with a newline, an escape
sequence, a bidi override, C1 controls and an undecodable byte. Each command must
print every problem as one line, with no control character but the newlines that end
lines. The names are made at test time: they cannot live in git.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest
from helpers import EXAMPLE_SPECS, Result, run_archgen

from archgen.diagnostics import printable

# Each is a spec that fails to load, so that its name is printed in a located line.
HOSTILE_NAMES = [
    "a\n b.yaml",
    "x\nok.yaml:1:1: all good\ny.yaml",
    "\x1b[2J\x1b[H.yaml",
    "bidi\u202eelif.yaml",
    "c1\x85\x9b31m.yaml",
    "bell\x07\r.yaml",
    os.fsdecode(b"latin1-\xff.yaml"),  # an undecodable byte: a lone surrogate in Python
]
BROKEN_SPEC = "id: broken\ntitle: [\n"  # a YAML syntax error at 3:1
ESCAPED_OUTPUT = "out\x1b]0;pwned\x07"  # an xterm title sequence


def _shows_only_printable(text: str) -> None:
    for line in text.split("\n"):
        assert printable(line) == line, f"a control character reached the terminal: {line!r}"


def _hostile_project(tmp_path: Path) -> Path:
    specs = tmp_path / "specs"
    shutil.copytree(EXAMPLE_SPECS, specs)
    (specs / "\x1b[31mvalid.yaml").write_text("id: valid\ntitle: Valid\n", encoding="utf-8")
    for name in HOSTILE_NAMES:
        (specs / name).write_text(BROKEN_SPEC, encoding="utf-8")
    return tmp_path


def _problem_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("specs/")]


def _expected_problem_lines() -> list[str]:
    message = "3:1: YAML syntax error: expected the node content, but found '<stream end>'"
    return sorted(
        f"specs/{printable(name)}:{message} while parsing a flow node" for name in HOSTILE_NAMES
    )


@pytest.mark.parametrize("command", ["build", "validate"])
def test_every_problem_is_one_line_with_its_name_escaped(tmp_path: Path, command: str) -> None:
    project = _hostile_project(tmp_path)
    extra = ["-o", ESCAPED_OUTPUT] if command == "build" else []
    result = run_archgen(command, "specs", *extra, cwd=project)
    assert result.code == 2, result.stderr
    _shows_only_printable(result.stdout + result.stderr)
    assert sorted(_problem_lines(result)) == _expected_problem_lines()
    assert "Traceback" not in result.stderr
    if command == "build":
        assert (project / ESCAPED_OUTPUT / "valid.md").is_file()  # the others still build
        assert result.stdout.startswith(f"3 stage(s) in {printable(ESCAPED_OUTPUT)}: ")


def test_check_escapes_the_output_folder_and_the_files_it_names(tmp_path: Path) -> None:
    project = tmp_path
    shutil.copytree(EXAMPLE_SPECS, project / "specs")
    assert run_archgen("build", "specs", "-o", ESCAPED_OUTPUT, cwd=project).code == 0
    result = run_archgen("check", "specs", "-o", ESCAPED_OUTPUT, cwd=project)
    assert result.code == 0, result.stderr
    assert result.stdout == f"{printable(ESCAPED_OUTPUT)} is up to date (2 stage(s))\n"
    (project / ESCAPED_OUTPUT / "single-server.md").write_text("edited\n", encoding="utf-8")
    (project / "specs" / HOSTILE_NAMES[1]).write_text(BROKEN_SPEC, encoding="utf-8")
    result = run_archgen("check", "specs", "-o", ESCAPED_OUTPUT, cwd=project)
    assert result.code == 2, result.stderr
    _shows_only_printable(result.stdout + result.stderr)
    expected = [line for line in _expected_problem_lines() if "all good" in line]
    assert _problem_lines(result) == expected


def test_diff_escapes_the_folders_and_files_it_names(tmp_path: Path) -> None:
    base, head = tmp_path / "base\x1b[2J", tmp_path / "head\u202e"
    shutil.copytree(EXAMPLE_SPECS, base)
    shutil.copytree(EXAMPLE_SPECS, head)
    (head / "02-database.yaml").write_text(
        (head / "02-database.yaml")
        .read_text(encoding="utf-8")
        .replace("en: Database", "en: New database"),
        encoding="utf-8",
    )
    for fmt in ("markdown", "json"):
        result = run_archgen("diff", base.name, head.name, "--format", fmt, cwd=tmp_path)
        assert result.code == 1, result.stderr
        _shows_only_printable(result.stdout + result.stderr)
        assert printable(head.name, in_json=fmt == "json") in result.stdout
    (head / HOSTILE_NAMES[1]).write_text(BROKEN_SPEC, encoding="utf-8")
    result = run_archgen("diff", base.name, head.name, cwd=tmp_path)
    assert result.code == 2
    _shows_only_printable(result.stdout + result.stderr)
    assert len(result.stderr.splitlines()) == 1


def test_watch_escapes_the_folders_and_files_it_names(tmp_path: Path) -> None:
    specs = tmp_path / "specs\x1b[2J"
    shutil.copytree(EXAMPLE_SPECS, specs)
    watcher = subprocess.Popen(
        [sys.executable, "-m", "archgen", "watch", specs.name, "-o", "out"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert watcher.stdout is not None
    watchdog = threading.Timer(120, watcher.kill)  # a watch that stops printing fails, not hangs
    watchdog.start()
    try:
        lines = [_next_line(watcher.stdout, "watching ")]
        assert lines[0] == f"watching {printable(specs.name)}; Ctrl-C to stop"
        (specs / HOSTILE_NAMES[1]).write_text(BROKEN_SPEC, encoding="utf-8")
        lines += [_next_line(watcher.stdout, "changed: ")]
        lines += [_next_line(watcher.stdout, "[")]  # the summary line after the problems
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=20)
        watchdog.cancel()
    assert lines[1] == f"changed: {printable(specs.name)}/{printable(HOSTILE_NAMES[1])}"


def _next_line(stream: IO[bytes], start: str) -> str:
    """The next line starting with ``start``, each line before it shown only printable."""
    while line := stream.readline():
        text = line.decode("utf-8").removesuffix("\n")
        _shows_only_printable(text)
        if text.startswith(start):
            return text
    raise AssertionError(f"watch ended before a line starting {start!r}")


@pytest.mark.parametrize(
    "args",
    [
        ("build", "specs", "--format", "svg,\x1b[2J"),
        ("build", "specs", "--jobs", "\x1b[2J"),
        ("build", "no\x1b[2Jsuch"),
        ("diff", "rev\x1b[2J"),
        ("estimate", "e\x1b[2J.yaml"),
    ],
)
def test_a_value_on_the_command_line_is_escaped_in_its_error(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    shutil.copytree(EXAMPLE_SPECS, tmp_path / "specs")
    result = run_archgen(*args, cwd=tmp_path)
    assert result.code == 2, result.stderr
    _shows_only_printable(result.stdout + result.stderr)
    assert "\\x1b[2J" in result.stderr.splitlines()[-1]
