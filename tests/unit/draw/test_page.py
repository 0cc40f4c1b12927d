"""One page width and one scale: measured in the SVG Graphviz draws (draw/page.py,
draw/budget.py), not in the DOT text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from helpers import resolve_specs

from archgen.draw import budget, page
from archgen.draw.compile import CompiledDiagram, compile_stage
from archgen.draw.render import render
from archgen.draw.theme import load_theme, theme_names
from archgen.resolve.stage import Stage

SVG = "{http://www.w3.org/2000/svg}"
# The page: 1,200 pt, less the 0.4 pt Graphviz adds when it rounds the drawing's box up
# (draw/page.py), so that a page shown 1,200 px wide never scales 10 pt below 10 px.
PAGE_PT = 1199.4

SMALL = """
    id: small
    title: Small
    direction: TB
    nodes:
      users: {kind: users}
      web: {kind: ec2}
    edges:
      - {from: users, to: web, label: HTTP}
    """

CHILD = """
    id: child
    extends: small
    title: Child
    nodes:
      db: {kind: rds}
    edges:
      - {from: web, to: db, label: reads}
    """

# Twelve servers under one balancer: 12 icons side by side are wider than the page.
WIDE_TB = """
    id: wide
    title: Wide
    direction: TB
    nodes:
      lb: {{kind: elb}}
{servers}
    groups:
      fleet: {{label: Fleet, members: [{members}]}}
    edges:
      - {{from: lb, to: fleet, label: spread}}
    """
SERVERS = [f"web{number}" for number in range(12)]
WIDE = WIDE_TB.format(
    servers="\n".join(f"      {name}: {{kind: ec2}}" for name in SERVERS),
    members=", ".join(SERVERS),
)
# Nine stations in a row, left to right: wider than the page.
CHAIN = """
    id: chain
    title: Chain
    direction: LR
    nodes:
{stations}
    edges:
{hops}
    """.format(
    stations="\n".join(f"      s{n}: {{kind: ec2}}" for n in range(9)),
    hops="\n".join(f"      - {{from: s{n}, to: s{n + 1}}}" for n in range(8)),
)


def stages_of(tmp_path: Path, *texts: str) -> dict[str, Stage]:
    stages, problems = resolve_specs(tmp_path, *texts)
    assert problems == []
    return {stage.id: stage for stage in stages}


def drawn(stage: Stage, **options: bool) -> ET.Element:
    return ET.fromstring(render(compile_stage(stage, "en", **options), ("svg",))["svg"])


def first_layout(diagram: CompiledDiagram) -> str:
    """What ``dot -Tplain`` says of the diagram's first layout (render would draw the
    rearranged diagram instead)."""
    return render(replace(diagram, rearranged=None), ("plain",))["plain"].decode()


def width_pt(root: ET.Element) -> float:
    """The drawing's width in points, from its viewBox (the width attribute is rounded)."""
    return float(root.get("viewBox", "0 0 0 0").split()[2])


def icons(root: ET.Element) -> list[tuple[float, float, float]]:
    """Each icon's centre on the page (x, y) and its width, in points."""
    graph = next(root.iter(f"{SVG}g"))
    found = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", graph.get("transform", ""))
    assert found
    dx, dy = float(found[1]), float(found[2])
    placed = []
    for use in root.iter(f"{SVG}use"):
        width = float(use.get("width", "0").removesuffix("px"))
        x, y = float(use.get("x", "0")) + dx, float(use.get("y", "0")) + dy
        placed.append((x + width / 2, y + width / 2, width))
    return placed


def font_sizes(root: ET.Element) -> list[float]:
    return [float(text.get("font-size", "0")) for text in root.iter(f"{SVG}text")]


def text_at(root: ET.Element, words: str) -> ET.Element:
    return next(t for t in root.iter(f"{SVG}text") if (t.text or "").strip("\u00a0 ") == words)


# --- One width, content centred ------------------------------------------------------


def test_every_stage_is_drawn_on_the_same_page_width(tmp_path: Path) -> None:
    stages = stages_of(tmp_path, SMALL, CHILD)
    widths = {stage_id: width_pt(drawn(stage)) for stage_id, stage in stages.items()}
    assert widths == {"small": PAGE_PT, "child": PAGE_PT}


def test_the_drawing_is_centred_on_the_page(tmp_path: Path) -> None:
    root = drawn(stages_of(tmp_path, SMALL)["small"])
    centres = [x for x, _, _ in icons(root)]
    assert centres and all(abs(x - PAGE_PT / 2) < 2 for x in centres)  # one column


def test_the_blank_around_the_drawing_is_small(tmp_path: Path) -> None:
    root = drawn(stages_of(tmp_path, SMALL)["small"])
    top = min(y - width / 2 for _, y, width in icons(root))
    assert top < 0.25 * 72  # diagrams' pad was 2 inches, archgen's 0.4


def test_icons_are_one_size_in_every_stage(tmp_path: Path) -> None:
    stages = stages_of(tmp_path, SMALL, CHILD, WIDE)
    sizes = set()
    for stage in stages.values():
        root = drawn(stage)
        # px when the SVG is shown 1,200 px wide, as a page prints it
        sizes |= {round(w * 1200 / width_pt(root)) for _, _, w in icons(root)}
    assert sizes == {101}  # 1.4 in, in whole points


# --- The legend with the content ------------------------------------------------------


def test_the_legend_is_centred_under_the_drawing(tmp_path: Path) -> None:
    root = drawn(stages_of(tmp_path, SMALL, CHILD)["child"])
    legend = text_at(root, "New in this stage")
    graph = next(root.iter(f"{SVG}g"))
    dy = float(re.findall(r"[-\d.]+", graph.get("transform", ""))[-1])
    assert float(legend.get("y", "0")) + dy > max(y + w / 2 for _, y, w in icons(root))
    # The legend line runs from its coloured line to its words: it straddles the centre.
    line = text_at(root, "━━━▶")
    left = float(line.get("x", "0"))
    right = float(legend.get("x", "0")) + 7 * len("New in this stage")
    assert left < PAGE_PT / 2 < right
    assert abs((left + right) / 2 - PAGE_PT / 2) < 60


def test_the_title_and_the_legend_are_centred_at_the_top(tmp_path: Path) -> None:
    root = drawn(stages_of(tmp_path, SMALL, CHILD)["child"], show_title=True)
    assert width_pt(root) == PAGE_PT
    title = text_at(root, "Child")
    assert title.get("text-anchor") == "middle" or abs(float(title.get("x", "0")) - 593) < 40
    legend_y = float(text_at(root, "New in this stage").get("y", "0"))
    assert float(title.get("y", "0")) < legend_y


# --- Text readable at the page's width ------------------------------------------------


@pytest.mark.parametrize("spec", ["small", "child", "wide", "chain"])
def test_the_smallest_text_is_10_px_at_a_1200_px_page(tmp_path: Path, spec: str) -> None:
    stages = stages_of(tmp_path, SMALL, CHILD, WIDE, CHAIN)
    root = drawn(stages[spec])
    scale = 1200 / width_pt(root)  # px per pt when the SVG is shown 1,200 px wide
    assert min(font_sizes(root)) * scale >= 10


@pytest.mark.parametrize("name", theme_names())
def test_every_theme_text_is_at_least_10_px_at_a_1200_px_page(name: str) -> None:
    theme = load_theme(name)
    smallest = page.smallest_text(theme)
    sizes = {key: float(value) for key, value in theme.text.items() if key.endswith("_size")}
    sizes["badge"] = float(page.badge_size(theme))
    assert {key: size for key, size in sizes.items() if size < smallest} == {}


# --- The width budget -----------------------------------------------------------------


def test_a_top_down_stage_too_wide_has_its_widest_rank_wrapped(tmp_path: Path) -> None:
    root = drawn(stages_of(tmp_path, WIDE)["wide"])
    assert width_pt(root) == PAGE_PT
    servers = icons(root)[1:]  # the balancer first
    rows = sorted({round(y) for _, y, _ in servers})
    assert len(rows) == 2  # twelve servers in two rows of six
    assert [sum(1 for _, y, _ in servers if round(y) == row) for row in rows] == [6, 6]


def test_a_left_to_right_stage_too_wide_is_drawn_top_down(tmp_path: Path) -> None:
    root = drawn(stages_of(tmp_path, CHAIN)["chain"])
    assert width_pt(root) == PAGE_PT
    placed = icons(root)
    assert len({round(x) for x, _, _ in placed}) == 1  # one column
    assert [y for _, y, _ in placed] == sorted(y for _, y, _ in placed)


def test_a_stage_that_fits_is_not_rearranged(tmp_path: Path) -> None:
    stage = stages_of(tmp_path, SMALL)["small"]
    diagram = compile_stage(stage, "en")
    plain = first_layout(diagram)
    assert diagram.rearranged is not None and diagram.rearranged(plain) is None


def test_a_rearranged_stage_is_not_rearranged_again(tmp_path: Path) -> None:
    stage = stages_of(tmp_path, WIDE)["wide"]
    first = compile_stage(stage, "en")
    plain = first_layout(first)
    second = first.rearranged(plain) if first.rearranged else None
    assert second is not None and second.rearranged is None
    # six invisible edges, each from a server of the first row to the one under it
    assert len(re.findall(r"\tweb\d+ -> web\d+ \[style=invis\]", second.dot_source)) == 6


def test_plain_output_is_read_in_points() -> None:
    text = 'graph 1 10.5 3\nnode "a-b" 1.5 2 1.4 1.66 <x> solid none black lightgrey\nstop\n'
    assert budget.read_plain(text) == (756.0, [budget.Placed("a-b", 108.0, 144.0, 100.8)])


def test_the_docs_example_is_wrapped_to_the_page() -> None:
    """docs/spec-format.md ("Page width, scale and legend") shows docs/page/specs/."""
    from helpers import REPO

    from archgen.resolve.resolver import resolve_all
    from archgen.spec.load import load_spec

    folder = REPO / "docs" / "page"
    loaded = [load_spec(path, path.name) for path in sorted((folder / "specs").glob("*.yaml"))]
    stages, problems = resolve_all(loaded)
    assert problems == [] and [stage.id for stage in stages] == ["page-wrapped"]
    root = drawn(stages[0])
    assert width_pt(root) == PAGE_PT
    assert len({round(y) for _, y, _ in icons(root)[1:]}) == 2
    assert (folder / "page-wrapped.png").is_file()


def test_of_two_layouts_the_narrower_is_kept(tmp_path: Path) -> None:
    stages = stages_of(tmp_path, SMALL, CHAIN)
    chain = replace(compile_stage(stages["chain"], "en", arrangement=budget.Arrangement("LR")))
    assert chain.rearranged is None  # a second arrangement is not arranged again
    # A second layout wider than the first (as a wrap can be) is laid out and dropped:
    # the first drawing is kept.
    first = replace(compile_stage(stages["small"], "en"), rearranged=lambda plain: chain)
    root = ET.fromstring(render(first, ("svg",))["svg"])
    assert width_pt(root) == PAGE_PT
    assert len(icons(root)) == 2
    # The other way round, the narrower second layout is the one drawn.
    wide = replace(chain, rearranged=lambda plain: compile_stage(stages["small"], "en"))
    root = ET.fromstring(render(wide, ("svg",))["svg"])
    assert width_pt(root) == PAGE_PT
    assert len(icons(root)) == 2


# Eight servers side by side: a few points wider than the page.
CLOSE = WIDE_TB.format(
    servers="\n".join(f"      web{number}: {{kind: ec2}}" for number in range(8)),
    members=", ".join(f"web{number}" for number in range(8)),
).replace("id: wide", "id: close")


def test_a_stage_a_little_too_wide_is_drawn_with_closer_gaps(tmp_path: Path) -> None:
    stage = stages_of(tmp_path, CLOSE)["close"]
    assert width_pt(ET.fromstring(render(first_diagram(stage), ("svg",))["svg"])) > PAGE_PT
    root = drawn(stage)
    assert width_pt(root) == PAGE_PT
    servers = icons(root)[1:]
    assert len({round(y) for _, y, _ in servers}) == 1  # still one row, not wrapped
    centres = sorted(x for x, _, _ in servers)
    gaps = sorted(round(b - a - 101) for a, b in pairwise(centres))
    # 0.45 in between icons, not 0.7 in (50 pt); the middle gap also holds the point the
    # edge to the group is drawn to (draw/edge_layout.py): one more gap and a point.
    assert gaps[:-1] == [32] * 6
    assert gaps[-1] == 65


def first_diagram(stage: Stage) -> CompiledDiagram:
    return replace(compile_stage(stage, "en"), rearranged=None)
