"""Layout control, measured in the picture: spec order, tiers, group directions, ports
and the title, read back from the SVG Graphviz draws (positions, not DOT text alone)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import resolve_specs

from archgen.draw.compile import compile_stage
from archgen.draw.render import render
from archgen.resolve.stage import Stage

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2


def stage_of(tmp_path: Path, text: str) -> Stage:
    stages, problems = resolve_specs(tmp_path, text)
    assert problems == []
    return stages[0]


def drawn(stage: Stage, **options: bool) -> ET.Element:
    svg = render(compile_stage(stage, "en", **options), ("svg",))["svg"]
    return ET.fromstring(svg)


def node_boxes(root: ET.Element, stage: Stage) -> dict[str, Box]:
    """Each node's box: its icon sits at the top centre (imagepos=tc), as wide as the
    node, and the node is as tall as compile made it."""
    heights = {}
    for line in compile_stage(stage, "en").dot_source.splitlines():
        found = re.match(r"\t+([\w-]+) \[.*?height=([\d.]+) ", line)
        if found:
            heights[found[1]] = float(found[2]) * POINTS_PER_INCH
    boxes = {}
    prefix = f"{stage.id}.node."
    for group in root.iter(f"{SVG}g"):
        if group.get("id", "").startswith(prefix):
            node_id = group.get("id", "")[len(prefix) :]
            icon = next(group.iter(f"{SVG}use"))
            left, top = float(icon.get("x", "0")), float(icon.get("y", "0"))
            width = float(icon.get("width", "0").removesuffix("px"))
            boxes[node_id] = Box(left, top, left + width, top + heights[node_id])
    return boxes


def edge_ends(root: ET.Element, element_id: str) -> tuple[tuple[float, float], ...]:
    """The first point of an edge's path and the tip of its arrowhead."""
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == element_id)
    path = next(group.iter(f"{SVG}path")).get("d", "")
    start = tuple(float(v) for v in re.match(r"M([-\d.]+),([-\d.]+)", path).groups())  # type: ignore[union-attr]
    head = next(group.iter(f"{SVG}polygon")).get("points", "").split()
    # The arrowhead's tip is its second point, as Graphviz writes it.
    tip = tuple(float(v) for v in head[1].split(","))
    return start, tip  # type: ignore[return-value]


def order_along(boxes: dict[str, Box], ids: list[str], axis: int) -> list[str]:
    return sorted(ids, key=lambda node_id: boxes[node_id].center[axis])


def same(values: list[float]) -> bool:
    return max(values) - min(values) < 1


# --- Spec order -------------------------------------------------------------------------

ORDER = """
    id: order
    title: Order
    nodes:
      lb: {kind: elb}
      cache: {kind: elasticache}
      web1: {kind: ec2}
      web2: {kind: ec2}
      db: {kind: rds}
    groups:
      web: {members: [web1, web2]}
    edges:
      - {from: lb, to: [cache, web1, web2, db]}
    """


def test_a_group_is_drawn_where_its_first_node_is_declared(tmp_path: Path) -> None:
    """Before, loose nodes came first: Database was drawn, and placed, before the group."""
    stage = stage_of(tmp_path, ORDER)
    source = compile_stage(stage, "en").dot_source
    statements = [source.index(f"\t{part} [") for part in ("lb", "cache", "db")]
    assert statements[1] < source.index("subgraph cluster_web") < statements[2]
    boxes = node_boxes(drawn(stage), stage)
    # LR: one rank, read top to bottom in the written order.
    assert order_along(boxes, ["cache", "web1", "web2", "db"], 1) == [
        "cache",
        "web1",
        "web2",
        "db",
    ]


# --- Tiers ------------------------------------------------------------------------------

TIERS = """
    id: tiers
    title: Tiers
    direction: {direction}
    nodes:
      lb: {{kind: elb}}
      web1: {{kind: ec2}}
      web2: {{kind: ec2}}
      web3: {{kind: ec2}}
      db: {{kind: rds}}
      s3: {{kind: s3}}
    {groups}
    edges:
      - {{from: lb, to: [web1, web2, web3]}}
      - {{from: [web1, web2, web3], to: db}}
      - {{from: lb, to: s3}}
    tiers:
      - [web3, web1, web2]
      - [s3, db]
    """


@pytest.mark.parametrize(
    ("direction", "groups"),
    [("TB", ""), ("LR", ""), ("LR", "groups: {web: {members: [web1, web2, web3]}}")],
)
def test_a_tier_puts_its_nodes_on_one_rank_in_the_written_order(
    tmp_path: Path, direction: str, groups: str
) -> None:
    stage = stage_of(tmp_path, TIERS.format(direction=direction, groups=groups))
    boxes = node_boxes(drawn(stage), stage)
    across, along = (0, 1) if direction == "TB" else (1, 0)
    for tier in (["web3", "web1", "web2"], ["s3", "db"]):
        assert same([boxes[node].center[along] for node in tier]), tier
        assert order_along(boxes, tier, across) == tier
    # s3 follows lb by one edge; the tier pulls it down to the database's rank.
    assert boxes["s3"].center[along] > boxes["web1"].center[along]


# --- Group direction ----------------------------------------------------------------------

DIRECTED = """
    id: directed
    title: Directed
    direction: {diagram}
    nodes:
      front: {{kind: elb}}
      a: {{kind: ec2}}
      b: {{kind: ec2}}
      c: {{kind: ec2}}
    groups:
      trio: {{members: [a, b, c], direction: {group}}}
    edges:
      - {{from: front, to: a}}
    """


@pytest.mark.parametrize("diagram", ["LR", "TB", "RL", "BT"])
@pytest.mark.parametrize("group", ["LR", "RL", "TB", "BT"])
def test_a_group_lays_out_its_members_in_its_direction(
    tmp_path: Path, diagram: str, group: str
) -> None:
    stage = stage_of(tmp_path, DIRECTED.format(diagram=diagram, group=group))
    boxes = node_boxes(drawn(stage), stage)
    axis, other = (0, 1) if group in ("LR", "RL") else (1, 0)
    expected = ["a", "b", "c"] if group in ("LR", "TB") else ["c", "b", "a"]
    assert order_along(boxes, ["a", "b", "c"], axis) == expected
    assert same([boxes[node].center[other] for node in "abc"])


# A rank inside groups, with edges into its members, between them against the written
# order, and back out of them to a rank before: dot 2.43 reordered such members (its last
# crossing pass ignores the order inside a cluster; an edge between two nodes of one rank
# orders them tail first).
KEPT = """
    id: kept
    title: Kept
    direction: {diagram}
    nodes:
      up: {{kind: elb}}
      side: {{kind: ec2}}
      a: {{kind: ec2}}
      b: {{kind: ec2}}
      c: {{kind: ec2}}
      down: {{kind: rds}}
    groups:
      outer: {{members: [up, side, inner]}}
      inner: {{members: [trio, down]}}
      trio: {{members: [a, b, c]{direction}}}
    edges:
      - {{from: up, to: [a, b, c]}}
      - {{from: {between}}}
      - {{from: a, to: side}}
      - {{from: b, to: down}}
      - {{from: c, to: up}}
      - {{from: down, to: up}}
    {tiers}
    """
ACROSS = {"TB": "LR", "BT": "LR", "LR": "TB", "RL": "TB"}
REVERSED = {"LR": "RL", "TB": "BT"}


@pytest.mark.parametrize("diagram", ["LR", "TB", "RL", "BT"])
@pytest.mark.parametrize("way", ["across", "reversed", "tier"])
@pytest.mark.parametrize("between", ["c, to: a", "a, to: c"])
def test_a_rank_keeps_the_written_order_whatever_edges_join_its_members(
    tmp_path: Path, diagram: str, way: str, between: str
) -> None:
    """The VPC of the review: Web 2 came out before Web 1 in a group running LR."""
    across = ACROSS[diagram]
    direction = {"across": across, "reversed": REVERSED[across], "tier": None}[way]
    text = KEPT.format(
        diagram=diagram,
        direction=f", direction: {direction}" if direction else "",
        between=between,
        tiers="tiers: [[a, b, c]]" if way == "tier" else "",
    )
    stage = stage_of(tmp_path, text)
    boxes = node_boxes(drawn(stage), stage)
    axis, other = (0, 1) if across == "LR" else (1, 0)
    expected = ["c", "b", "a"] if way == "reversed" else ["a", "b", "c"]
    assert order_along(boxes, ["a", "b", "c"], axis) == expected
    assert same([boxes[node].center[other] for node in "abc"])


# --- Ports --------------------------------------------------------------------------------

PORTS = """
    id: ports
    title: Ports
    nodes:
      web: {kind: ec2}
      db: {kind: rds}
      backup: {kind: s3}
    edges:
      - {from: web, to: db}
      - {from: db, to: backup, from_port: bottom, to_port: top}
      - {from: web, to: backup, from_port: right, to_port: left}
    """


def test_an_edge_leaves_and_enters_by_the_sides_named(tmp_path: Path) -> None:
    stage = stage_of(tmp_path, PORTS)
    root = drawn(stage)
    boxes = node_boxes(root, stage)
    start, tip = edge_ends(root, "ports.edge.db--backup")
    assert abs(start[1] - boxes["db"].bottom) < 2
    assert abs(start[0] - boxes["db"].center[0]) < 2
    assert abs(tip[1] - boxes["backup"].top) < 2
    start, tip = edge_ends(root, "ports.edge.web--backup")
    assert abs(start[0] - boxes["web"].right) < 2
    assert abs(tip[0] - boxes["backup"].left) < 2


# An edge between two nodes of one rank: dot 2.43 draws one with a port broken when the
# two stand side by side (a stub in the gap, a single point, a line through both, or a
# crash), and right when a node stands between them.
ONE_RANK = """
    id: one-rank
    title: One rank
    direction: {diagram}
    nodes:
      app: {{kind: ec2}}
      db: {{kind: rds}}
      mid: {{kind: s3}}
      replica: {{kind: rds}}
    {groups}
    edges:
      - {{from: app, to: [db, mid, replica]}}
      - {{from: {tail}, to: {head}{ports}, label: sync, constraint: false}}
    {tiers}
    """
SIDE_PAIRS = [("right", "left"), ("left", "right"), ("bottom", "bottom"), (None, "top")]


def compass_point(box: Box, side: str) -> tuple[float, float]:
    x, y = box.center
    return {
        "top": (x, box.top),
        "bottom": (x, box.bottom),
        "left": (box.left, y),
        "right": (box.right, y),
    }[side]


def path_points(svg: str, edge_id: str) -> list[tuple[float, float]]:
    from svg_shapes import parts

    return parts(svg, "edge")[edge_id].path_points()


@pytest.mark.parametrize("diagram", ["TB", "LR"])
@pytest.mark.parametrize("rank", ["tier", "group"])
@pytest.mark.parametrize("between", [False, True])
@pytest.mark.parametrize(("from_port", "to_port"), SIDE_PAIRS)
def test_a_ported_edge_on_one_rank_is_drawn_by_its_sides_or_refused(
    tmp_path: Path,
    diagram: str,
    rank: str,
    between: bool,
    from_port: str | None,
    to_port: str,
) -> None:
    """Before, the review's tier [db, replica] with db -> replica (right to left) drew a
    hook in the gap touching neither node."""
    members = "[db, mid, replica]" if between else "[db, replica]"
    across = "LR" if diagram == "TB" else "TB"
    ports = (f", from_port: {from_port}" if from_port else "") + f", to_port: {to_port}"
    text = ONE_RANK.format(
        diagram=diagram,
        groups=f"groups: {{rank: {{members: {members}, direction: {across}}}}}"
        if rank == "group"
        else "",
        tiers=f"tiers: [{members}]" if rank == "tier" else "",
        tail="db",
        head="replica",
        ports=ports,
    )
    stages, problems = resolve_specs(tmp_path, text)
    if problems:  # only side by side: with a node between them, dot draws every side
        assert not between
        where = "tier 1" if rank == "tier" else f"group 'rank' (direction {across})"
        assert [p.message for p in problems] == [
            f"edge 'db->replica' has a port, but {where} puts 'db' and 'replica' side by "
            "side on one rank, where Graphviz (dot 2.43) draws an edge with ports broken "
            "or not at all; drop its from_port and to_port, or list a node between the two"
        ]
        lines = (tmp_path / "s1.yaml").read_text(encoding="utf-8").splitlines()
        line = next(n for n, line in enumerate(lines, 1) if "from: db, to: replica" in line)
        key = f"from_port: {from_port}" if from_port else f"to_port: {to_port}"
        column = lines[line - 1].index(key) + key.index(" ") + 2  # at the side named
        assert str(problems[0].location) == f"specs/s1.yaml:{line}:{column}"
        return
    assert_drawn_by_sides(stages[0], "db", "replica", from_port, to_port)


def assert_drawn_by_sides(
    stage: Stage, tail: str, head: str, from_port: str | None, to_port: str | None
) -> None:
    """The edge leaves its tail at the side named and enters its head so, round the
    nodes, through none."""
    svg = render(compile_stage(stage, "en"), ("svg",))["svg"].decode()
    root = ET.fromstring(svg)
    boxes = node_boxes(root, stage)
    start, tip = edge_ends(root, f"{stage.id}.edge.{tail}--{head}")
    for point, node, side in ((start, tail, from_port), (tip, head, to_port)):
        box = boxes[node]
        if side:
            assert math.dist(point, compass_point(box, side)) < 3, (node, side)
        else:  # on the node's border
            assert box.left - 3 < point[0] < box.right + 3, node
            assert box.top - 3 < point[1] < box.bottom + 3, node
    for x, y in path_points(svg, f"{tail}--{head}"):
        for box in boxes.values():
            assert not (box.left + 4 < x < box.right - 4 and box.top + 4 < y < box.bottom - 4)


ORTHO = """
    id: ortho
    title: Ortho
    splines: {splines}
    nodes:
      web: {{kind: ec2}}
      db: {{kind: rds}}
    edges:
      - {{from: web, to: db{ports}}}
    """


@pytest.mark.parametrize("splines", ["ortho", "polyline", "spline"])
@pytest.mark.parametrize(
    ("from_port", "to_port"), [("bottom", "top"), ("top", "bottom"), ("right", None)]
)
def test_ports_are_drawn_with_curved_and_straight_lines_and_refused_with_ortho(
    tmp_path: Path, splines: str, from_port: str, to_port: str | None
) -> None:
    """dot 2.43's orthogonal router ignores ports: it drew an edge through its nodes,
    and failed on some sides (maze.c: chkSgraph assertion)."""
    ports = f", from_port: {from_port}" + (f", to_port: {to_port}" if to_port else "")
    stages, problems = resolve_specs(tmp_path, ORTHO.format(splines=splines, ports=ports))
    if splines == "ortho":
        assert [str(p) for p in problems] == [
            "specs/s1.yaml:8:36: edge 'web->db' has a port, but with 'splines: ortho' "
            "Graphviz (dot 2.43) ignores ports, drawing the edge through its node or not "
            "at all; use splines 'spline' or 'polyline', or drop its from_port and to_port"
        ]
        return
    assert problems == []
    assert_drawn_by_sides(stages[0], "web", "db", from_port, to_port)


# --- The title in the picture --------------------------------------------------------------

TITLED = """
    id: titled
    title: Image pipeline <v2>
    nodes:
      web: {kind: ec2}
      db: {kind: rds}
    edges:
      - {from: web, to: db}
    """


def texts(root: ET.Element) -> dict[str, float]:
    return {
        (text.text or "").strip("\u00a0 "): float(text.get("y", "0"))
        for text in root.iter(f"{SVG}text")
    }


def test_the_title_is_drawn_above_the_drawing_when_asked(tmp_path: Path) -> None:
    stage = stage_of(tmp_path, TITLED)
    assert "Image pipeline <v2>" not in texts(drawn(stage))  # off by default
    root = drawn(stage, show_title=True)
    boxes = node_boxes(root, stage)
    title_y = texts(root)["Image pipeline <v2>"]
    assert title_y < min(box.top for box in boxes.values())


def test_the_title_and_the_legend_are_both_shown(tmp_path: Path) -> None:
    parent = TITLED.replace("Image pipeline <v2>", "Parent")
    child = """
        id: child
        extends: titled
        title: Child stage
        show_title: true
        nodes:
          cache: {kind: elasticache}
        edges:
          - {from: web, to: cache}
        """
    stages, problems = resolve_specs(tmp_path, parent, child)
    assert problems == []
    stage = next(stage for stage in stages if stage.id == "child")
    root = drawn(stage)
    shown = texts(root)
    boxes = node_boxes(root, stage)
    assert shown["Child stage"] < shown["New in this stage"] < min(b.top for b in boxes.values())


# --- The same order as diagrams' own Diagram ---------------------------------------------


def statement_tree(dot_source: str) -> list[str]:
    """The nodes and clusters of a DOT text in statement order, nesting shown by
    'enter NAME' / 'leave' around a cluster's statements; edges and attributes left out."""
    tree = []
    for line in dot_source.splitlines():
        text = line.strip()
        cluster = re.match(r'subgraph "?cluster_([^" ]+)"? \{', text)
        if cluster:
            tree.append(f"enter {cluster[1]}")
        elif text == "}":
            tree.append("leave")
        elif re.match(r'"?[\w-]+"? \[label=', text):
            tree.append(text.split(" ")[0].strip('"'))
    return tree[:-1]  # the digraph's own closing brace


PROGRAM_ORDER = """
    id: program-order
    title: Program order
    nodes:
      lb: {kind: elb}
      web1: {kind: ec2}
      app: {kind: ec2}
      web2: {kind: ec2}
      cache: {kind: elasticache}
      db: {kind: rds}
      queue: {kind: sqs}
    groups:
      web: {label: web, members: [web1, inner, web2]}
      inner: {label: inner, members: [app]}
      data: {label: data, members: [db]}
    edges:
      - {from: lb, to: web1}
    """


def test_nodes_and_groups_come_in_the_order_diagrams_writes_the_same_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The spec lists its nodes in the order the Python program creates them; diagrams
    writes a cluster where its ``with`` block ends, inside the one around it."""
    from diagrams import Cluster, Diagram
    from diagrams.aws.compute import EC2
    from diagrams.aws.database import RDS, ElastiCache
    from diagrams.aws.integration import SQS
    from diagrams.aws.network import ELB

    monkeypatch.chdir(tmp_path)  # Diagram's exit writes its picture into the working folder
    with Diagram("program-order", show=False, outformat="dot") as diagram:
        lb = ELB("lb", nodeid="lb")
        with Cluster("web"):
            web1 = EC2("web1", nodeid="web1")
            with Cluster("inner"):
                EC2("app", nodeid="app")
            EC2("web2", nodeid="web2")
        ElastiCache("cache", nodeid="cache")
        with Cluster("data"):
            RDS("db", nodeid="db")
        SQS("queue", nodeid="queue")
        lb >> web1
        theirs = statement_tree(diagram.dot.source)
    ours = statement_tree(compile_stage(stage_of(tmp_path, PROGRAM_ORDER), "en").dot_source)
    assert ours == theirs
    assert ours == [
        "lb",
        "enter web",
        "web1",
        "enter inner",
        "app",
        "leave",
        "web2",
        "leave",
        "cache",
        "enter data",
        "db",
        "leave",
        "queue",
    ]


def test_the_layout_docs_examples_resolve_and_have_their_pictures() -> None:
    """docs/spec-format.md shows each example of docs/layout/specs/ as a picture."""
    from helpers import REPO

    from archgen.resolve.resolver import resolve_all
    from archgen.spec.load import load_spec

    folder = REPO / "docs" / "layout"
    loaded = [load_spec(path, path.name) for path in sorted((folder / "specs").glob("*.yaml"))]
    stages, problems = resolve_all(loaded)
    assert problems == []
    assert len(stages) == 5
    for stage in stages:
        assert (folder / f"{stage.id}.png").is_file(), stage.id


def test_a_group_emptied_by_remove_adds_no_node_to_a_direction(tmp_path: Path) -> None:
    parent = """
        id: parent
        title: Parent
        nodes:
          a: {kind: ec2}
          x: {kind: ec2}
        groups:
          outer: {members: [inner, x], direction: LR}
          inner: {members: [a]}
        """
    child = "id: child\nextends: parent\ntitle: Child\nremove: [a]\n"
    stages, problems = resolve_specs(tmp_path, parent, child)
    assert problems == []
    source = compile_stage(next(s for s in stages if s.id == "child"), "en").dot_source
    # No statement names the group as if it were a node (dot would draw one).
    assert not re.search(r"^\s*inner\s*$|-> inner\b|\binner ->", source, re.MULTILINE)


def test_inherited_parts_keep_their_order_and_new_ones_follow(tmp_path: Path) -> None:
    """A new loose node comes after what the parent drew (today's book stages add
    the load balancer so); a new group around an inherited node takes its place."""
    parent = """
        id: parent
        title: Parent
        nodes:
          dns: {kind: route53}
          web: {kind: ec2}
          db: {kind: rds}
        groups:
          data: {members: [db]}
        """
    child = """
        id: child
        extends: parent
        title: Child
        nodes:
          lb: {kind: elb}
        groups:
          web-tier: {members: [web]}
        """
    stages, problems = resolve_specs(tmp_path, parent, child)
    assert problems == []
    stage = next(s for s in stages if s.id == "child")
    assert statement_tree(compile_stage(stage, "en").dot_source) == [
        "dns",
        "enter web-tier",
        "web",
        "leave",
        "enter data",
        "db",
        "leave",
        "lb",
    ]


def test_the_aws_groups_example_draws_its_web_servers_in_the_written_order() -> None:
    """docs/styles/aws-groups.yaml: its Auto Scaling group runs TB in an LR diagram, and
    Web server 1 came out below Web server 2 before (the final crossing pass)."""
    from helpers import REPO

    from archgen.resolve.resolver import resolve_all
    from archgen.spec.load import load_spec

    path = REPO / "docs" / "styles" / "aws-groups.yaml"
    stages, problems = resolve_all([load_spec(path, path.name)])
    assert problems == []
    boxes = node_boxes(drawn(stages[0]), stages[0])
    assert boxes["web1"].bottom < boxes["web2"].top
    assert abs(boxes["web1"].center[0] - boxes["web2"].center[0]) < 1
