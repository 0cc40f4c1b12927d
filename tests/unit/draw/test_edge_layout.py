"""Edges and labels in the picture, measured in the SVG dot draws: an edge label sits
beside its own line (never touched by it, at most 12 px off), an edge to a group meets
the group's outline between its members, a request and its answer are drawn side by
side without crossing, and node labels fit their box (no warning from dot)."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from helpers import resolve_specs
from svg_shapes import Box, Part, parts

from archgen.draw.compile import compile_stage
from archgen.draw.edge_layout import rank_estimate
from archgen.draw.icons import icon_root
from archgen.draw.render import render
from archgen.draw.text_metrics import ASCENT, DESCENT, text_width
from archgen.resolve.stage import Stage

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")

# 12 CSS px at the SVG's natural size (1 pt = 4/3 px); closer than 1.5 pt is touching.
FARTHEST = 9.0
NEAREST = 1.5

_TEXT = re.compile(
    r'<text text-anchor="(\w+)" x="(-?[\d.]+)" y="(-?[\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>'
    r"([^<]*)</text>"
)

SERVICE = """\
id: service
title: Service
direction: {direction}
nodes:
  browser: {{kind: browser, label: Web browser}}
  phone: {{kind: mobile, label: Mobile app}}
  dns: {{kind: route53, label: DNS}}
  lb: {{kind: elb, label: Load balancer}}
  web1: {{kind: ec2, label: Web server 1}}
  web2: {{kind: ec2, label: Web server 2}}
  db: {{kind: rds, label: Database}}
  cache: {{kind: elasticache, label: Cache}}
groups:
  users: {{label: Users, members: [browser, phone]}}
  web-tier: {{label: Web tier, members: [web1, web2]}}
edges:
  - {{from: users, to: dns, label: api.mysite.com}}
  - {{from: dns, to: users, label: 88.88.88.1, style: dashed}}
  - {{from: users, to: lb, label: "Public IP: 88.88.88.1"}}
  - {{from: lb, to: [web1, web2], label: Private IP}}
  - {{from: web-tier, to: db, label: read/write/update}}
  - {{from: web-tier, to: cache, label: check}}
"""


def stage_of(tmp_path: Path, text: str) -> Stage:
    stages, problems = resolve_specs(tmp_path, text)
    assert problems == []
    return stages[0]


def drawn(stage: Stage) -> str:
    return render(compile_stage(stage, "en"), ("svg",))["svg"].decode()


def text_box(edge: Part) -> Box:
    """The box the label's lines cover, from the font's own advance widths."""
    boxes = []
    for anchor, x, y, size, text in _TEXT.findall(edge.body):
        width = text_width(text.replace("&#160;", " "), float(size))
        left = float(x) - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        top, bottom = float(y) - ASCENT * float(size), float(y) + DESCENT * float(size)
        boxes.append(Box(left, top, left + width, bottom))
    assert boxes, f"edge {edge.id} has no label"
    return Box(
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )


def outline(part: Part) -> Box:
    found = re.search(r'<(?:path|polygon)[^>]* (?:d|points)="([^"]*)"', part.body)
    assert found, f"{part.id} has no outline"
    points = [(float(a), float(b)) for a, b in re.findall(r"(-?[\d.]+),(-?[\d.]+)", found[1])]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def node_box(part: Part) -> Box:
    icon = part.icons[0][1]  # the icon spans the node's width at its top
    return icon


def test_every_edge_label_sits_beside_its_own_line(tmp_path: Path) -> None:
    """Never touched or struck by its line, and no more than 12 px (9 pt) from it, in a
    top-down diagram (left to right, a diagonal line can pass farther: see the docs)."""
    svg = drawn(stage_of(tmp_path, SERVICE.format(direction="TB")))
    distances = {}
    for edge in parts(svg, "edge").values():
        box = text_box(edge)
        distances[edge.id] = round(min(box.distance_to(x, y) for x, y in edge.path_points()), 1)
    assert len(distances) == 7
    assert all(NEAREST <= d <= FARTHEST for d in distances.values()), distances


def test_edges_of_a_group_meet_its_outline_between_its_members(tmp_path: Path) -> None:
    """The web tier's edges end on the group's box, not in front of Web server 1."""
    svg = drawn(stage_of(tmp_path, SERVICE.format(direction="TB")))
    group = outline(parts(svg, "cluster")["web-tier"])
    members = [node_box(parts(svg, "node")[n]) for n in ("web1", "web2")]
    for edge_id in ("web-tier--db", "web-tier--cache"):
        x, y = parts(svg, "edge")[edge_id].path_points()[0]
        assert abs(y - group.bottom) < 2, (edge_id, y, group)  # leaves by its bottom side
        assert not any(m.left <= x <= m.right for m in members), (edge_id, x, members)


def test_group_edges_under_ortho_go_to_the_first_member(tmp_path: Path) -> None:
    """dot does not clip an ortho edge at a cluster: the edge goes to a member, as before."""
    text = SERVICE.format(direction="TB") + "splines: ortho\n"
    dot = compile_stage(stage_of(tmp_path, text), "en").dot_source
    assert "web-tier.edges" not in dot
    assert re.search(r"\tweb1 -> db \[", dot)


def crossings(first: list[tuple[float, float]], second: list[tuple[float, float]]) -> int:
    def side(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    count = 0
    for p, q in pairwise(first):
        for r, s in pairwise(second):
            if side(p, q, r) * side(p, q, s) < 0 and side(r, s, p) * side(r, s, q) < 0:
                count += 1
    return count


def bow(edge: Part) -> float:
    """How much longer the edge's line is than the straight line between its ends."""
    points = edge.path_points()
    length = sum(math.dist(a, b) for a, b in pairwise(points))
    return length / math.dist(points[0], points[-1])


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_a_request_and_its_answer_are_drawn_side_by_side(tmp_path: Path, direction: str) -> None:
    """users -> dns and dns -> users: their lines never cross, the request runs straight
    (no loop out and back), and the answer's arrowhead is at the users' end, where the
    spec points it."""
    stage = stage_of(tmp_path, SERVICE.format(direction=direction))
    svg = drawn(stage)
    edges = parts(svg, "edge")
    request, answer = edges["users--dns"], edges["dns--users"]
    assert crossings(request.path_points(), answer.path_points()) == 0
    assert bow(request) < 1.15, "the request runs straight, not round its label"
    users = outline(parts(svg, "cluster")["users"])
    head = re.search(r'<polygon[^>]* points="(-?[\d.]+),(-?[\d.]+)', answer.body)
    assert head, "the answer has no arrowhead"
    assert users.distance_to(float(head[1]), float(head[2])) < 12
    dot = compile_stage(stage, "en").dot_source
    assert re.search(r'\t"users\.edges" -> dns \[.*dir=back.*id="service\.edge\.dns--users"', dot)
    assert re.search(r'id="service\.edge\.users--dns".* weight=3', dot)


LONG_LABELS = """\
id: long
title: Long labels
direction: TB
nodes:
  beanstalk: {kind: elastic-beanstalk, label: Elastic Beanstalk}
  formation: {kind: cloudformation, label: CloudFormation}
  workers: {kind: ec2, label: Workers (consumers), color: red}
  scaled: {kind: ec2, label: Web server (scaled up)}
  dns: {kind: route53, label: DNS (geo-routing)}
  shards: {kind: rds, label: Databases (shards)}
edges:
  - {from: dns, to: [beanstalk, formation, workers, scaled, shards]}
"""


def test_node_labels_fit_their_box(tmp_path: Path) -> None:
    """Labels dot warned "size too small for label" for are wrapped to the box."""
    dot_source = compile_stage(stage_of(tmp_path, LONG_LABELS), "en").dot_source
    result = subprocess.run(
        ["dot", "-Tsvg", "-o", "/dev/null"],
        input=dot_source.encode(),
        capture_output=True,
        cwd=icon_root(),
        check=True,
    )
    assert result.stderr.decode() == ""
    assert "label=<Elastic<BR/>Beanstalk>" in dot_source
    assert "label=<Replica (slave)>" not in dot_source  # (a label that fits stays whole)


PAIRS = """\
id: pairs
title: Pairs
nodes:
  a: {kind: ec2, label: A}
  b: {kind: rds, label: B}
  c: {kind: elasticache, label: C}
edges:
  - {id: ask, from: a, to: b, label: ask}
  - {id: reply, from: b, to: a, label: reply}
  - {id: again, from: a, to: b, label: again}
  - {id: get, from: a, to: c, label: get}
  - {id: data, from: a, to: c, label: data, direction: back}
"""


def test_answers_written_either_way_make_a_pair(tmp_path: Path) -> None:
    """B -> A after A -> B is turned; A -> B with direction back answers A -> B as it is;
    a third A -> B is a request of its own, not an answer of the answer."""
    source = compile_stage(stage_of(tmp_path, PAIRS), "en").dot_source
    found = re.findall(r'(\t\S+ -> .*id="pairs\.edge\.([\w-]+)".*)', source)
    ids = {"a--b": "ask", "b--a": "reply", "a--b-2": "again", "a--c": "get", "a--c-2": "data"}
    edge = {ids[part_id]: statement for statement, part_id in found}
    assert edge["reply"].startswith("\ta -> b ") and "dir=back" in edge["reply"]
    assert "weight=3" in edge["ask"] and "weight=3" in edge["get"]
    assert "weight" not in edge["again"] and "weight" not in edge["reply"]
    assert edge["data"].startswith("\ta -> c ") and "dir=back" in edge["data"]


TWO_DATA_CENTERS = """\
id: data-centers
title: Data centers
direction: TB
nodes:
  lb: {kind: elb, label: Load balancer}
  session: {kind: dynamodb, label: Session store}
  web: {kind: ec2, label: Web servers}
  db: {kind: rds, label: Databases}
  cache: {kind: elasticache, label: Caches}
  web-west: {kind: ec2, label: Web servers}
  session-west: {kind: dynamodb, label: Session store}
  db-west: {kind: rds, label: Databases}
  cache-west: {kind: elasticache, label: Caches}
groups:
  east: {label: "DC1: US-East", members: [session, web, cache, db]}
  west: {label: "DC2: US-West", members: [web-west, session-west, db-west, cache-west]}
tiers:
  - [session, web]
  - [web-west, session-west]
edges:
  - {from: lb, to: [east, west], label: geo-routed}
  - {from: web, to: [cache, db]}
  - {from: web, to: session, direction: both}
  - {from: web-west, to: [db-west, cache-west]}
  - {from: web-west, to: session-west, direction: both}
  - {id: sync, from: db, to: db-west, label: "data\\nsync", style: dashed, direction: both,
     constraint: false}
"""


def test_a_constraint_free_edge_between_two_groups_is_one_line(tmp_path: Path) -> None:
    """dot 2.43 drew the data sync between the two data centers' databases as two paths
    with four arrowheads when written tail first; archgen writes it from its later end."""
    svg = drawn(stage_of(tmp_path, TWO_DATA_CENTERS))
    sync = parts(svg, "edge")["db--db-west"]
    assert sync.body.count("<path") == 1
    assert sync.body.count("<polygon") == 2  # an arrowhead at each end


def test_edges_to_a_group_whose_tier_is_joined_meet_its_box_above_the_busiest_node(
    tmp_path: Path,
) -> None:
    """Session store and web servers are joined in their tier, so no anchor can stand
    between them: the load balancer's lines end on each box's top side above its web
    servers, and the box is no wider than its members (the data sync's words, between
    the boxes, stay clear of both)."""
    svg = drawn(stage_of(tmp_path, TWO_DATA_CENTERS))
    edges, clusters, nodes = parts(svg, "edge"), parts(svg, "cluster"), parts(svg, "node")
    for group, hub, others in (
        ("east", "web", ("session", "cache", "db")),
        ("west", "web-west", ("session-west", "db-west", "cache-west")),
    ):
        box, web = outline(clusters[group]), node_box(nodes[hub])
        x, y = edges[f"lb--{group}"].path_points()[-1]
        assert abs(y - box.top) < 12, (group, y, box)  # the arrowhead's tip on the top side
        assert web.left - 10 <= x <= web.right + 10, (group, x, web)
        members = [node_box(nodes[n]) for n in (hub, *others)]
        assert box.left > min(m.left for m in members) - 20, (group, box, members)
        assert box.right < max(m.right for m in members) + 20, (group, box, members)
    words = text_box(edges["db--db-west"])
    assert outline(clusters["east"]).right < words.left
    assert words.right < outline(clusters["west"]).left


def test_an_edge_leaving_a_group_downward_leaves_by_its_bottom(tmp_path: Path) -> None:
    """The data center's line to the tools under it starts on the box's bottom side:
    drawn from the web servers on its first rank, it ran down inside the box and left
    by its side."""
    text = (
        TWO_DATA_CENTERS.replace(
            "  cache-west: {kind: elasticache, label: Caches}\n",
            "  cache-west: {kind: elasticache, label: Caches}\n"
            "  tools: {kind: cloudwatch, label: CloudWatch}\n",
        )
        + "  - {from: east, to: tools, label: logs}\n  - {from: db-west, to: tools}\n"
    )
    svg = drawn(stage_of(tmp_path, text))
    box = outline(parts(svg, "cluster")["east"])
    x, y = parts(svg, "edge")["east--tools"].path_points()[0]
    assert abs(y - box.bottom) < 2, (y, box)  # leaves by its bottom side
    assert box.left < x < box.right, (x, box)


def test_the_rank_estimate_counts_a_tier_as_one_rank_and_survives_a_cycle(
    tmp_path: Path,
) -> None:
    text = """\
id: ranks
title: Ranks
direction: TB
nodes:
  a: {kind: ec2, label: A}
  b: {kind: ec2, label: B}
  c: {kind: ec2, label: C}
  d: {kind: ec2, label: D}
tiers:
  - [b, d]
edges:
  - {from: a, to: b}
  - {from: b, to: c}
  - {from: c, to: b}
"""
    ranks = rank_estimate(stage_of(tmp_path, text), frozenset())
    assert ranks["a"] == 0
    assert ranks["b"] == ranks["d"] == 1  # one tier, one rank
    assert ranks["c"] >= 1  # in a cycle with b: given a rank, not looped over for ever
