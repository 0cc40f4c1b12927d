"""Layout control as a user meets it: the ``show-title`` setting and a spec's own
``show_title``, what they draw and when they rebuild; layout keys kept by ``extends``."""

from __future__ import annotations

from pathlib import Path

from helpers import resolve_specs, run_archgen, write_spec

WEB = """
    id: web
    title: Web tier
    nodes:
      web: {kind: ec2}
      db: {kind: rds}
    edges:
      - {from: web, to: db}
    """


def title_in_svg(output: Path, stage_id: str, title: str) -> bool:
    return f">{title}</text>" in (output / f"{stage_id}.svg").read_text(encoding="utf-8")


def test_the_show_title_setting_draws_every_title_unless_a_spec_says(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    write_spec(specs, "web.yaml", WEB)
    write_spec(specs, "quiet.yaml", WEB.replace("id: web", "id: quiet") + "show_title: false\n")
    (tmp_path / "archgen.toml").write_text("show-title = true\n", encoding="utf-8")
    result = run_archgen("build", "--format", "svg", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert title_in_svg(tmp_path / "output", "web", "Web tier")
    assert not title_in_svg(tmp_path / "output", "quiet", "Web tier")
    # The setting changes the pictures, so changing it rebuilds them.
    (tmp_path / "archgen.toml").write_text("show-title = false\n", encoding="utf-8")
    result = run_archgen("build", "--format", "svg", cwd=tmp_path)
    assert "2 built, 0 up to date" in result.stdout + result.stderr
    assert not title_in_svg(tmp_path / "output", "web", "Web tier")


def test_show_title_on_the_command_line_wins_over_the_setting(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    write_spec(specs, "web.yaml", WEB)
    result = run_archgen("build", "--format", "svg", "--show-title", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert title_in_svg(tmp_path / "output", "web", "Web tier")
    (tmp_path / "archgen.toml").write_text("show-title = true\n", encoding="utf-8")
    result = run_archgen("build", "--format", "svg", "--no-show-title", cwd=tmp_path)
    assert "1 built, 0 up to date" in result.stdout + result.stderr
    assert not title_in_svg(tmp_path / "output", "web", "Web tier")


def test_a_bad_show_title_setting_is_one_located_line(tmp_path: Path) -> None:
    (tmp_path / "archgen.toml").write_text('jobs = 2\nshow-title = "yes"\n', encoding="utf-8")
    result = run_archgen("build", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        "archgen.toml:2:1: archgen setting 'show-title' must be true or false, not a string\n",
    )


PARENT = """
    id: parent
    title: Parent
    nodes:
      lb: {kind: elb}
      web1: {kind: ec2}
      web2: {kind: ec2}
      web3: {kind: ec2}
    groups:
      web: {members: [web1, web2], direction: TB}
    edges:
      - {from: lb, to: web1, from_port: bottom}
    tiers:
      - [lb, web3]
    """
CHILD = """
    id: child
    extends: parent
    title: Child
    remove: [web3]
    """


def test_extends_keeps_the_layout_and_drops_a_removed_node_from_a_tier(tmp_path: Path) -> None:
    stages, problems = resolve_specs(tmp_path, PARENT, CHILD)
    assert problems == []
    child = next(stage for stage in stages if stage.id == "child")
    assert child.tiers == (("lb",),)
    assert next(group for group in child.groups if group.id == "web").direction == "TB"
    assert child.edges[0].from_port == "bottom"
    assert child.show_title is None  # the stage's own: not inherited


def test_an_inherited_tier_a_child_splits_over_groups_is_refused(tmp_path: Path) -> None:
    child = CHILD.replace("remove: [web3]", "groups: {side: {members: [web3]}}")
    _, problems = resolve_specs(tmp_path, PARENT, child)
    assert [str(problem) for problem in problems] == [
        "specs/s2.yaml:2:10: the inherited tier 1 puts 'lb' (outside any group) and 'web3' "
        "(in group 'side') on one rank; Graphviz would pull them out of their groups, so a "
        "tier's nodes must share one group"
    ]


def test_a_port_between_two_nodes_side_by_side_on_a_tier_is_refused(tmp_path: Path) -> None:
    """The review's spec: dot 2.43 drew this edge as a hook in the gap, touching neither
    node (a single point without its label, a line through both the other way round)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    write_spec(
        specs,
        "db.yaml",
        """\
        id: db
        title: Replication
        nodes:
          app: {kind: ec2}
          db: {kind: rds}
          replica: {kind: rds}
        edges:
          - {from: app, to: [db, replica]}
          - {from: db, to: replica, from_port: right, to_port: left, constraint: false}
        tiers:
          - [db, replica]
        """,
    )
    result = run_archgen("build", "specs", "-o", "out", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        "specs/db.yaml:9:40: edge 'db->replica' has a port, but tier 1 puts 'db' and "
        "'replica' side by side on one rank, where Graphviz (dot 2.43) draws an edge with "
        "ports broken or not at all; drop its from_port and to_port, or list a node "
        "between the two"
    ]
