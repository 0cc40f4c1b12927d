"""Small image files for the custom-icon tests, made here so no imaging library is needed:
PNGs of one colour, SVGs, a JPEG drawn by Graphviz, and the corpus's generated cases."""

from __future__ import annotations

import os
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """An 8-bit RGB PNG of one colour."""
    row = b"\0" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * height))
        + _chunk(b"IEND", b"")
    )


def png_header(width: int, height: int) -> bytes:
    """A PNG's signature and header alone, claiming a size (no pixels follow)."""
    return b"\x89PNG\r\n\x1a\n" + _chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def svg(fill: str, shape: str = "circle") -> bytes:
    body = (
        f'<circle cx="32" cy="32" r="28" fill="{fill}"/>'
        if shape == "circle"
        else f'<rect x="4" y="4" width="56" height="56" fill="{fill}"/>'
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">{body}</svg>\n'.encode()


def jpeg(path: Path, fill: str) -> None:
    """A JPEG of one colour, drawn by Graphviz's gd renderer (no encoder of our own)."""
    graph = f'digraph {{ bgcolor="{fill}"; pad=0.5; node [style=invis]; a }}'
    subprocess.run(["dot", "-Tjpg", "-o", str(path)], input=graph.encode(), check=True)


# -- generated cases of the bad-spec corpus (tests/bad_specs/icons/) ----------------------

_SPEC = "id: icons\ntitle: Icons\nnodes:\n  app: {icon: icons/logo.png}\n"


def _case(folder: Path, name: str) -> Path:
    icons = folder / name / "icons"
    icons.mkdir(parents=True)
    (folder / name / "a.yaml").write_text(_SPEC, encoding="utf-8")
    return icons


def _fifo(folder: Path) -> None:
    os.mkfifo(_case(folder, "fifo") / "logo.png")  # reading it would wait for ever


def _oversized(folder: Path) -> None:
    with (_case(folder, "oversized") / "logo.png").open("wb") as file:
        file.write(png(4, 4, (0, 0, 0)))
        file.truncate(1024 * 1024 + 1)  # sparse: one byte over the limit


def _link_to_secret(folder: Path) -> None:
    # A pull request's icon linked to a file of the machine that builds it.
    # The case runs in ``folder``, the project: the file lies outside it.
    secret = folder.resolve().parent / "secret.png"
    secret.write_bytes(png(4, 4, (0, 0, 0)))
    (_case(folder, "link-to-secret") / "logo.png").symlink_to(secret)


def _link_to_device(folder: Path) -> None:
    (_case(folder, "link-to-device") / "logo.png").symlink_to("/dev/zero")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "icons/fifo": _fifo,
    "icons/oversized": _oversized,
    "icons/link-to-secret": _link_to_secret,
    "icons/link-to-device": _link_to_device,
}
