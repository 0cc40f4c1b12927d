"""A custom icon's bytes, checked: a PNG, a JPEG or a safe SVG of a size Graphviz can draw.

An icon comes with a pull request like its spec, so its bytes are untrusted. What kind
of image it is comes from its first bytes, never from its name. Its size in pixels is
read from the file's own header (a PNG's IHDR, a JPEG's frame header, an SVG's
``viewBox`` or ``width`` and ``height``) before anything decodes it: a 1 MiB file may
claim 100,000 by 100,000 pixels, which Graphviz would try to allocate. An SVG is parsed
by ``svg_icon`` and refused if it holds anything active or refers to anything else.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from archgen.diagnostics import BadInput
from archgen.spec.limits import MAX_ICON_SIDE, SVG_ICON_PIXELS

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PNG, JPEG, SVG = "image/png", "image/jpeg", "image/svg+xml"


@dataclass(frozen=True)
class NodeIcon:
    """A node's own icon file: its bytes, what kind of image they are and its size.

    Equal digests mean equal bytes, so the bytes and the file's place are left out of
    comparisons and of the stage's hash: moving an icon rebuilds nothing, editing it
    rebuilds every stage that draws it.
    """

    digest: str  # sha256 of the bytes, in hex
    media_type: str  # PNG, JPEG or SVG
    width: int  # in pixels; an SVG's as archgen draws it into a PNG
    height: int
    data: bytes = field(repr=False, compare=False)
    path: Path = field(repr=False, compare=False)  # the file read (for the manifest only)


class IconProblem(BadInput):
    """Why some bytes are not an icon archgen draws; the message completes "icon 'x' ..."."""


def checked_icon(data: bytes, path: Path) -> NodeIcon:
    """The icon ``data`` (read from ``path``) makes, or ``IconProblem`` saying why not."""
    if data.startswith(PNG_SIGNATURE):
        media_type, size = PNG, _png_size(data)
    elif data.startswith(JPEG_SIGNATURE):
        media_type, size = JPEG, _jpeg_size(data)
    else:
        media_type, size = SVG, _svg_raster_size(_checked_svg(data))
    _check_pixels(*size)
    return NodeIcon(hashlib.sha256(data).hexdigest(), media_type, *size, data=data, path=path)


def _checked_svg(data: bytes) -> tuple[float, float]:
    """An SVG icon's size, once it and the images it holds are known to be safe: librsvg
    decodes a data: image as it would a file, so its size is bounded the same way."""
    # Imported here: its XML and URL parsers cost some 5 ms, which only an SVG icon needs.
    from archgen.resolve.svg_icon import SvgProblem, read_svg

    try:
        svg = read_svg(data)
    except SvgProblem as problem:
        raise IconProblem(str(problem)) from None
    for image in svg.images:
        try:
            _embedded_size(image)
        except IconProblem as problem:
            raise IconProblem(f"is an SVG holding a data: image that {problem}") from None
    return svg.size


def _embedded_size(image: bytes) -> None:
    if image.startswith(PNG_SIGNATURE):
        _png_size(image)
    elif image.startswith(JPEG_SIGNATURE):
        _check_pixels(*_jpeg_size(image))
    elif image[:6] in (b"GIF87a", b"GIF89a") and len(image) >= 10:
        _check_pixels(*struct.unpack("<HH", image[6:10]))
    else:
        raise IconProblem("is not a PNG, JPEG or GIF image")


def _png_size(data: bytes) -> tuple[int, int]:
    """A PNG's size, once its chunks are known to be whole: Graphviz (cairo) given a
    damaged one writes an empty picture, without saying which icon it was."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise IconProblem("is not a whole PNG image (its header is cut short)")
    width, height = struct.unpack(">II", data[16:24])
    _check_pixels(width, height)  # before the pixels are inflated below
    image_data = _png_image_data(data)
    inflate = zlib.decompressobj()
    try:  # in pieces, the pieces thrown away: a small file may inflate to much
        piece = inflate.decompress(image_data, _INFLATE_PIECE)
        while piece and inflate.unconsumed_tail:
            piece = inflate.decompress(inflate.unconsumed_tail, _INFLATE_PIECE)
    except zlib.error:
        raise IconProblem("is not a whole PNG image (its pixels cannot be read)") from None
    return width, height


_INFLATE_PIECE = 1 << 20


def _png_image_data(data: bytes) -> bytes:
    """The IDAT chunks' data, each chunk's checksum checked, up to IEND."""
    at, image_data = len(PNG_SIGNATURE), bytearray()
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        end = at + 8 + length
        if end + 4 > len(data):
            break
        kind, body = data[at + 4 : at + 8], data[at + 8 : end]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end : end + 4])[0]:
            name = kind.decode("latin-1")
            which = f"chunk '{name}'" if name.isalnum() else "a chunk"
            raise IconProblem(f"is not a whole PNG image ({which} is damaged)")
        if kind == b"IEND":
            if not image_data:
                raise IconProblem("is not a whole PNG image (it has no pixels)")
            return bytes(image_data)
        if kind == b"IDAT":
            image_data += body
        at = end + 4
    raise IconProblem("is not a whole PNG image (it ends before its last chunk)")


# The frame headers (SOF0 to SOF15 but DHT, JPG and DAC), which hold the image's size.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD9)})  # markers without a length
_JPEG_SCAN = 0xDA


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """The size a JPEG's frame header gives, found by walking its segments."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in _JPEG_STANDALONE:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _JPEG_FRAMES and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        if marker == _JPEG_SCAN or length < 2:
            break
        at += 2 + length
    raise IconProblem("is not a whole JPEG image (it has no frame header with its size)")


def _svg_raster_size(size: tuple[float, float]) -> tuple[int, int]:
    """The pixels an SVG icon is drawn into for a PNG: SVG_ICON_PIXELS on its longer
    side, its shape kept."""
    width, height = size
    scale = SVG_ICON_PIXELS / max(width, height)
    raster = round(width * scale), round(height * scale)
    if min(raster) < 1:
        raise IconProblem(
            f"is an SVG {width:,g} by {height:,g} in size, too thin to draw; an icon's "
            f"sides may differ at most {SVG_ICON_PIXELS} times"
        )
    return raster


def _check_pixels(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise IconProblem(f"is {width:,} x {height:,} pixels: an image with no pixels")
    if max(width, height) > MAX_ICON_SIDE:
        raise IconProblem(
            f"is {width:,} x {height:,} pixels; an icon may be at most {MAX_ICON_SIDE:,} "
            "pixels wide and high (it is drawn 1.4 inches tall: scale it down)"
        )
