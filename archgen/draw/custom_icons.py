"""Nodes' own icons on their way to Graphviz and into the SVG.

The DOT text names such an icon by its content, ``<sha256>.png`` (``.jpg`` for a JPEG),
never by where the file lies: no absolute path reaches any output, and the same icon
gives the same bytes wherever the project is checked out. ``render`` copies each icon
under that name into its temporary folder and adds that folder to Graphviz's
``imagepath`` on the command line only, so the DOT text stays as compiled.

Graphviz 2.43 on Debian draws PNG and JPEG images into a PNG, but not SVG ones (it has
no librsvg plugin: "No or improper image"). An SVG icon is therefore drawn into a PNG of
``SVG_ICON_PIXELS`` on its longer side by ``rsvg-convert`` (librsvg, the SVG renderer
Debian and GNOME keep; from stdin, so it has no folder to load a file from, and the
icon was checked to refer to none), once per icon and process; the PNG is what
Graphviz draws, and the SVG output embeds the original SVG in its place.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from archgen.draw.graphviz_output import RenderError
from archgen.draw.icons import Icon, icon_path
from archgen.resolve.icon_image import JPEG, PNG_SIGNATURE, SVG, NodeIcon
from archgen.resolve.stage import StageNode

RSVG_HINT = "install librsvg's rsvg-convert: apt-get install librsvg2-bin (or brew install librsvg)"
STAGED_FOLDER = "icons"  # inside render's temporary folder


def has_icon(node: StageNode) -> bool:
    """Whether the node draws an icon: its own, or its kind's (a provider's Node has none)."""
    return node.icon is not None or bool(node.kind.node_class().icon)


def node_image(node: StageNode) -> str:
    """The image the DOT text names for the node."""
    return staged_name(node.icon) if node.icon else icon_path(node.kind)


def staged_name(icon: NodeIcon) -> str:
    return f"{icon.digest}.{'jpg' if icon.media_type == JPEG else 'png'}"


def distinct_icons(nodes: Iterable[StageNode]) -> tuple[NodeIcon, ...]:
    """The nodes' own icons, each once, in the order first drawn."""
    found: dict[str, NodeIcon] = {}
    for node in nodes:
        if node.icon is not None:
            found.setdefault(node.icon.digest, node.icon)
    return tuple(found.values())


def stage_icons(icons: tuple[NodeIcon, ...], work: Path, timeout: float) -> list[str]:
    """Write each icon where Graphviz finds it, under its DOT name, in the temporary
    folder ``work``; the options that tell ``dot`` where they are (none without icons)."""
    if not icons:
        return []
    folder = work / STAGED_FOLDER
    if ":" in str(folder):  # imagepath is a list separated by ':'
        raise RenderError(
            f"the temporary folder {folder} has a ':' in its path, which Graphviz's "
            "imagepath cannot hold; set TMPDIR to another folder"
        )
    folder.mkdir()
    for icon in icons:
        drawn = _rasterized(icon, timeout) if icon.media_type == SVG else icon.data
        (folder / staged_name(icon)).write_bytes(drawn)
    # '.' (the icon folder, dot's working folder) keeps diagrams' icons where they were.
    return [f"-Gimagepath={folder}:."]


# digest of an SVG icon -> the PNG rsvg-convert drew of it: each drawn once per process,
# however many diagrams show it (a race between two threads draws it twice, the same).
_RASTERS: dict[str, bytes] = {}


def _rasterized(icon: NodeIcon, timeout: float) -> bytes:
    if icon.digest not in _RASTERS:
        _RASTERS[icon.digest] = rasterize(icon, timeout)
    return _RASTERS[icon.digest]


def rasterize(icon: NodeIcon, timeout: float) -> bytes:
    """The SVG icon drawn by rsvg-convert into a PNG of the icon's size in pixels."""
    command = shutil.which("rsvg-convert")
    if command is None:
        raise RenderError(
            f"an SVG icon is drawn into the PNG by rsvg-convert, which is missing; {RSVG_HINT}"
        )
    size = ["--width", str(icon.width), "--height", str(icon.height), "--keep-aspect-ratio"]
    fixed = ["--accept-language", "en", "--format", "png"]  # same bytes whatever the locale
    try:
        finished = subprocess.run(
            [command, *size, *fixed],
            input=icon.data,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"rsvg-convert took longer than {timeout:g} s to draw the icon {icon.path.name}"
        ) from None
    except OSError as error:
        raise RenderError(f"cannot run rsvg-convert ({error.strerror}); {RSVG_HINT}") from None
    if finished.returncode != 0 or not finished.stdout.startswith(PNG_SIGNATURE):
        said = finished.stderr.decode(errors="replace").strip().splitlines()
        reason = said[-1][:200] if said else f"exit code {finished.returncode}"
        raise RenderError(f"rsvg-convert cannot draw the icon {icon.path.name}: {reason}")
    return finished.stdout


def svg_icons(icons: tuple[NodeIcon, ...]) -> dict[str, Icon]:
    """DOT name -> the icon the SVG embeds for it: the file as written (an SVG icon too,
    not the PNG drawn from it)."""
    return {
        staged_name(icon): Icon(
            bytes.fromhex(icon.digest),
            (icon.width, icon.height),
            icon.media_type.encode(),
            base64.b64encode(icon.data),
        )
        for icon in icons
    }
