"""The latency numbers as a horizontal bar chart on a log scale, written as SVG by hand.

Each bar's length is the logarithm of its time, so a step of one grid line is ten
times slower and orders of magnitude are seen at a glance. The SVG is deterministic
(coordinates with one decimal, nothing from the machine), self-contained (no fonts,
images or styles fetched), has a white background so it reads in dark mode too, and
titles itself for screen readers. Labels sit above their bars, so no text width has
to be guessed for Hangul or Latin.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from archgen.draw.style import (
    CHART_BAR_COLORS,
    CHART_GRID,
    CHART_INK,
    CHART_MUTED,
    CHART_PAPER,
    FONT_FAMILY,
)

WIDTH = 760
LEFT = 16
RIGHT = 96  # room for the value after the longest bar
TOP = 64
ROW = 44
BAR = 14
BOTTOM = 16


@dataclass(frozen=True)
class Bar:
    label: str
    nanoseconds: float
    value: str  # as shown beside the bar: '20 µs'


def latency_chart(
    bars: list[Bar],
    title: str,
    description: str,
    tick_label: Callable[[int], str],
    prefix: str = "latency",
) -> str:
    """The chart as SVG text; ``tick_label`` names a power of ten of nanoseconds."""
    low, high = axis(bars)
    height = TOP + ROW * len(bars) + BOTTOM
    plot = WIDTH - LEFT - RIGHT

    def x(nanoseconds: float) -> float:
        return LEFT + (math.log10(nanoseconds) - low) / (high - low) * plot

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" font-family={quoteattr(FONT_FAMILY)}>',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="{CHART_PAPER}"/>',
        f'<text x="{LEFT}" y="24" font-size="16" font-weight="bold" fill="{CHART_INK}">'
        f"{escape(title)}</text>",
    ]
    parts += _grid(low, high, x, height, tick_label)
    for index, bar in enumerate(bars):
        parts += _bar(bar, TOP + ROW * index, x, low)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def axis(bars: list[Bar]) -> tuple[int, int]:
    """Powers of ten of nanoseconds the axis spans; the shortest bar is one step long."""
    return (
        math.floor(math.log10(min(b.nanoseconds for b in bars))) - 1,
        math.ceil(math.log10(max(b.nanoseconds for b in bars))),
    )


def _grid(
    low: int, high: int, x: Callable[[float], float], height: int, tick_label: Callable[[int], str]
) -> list[str]:
    parts = []
    for power in range(low, high + 1):
        at = x(10.0**power)
        anchor = "start" if power == low else "end" if power == high else "middle"
        parts.append(
            f'<line x1="{at:.1f}" y1="{TOP - 14}" x2="{at:.1f}" '
            f'y2="{height - BOTTOM}" stroke="{CHART_GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{at:.1f}" y="{TOP - 20}" font-size="12" fill="{CHART_MUTED}" '
            f'text-anchor="{anchor}">{escape(tick_label(power))}</text>'
        )
    return parts


def _bar(bar: Bar, top: int, x: Callable[[float], float], low: int) -> list[str]:
    end = x(bar.nanoseconds)
    thousandfold = int(math.log10(bar.nanoseconds) // 3)
    colour = CHART_BAR_COLORS[min(max(thousandfold, 0), len(CHART_BAR_COLORS) - 1)]
    start = x(10.0**low)
    return [
        # A white outline keeps the label clear of the grid lines behind it.
        f'<text x="{LEFT}" y="{top + 12}" font-size="13" fill="{CHART_INK}" stroke="{CHART_PAPER}" '
        f'stroke-width="3" paint-order="stroke">{escape(bar.label)}</text>',
        f'<rect x="{start:.1f}" y="{top + 18}" width="{end - start:.1f}" height="{BAR}" '
        f'rx="2" fill="{colour}"/>',
        f'<text x="{end + 6:.1f}" y="{top + 30}" font-size="13" font-weight="bold" '
        f'fill="{CHART_INK}">{escape(bar.value)}</text>',
    ]
