"""The committed stage figures, measured: every stage SVG in output/ and output/ko/ has no
layout problem archgen finds, its smallest text is at least 10 px when it is shown
1,200 px wide, and every stage is drawn at the same scale (the same width in pt), so
that one stage can be compared with the next. A regression fails CI here."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from archgen import pipeline
from archgen.inspect import inspect_svg
from archgen.inspect.scene import read_scene
from archgen.resolve.stage import Stage

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "output"
FOLDERS = {"en": OUTPUT, "ko": OUTPUT / "ko"}
PAGE_WIDTH = 1200
SMALLEST_TEXT_PX = 10.0
SAME_WIDTH_PT = 1.0  # Graphviz writes the width in whole points


@cache
def stages() -> dict[str, Stage]:
    found, problems = pipeline.load_and_resolve([ROOT / "specs"])
    assert problems == [], problems
    return {stage.id: stage for stage in found}


FIGURES = [
    (language, stage_id)
    for stage_id in sorted(stages(), key=lambda s: stages()[s].sort_key)
    for language in FOLDERS
]


def figure(language: str, stage_id: str) -> bytes:
    path = FOLDERS[language] / f"{stage_id}.svg"
    assert path.exists(), f"{path.relative_to(ROOT)} is not committed"
    return path.read_bytes()


@pytest.mark.parametrize(("language", "stage_id"), FIGURES)
def test_a_committed_figure_has_no_layout_problem(language: str, stage_id: str) -> None:
    problems = inspect_svg(figure(language, stage_id), stages()[stage_id], page_width=PAGE_WIDTH)
    said = [f"{p.part} {p.part_id}: {p.message}".replace(" : ", ": ") for p in problems]
    assert said == [], f"{language}/{stage_id}.svg:\n  " + "\n  ".join(said)


@pytest.mark.parametrize(("language", "stage_id"), FIGURES)
def test_a_committed_figure_s_text_is_readable_at_the_page_width(
    language: str, stage_id: str
) -> None:
    scene = read_scene(figure(language, stage_id), stages()[stage_id])
    px_per_pt = PAGE_WIDTH / scene.drawing.width_pt
    sizes = [line.size_pt for owned in scene.labels for line in owned.label.lines]
    smallest = min(sizes) * px_per_pt
    assert smallest >= SMALLEST_TEXT_PX, (
        f"{language}/{stage_id}.svg: at {PAGE_WIDTH} px wide its smallest text "
        f"({min(sizes):.1f} pt) is {smallest:.1f} px"
    )


def test_every_committed_stage_is_drawn_at_one_scale() -> None:
    widths = {
        f"{language}/{stage_id}": read_scene(
            figure(language, stage_id), stages()[stage_id]
        ).drawing.width_pt
        for language, stage_id in FIGURES
    }
    common = max(set(widths.values()), key=list(widths.values()).count)
    other = {
        name: f"{width:g} pt ({PAGE_WIDTH / width:.3f} px per pt)"
        for name, width in widths.items()
        if abs(width - common) > SAME_WIDTH_PT
    }
    assert other == {}, (
        f"at {PAGE_WIDTH} px wide, most stages are {common:g} pt ({PAGE_WIDTH / common:.3f} "
        f"px per pt); these are drawn at another scale: {other}"
    )
