"""An icon made grey and faint: how a removed node's icon is drawn in a diff diagram.

Pillow decodes the icon (every PNG and JPEG a spec or diagrams can hold) and encodes the
grey copy; archgen keeps only the two choices that make a ghost: its luminance (Pillow's
"L" conversion, ITU-R BT.601) and its opacity. Pillow writes no time or text chunk
unless asked, so the same icon gives the same bytes on every run.
"""

from __future__ import annotations

import io

from PIL import Image

from archgen.spec.limits import SVG_ICON_PIXELS

# How faint a ghost is: the share of its opacity it keeps.
GHOST_OPACITY = 0.45


def ghost_png(data: bytes) -> tuple[bytes, tuple[int, int]]:
    """The raster image ``data`` as a grey PNG at ``GHOST_OPACITY``, and its size. An
    image larger than ``SVG_ICON_PIXELS`` on its longer side is made that size first:
    drawn a few dozen points wide, it needs no more, and the SVG embeds it."""
    with Image.open(io.BytesIO(data)) as opened:
        image = opened.convert("RGBA")
    image.thumbnail((SVG_ICON_PIXELS, SVG_ICON_PIXELS), Image.Resampling.LANCZOS)
    faint = image.getchannel("A").point([round(a * GHOST_OPACITY) for a in range(256)])
    ghost = Image.merge("LA", (image.convert("L"), faint))
    encoded = io.BytesIO()
    ghost.save(encoded, format="PNG", compress_level=9)
    return encoded.getvalue(), ghost.size
