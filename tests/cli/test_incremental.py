"""Incremental and parallel builds: the cache re-renders exactly what depends on an edit,
a no-op build runs no Graphviz at all, and any number of jobs or shards gives the same
bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import (
    REPO_SPECS,
    build_into,
    copy_example_specs,
    output_files,
    pipeline_loaded_by,
    run_archgen,
    write_spec,
)

NO_GRAPHVIZ = {"PATH": "/nonexistent"}


@pytest.fixture
def project(built_project: Path) -> Path:
    """The example specs and their output, as a first build left them, to edit."""
    return built_project


def test_a_first_build_builds_every_stage(tmp_path: Path) -> None:
    copy_example_specs(tmp_path)
    assert summary(tmp_path).startswith("2 stage(s) in output: 2 built, 0 up to date")


def summary(project: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    result = run_archgen("build", "specs", "-q", *extra, cwd=project, env=env)
    assert result.code == 0, result.stderr
    return result.stdout.strip()


def test_no_op_build_runs_no_graphviz(project: Path) -> None:
    before = output_files(project / "output")
    assert summary(project, env=NO_GRAPHVIZ) == (
        "2 stage(s) in output: 0 built, 2 up to date; 0 file(s) written"
    )
    assert output_files(project / "output") == before


def test_editing_a_parent_rebuilds_it_and_its_children(project: Path) -> None:
    spec = project / "specs" / "01-single-server.yaml"
    spec.write_text(spec.read_text().replace("label: DNS", "label: Name server"))
    assert summary(project).startswith("2 stage(s) in output: 2 built, 0 up to date")
    assert "Name server" in (project / "output" / "database.svg").read_text()


def test_editing_a_child_rebuilds_only_the_child(project: Path) -> None:
    spec = project / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text().replace("en: Data tier", "en: Storage tier"))
    assert summary(project, env=None).startswith("2 stage(s) in output: 1 built, 1 up to date")


def test_editing_only_a_text_the_index_shows_rewrites_the_index(project: Path) -> None:
    spec = project / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text().replace("title: {en: Database,", "title: {en: Data,"))
    out = summary(project)
    # the page, the SVG (its <title>) and the index; the PNG shows no title
    assert out.startswith("2 stage(s) in output: 1 built, 1 up to date; 3 file(s) written")
    assert "[Data](database.md)" in (project / "output" / "index.md").read_text()


def test_a_template_change_rebuilds_every_stage(project: Path) -> None:
    (project / "mine").mkdir()
    (project / "mine" / "stage.md.j2").write_text("# {{ t(stage.title) }}\n")
    assert summary(project, "--templates", "mine").startswith(
        "2 stage(s) in output: 2 built, 0 up to date"
    )
    assert (project / "output" / "database.md").read_text() == "# Database\n"


def test_an_option_change_rebuilds_every_stage(project: Path) -> None:
    assert summary(project, "--lang", "en,ko").startswith(
        "2 stage(s) in output: 2 built, 0 up to date"
    )
    assert (project / "output" / "ko" / "database.md").is_file()


def test_a_deleted_output_is_rebuilt(project: Path) -> None:
    (project / "output" / "single-server.png").unlink()
    assert summary(project).startswith("2 stage(s) in output: 1 built, 1 up to date")
    assert (project / "output" / "single-server.png").is_file()


def test_a_no_op_build_loads_none_of_the_pipeline(project: Path) -> None:
    summary_line, loaded = pipeline_loaded_by(project, "build", "specs", "-q")
    assert summary_line == "2 stage(s) in output: 0 built, 2 up to date; 0 file(s) written"
    assert loaded == []


def test_a_spec_edit_that_changes_nothing_drawn_loads_it_once(project: Path) -> None:
    spec = project / "specs" / "02-database.yaml"
    spec.write_text("# a comment changes the bytes, not the stage\n" + spec.read_text())
    summary_line, loaded = pipeline_loaded_by(project, "build", "specs", "-q")
    assert summary_line == "2 stage(s) in output: 0 built, 2 up to date; 0 file(s) written"
    assert loaded != [], "the bytes changed, so the specs had to be read"
    assert pipeline_loaded_by(project, "build", "specs", "-q")[1] == [], (
        "and the next build is quick again"
    )


def test_a_new_spec_is_built(project: Path) -> None:
    spec = (project / "specs" / "02-database.yaml").read_text()
    (project / "specs" / "03-copy.yaml").write_text(
        spec.replace("id: database", "id: database-copy").replace("order: 2", "order: 3")
    )
    assert summary(project).startswith("3 stage(s) in output: 1 built, 2 up to date")


def test_an_output_edited_by_hand_is_rebuilt(project: Path) -> None:
    page = project / "output" / "database.md"
    built = page.read_text()
    page.write_text(built.replace("Database", "Databank"))  # same size, other bytes
    assert summary(project).startswith("2 stage(s) in output: 1 built, 1 up to date")
    assert page.read_text() == built


def test_every_build_repeats_the_problems_it_found(project: Path) -> None:
    write_spec(project / "specs", "03-broken.yaml", "id: broken\norder: 3\ntitle: 7\n")
    first = run_archgen("build", "specs", "-q", cwd=project)
    again = run_archgen("build", "specs", "-q", cwd=project)
    assert first.code == again.code == 2
    assert "03-broken.yaml:3:8" in first.stderr
    assert again.stderr == first.stderr
    assert again.stdout.startswith("2 stage(s) in output: 0 built, 2 up to date")


@pytest.mark.slow
def test_any_number_of_jobs_gives_the_same_bytes(tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "3"):
        output = build_into(tmp_path / f"jobs{jobs}", "-q", "--jobs", jobs, specs=REPO_SPECS)
        outputs.append(output_files(output))
    assert outputs[0] == outputs[1]


@pytest.mark.slow
def test_shards_together_build_what_one_build_does(tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    build_into(whole, "-q", specs=REPO_SPECS)
    merged = tmp_path / "merged"
    built: set[str] = set()
    for number in (1, 2, 3):
        part = build_into(
            tmp_path / f"shard{number}", "-q", "--shard", f"{number}/3", specs=REPO_SPECS
        )
        names = {n for n in output_files(part) if n.endswith(".svg")}
        assert not names & built, "a stage is in one shard only"
        built |= names
        shutil.copytree(part, merged, dirs_exist_ok=True)
    full = output_files(whole / "output")
    together = output_files(merged)
    assert {n for n in full if not n.startswith(".archgen")} == {
        n for n in together if not n.startswith(".archgen")
    }
    assert all(together[n] == full[n] for n in full if not n.startswith(".archgen"))
    # the merged shard manifests describe the same outputs: check agrees, without Graphviz
    shutil.copytree(whole / "specs", tmp_path / "specs")
    check = run_archgen("check", "specs", "-o", "merged", cwd=tmp_path, env=NO_GRAPHVIZ)
    assert check.code == 0, check.stderr


def test_format_dot_writes_what_graphviz_lays_out(project: Path) -> None:
    assert summary(project, "--format", "svg,dot", "-o", "dot").startswith("2 stage(s)")
    dot = (project / "dot" / "database.dot").read_text()
    assert dot.startswith("digraph database {")
    assert 'image="resources/aws/database/rds.png"' in dot
    assert "/site-packages" not in dot and str(project) not in dot


def test_bad_run_options_are_usage_errors(project: Path) -> None:
    for option, value, message in (
        ("--jobs", "0", "expected a whole number from 1 to 256"),
        ("--shard", "3/2", "expected K/N with 1 <= K <= N"),
    ):
        result = run_archgen("build", "specs", option, value, cwd=project)
        assert result.code == 2
        assert message in result.stderr
