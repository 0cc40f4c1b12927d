"""`archgen diff` reports every key that changes the picture or the page: a node's
colour, a group's shape, fill, border and layout, an edge's ports, a stage's tiers,
wrap, splines, title and direction; and its diff diagram draws such a part as changed.
Each case edits one key between two folders (or two commits) of one small spec."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import git, run_archgen

SVG = "{http://www.w3.org/2000/svg}"

SHOP = """\
id: shop
title: Shop
splines: polyline
wrap: 16
show_title: false
direction: LR
tiers:
  - [db, cache]
nodes:
  web: {kind: ec2, label: Web}
  app: {kind: ec2, label: App}
  db: {kind: rds, label: Database, color: blue}
  cache: {kind: elasticache, label: Cache}
groups:
  net: {label: Network, members: [web, app], style: vpc, direction: LR}
  data:
    {label: Data, members: [db, cache], style: public-subnet, fill: '#F5F5F5', border: grey,
     border_style: dashed}
edges:
  - {from: web, to: db, from_port: bottom, to_port: top}
  - {from: app, to: db}
"""


def diff(tmp_path: Path, old: str, new: str, *args: str) -> tuple[int, str]:
    """Diff SHOP against SHOP with ``old`` replaced by ``new``: the exit code, the report."""
    assert old in SHOP
    for side, text in (("base", SHOP), ("head", SHOP.replace(old, new))):
        (tmp_path / side).mkdir(exist_ok=True)
        (tmp_path / side / "shop.yaml").write_text(text)
    result = run_archgen("diff", "base", "head", *args, cwd=tmp_path)
    assert result.stderr == ""
    return result.code, result.stdout


def changes(report: str) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The JSON report's changes: (part, id, [(field, before, after)])."""
    (stage,) = json.loads(report)["stages"]
    return [
        (c["part"], c["id"], [(f["name"], f["before"], f["after"]) for f in c["fields"]])
        for c in stage["changes"]
        if c["status"] == "changed"
    ]


def test_a_node_colour_is_compared(tmp_path: Path) -> None:
    code, report = diff(tmp_path, "color: blue", "color: red", "--format", "json")
    assert code == 1
    assert changes(report) == [("node", "db", [("color", "blue", "red")])]
    code, page = diff(tmp_path, "color: blue", "color: red")
    assert "| node | `db` | changed | color: blue → red |" in page.splitlines()


@pytest.mark.parametrize(
    ("old", "new", "row"),
    [
        ("style: vpc", "style: region", "style: vpc → region"),
        ("fill: '#F5F5F5'", "fill: '#FFFFFF'", r"fill: \#F5F5F5 → \#FFFFFF"),
        ("border: grey", "border: red", "border: grey → red"),
        ("border_style: dashed", "border_style: dotted", "border_style: dashed → dotted"),
        ("direction: LR}", "direction: TB}", "direction: LR → TB"),
        (", style: vpc", "", "style: vpc → ∅"),
    ],
)
def test_a_groups_shape_fill_border_and_direction_are_compared(
    tmp_path: Path, old: str, new: str, row: str
) -> None:
    code, page = diff(tmp_path, old, new)
    assert code == 1
    group = "net" if "vpc" in old or "direction" in old else "data"
    assert f"| group | `{group}` | changed | {row} |" in page.splitlines()
    assert "- **Shop** (`shop`): changed — 1 × group changed" in page.splitlines()


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("from_port: bottom", "from_port: right", ("from_port", "bottom", "right")),
        ("to_port: top", "to_port: left", ("to_port", "top", "left")),
        ("{from: app, to: db}", "{from: app, to: db, to_port: right}", ("to_port", "", "right")),
    ],
)
def test_an_edges_ports_are_compared(
    tmp_path: Path, old: str, new: str, field: tuple[str, str, str]
) -> None:
    code, report = diff(tmp_path, old, new, "--format", "json")
    assert code == 1
    edge = "app->db" if "app" in old else "web->db"
    assert changes(report) == [("edge", edge, [field])]


# The rows as the Markdown holds them: '#', '[' and ']' escaped, so a value reads as
# written once the comment is rendered.
@pytest.mark.parametrize(
    ("old", "new", "row"),
    [
        ("splines: polyline", "splines: spline", "splines: polyline → spline"),
        ("wrap: 16", "wrap: 30", "wrap: 16 → 30"),
        ("show_title: false", "show_title: true", "show_title: false → true"),
        ("  - [db, cache]", "  - [cache, db]", r"tiers: \[db, cache\] → \[cache, db\]"),
        ("tiers:\n  - [db, cache]\n", "", r"tiers: \[db, cache\] → ∅"),
        ("direction: LR\n", "direction: TB\n", "direction: LR → TB"),
    ],
)
def test_a_stages_layout_settings_are_compared(
    tmp_path: Path, old: str, new: str, row: str
) -> None:
    code, page = diff(tmp_path, old, new)
    assert code == 1
    lines = page.splitlines()
    assert f"| diagram | `shop` | changed | {row} |" in lines
    assert "- **Shop** (`shop`): changed — 1 × diagram changed" in lines


def test_several_settings_are_one_diagram_change_in_json(tmp_path: Path) -> None:
    edited = "splines: spline\nwrap: 30"
    code, report = diff(tmp_path, "splines: polyline\nwrap: 16", edited, "--format", "json")
    assert code == 1
    assert changes(report) == [
        ("diagram", "shop", [("splines", "polyline", "spline"), ("wrap", "16", "30")])
    ]


def test_a_part_moved_into_the_stage_that_extends_is_a_change_there(tmp_path: Path) -> None:
    """The cache leaves the parent and the child declares it: the child's picture is the
    same but for its NEW badge, which the child's diff names."""
    child = "id: more\nextends: shop\ntitle: More\nnodes:\n  extra: {kind: ec2}\n"
    moved = "id: more\nextends: shop\ntitle: More\nnodes:\n  extra: {kind: ec2}\n"
    moved += "  cache: {kind: elasticache, label: Cache}\n"
    parent = SHOP.replace("  cache: {kind: elasticache, label: Cache}\n", "")
    parent = parent.replace("[db, cache]", "[db]")
    for side, texts in (("base", (SHOP, child)), ("head", (parent, moved))):
        (tmp_path / side).mkdir()
        for name, text in zip(("shop", "more"), texts, strict=True):
            (tmp_path / side / f"{name}.yaml").write_text(text)
    result = run_archgen("diff", "base", "head", "--format", "json", cwd=tmp_path)
    assert result.code == 1, result.stderr
    stages = {stage["id"]: stage for stage in json.loads(result.stdout)["stages"]}
    (cache,) = [c for c in stages["more"]["changes"] if c["id"] == "cache"]
    assert cache["status"] == "changed"
    assert cache["fields"] == [{"name": "in this stage", "before": "inherited", "after": "new"}]
    assert ("node", "cache", "removed") in {
        (c["part"], c["id"], c["status"]) for c in stages["shop"]["changes"]
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A pull request that moves the data out of the public subnet into a private one and
    recolours the database."""
    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "shop.yaml"
    spec.write_text(SHOP)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    text = SHOP.replace("style: public-subnet", "style: private-subnet")
    spec.write_text(text.replace("color: blue", "color: red"))
    git(tmp_path, "commit", "-q", "-am", "head")
    return tmp_path


def test_a_pull_request_moving_a_subnet_is_visible_and_drawn_changed(repo: Path) -> None:
    result = run_archgen("diff", "HEAD~1", "HEAD", "-o", "review", cwd=repo)
    assert result.code == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "| group | `data` | changed | style: public-subnet → private-subnet |" in lines
    root = ET.parse(repo / "review" / "shop.diff.svg").getroot()
    by_id = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    outline = by_id["shop.group.data"].find(f"{SVG}path") or by_id["shop.group.data"].find(
        f"{SVG}polygon"
    )
    assert outline is not None and outline.get("stroke-width") == "2", "a changed group's pen"
    other = by_id["shop.group.net"].find(f"{SVG}path") or by_id["shop.group.net"].find(
        f"{SVG}polygon"
    )
    assert other is not None and other.get("stroke-width") in (None, "1")
    # Its outline keeps the private subnet's colour: the badge beside its label says it.
    assert "".join(by_id["shop.group.data"].itertext()).split() == [
        "cluster_data",
        "Data",
        "CHANGED",
    ]
    assert "".join(by_id["shop.group.net"].itertext()).split() == ["cluster_net", "Network"]
    assert "CHANGED" in "".join(by_id["shop.node.db"].itertext()), "the recoloured node"
    assert "CHANGED" not in "".join(by_id["shop.node.web"].itertext())


def test_an_added_stage_lists_its_diagram_settings(tmp_path: Path) -> None:
    for side in ("base", "head"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "other.yaml").write_text("id: other\ntitle: Other\n")
    (tmp_path / "head" / "shop.yaml").write_text(SHOP)
    result = run_archgen("diff", "base", "head", cwd=tmp_path)
    assert result.code == 1, result.stderr
    settings = r"direction LR, tiers \[db, cache\], splines polyline, wrap 16, show\_title false"
    assert f"| diagram | `shop` | added | {settings} |" in result.stdout.splitlines()
