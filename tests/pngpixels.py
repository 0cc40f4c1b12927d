"""A small PNG reader for tests: 8-bit grey, grey with alpha, RGB or RGBA, not interlaced
(what Chromium and archgen's ghost icons write).

Enough to check the colours of a screenshot without adding an imaging library.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> bytes per pixel at bit depth 8


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int
    rows: list[bytes]  # unfiltered scanlines

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        start = x * self.channels
        if self.channels < 3:  # grey: the same value in each of R, G and B
            grey = self.rows[y][start]
            return grey, grey, grey
        r, g, b = self.rows[y][start : start + 3]
        return r, g, b

    def alpha(self, x: int, y: int) -> int:
        """The pixel's opacity (255 in an image without alpha)."""
        if self.channels in (2, 4):
            return self.rows[y][x * self.channels + self.channels - 1]
        return 255

    def pixels(self, box: tuple[int, int, int, int]) -> list[tuple[int, int, int]]:
        """The RGB pixels of ``box`` = (left, top, right, bottom), right and bottom excluded."""
        left, top, right, bottom = box
        return [self.pixel(x, y) for y in range(top, bottom) for x in range(left, right)]


def read_png(path: Path) -> Image:
    return read_png_bytes(path.read_bytes(), str(path))


def read_png_bytes(data: bytes, path: str = "PNG") -> Image:
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path}: not a PNG")
    header, idat = _chunks(data)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in _CHANNELS or interlace:
        raise ValueError(
            f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})"
        )
    channels = _CHANNELS[colour]
    raw = zlib.decompress(idat)
    return Image(width, height, channels, _unfilter(raw, width * channels, height, channels))


def _chunks(data: bytes) -> tuple[bytes, bytes]:
    offset, header, idat = len(_SIGNATURE), b"", bytearray()
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    return header, bytes(idat)


def _unfilter(raw: bytes, stride: int, height: int, bpp: int) -> list[bytes]:
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        _UNFILTERS[kind](line, previous, bpp)
        rows.append(bytes(line))
        previous = line
    return rows


def _none(line: bytearray, up: bytearray, bpp: int) -> None:
    return None


def _sub(line: bytearray, up: bytearray, bpp: int) -> None:
    for i in range(bpp, len(line)):
        line[i] = (line[i] + line[i - bpp]) & 0xFF


def _up(line: bytearray, up: bytearray, bpp: int) -> None:
    for i in range(len(line)):
        line[i] = (line[i] + up[i]) & 0xFF


def _average(line: bytearray, up: bytearray, bpp: int) -> None:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        line[i] = (line[i] + ((left + up[i]) >> 1)) & 0xFF


def _paeth(line: bytearray, up: bytearray, bpp: int) -> None:
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = up[i]
        c = up[i - bpp] if i >= bpp else 0
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        line[i] = (line[i] + predictor) & 0xFF


_UNFILTERS = (_none, _sub, _up, _average, _paeth)
