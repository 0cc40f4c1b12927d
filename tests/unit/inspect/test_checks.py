"""inspect_svg on diagrams drawn by real Graphviz to have each problem, and on clean ones:
each problem names the part of the stage it is about and says by how much, in CSS px."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from pathlib import Path

import pytest
from drawn import drawn, edge_path, icon_at, moved_text, text_at
from helpers import resolve_specs

from archgen.draw.compile import compile_stage
from archgen.draw.render import render
from archgen.inspect import LayoutProblem, inspect_svg
from archgen.inspect.scene import read_scene

CLEAN = """
    id: clean
    title: Clean
    nodes:
      web: {kind: ec2, label: Web}
      db: {kind: rds, label: DB}
    edges:
      - {from: web, to: db, label: SQL}
    """

# A label wider than its node, in a group: Graphviz keeps room for the node's fixed box.
WIDE = """
    id: wide
    title: Wide
    wrap: 0
    nodes:
      web: {kind: ec2, label: Web server with a long name}
      db: {kind: rds, label: DB}
    groups:
      tier: {label: Tier, members: [web]}
    edges:
      - {from: web, to: db}
    """

# Side by side on one rank, two labels too wide for their nodes run into each other.
NEIGHBOURS = """
    id: neighbours
    title: Neighbours
    direction: TB
    wrap: 0
    tiers: [[a, b]]
    nodes:
      a: {kind: ec2, label: The first server of this long row}
      b: {kind: ec2, label: The second server of this long row}
    """

# a -> c is routed beside b, at the distance b's fixed box asks for: through b's label.
SKIP = """
    id: skip
    title: Skip
    direction: TB
    wrap: 0
    nodes:
      a: {kind: ec2, label: A}
      b: {kind: ec2, label: A label far far wider than the node box}
      c: {kind: ec2, label: C}
    edges:
      - {from: a, to: b}
      - {from: b, to: c}
      - {from: a, to: c}
    """

# A flat edge between the ends of one rank curves round b, and its label sits on the curve.
FLAT = """
    id: flat
    title: Flat
    tiers: [[a, b, c]]
    nodes:
      a: {kind: ec2, label: A}
      b: {kind: ec2, label: B}
      c: {kind: ec2, label: C}
    edges:
      - {from: a, to: c, label: sync, constraint: false}
    """

# Step 2 is drawn back on the arrow of step 4, and step 2 is left of step 1.
STEPS = """
    id: steps
    title: Steps
    nodes:
      a: {kind: users, label: A}
      b: {kind: ec2, label: B}
      c: {kind: ec2, label: C}
      d: {kind: rds, label: D}
    edges:
      - {from: a, to: b}
      - {from: b, to: c}
      - {from: c, to: d}
    steps:
      - {edge: c->d, text: first}
      - {edge: a->b, text: second}
      - {edge: b->c, text: third}
      - {edge: a->b, text: fourth}
    """

PX = r"(\d+\.\d) px"


def found(problems: list[LayoutProblem], part: str, part_id: str, pattern: str) -> list[float]:
    """The numbers of the one problem about ``part_id`` whose message matches ``pattern``."""
    matches = [
        re.fullmatch(pattern, problem.message)
        for problem in problems
        if (problem.part, problem.part_id) == (part, part_id)
    ]
    hits = [match for match in matches if match]
    assert len(hits) == 1, f"{pattern!r} about {part} {part_id!r} in {problems}"
    return [float(value) for value in hits[0].groups() if re.fullmatch(r"[\d.]+", value)]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_clean_diagram_has_no_problem(language: str) -> None:
    svg, stage = drawn(CLEAN, language)
    assert inspect_svg(svg, stage) == []


def test_a_label_wider_than_its_node_is_found() -> None:
    svg, stage = drawn(WIDE)
    wide, over, box = found(
        inspect_svg(svg, stage),
        "node",
        "web",
        rf"label 'Web server with a long name' is {PX} wide, {PX} wider than its node's {PX} box",
    )
    assert box == pytest.approx(134.4, abs=1)  # 1.4 in: 100.8 pt
    assert wide == pytest.approx(box + over, abs=0.2)
    assert 200 < wide < 240  # 25 characters of 13 pt Noto Sans


def test_a_label_cut_by_its_group_border_is_found() -> None:
    svg, stage = drawn(WIDE)
    (out,) = found(
        inspect_svg(svg, stage),
        "node",
        "web",
        rf"label 'Web server with a long name' sticks out of group 'tier' by {PX} across its "
        "(?:left|right) border",
    )
    assert out > 20


def test_labels_over_each_other_are_found_once() -> None:
    svg, stage = drawn(NEIGHBOURS)
    problems = inspect_svg(svg, stage)
    across, down = found(
        problems,
        "node",
        "a",
        rf"label 'The first server of this long row' overlaps the label "
        rf"'The second server of this long row' of node 'b' by {PX} x {PX}",
    )
    assert across > 20 and down > 10
    assert not [p for p in problems if p.part_id == "b" and "overlaps" in p.message]


def test_a_label_over_an_icon_is_found() -> None:
    svg, stage = drawn(FLAT)
    x, y, width, height = icon_at(svg, "flat.node.b")
    text_x, text_y = text_at(svg, "sync")
    svg = moved_text(svg, "sync", x + width / 2 - text_x, y + height / 2 - text_y)
    found(
        inspect_svg(svg, stage),
        "edge",
        "a->c",
        rf"label 'sync' overlaps the icon of node 'b' by {PX} x {PX}",
    )


def test_an_edge_through_another_part_s_label_is_found() -> None:
    svg, stage = drawn(SKIP)
    (depth,) = found(
        inspect_svg(svg, stage),
        "edge",
        "a->c",
        rf"the edge runs through the label 'A label far far wider than the node box' of node "
        rf"'b' \({PX} inside it\)",
    )
    assert depth > 3


def test_an_edge_over_the_icon_of_a_node_it_does_not_join_is_found() -> None:
    svg, stage = drawn(FLAT)
    ax, ay, aw, ah = icon_at(svg, "flat.node.a")
    cx, cy, cw, _ = icon_at(svg, "flat.node.c")
    top, bottom = f"{ax + aw / 2},{ay + ah}", f"{cx + cw / 2},{cy}"
    straight = f"M{top}C{top} {bottom} {bottom}"  # from a's icon straight down to c's
    problems = inspect_svg(edge_path(svg, "flat.edge.a--c", straight), stage)
    (depth,) = found(
        problems,
        "edge",
        "a->c",
        rf"the edge runs over the icon of node 'b', which it does not join \({PX} inside it\)",
    )
    assert depth > 50  # straight down the middle of b's 134 px icon
    assert not [p for p in problems if "icon of node 'a'" in p.message or "node 'c'" in p.message]


def test_a_label_struck_through_by_its_own_edge_is_found() -> None:
    svg, stage = drawn(FLAT)
    (depth,) = found(
        inspect_svg(svg, stage),
        "edge",
        "a->c",
        rf"label 'sync' is struck through by its own edge \({PX} inside the text\)",
    )
    assert depth > 3


def test_a_label_far_from_its_own_edge_is_found() -> None:
    svg, stage = drawn(CLEAN)
    assert inspect_svg(svg, stage) == []
    far = moved_text(svg, "SQL", 0, -30)  # 30 pt (40 px) up, away from the line
    (gap,) = found(
        inspect_svg(far, stage),
        "edge",
        "web->db",
        rf"label 'SQL' is {PX} from its own edge \(more than 12 px\): a reader cannot tell "
        "which arrow it belongs to",
    )
    assert 40 < gap < 52  # the 40 px moved plus the padded label's own gap (about 6 px)


def test_steps_out_of_reading_order_are_found() -> None:
    svg, stage = drawn(STEPS)
    problems = inspect_svg(svg, stage)
    assert (
        LayoutProblem(
            "edge",
            "a->b",
            "one arrow carries steps (2, 4): after step 2 a reader goes elsewhere and must come "
            "back to it for step 4; draw step 4 on an arrow of its own",
        )
        in problems
    )
    (back,) = found(
        problems,
        "edge",
        "a->b",
        rf"step 2's arrow does not meet step 1's \(c->d\) and its label is {PX} left of it, "
        "against the reading order",
    )
    assert back > 300  # two ranks back


def test_steps_that_follow_their_arrows_are_in_order() -> None:
    spec = STEPS.replace("edge: c->d, text: first", "edge: a->b, text: first").replace(
        "edge: a->b, text: second", "edge: b->c, text: second"
    )
    spec = spec.replace("edge: b->c, text: third", "edge: c->d, text: third")
    spec = spec.replace("      - {edge: a->b, text: fourth}\n", "")
    svg, stage = drawn(spec)
    assert [p for p in inspect_svg(svg, stage) if "step" in p.message] == []


def test_text_too_small_at_the_page_width_is_found() -> None:
    svg, stage = drawn(CLEAN)
    assert inspect_svg(svg, stage, page_width=1200) == []
    (problem,) = inspect_svg(svg, stage, page_width=200)
    assert problem.part == "diagram" and problem.part_id == ""
    assert re.fullmatch(
        r"at 200 px wide, text is under 10 px: 13 pt text \(label '(Web|DB|SQL)'\) at "
        r"(\d\.\d) px; the drawing is \d+ px wide at its natural size, at most 347 px keeps "
        r"its 13 pt text readable",
        problem.message,
    ), problem.message


def test_a_parallel_edge_is_named_by_its_stage_id() -> None:
    spec = CLEAN.replace(
        "- {from: web, to: db, label: SQL}",
        "- {from: web, to: db, label: SQL}\n      - {from: web, to: db, label: backup}",
    )
    svg, stage = drawn(spec)
    assert [edge.id for edge in stage.edges] == ["web->db", "web->db#2"]
    far = moved_text(svg, "backup", 0, 40)
    problems = inspect_svg(far, stage)
    assert [p.part_id for p in problems if "from its own edge" in p.message] == ["web->db#2"]


def test_a_drawing_that_cannot_be_read_is_one_problem_and_nothing_it_names_is_read() -> None:
    _, stage = drawn(CLEAN)
    svg = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><text>&x;</text></svg>'
    )
    (problem,) = inspect_svg(svg, stage)
    assert problem.part == "diagram"
    assert problem.message.startswith("the drawing cannot be read back: undefined entity &x;")


def test_a_drawing_graphviz_scaled_down_is_measured_at_its_drawn_size() -> None:
    svg, stage = drawn(CLEAN)
    with tempfile.TemporaryDirectory() as folder:
        (same,), _ = resolve_specs(Path(folder), CLEAN)
    diagram = compile_stage(same, "en")
    # Graphviz's size= shrinks the layout with a scale() transform on the graph.
    shrunk = diagram.dot_source.replace("\tgraph [", '\tgraph [size="6,6" ', 1)
    small = render(dataclasses.replace(diagram, dot_source=shrunk), ("svg",))["svg"]
    assert b'transform="scale(0.' in small
    full, half = read_scene(svg, stage).drawing, read_scene(small, stage).drawing
    scale = half.width_pt / full.width_pt
    assert 0.2 < scale < 0.8  # a 1,200 pt page drawn in 6 in: 0.36
    far = moved_text(svg, "SQL", 0, -30)
    (gap,) = found(inspect_svg(far, stage), "edge", "web->db", rf"label 'SQL' is {PX} from .*")
    (small_gap,) = found(
        inspect_svg(moved_text(small, "SQL", 0, -30), stage),
        "edge",
        "web->db",
        rf"label 'SQL' is {PX} from .*",
    )
    assert small_gap == pytest.approx(gap * scale, abs=0.3)
    # Text keeps its size in px on the page: the drawing and its text shrink alike.
    (wide,) = inspect_svg(svg, stage, page_width=200)
    (narrow,) = inspect_svg(small, stage, page_width=200)
    on_page = [re.findall(r"at (\d+\.\d) px;", p.message) for p in (wide, narrow)]
    assert on_page[0] == on_page[1] != []


def test_a_label_past_the_edge_of_the_drawing_is_found() -> None:
    _, stage = drawn(NEIGHBOURS)
    # The page is wider than these two nodes; a row that fills it is drawn as here, with
    # the page's fixed-width row narrowed to nothing: the first label starts left of it.
    diagram = compile_stage(stage, "en")
    content_wide = re.sub(
        r'FIXEDSIZE="TRUE" WIDTH="\d+"', 'FIXEDSIZE="TRUE" WIDTH="1"', diagram.dot_source
    )
    assert content_wide != diagram.dot_source
    svg = render(dataclasses.replace(diagram, dot_source=content_wide), ("svg",))["svg"]
    (past,) = found(
        inspect_svg(svg, stage),
        "node",
        "a",
        rf"label 'The first server of this long row' runs {PX} past the drawing's left edge, "
        "cut off",
    )
    assert past > 5
