"""Styles through `archgen build`, read in the SVG and DOT a user gets: the AWS group
shapes, a group's own fill and border, node and edge colours, label wrapping, edge
routing with labels by their edges, themes, and new parts that keep the spec's colour
(docs/spec-format.md, "Styles, AWS groups and themes")."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO, run_archgen, write_spec
from svg_shapes import Box, label_distance, parts

AWS_SPEC = REPO / "docs" / "styles" / "aws-groups.yaml"

# style -> (its border colour as the SVG writes it, dashed, has a corner icon)
GUIDELINES = {
    "aws-cloud": ("#000000", False, True),
    "account": ("#e7157b", False, True),
    "region": ("#00a4a6", True, False),
    "vpc": ("#693bc5", False, True),
    "availability-zone": ("#00a4a6", True, False),
    "public-subnet": ("#7aa116", False, True),
    "private-subnet": ("#00a4a6", False, True),
    "auto-scaling-group": ("#ed7100", True, True),
    "security-group": ("#df3312", False, False),
}


def build(folder: Path, *args: str) -> str:
    result = run_archgen("build", "specs", "-o", "out", *args, cwd=folder)
    assert result.code == 0, result.stderr
    return result.stdout + result.stderr


def svg_of(folder: Path, stage: str) -> str:
    return (folder / "out" / f"{stage}.svg").read_text(encoding="utf-8")


def test_each_aws_group_shape_is_drawn_as_the_guidelines_draw_it(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "aws-groups.yaml").write_bytes(AWS_SPEC.read_bytes())
    build(tmp_path, "--format", "svg,png,dot")
    svg = svg_of(tmp_path, "aws-groups")
    clusters = parts(svg, "cluster")
    styles = {"cloud": "aws-cloud", "account": "account", "region": "region", "vpc": "vpc"}
    styles |= {"az": "availability-zone", "public": "public-subnet"}
    styles |= {"private": "private-subnet", "asg": "auto-scaling-group", "dbsg": "security-group"}
    symbols = []
    for group, shape in styles.items():
        border, dashed, has_icon = GUIDELINES[shape]
        cluster = clusters[group]
        assert cluster.attribute("polygon", "stroke") == border, group
        assert cluster.attribute("polygon", "fill") == "transparent", group  # no fill
        assert (cluster.attribute("polygon", "stroke-dasharray") == "5,2") is dashed, group
        icons = cluster.icons
        assert len(icons) == (1 if has_icon else 0), group
        if icons:  # at the top left, beside the label's text
            (symbol, icon), line = icons[0], cluster.lines[0]
            assert icon.right <= line.box.left and abs(icon.bottom - line.box.bottom) < 8
            symbols.append(symbol)
    # Each corner icon is embedded once, as node icons are; no path reaches the SVG.
    assert len(set(symbols)) == len(symbols) == 6
    for symbol in symbols:
        assert svg.count(f'<symbol id="{symbol}"') == 1
    assert "<image" not in svg.split("</defs>", 1)[1]
    assert "resources/" not in svg and str(REPO.parent) not in svg
    dot = (tmp_path / "out" / "aws-groups.dot").read_text(encoding="utf-8")
    assert '<IMG SRC="resources/aws/network/vpc.png" SCALE="TRUE"/>' in dot
    assert (tmp_path / "out" / "aws-groups.png").stat().st_size > 10_000


def test_a_groups_own_fill_border_and_line(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    write_spec(
        tmp_path / "specs",
        "s.yaml",
        """\
        id: s
        title: S
        nodes:
          a: {kind: ec2}
          b: {kind: ec2}
          c: {kind: ec2}
        groups:
          tinted: {members: [a], fill: sky, border: '#123456', border_style: dotted}
          shaped: {members: [b], style: vpc, border: red, fill: '#fafafa'}
          plain: {members: [c], border_style: dashed}
        """,
    )
    build(tmp_path)
    clusters = parts(svg_of(tmp_path, "s"), "cluster")
    tinted, shaped, plain = clusters["tinted"], clusters["shaped"], clusters["plain"]
    assert tinted.attribute("path", "fill") == "#56b4e9"  # rounded: a path
    assert tinted.attribute("path", "stroke") == "#123456"
    assert tinted.attribute("path", "stroke-dasharray") == "1,5"  # dotted
    assert shaped.attribute("polygon", "fill") == "#fafafa"  # square: a polygon
    assert shaped.attribute("polygon", "stroke") == "#d55e00"  # the palette's red
    assert len(shaped.icons) == 1  # the shape's icon stays
    assert plain.attribute("path", "stroke") == "#aeb6be"
    assert plain.attribute("path", "stroke-dasharray") == "5,2"


def test_node_and_edge_colours_from_the_palette_or_hex(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    write_spec(
        tmp_path / "specs",
        "s.yaml",
        """\
        id: s
        title: S
        nodes:
          a: {kind: ec2, color: red, label: Alpha}
          b: {kind: rds, color: '#336699', label: Beta}
        edges:
          - {from: a, to: b, color: green, label: writes}
          - {from: b, to: a, color: steelblue}
        """,
    )
    build(tmp_path)
    svg = svg_of(tmp_path, "s")
    nodes, edges = parts(svg, "node"), parts(svg, "edge")
    assert nodes["a"].attribute("text", "fill") == "#d55e00"
    assert nodes["b"].attribute("text", "fill") == "#336699"
    assert edges["a--b"].attribute("path", "stroke") == "#009e73"
    assert edges["b--a"].attribute("path", "stroke") == "steelblue"  # X11 names still work
    # On a dark page the palette's green and red take lighter shades; the X11 name has none.
    assert '[stroke="#009e73"] { stroke: #3fd0a4; }' in svg
    assert '[fill="#d55e00"] { fill: #ff8a4c; }' in svg


LONG = "The primary database of the payments service, with its replicas in two zones"


def test_a_long_label_wraps_and_stays_off_its_neighbour(tmp_path: Path) -> None:
    assert len(LONG) == 76  # the 75-character label, and one more
    (tmp_path / "specs").mkdir()
    write_spec(
        tmp_path / "specs",
        "s.yaml",
        f"""\
        id: s
        title: S
        direction: TB
        nodes:
          top: {{kind: users}}
          long: {{kind: rds, label: '{LONG}'}}
          next: {{kind: rds, label: Replica}}
          under: {{kind: ec2}}
        edges:
          - {{from: top, to: [long, next]}}
          - {{from: long, to: under, label: '{LONG}'}}
        """,
    )
    build(tmp_path)
    svg = svg_of(tmp_path, "s")
    nodes = parts(svg, "node")
    long, neighbour = nodes["long"], nodes["next"]
    lines = long.lines
    # 22 characters a line, and no line wider than the 1.4 in box (draw/label_fit.py).
    assert [line.text for line in lines] == [
        "The primary",
        "database of the",
        "payments",
        "service, with its",
        "replicas in two",
        "zones",
    ]
    ((_, icon),) = long.icons
    centre = (icon.left + icon.right) / 2
    taken = [box for _, box in neighbour.icons] + [line.box for line in neighbour.lines]
    for line in lines:
        assert not any(line.box.overlaps(box) for box in taken), line.text
        assert abs((line.box.left + line.box.right) / 2 - centre) < 40  # under its icon
        assert line.box.top > icon.bottom - 4  # the node grew: lines under the icon
    under_top = nodes["under"].icons[0][1].top
    assert all(line.box.bottom < under_top for line in lines)
    edge_lines = parts(svg, "edge")["long--under"].lines
    assert len(edge_lines) == 3  # 33 characters a line


def test_wrap_zero_and_a_width_of_ones_own(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    for name, wrap in (("none", "0"), ("unwrapped", "false"), ("narrow", "10")):
        write_spec(
            tmp_path / "specs",
            f"{name}.yaml",
            f"""\
            id: {name}
            title: {name}
            wrap: {wrap}
            nodes:
              a: {{kind: ec2, label: 'Web server (scaled up) twice'}}
              b: {{kind: ec2, label: '웹 서버 (스케일 업) 두 번'}}
            """,
        )
    build(tmp_path)
    for name in ("none", "unwrapped"):
        nodes = parts(svg_of(tmp_path, name), "node")
        assert [line.text for line in nodes["a"].lines] == ["Web server (scaled up) twice"]
    nodes = parts(svg_of(tmp_path, "narrow"), "node")
    assert [line.text for line in nodes["a"].lines] == ["Web server", "(scaled", "up) twice"]
    # A Hangul syllable counts two: at most ten columns a line, broken at spaces.
    assert [line.text for line in nodes["b"].lines] == ["웹 서버", "(스케일", "업) 두 번"]


ROUTED = """\
    id: {mode}
    title: {mode}
    splines: {mode}
    nodes:
      users: {{kind: users}}
      lb: {{kind: alb}}
      web1: {{kind: ec2}}
      web2: {{kind: ec2}}
      db: {{kind: rds}}
      cache: {{kind: elasticache}}
    groups:
      web: {{members: [web1, web2]}}
    edges:
      - {{from: users, to: lb, label: HTTPS requests}}
      - {{from: lb, to: [web1, web2], label: forwards}}
      - {{from: [web1, web2], to: db, label: 'Public IP: 88.88.88.1'}}
      - {{from: web1, to: cache, label: cache reads}}
      - {{from: web, to: db, label: replication, style: dashed}}
    """


@pytest.mark.parametrize("mode", ["spline", "ortho", "polyline"])
def test_each_routing_keeps_edge_labels_by_their_edges(tmp_path: Path, mode: str) -> None:
    (tmp_path / "specs").mkdir()
    write_spec(tmp_path / "specs", "s.yaml", ROUTED.format(mode=mode))
    build(tmp_path, "--format", "svg,dot")
    dot = (tmp_path / "out" / f"{mode}.dot").read_text(encoding="utf-8")
    assert f"splines={mode}" in dot
    assert ("xlabel=" in dot) is (mode == "ortho")
    edges = parts(svg_of(tmp_path, mode), "edge")
    labelled = [edge for edge in edges.values() if edge.lines]
    assert len(labelled) == 7
    # Within 25 points of its own line: splines keep theirs within 23 in the book's
    # pictures; ortho's plain labels drifted up to 90 points away (measured in cdn).
    for edge in labelled:
        assert label_distance(edge) < 25, edge.id
    if mode == "ortho":
        icons = [
            box for node in parts(svg_of(tmp_path, mode), "node").values() for _, box in node.icons
        ]
        overlapping = [
            edge.id
            for edge in labelled
            for line in edge.lines
            if any(line.box.overlaps(_shrunk(icon)) for icon in icons)
        ]
        assert overlapping == []


def _shrunk(box: Box) -> Box:
    """An icon's box without its transparent rim (diagrams' icons have some)."""
    return Box(box.left + 12, box.top + 12, box.right - 12, box.bottom - 12)


def test_the_high_contrast_theme_from_the_command_line_and_the_config(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    write_spec(
        tmp_path / "specs",
        "s.yaml",
        """\
        id: s
        title: S
        nodes:
          a: {kind: ec2, label: Alpha}
          b: {kind: rds, color: orange}
        groups:
          g: {members: [a]}
          v: {members: [b], style: region}
        edges:
          - {from: a, to: b, label: writes}
        """,
    )
    build(tmp_path)
    default = svg_of(tmp_path, "s")
    build(tmp_path, "--theme", "high-contrast")
    contrast = svg_of(tmp_path, "s")
    assert default != contrast
    nodes, edges = parts(contrast, "node"), parts(contrast, "edge")
    groups = parts(contrast, "cluster")
    assert nodes["a"].attribute("text", "fill") == "#000000"
    assert nodes["a"].attribute("text", "font-size") == "14.00"
    assert nodes["b"].attribute("text", "fill") == "#8f5f00"  # the darker orange
    assert edges["a--b"].attribute("path", "stroke") == "#000000"
    assert edges["a--b"].attribute("path", "stroke-width") == "2"
    assert groups["g"].attribute("path", "stroke") == "#000000"
    assert groups["g"].attribute("path", "fill") == "#ffffff"
    assert groups["v"].attribute("polygon", "stroke") == "#00696b"
    assert "text { fill: #ffffff; }" in contrast  # its own dark-page colours
    # The configuration's key does the same, and a theme change rebuilds the stage.
    (tmp_path / "archgen.toml").write_text('theme = "high-contrast"\n', encoding="utf-8")
    assert "0 built, 1 up to date" in build(tmp_path)
    assert svg_of(tmp_path, "s") == contrast
    (tmp_path / "archgen.toml").write_text('theme = "default"\n', encoding="utf-8")
    assert "1 built" in build(tmp_path)
    assert svg_of(tmp_path, "s") == default
    result = run_archgen("check", "specs", "-o", "out", "--theme", "high-contrast", cwd=tmp_path)
    assert result.code == 1, result.stderr


def test_an_unknown_theme_is_one_line_with_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    result = run_archgen("build", "specs", "--theme", "high-contarst", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.splitlines()[-1].endswith(
        "argument --theme: unknown theme 'high-contarst' (did you mean 'high-contrast'?); "
        "choose from default, high-contrast"
    )
    (tmp_path / "archgen.toml").write_text('specs = ["specs"]\ntheme = "dark"\n', encoding="utf-8")
    result = run_archgen("build", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.strip() == (
        "archgen.toml:2:1: archgen setting 'theme': unknown theme 'dark'; "
        "choose from default, high-contrast"
    )


def test_a_theme_that_is_not_a_name_says_so(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "archgen.toml").write_text('specs = ["specs"]\ntheme = 3\n', encoding="utf-8")
    result = run_archgen("build", cwd=tmp_path)
    assert (result.code, result.stderr.strip()) == (
        2,
        "archgen.toml:2:1: archgen setting 'theme': the theme must be a name, default or "
        "high-contrast, not a whole number",
    )


def _extending(folder: Path, child_nodes: str) -> None:
    (folder / "specs").mkdir()
    write_spec(
        folder / "specs",
        "a.yaml",
        """\
        id: a
        title: A
        nodes:
          web: {kind: ec2}
          db: {kind: rds}
        edges:
          - {from: web, to: db}
        """,
    )
    write_spec(
        folder / "specs",
        "b.yaml",
        f"""\
        id: b
        extends: a
        title: B
        nodes:
          cache: {child_nodes}
        edges:
          - {{from: web, to: cache, color: red, label: reads}}
          - {{from: cache, to: db, style: dashed}}
        """,
    )


def test_a_new_edge_keeps_its_colour_and_is_marked_new(tmp_path: Path) -> None:
    _extending(tmp_path, "{kind: elasticache}")
    build(tmp_path, "--format", "svg,dot")
    edges = parts(svg_of(tmp_path, "b"), "edge")
    red = edges["web--cache"]
    assert red.attribute("path", "stroke") == "#d55e00"  # the spec's red, not the new blue
    assert red.attribute("path", "stroke-width") == "3"  # heavier than any other edge
    assert red.attribute("text", "fill") == "#0072b2"  # its label in the new colour
    assert edges["cache--db"].attribute("path", "stroke") == "#0072b2"  # no colour: blue
    assert edges["cache--db"].attribute("path", "stroke-width") is None
    assert edges["web--db"].attribute("path", "stroke") == "#7b8894"  # inherited: grey
    dot = (tmp_path / "out" / "b.dot").read_text(encoding="utf-8")
    assert 'color="#D55E00"' in dot and "penwidth=3 style=bold" in dot


def test_a_new_node_keeps_its_colour_and_wears_the_badge(tmp_path: Path) -> None:
    _extending(tmp_path, "{kind: elasticache, color: purple}")
    build(tmp_path)
    cache = parts(svg_of(tmp_path, "b"), "node")["cache"]
    assert [line.text for line in cache.lines] == ["cache", "NEW"]
    assert cache.attribute("text", "fill") == "#cc79a7"  # the label in the spec's purple
    assert 'fill="#0072b2">NEW</text>' in cache.body  # the badge in the new colour


def test_a_diff_diagram_is_drawn_in_the_configured_theme(tmp_path: Path) -> None:
    for side, extra in (("before", ""), ("after", "\n  - {from: db, to: web, style: dashed}")):
        (tmp_path / side).mkdir()
        write_spec(
            tmp_path / side,
            "s.yaml",
            "id: s\ntitle: S\nnodes:\n  web: {kind: ec2}\n  db: {kind: rds}\n"
            f"edges:\n  - {{from: web, to: db}}{extra}\n",
        )
    (tmp_path / "archgen.toml").write_text('theme = "high-contrast"\n', encoding="utf-8")
    result = run_archgen("diff", "before", "after", "-o", "review", cwd=tmp_path)
    assert result.code == 1, result.stderr
    svg = (tmp_path / "review" / "s.diff.svg").read_text(encoding="utf-8")
    edges = parts(svg, "edge")
    assert edges["web--db"].attribute("path", "stroke") == "#000000"  # high-contrast's black
    assert edges["db--web"].attribute("path", "stroke") == "#0072b2"  # added


def test_new_parts_stand_out_in_the_high_contrast_theme_too(tmp_path: Path) -> None:
    """Its lines are all of width 2, as a bold line is: new ones are drawn heavier."""
    _extending(tmp_path, "{kind: elasticache}")
    write_spec(
        tmp_path / "specs",
        "c.yaml",
        "id: c\nextends: b\ntitle: C\nnodes:\n  queue: {kind: sqs}\n"
        "groups:\n  work: {members: [queue]}\nedges:\n  - {from: web, to: queue}\n",
    )
    build(tmp_path, "--theme", "high-contrast")
    svg = svg_of(tmp_path, "c")
    edges, groups = parts(svg, "edge"), parts(svg, "cluster")
    assert edges["web--db"].attribute("path", "stroke-width") == "2"
    assert edges["web--queue"].attribute("path", "stroke-width") == "3"
    assert edges["web--queue"].attribute("path", "stroke") == "#0072b2"
    assert groups["work"].attribute("path", "stroke-width") == "3"
