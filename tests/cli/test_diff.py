"""`archgen diff` on two commits of a real git repository: the Markdown, the JSON and the
diff diagram name exactly what was added, removed and changed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import copy_example_specs, git, run_archgen

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits: the second adds a cache, renames DNS and drops the return edge."""
    copy_example_specs(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    first = tmp_path / "specs" / "01-single-server.yaml"
    first.write_text(
        first.read_text().replace(
            "dns: {kind: route53, label: DNS}", "dns: {kind: route53, label: Name server}"
        )
    )
    second = tmp_path / "specs" / "02-database.yaml"
    text = second.read_text()
    text = text.replace(
        "  db: {kind: rds,", "  cache: {kind: elasticache, label: Cache}\n  db: {kind: rds,"
    )
    text = text.replace(
        "  - {id: return-data, from: web-tier, to: data-tier, label: {en: return data, "
        "ko: 데이터 반환},\n     style: dashed, direction: back}\n",
        "",
    )
    second.write_text(text)
    git(tmp_path, "commit", "-q", "-am", "head")
    return tmp_path


def test_json_names_what_was_added_removed_and_changed(repo: Path) -> None:
    result = run_archgen("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert result.code == 1, result.stderr
    report = json.loads(result.stdout)
    assert (report["base"], report["head"]) == ("HEAD~1", "HEAD")
    changes = {
        stage["id"]: {(c["part"], c["id"], c["status"]) for c in stage["changes"]}
        for stage in report["stages"]
    }
    assert changes == {
        "single-server": {("node", "dns", "changed")},
        "database": {("node", "cache", "added"), ("edge", "return-data", "removed")},
    }
    dns = next(c for c in report["stages"][0]["changes"] if c["id"] == "dns")
    assert dns["fields"] == [{"name": "label", "before": "DNS", "after": "Name server"}]
    database = report["stages"][1]
    # The DNS renamed in the first stage is the second's only by inheritance: said, once.
    assert [(c["id"], c["inherited_from"]) for c in database["inherited"]] == [
        ("dns", "single-server")
    ]
    removed = next(c for c in database["changes"] if c["id"] == "return-data")
    assert removed["edge_ids"] == ["web-tier->data-tier#2"]


def test_markdown_is_a_pull_request_comment(repo: Path) -> None:
    result = run_archgen("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "### Architecture changes: `HEAD~1` → `HEAD`"
    assert "- **Single server** (`single-server`): changed — 1 × node changed" in lines
    assert (
        "- **Database** (`database`): changed — 1 × node added, 1 × edge removed; "
        "inherits 1 change from `single-server`"
    ) in lines
    assert "<details><summary>Database (<code>database</code>): changed</summary>" in lines
    assert lines.count("| node | `dns` | changed | label: DNS → Name server |") == 1
    assert "| node | `cache` | added | Cache |" in lines
    assert "| edge | `return-data` (`web-tier->data-tier#2`) | removed | return data |" in lines
    assert "Inherited from `single-server`: node `dns` changed." in lines
    korean = run_archgen("diff", "HEAD~1", "HEAD", "--lang", "ko", cwd=repo).stdout
    assert "; `single-server`의 변경 1개를 물려받음" in korean


def test_diff_diagram_marks_added_changed_and_removed_parts(repo: Path) -> None:
    result = run_archgen("diff", "HEAD~1", "HEAD", "-o", "review", cwd=repo)
    assert result.code == 1, result.stderr
    assert sorted(p.name for p in (repo / "review").iterdir()) == [
        "database.diff.svg",
        "single-server.diff.svg",
    ]
    assert "![Diff diagram: Database](database.diff.svg)" in result.stdout
    root = ET.parse(repo / "review" / "database.diff.svg").getroot()
    nodes = {
        g.findtext(f"{SVG}title"): "".join(g.itertext())
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "node"
    }
    # The DNS renamed in the stage it extends is drawn changed: the picture changes too.
    assert "NEW" in nodes["cache"] and "CHANGED" in nodes["dns"]
    assert "NEW" not in nodes["web"] and "CHANGED" not in nodes["web"]
    ghost = next(
        g for g in root.iter(f"{SVG}g") if g.get("id") == "database.edge.web-tier--data-tier-2"
    )
    path = ghost.find(f"{SVG}path")
    assert path is not None
    assert path.get("stroke") == "#9e9e9e" and path.get("stroke-dasharray") == "1,5"
    legend = "".join(root.itertext())
    for words in ("Added", "Changed", "Removed"):
        assert words in legend
    assert not (repo / "output").exists(), "diff never writes into output/"


def test_mermaid_prints_one_flowchart_per_changed_stage(repo: Path) -> None:
    result = run_archgen("diff", "HEAD~1", "HEAD", "--format", "mermaid", cwd=repo)
    assert result.code == 1, result.stderr
    blocks = result.stdout.split("\n\n")
    assert [block.splitlines()[:2] for block in blocks] == [
        ["%% single-server: changed", "flowchart TB"],
        ["%% database: changed", "flowchart TB"],
    ]
    database = blocks[1]
    assert re.search(r'^    n\d+\["Cache<br>\+ added"\]$', database, re.M)
    assert re.search(r'^    n\d+\["Name server<br>#126; changed"\]$', database, re.M)
    assert re.search(
        r'^    g\d+ -\.->\|"return data #40;\u2212 removed#41;"\| g\d+$', database, re.M
    )
    assert "classDef added" in database and "stroke:#9E9E9E,stroke-width:2px" in database
    ko = run_archgen("diff", "HEAD~1", "HEAD", "--format", "mermaid", "--lang", "ko", cwd=repo)
    assert "+ 추가됨" in ko.stdout and "\u2212 제거됨" in ko.stdout
    same = run_archgen("diff", "HEAD", "HEAD", "--format", "mermaid", cwd=repo)
    assert (same.code, same.stdout) == (0, "")


def test_markdown_holds_a_mermaid_block_per_changed_stage_before_its_table(repo: Path) -> None:
    mermaid = run_archgen("diff", "HEAD~1", "HEAD", "--format", "mermaid", cwd=repo).stdout
    result = run_archgen("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.code == 1
    for block in mermaid.split("\n\n"):
        stage = block.partition(":")[0].removeprefix("%% ")
        details = result.stdout.index(f"(<code>{stage}</code>)")
        fence = "```mermaid\n" + block.partition("\n")[2].rstrip("\n") + "\n```\n"
        assert result.stdout.index(fence, details) < result.stdout.index("| Part |", details)
    assert result.stdout.count("```mermaid\n") == 2


def test_working_tree_against_a_revision_and_no_changes(repo: Path) -> None:
    same = run_archgen("diff", "HEAD", cwd=repo)
    assert same.code == 0
    assert "No architecture changes." in same.stdout
    (repo / "specs" / "02-database.yaml").unlink()
    gone = run_archgen("diff", "HEAD", "--format", "json", cwd=repo)
    assert gone.code == 1
    assert [(s["id"], s["status"]) for s in json.loads(gone.stdout)["stages"]] == [
        ("database", "removed")
    ]


def test_two_folders_and_bad_input(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    copy_example_specs(other)
    result = run_archgen("diff", str(other / "specs"), "specs", cwd=repo)
    assert result.code == 1
    assert "| node | `cache` | added | Cache |" in result.stdout
    bad = run_archgen("diff", "no-such-thing", cwd=repo)
    assert bad.code == 2
    assert bad.stderr.strip() == (
        "archgen: error: 'no-such-thing' is neither a folder nor a git revision"
    )
    spec = repo / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text().replace("kind: rds", "kind: rdz"))
    broken = run_archgen("diff", "HEAD", cwd=repo)
    assert broken.code == 2
    assert "specs/02-database.yaml:12:14: unknown kind 'rdz'" in broken.stderr


def hostile_commit(repo: Path, name: str) -> None:
    """A third commit whose specs/ holds something a diff must not follow or extract."""
    specs = repo / "specs"
    if name == "link":
        (specs / "evil.yaml").symlink_to("/etc/passwd")
        (specs / "inside.yaml").symlink_to("01-single-server.yaml")
    elif name == "submodule":
        git(repo, "update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},specs/sub")
        git(repo, "commit", "-q", "-m", name)
        return
    elif name == "huge":
        (specs / "huge.yaml").write_text("# " + "x" * (1 << 21) + "\n")
    git(repo, "add", "specs")
    git(repo, "commit", "-q", "-m", name)


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        (
            "link",
            [
                "HEAD:specs/evil.yaml:1:1: warning: a symbolic link; archgen diff reads only "
                "regular files, so not this",
                "HEAD:specs/inside.yaml:1:1: warning: a symbolic link; archgen diff reads only "
                "regular files, so not this",
            ],
        ),
        (
            "submodule",
            ["HEAD:specs/sub:1:1: warning: a submodule; archgen diff does not read into it"],
        ),
        (
            "huge",
            [
                "HEAD:specs/huge.yaml:1:1: file is 2,097,155 bytes; "
                "a spec may have at most 1,048,576"
            ],
        ),
    ],
)
def test_a_revision_holding_links_submodules_or_huge_specs_is_read_safely(
    repo: Path, name: str, lines: list[str]
) -> None:
    hostile_commit(repo, name)
    result = run_archgen("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == lines
    assert result.code == (2 if name == "huge" else 0), result.stderr
