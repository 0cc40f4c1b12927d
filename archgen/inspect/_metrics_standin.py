"""STAND-IN, deleted when the lead's archgen/draw/text_metrics.py is merged."""

from __future__ import annotations

import unicodedata

ASCENT = 0.88
DESCENT = 0.12


def text_width(text: str, point_size: float) -> float:
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return (0.55 * (len(text) - wide) + 0.92 * wide) * point_size
