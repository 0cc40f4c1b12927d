"""One build of an output folder at a time: a build that finds the folder's lock taken
says so and waits for it."""

from __future__ import annotations

import fcntl
import threading
import time
from pathlib import Path

import pytest

from archgen.build.lock import output_lock

WAITING = "archgen: waiting for another build of {} to finish\n"


def test_a_free_folder_is_locked_without_a_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with output_lock(tmp_path / "output"):
        assert (tmp_path / "output" / ".archgen" / "lock").is_file()
    assert capsys.readouterr().err == ""


def test_a_taken_lock_is_waited_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "output"
    (output / ".archgen").mkdir(parents=True)
    entered = threading.Event()

    def second_build() -> None:
        with output_lock(output):
            entered.set()

    with (output / ".archgen" / "lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a build that is writing there
        waiter = threading.Thread(target=second_build)
        waiter.start()
        deadline = time.monotonic() + 30
        said = ""
        while not said and time.monotonic() < deadline:
            said = capsys.readouterr().err
            time.sleep(0.01)
        assert said == WAITING.format(output)
        assert not entered.is_set()
    waiter.join(timeout=30)
    assert entered.is_set(), "the lock, once free, is taken"
