"""The advance-width table of the PNG's font is the font's own, and what dot measures.

The table ``archgen/draw/noto-sans-cjk-kr.json`` is written from the installed font by

    ARCHGEN_UPDATE_TABLES=1 python -m pytest tests/unit/draw/test_text_metrics.py

after a new release of fonts-noto-cjk; the test fails while it differs from the font.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from archgen.draw import text_metrics
from archgen.draw.text_metrics import text_width

UPDATE = os.environ.get("ARCHGEN_UPDATE_TABLES") == "1"
FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def font_runs() -> list[list[int]]:
    """Runs [first, last, advance] of consecutive code points with one advance width,
    read from the Korean face of the installed Noto Sans CJK collection."""
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(FONT_FILE), lazy=True)
    face = next(
        font
        for font in collection.fonts
        if font["name"].getDebugName(1) == text_metrics.FONT_FAMILY
    )
    assert face["head"].unitsPerEm == 1000
    cmap, metrics = face.getBestCmap(), face["hmtx"]
    runs: list[list[int]] = []
    for code_point in sorted(cmap):
        advance = metrics[cmap[code_point]][0]
        if runs and runs[-1][1] == code_point - 1 and runs[-1][2] == advance:
            runs[-1][1] = code_point
        else:
            runs.append([code_point, code_point, advance])
    return runs


@pytest.mark.skipif(not FONT_FILE.exists(), reason="Noto Sans CJK (fonts-noto-cjk) not installed")
def test_the_table_is_the_fonts_own() -> None:
    pytest.importorskip("fontTools")
    runs = font_runs()
    if UPDATE:
        table = {"font": f"{text_metrics.FONT_FAMILY} ({FONT_FILE.name})", "runs": runs}
        text_metrics.TABLE.write_text(json.dumps(table, separators=(",", ":")) + "\n")
    written = json.loads(text_metrics.TABLE.read_text())["runs"]
    assert written == runs, f"the table differs from {FONT_FILE}; set ARCHGEN_UPDATE_TABLES=1"


def test_widths_are_the_fonts_advances() -> None:
    # Noto Sans CJK KR: W 878, e 554, b 618, space 224; every Hangul syllable 920.
    assert text_width("Web", 10) == pytest.approx(20.5)
    assert text_width("웹 서버", 13) == pytest.approx((3 * 920 + 224) * 13 / 1000)
    assert text_width("", 13) == 0


def test_a_character_the_font_lacks_counts_by_its_width() -> None:
    assert text_width("\U0001f600", 10) == pytest.approx(10)  # an emoji: wide


LABELS = ["Web server 1", "웹 서버 1 (scaled up)", "Load balancer (88.88.88.1)", "가가가가가"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
@pytest.mark.parametrize("label", LABELS)
def test_widths_agree_with_what_dot_measures(label: str) -> None:
    """dot's xdot output says how wide Pango drew each label ('T x y j width n -text')."""
    source = (
        f'digraph {{ node [fontname="{text_metrics.FONT_FAMILY}" fontsize=13 shape=plaintext];'
        f' a [label="{label}"]; }}'
    )
    xdot = subprocess.run(
        ["dot", "-Txdot"], input=source, capture_output=True, text=True, check=True
    ).stdout
    measured = float(re.search(r"T \S+ \S+ \S+ (\S+) ", xdot).group(1))  # type: ignore[union-attr]
    assert text_width(label, 13) == pytest.approx(measured, rel=0.03, abs=1.5)
