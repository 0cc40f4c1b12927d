"""What the MkDocs tests share: the example site copied into a folder, `mkdocs build` and
`mkdocs serve` run as a user runs them, and a page fetched over HTTP until it shows a text.

A plain module beside helpers.py (pytest's ``pythonpath`` puts tests/ on the path).
"""

from __future__ import annotations

import http.server
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from helpers import REPO, Result, run_module

EXAMPLE_SITE = REPO / "docs" / "example-site"


def mkdocs(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Result:
    return run_module("mkdocs", *args, cwd=cwd, env=env)


def site_project(root: Path, specs: Path, extra_config: str = "") -> Path:
    """The example site laid out as in the repository (docs/example-site, specs/) in ``root``."""
    shutil.copytree(EXAMPLE_SITE, root / "docs" / "example-site")
    shutil.copytree(specs, root / "specs")
    config = root / "docs" / "example-site" / "mkdocs.yml"
    if extra_config:
        config.write_text(config.read_text(encoding="utf-8") + extra_config, encoding="utf-8")
    return config


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, text: str, timeout: float = 30.0) -> str:
    """Poll ``url`` until its body contains ``text``; the body, or fail after ``timeout``."""
    deadline, body = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = str(response.read(), "utf-8")
            if text in body:
                return body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r} within {timeout:g} s")


@contextmanager
def serving(config: Path, cwd: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` of ``config`` on a free port, its log in ``log``: its address."""
    address = f"127.0.0.1:{free_port()}"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address],
            cwd=cwd,
            stdout=out,
            stderr=out,
        )
        try:
            yield f"http://{address}"
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)


def stage_pages(site: Path) -> list[str]:
    """The English stage pages a built site has, by their folder (use_directory_urls)."""
    folder = site / "architecture"
    return sorted(p.parent.name for p in folder.glob("*/index.html") if p.parent.name != "ko")


@contextmanager
def static_server(site: Path) -> Iterator[str]:
    """A built site over HTTP on 127.0.0.1, as a static host would serve it: its address."""
    handler = partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
