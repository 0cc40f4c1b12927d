"""One build of an output folder at a time."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from archgen.project.atomic import open_lock

# How a build tells that it waits: the command prints the words, the MkDocs plugin logs them.
Tell = Callable[[str], None]


def tell_nobody(message: str) -> None:
    pass


@contextmanager
def output_lock(output: Path, tell: Tell = tell_nobody) -> Iterator[None]:
    """Hold the output folder's lock; a second build waits for it, and ``tell``s why.

    Creates the output folder and its ``.archgen/``, refusing links (``project.atomic``).
    """
    handle = open_lock(output)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            tell(f"waiting for another build of {output} to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)
