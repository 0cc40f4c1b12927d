"""One build of an output folder at a time; the caller decides how a wait is told."""

from __future__ import annotations

import fcntl
import threading
import time
from pathlib import Path

import pytest

from archgen.build.lock import output_lock
from archgen.commands import terminal
from archgen.project.layout import lock_file


def test_a_build_that_finds_the_folder_free_tells_nothing(tmp_path: Path) -> None:
    told: list[str] = []
    with output_lock(tmp_path / "output", told.append):
        pass
    assert told == []


def test_a_build_that_must_wait_says_so_through_its_caller(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "output"
    lock_file(output).parent.mkdir(parents=True)
    with lock_file(output).open("a") as other_build:
        fcntl.flock(other_build, fcntl.LOCK_EX)

        def tell(message: str) -> None:
            terminal.tell(message)
            fcntl.flock(other_build, fcntl.LOCK_UN)  # the other build finishes

        with output_lock(output, tell):
            pass
    assert capsys.readouterr().err == (
        f"archgen: waiting for another build of {output} to finish\n"
    )


def test_a_taken_lock_is_waited_for_and_then_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "output"
    lock_file(output).parent.mkdir(parents=True)
    entered = threading.Event()

    def second_build() -> None:
        with output_lock(output, terminal.tell):
            entered.set()

    with lock_file(output).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a build that is writing there
        waiter = threading.Thread(target=second_build)
        waiter.start()
        deadline = time.monotonic() + 30
        said = ""
        while not said and time.monotonic() < deadline:
            said = capsys.readouterr().err
            time.sleep(0.01)
        assert said == f"archgen: waiting for another build of {output} to finish\n"
        assert not entered.is_set()
    waiter.join(timeout=30)
    assert entered.is_set(), "the lock, once free, is taken"
