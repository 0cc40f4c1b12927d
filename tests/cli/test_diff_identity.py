"""`archgen diff` knows which part is which: an edge by its spec `id:` (a moved end is a
change of that edge), a node replaced under a new id by a "renamed?" hint, and a change
made in a stage by that stage alone (the stages extending it say they inherit it)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from helpers import REPO_STAGES, copy_repo_specs, run_archgen

SVG = "{http://www.w3.org/2000/svg}"
# The default theme's pens in a diff diagram: a changed part, a removed one.
CHANGED_PEN, GHOST_PEN = "#d55e00", "#9e9e9e"

SHOP = """\
id: shop
title: Shop
nodes:
  cdn: {kind: cloudfront, label: CDN}
  edge-cache: {kind: elasticache, label: Edge cache}
  web: {kind: ec2, label: Web}
  web2: {kind: ec2, label: Web 2}
  db: {kind: rds, label: Database}
groups:
  data: {label: Data, members: [db]}
edges:
  - {id: serve, from: cdn, to: web, label: serves}
  - {id: fan, from: cdn, to: [web, web2]}
  - {from: web, to: db, label: writes}
"""


def diff_folders(
    tmp_path: Path, base: str, head: str, *args: str, name: str = "shop.yaml"
) -> tuple[int, str]:
    for side, text in (("base", base), ("head", head)):
        (tmp_path / side).mkdir(parents=True, exist_ok=True)
        (tmp_path / side / name).write_text(text)
    result = run_archgen("diff", "base", "head", *args, cwd=tmp_path)
    assert result.stderr == ""
    return result.code, result.stdout


def edge_changes(stage: dict[str, Any]) -> list[tuple[str, str, list[str], list[tuple[str, ...]]]]:
    return [
        (
            c["id"],
            c["status"],
            c["edge_ids"],
            [(f["name"], f["before"], f["after"]) for f in c["fields"]],
        )
        for c in stage["changes"]
        if c["part"] == "edge"
    ]


def test_an_edge_with_an_id_moved_to_another_source_is_one_changed_edge(tmp_path: Path) -> None:
    head = SHOP.replace("{id: serve, from: cdn,", "{id: serve, from: edge-cache,")
    code, report = diff_folders(tmp_path, SHOP, head, "--format", "json")
    assert code == 1
    (stage,) = json.loads(report)["stages"]
    assert edge_changes(stage) == [
        ("serve", "changed", ["edge-cache->web"], [("from", "cdn", "edge-cache")])
    ]
    code, page = diff_folders(tmp_path, SHOP, head, "-o", "review")
    assert code == 1
    assert "- **Shop** (`shop`): changed — 1 × edge changed" in page.splitlines()
    assert (
        "| edge | `serve` (`edge-cache->web`) | changed | from: cdn → edge-cache |"
        in page.splitlines()
    )
    # Drawn as the one changed edge it is, not a grey ghost beside a blue new one.
    root = ET.parse(tmp_path / "review" / "shop.diff.svg").getroot()
    pens = {
        g.get("id"): path.get("stroke")
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "edge" and (path := g.find(f"{SVG}path")) is not None
    }
    assert pens["shop.edge.edge-cache--web"] == CHANGED_PEN
    assert len(pens) == 4 and GHOST_PEN not in pens.values()


def test_a_step_bound_to_a_moved_edge_is_unchanged(tmp_path: Path) -> None:
    base = SHOP + "steps:\n  - {edge: serve, text: The CDN serves the page.}\n"
    head = base.replace("{id: serve, from: cdn,", "{id: serve, from: edge-cache,")
    code, report = diff_folders(tmp_path, base, head, "--format", "json")
    assert code == 1
    (stage,) = json.loads(report)["stages"]
    assert [(c["part"], c["id"]) for c in stage["changes"]] == [("edge", "serve")]


def test_a_fan_out_moved_is_one_change_and_a_pair_added_names_its_pair(tmp_path: Path) -> None:
    moved = SHOP.replace("{id: fan, from: cdn,", "{id: fan, from: edge-cache,")
    code, report = diff_folders(tmp_path, SHOP, moved, "--format", "json")
    (stage,) = json.loads(report)["stages"]
    assert edge_changes(stage) == [
        (
            "fan",
            "changed",
            ["edge-cache->web", "edge-cache->web2"],
            [("from", "cdn", "edge-cache")],
        )
    ]
    wider = SHOP.replace("to: [web, web2]}", "to: [web, web2, db]}")
    code, page = diff_folders(tmp_path, SHOP, wider)
    assert code == 1
    rows = [line for line in page.splitlines() if line.startswith("| edge")]
    assert rows == ["| edge | `fan` (`cdn->db`) | added |  |"], "the two kept pairs are the same"


def test_a_node_replaced_under_a_new_id_carries_a_rename_hint(tmp_path: Path) -> None:
    head = (
        SHOP.replace("  db: {kind: rds, label: Database}", "  database: {kind: rds, label: Main}")
        .replace("members: [db]", "members: [database]")
        .replace("to: db,", "to: database,")
    )
    code, page = diff_folders(tmp_path, SHOP, head)
    assert code == 1
    lines = page.splitlines()
    # Still added and removed (ids are what the diff matches): the hint is a question.
    assert "| node | `database` | added | Main — renamed from `db`? |" in lines
    assert "| node | `db` | removed | Database — renamed to `database`? |" in lines
    code, korean = diff_folders(tmp_path, SHOP, head, "--lang", "ko")
    assert "| 노드 | `database` | 추가됨 | Main — `db`에서 이름이 바뀌었나? |" in korean
    code, report = diff_folders(tmp_path, SHOP, head, "--format", "json")
    (stage,) = json.loads(report)["stages"]
    hints = {
        (c["id"], c["status"]): (c["renamed_from"], c["renamed_to"])
        for c in stage["changes"]
        if c["part"] == "node"
    }
    assert hints == {("database", "added"): ("db", None), ("db", "removed"): (None, "database")}


def test_no_rename_hint_for_another_kind_other_neighbours_or_two_look_alikes(
    tmp_path: Path,
) -> None:
    other_kind = SHOP.replace("  db: {kind: rds,", "  db2: {kind: dynamodb,")
    other_kind = other_kind.replace("[db]", "[db2]").replace("to: db,", "to: db2,")
    other_edges = SHOP.replace("  db: {kind: rds,", "  db2: {kind: rds,")
    other_edges = other_edges.replace("[db]", "[db2]").replace("to: db,", "to: web2,")
    two = SHOP.replace(
        "  web2: {kind: ec2, label: Web 2}",
        "  web2: {kind: ec2, label: Web 2}\n  a: {kind: ec2}\n  b: {kind: ec2}",
    )
    two_base = SHOP.replace(
        "  web2: {kind: ec2, label: Web 2}",
        "  web2: {kind: ec2, label: Web 2}\n  c: {kind: ec2}\n  d: {kind: ec2}",
    )
    for number, (base, head) in enumerate(
        [(SHOP, other_kind), (SHOP, other_edges), (two_base, two)]
    ):
        code, page = diff_folders(tmp_path / str(number), base, head)
        assert code == 1
        assert "renamed" not in page, page


def real_specs_diff(tmp_path: Path, *edits: tuple[str, str], fmt: str = "json") -> str:
    """The repository's twelve stages against themselves with stage 2's spec edited
    (each edit: the text replaced, its replacement): the report."""
    for side in ("base", "head"):
        copy_repo_specs(tmp_path / side)
    spec = tmp_path / "head" / "specs" / "02-database.yaml"
    text = spec.read_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    spec.write_text(text)
    result = run_archgen("diff", "base/specs", "head/specs", "--format", fmt, cwd=tmp_path)
    assert result.code == 1, result.stderr
    return result.stdout


# Stage 2 relabels DNS, which stage 9 labels itself, and the users' group, which no
# later stage declares again.
RELABEL_DNS = ("nodes:\n", "nodes:\n  dns: {label: Name server}\n")
RELABEL_USERS = ("groups:\n", "groups:\n  users: {label: People}\n")
# The stages that carry DNS's label from stage 2 along: 3 to 8.
CARRY_DNS = REPO_STAGES[2:8]


def test_a_node_relabelled_in_stage_two_is_reported_once_and_inherited_after(
    tmp_path: Path,
) -> None:
    report = json.loads(real_specs_diff(tmp_path, RELABEL_DNS))
    stages = {stage["id"]: stage for stage in report["stages"]}
    own = [(c["part"], c["id"], c["status"]) for c in stages["database"]["changes"]]
    assert own == [("node", "dns", "changed")]
    assert list(stages) == ["database", *CARRY_DNS], "9 to 12 label DNS themselves"
    for stage_id in CARRY_DNS:
        assert stages[stage_id]["status"] == "changed"
        assert stages[stage_id]["changes"] == [], stage_id
        (inherited,) = stages[stage_id]["inherited"]
        assert (inherited["id"], inherited["inherited_from"]) == ("dns", "database")
        assert inherited["fields"] == [{"name": "label", "before": "DNS", "after": "Name server"}]


def test_stages_three_to_twelve_say_what_they_inherit_and_list_it_nowhere_else(
    tmp_path: Path,
) -> None:
    page = real_specs_diff(tmp_path, RELABEL_DNS, RELABEL_USERS, fmt="markdown")
    lines = page.splitlines()
    summaries = [line for line in lines if line.startswith("- **")]
    assert summaries[0] == (
        "- **Database** (`database`): changed — 1 × node changed, 1 × group changed"
    )
    assert len(summaries) == 11
    for line, stage_id in zip(summaries[1:], REPO_STAGES[2:], strict=True):
        count = "2 changes" if stage_id in CARRY_DNS else "1 change"
        assert line.endswith(f"(`{stage_id}`): changed — inherits {count} from `database`")
    # Each change is one row of one table, the stage's that made it.
    rows = [line for line in lines if line.startswith(("| node", "| group"))]
    marked = "<br>in this stage: inherited → changed |"
    assert rows == [
        f"| node | `dns` | changed | label: DNS → Name server{marked}",
        f"| group | `users` | changed | label: Users → People{marked}",
    ]
    assert page.count("<details>") == 1, "no table for the stages that only inherit"
    assert page.count("```mermaid") == 1, "one flowchart, the stage's that made the change"


def test_the_mermaid_format_draws_only_the_stage_that_made_the_change(tmp_path: Path) -> None:
    report = real_specs_diff(tmp_path, RELABEL_USERS, fmt="mermaid")
    headers = [line for line in report.splitlines() if line.startswith("%% ")]
    assert headers == ["%% database: changed"]
