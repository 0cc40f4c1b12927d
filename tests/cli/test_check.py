"""`archgen check`: passes on a current output folder, fails naming each stale file and
the input that changed, and needs no Graphviz to do so."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO, pipeline_loaded_by, run_archgen

NO_GRAPHVIZ = {"PATH": "/nonexistent"}


def test_check_passes_on_the_repository() -> None:
    result = run_archgen("check", cwd=REPO, env=NO_GRAPHVIZ)
    assert result.code == 0, result.stderr
    assert result.stdout == "output is up to date (12 stage(s))\n"


def test_check_passes_right_after_a_build_without_graphviz(built_project: Path) -> None:
    project = built_project
    result = run_archgen("check", "specs", cwd=project, env=NO_GRAPHVIZ)
    assert result.code == 0, result.stderr


def test_check_after_a_clean_build_loads_none_of_the_pipeline(built_project: Path) -> None:
    project = built_project
    assert pipeline_loaded_by(project, "check", "specs") == (
        "output is up to date (2 stage(s))",
        [],
    )


def test_a_spec_edit_that_changes_no_stage_is_current(built_project: Path) -> None:
    project = built_project
    spec = project / "specs" / "02-database.yaml"
    spec.write_text("# a comment changes the bytes, not the stage\n" + spec.read_text())
    printed, loaded = pipeline_loaded_by(project, "check", "specs")
    assert printed == "output is up to date (2 stage(s))"
    assert loaded != [], "the bytes changed, so the whole check ran"


def test_edited_parent_makes_it_and_its_child_stale(built_project: Path) -> None:
    project = built_project
    spec = project / "specs" / "01-single-server.yaml"
    spec.write_text(spec.read_text().replace("label: DNS", "label: Name server"))
    result = run_archgen("check", "specs", cwd=project, env=NO_GRAPHVIZ)
    assert result.code == 1
    lines = result.stderr.splitlines()
    assert (
        "output/single-server.svg: out of date: the spec (or a stage it extends) changed "
        "since it was built (specs/01-single-server.yaml)"
    ) in lines
    assert any(line.startswith("output/database.md: out of date: the spec") for line in lines)
    # two stages of three files; the index shows no label, so it stays current
    assert lines[-1].startswith("6 file(s) not current")


def test_edited_template_is_named(built_project: Path) -> None:
    project = built_project
    (project / "mine").mkdir()
    (project / "mine" / "index.md.j2").write_text("# Mine\n")
    result = run_archgen("check", "specs", "--templates", "mine", cwd=project)
    assert result.code == 1
    assert (
        "output/index.md: out of date: the templates changed since it was built "
        "(the list of stages)" in result.stderr
    )


@pytest.mark.parametrize("command", ["check", "build"])
def test_malformed_template_words_are_a_located_error(built_project: Path, command: str) -> None:
    """A messages.yaml whose words cannot be read is bad input, for check as for build:
    not a list of stale files."""
    project = built_project
    (project / "mine").mkdir()
    (project / "mine" / "messages.yaml").write_text("ko:\n  Step: a\n  Step: b\n")
    result = run_archgen(command, "specs", "--templates", "mine", cwd=project)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        "mine/messages.yaml:3:3: duplicate key 'Step' (first defined at line 2)"
    ]


def test_hand_edited_and_missing_outputs_are_named(built_project: Path) -> None:
    project = built_project
    (project / "output" / "database.md").write_text("edited\n")
    (project / "output" / "single-server.png").unlink()
    result = run_archgen("check", "specs", cwd=project)
    assert result.code == 1
    assert result.stderr.splitlines()[:2] == [
        "output/single-server.png: missing",
        "output/database.md: edited since it was built",
    ]


def test_invalid_spec_fails_with_its_location(built_project: Path) -> None:
    project = built_project
    spec = project / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text().replace("kind: rds", "kind: rdss"))
    result = run_archgen("check", "specs", cwd=project)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        "specs/02-database.yaml:11:14: unknown kind 'rdss' (did you mean 'rds', "
        "class aws.database.RDS?); 'archgen catalog' lists them"
    ]


def test_removed_spec_leaves_stale_files_that_the_next_build_removes(built_project: Path) -> None:
    project = built_project
    (project / "specs" / "02-database.yaml").unlink()
    result = run_archgen("check", "specs", cwd=project)
    assert result.code == 1
    assert (
        "output/database.svg: left over from 'database', which no spec defines any more"
    ) in result.stderr.splitlines()
    rebuilt = run_archgen("build", "specs", cwd=project)
    assert rebuilt.code == 0 and "3 removed" in rebuilt.stdout
    assert not (project / "output" / "database.svg").exists()
    assert run_archgen("check", "specs", cwd=project).code == 0
