"""A removed node's icon, as a diff diagram draws it: grey and faint, like its outline.

The ghost icon is a node's own icon (``NodeIcon``) made of the grey copy of the icon it
had, so it takes the way every node's own icon takes to Graphviz and into the SVG
(draw/custom_icons.py): staged in render's temporary folder under its content's name,
embedded once in the SVG; nothing is written anywhere else. The grey copy of a
diagrams icon or of an author's PNG or JPEG is made by draw/grey_image.py (Pillow); an
SVG of the author's is first drawn into a PNG of ``SVG_ICON_PIXELS`` by rsvg-convert,
as every SVG icon is for the PNG picture.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import replace
from pathlib import Path

from archgen.draw.custom_icons import rasterize
from archgen.draw.grey_image import ghost_png
from archgen.draw.icons import icon_path, icon_root
from archgen.resolve.icon_image import PNG, SVG, NodeIcon
from archgen.resolve.stage import Change, Stage, StageNode
from archgen.spec.limits import SVG_ICON_PIXELS


def with_ghost_icons(stage: Stage, timeout: float = 120.0) -> Stage:
    """The stage with each removed node's icon replaced by its grey copy."""
    nodes = tuple(
        replace(node, icon=ghost_icon(node, timeout)) if node.change is Change.REMOVED else node
        for node in stage.nodes
    )
    return replace(stage, nodes=nodes)


def ghost_icon(node: StageNode, timeout: float = 120.0) -> NodeIcon | None:
    """The grey copy of the icon the node draws; None for a node drawn without one."""
    if node.icon is not None:
        return _ghost_of_own(node.icon, timeout)
    if not node.kind.node_class().icon:
        return None
    relative = icon_path(node.kind)
    return _ghost_of_file(icon_root(), relative)


@functools.lru_cache(maxsize=128)
def _ghost_of_file(root: Path, relative: str) -> NodeIcon:
    """A diagrams icon's ghost, made once per process (icons.py reads them the same)."""
    grey, (width, height) = ghost_png((root / relative).read_bytes())
    return _icon(grey, width, height, Path(relative))


# digest of an author's icon -> its ghost, each made once per process.
_OWN: dict[str, NodeIcon] = {}


def _ghost_of_own(icon: NodeIcon, timeout: float) -> NodeIcon:
    if icon.digest not in _OWN:
        raster = icon.data if icon.media_type != SVG else rasterize(_as_svg(icon), timeout)
        grey, (width, height) = ghost_png(raster)
        _OWN[icon.digest] = _icon(grey, width, height, icon.path)
    return _OWN[icon.digest]


def _as_svg(icon: NodeIcon) -> NodeIcon:
    """The SVG icon at ``SVG_ICON_PIXELS`` on its longer side, for rsvg-convert."""
    scale = SVG_ICON_PIXELS / max(icon.width, icon.height)
    width, height = max(1, round(icon.width * scale)), max(1, round(icon.height * scale))
    return replace(icon, width=width, height=height)


def _icon(grey: bytes, width: int, height: int, source: Path) -> NodeIcon:
    return NodeIcon(hashlib.sha256(grey).hexdigest(), PNG, width, height, grey, source)
