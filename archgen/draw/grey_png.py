"""A PNG made grey and faint: how a removed node's icon is drawn in a diff diagram.

A small PNG codec of archgen's own, so that the ghost icons need no imaging library
(Pillow is not among diagrams' or archgen's dependencies, and one function of it would
not pay for a compiled dependency). It reads every PNG the PNG standard allows (bit
depths 1 to 16, grey, truecolour, palette, with alpha or ``tRNS``, interlaced or not)
into 8-bit RGBA, and writes the grey copy as 8-bit grey with alpha, one deflate stream
at a fixed level: the same icon gives the same bytes on every run.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> samples per pixel
# Adam7: each pass' first column and row, and its steps across and down.
_PASSES = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)
# How faint a ghost is: the share of its opacity it keeps.
GHOST_OPACITY = 0.45


class PngError(ValueError):
    pass


def ghost_png(data: bytes) -> tuple[bytes, tuple[int, int]]:
    """The PNG ``data`` in grey (its luminance) at ``GHOST_OPACITY``, and its size."""
    width, height, pixels = read_rgba(data)
    grey = bytearray(width * height * 2)
    for i in range(width * height):
        r, g, b, a = pixels[4 * i : 4 * i + 4]
        grey[2 * i] = (299 * r + 587 * g + 114 * b + 500) // 1000  # ITU-R BT.601 luma
        grey[2 * i + 1] = round(a * GHOST_OPACITY)
    return write_grey_alpha(width, height, bytes(grey)), (width, height)


def read_rgba(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and 8-bit RGBA pixels, row after row."""
    if not data.startswith(_SIGNATURE):
        raise PngError("not a PNG")
    chunks = dict(_chunks(data, b"IHDR", b"PLTE", b"tRNS"))
    try:
        width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    except (KeyError, struct.error):
        raise PngError("no PNG header") from None
    if colour not in _CHANNELS or depth not in (1, 2, 4, 8, 16) or not width or not height:
        raise PngError(f"unsupported PNG (colour type {colour}, depth {depth})")
    raw = zlib.decompress(b"".join(body for kind, body in _chunks(data, b"IDAT")))
    reader = _Pixels(width, height, depth, colour, chunks)
    out = bytearray(width * height * 4)
    offset = 0
    passes = _PASSES if interlace else ((0, 0, 1, 1),)
    for x0, y0, dx, dy in passes:
        columns, rows = len(range(x0, width, dx)), len(range(y0, height, dy))
        if not columns or not rows:
            continue
        stride = (columns * _CHANNELS[colour] * depth + 7) // 8
        lines = _unfilter(raw, offset, stride, rows, max(1, _CHANNELS[colour] * depth // 8))
        offset += rows * (stride + 1)
        for row, line in zip(range(y0, height, dy), lines, strict=True):
            for column, rgba in zip(range(x0, width, dx), reader.rgba(line, columns), strict=True):
                start = 4 * (row * width + column)
                out[start : start + 4] = rgba
    return width, height, bytes(out)


def write_grey_alpha(width: int, height: int, pixels: bytes) -> bytes:
    """An 8-bit grey-with-alpha PNG of ``pixels`` (two bytes a pixel, row after row)."""
    stride = width * 2
    raw = b"".join(b"\x00" + pixels[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 4, 0, 0, 0)
    return (
        _SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + (_chunk(b"IEND", b""))
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _chunks(data: bytes, *kinds: bytes) -> Iterator[tuple[bytes, bytes]]:
    offset = len(_SIGNATURE)
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind in kinds:
            yield kind, data[offset + 8 : offset + 8 + length]
        offset += 12 + length


def _unfilter(raw: bytes, offset: int, stride: int, rows: int, bpp: int) -> list[bytes]:
    """The scanlines of one image (or Adam7 pass) from ``raw``, their filters undone."""
    lines: list[bytes] = []
    previous = bytearray(stride)
    for y in range(rows):
        start = offset + y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if len(line) != stride or kind > 4:
            raise PngError("damaged PNG data")
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            _paeth(line, previous, bpp)
        lines.append(bytes(line))
        previous = line
    return lines


def _paeth(line: bytearray, up: bytearray, bpp: int) -> None:
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = up[i]
        c = up[i - bpp] if i >= bpp else 0
        pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
        predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        line[i] = (line[i] + predictor) & 0xFF


class _Pixels:
    """Turns one scanline of a PNG's samples into 8-bit RGBA pixels."""

    def __init__(
        self, width: int, height: int, depth: int, colour: int, chunks: dict[bytes, bytes]
    ) -> None:
        self.depth, self.colour = depth, colour
        self.samples = _CHANNELS[colour]
        self.palette = chunks.get(b"PLTE", b"")
        self.transparent = chunks.get(b"tRNS", b"")
        self.scale = 255 / ((1 << depth) - 1) if depth < 8 else 1.0

    def rgba(self, line: bytes, columns: int) -> Iterator[bytes]:
        values = self._values(line, columns * self.samples)
        for i in range(columns):
            yield self._pixel(values[i * self.samples : (i + 1) * self.samples])

    def _values(self, line: bytes, count: int) -> list[int]:
        """The samples at their own depth (16-bit ones as they are)."""
        if self.depth == 8:
            return list(line[:count])
        if self.depth == 16:
            return [(line[2 * i] << 8) | line[2 * i + 1] for i in range(count)]
        per_byte, mask = 8 // self.depth, (1 << self.depth) - 1
        return [
            (line[i // per_byte] >> (8 - self.depth * (i % per_byte + 1))) & mask
            for i in range(count)
        ]

    def _eight(self, value: int) -> int:
        return value >> 8 if self.depth == 16 else round(value * self.scale)

    def _pixel(self, values: list[int]) -> bytes:
        if self.colour == 3:
            index = values[0]
            r, g, b = self.palette[3 * index : 3 * index + 3] or b"\0\0\0"
            alpha = self.transparent[index] if index < len(self.transparent) else 255
            return bytes((r, g, b, alpha))
        alpha = 255
        if self.colour in (4, 6):
            alpha = self._eight(values[-1])
            values = values[:-1]
        elif self.transparent and _key(values, self.depth) == self.transparent:
            alpha = 0
        eights = [self._eight(v) for v in values]
        r, g, b = eights * 3 if len(eights) == 1 else eights
        return bytes((r, g, b, alpha))


def _key(values: list[int], depth: int) -> bytes:
    """The samples as ``tRNS`` spells a transparent colour: 16 bits each."""
    return b"".join(struct.pack(">H", v) for v in values)
