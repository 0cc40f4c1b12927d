"""The icons: where diagrams keeps them, which one a kind draws, their bytes read once.

The icon files are the installed diagrams package's. archgen finds the package without
importing it: importing it and the modules of this repository's node classes takes some
18 ms, reading the catalog's table of their icons 2.5 ms, and a build needs nothing
else of them. The DOT text names icons relative to the folder holding the package, so
no absolute path reaches it; Graphviz runs in that folder, and svg.py embeds the icons
into the SVG.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

from archgen.catalog.kinds import Kind
from archgen.diagnostics import BadEnvironment


class IconError(BadEnvironment):
    pass


@functools.cache
def icon_root() -> Path:
    """The folder icon paths are relative to: the one that holds the diagrams package."""
    spec = importlib.util.find_spec("diagrams")
    if spec is None or spec.origin is None:
        raise IconError(
            "the 'diagrams' package, which holds the icons, is not installed; reinstall archgen"
        )
    return Path(spec.origin).resolve().parent.parent


def icon_path(kind: Kind) -> str:
    """The icon the kind's node class draws, relative to ``icon_root()``.

    A class without an icon (a provider's ``Node``) names the file 'None/None', as
    archgen has always written it; Graphviz finds no such file and draws no image.
    """
    node_class = kind.node_class()
    return f"{node_class.icon_dir}/{node_class.icon}"


@dataclass(frozen=True)
class Icon:
    """An icon file, read and encoded once: what an SVG symbol needs of it."""

    digest: bytes  # of the bytes: two paths to the same picture make one symbol
    size: tuple[int, int] | None  # in pixels, when the file says
    mime: bytes
    data: bytes  # base64


# A diagram uses each icon many times (a 1,000-node diagram has some twenty distinct
# icons), and a build draws many diagrams from the same few icons: each path is
# resolved, read, hashed and encoded once per process. The icons are the installed
# diagrams package's files, which do not change while archgen runs.
@functools.lru_cache(maxsize=512)
def load_icon(root: Path, relative: str) -> Icon:
    """The icon at ``relative`` under ``root``, which it may not leave."""
    icon = _read_icon(root, relative)
    return Icon(
        hashlib.sha256(icon).digest(), _pixel_size(icon), _mime_type(icon), base64.b64encode(icon)
    )


def _read_icon(root: Path, relative: str) -> bytes:
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise IconError(f"icon path '{relative}' leaves the icon folder")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IconError(f"cannot read icon '{relative}': {exc.strerror}") from None


def _pixel_size(icon: bytes) -> tuple[int, int] | None:
    if icon.startswith(b"\x89PNG\r\n\x1a\n") and len(icon) >= 24:
        width, height = struct.unpack(">II", icon[16:24])
        return width, height
    return None


def _mime_type(icon: bytes) -> bytes:
    if icon.startswith(b"\x89PNG"):
        return b"image/png"
    if icon[:3] == b"\xff\xd8\xff":
        return b"image/jpeg"
    return b"image/svg+xml"
