"""check(): which files of an output folder the current specs, templates and options
would not build as they are, and why, as the lines `archgen check` prints."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from archgen.incremental.check import CheckReport, check
from archgen.project.options import BuildOptions

STAGE_FILES = ("{}.svg", "{}.png", "{}.md")


@pytest.fixture
def here(built_project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example build as the working folder, so paths read as `archgen check` prints
    them: output/database.md, specs/02-database.yaml."""
    monkeypatch.chdir(built_project)
    return built_project


def checked(**options: Any) -> CheckReport:
    return check([Path("specs")], replace(BuildOptions(), **options))


def lines(report: CheckReport) -> list[str]:
    return [str(finding) for finding in report.findings]


def test_a_current_output_has_no_finding(here: Path) -> None:
    report = checked()
    assert (lines(report), report.diagnostics, report.stages) == ([], [], 2)
    assert report.exit_code == 0


def test_a_hand_edited_file_is_named(here: Path) -> None:
    page = here / "output" / "database.md"
    page.write_bytes(page.read_bytes().replace(b"Database", b"Databank", 1))
    report = checked()
    assert lines(report) == ["output/database.md: edited since it was built"]
    assert report.exit_code == 1


def test_a_missing_file_is_named(here: Path) -> None:
    (here / "output" / "single-server.png").unlink()
    assert lines(checked()) == ["output/single-server.png: missing"]


def test_an_edited_parent_makes_its_files_and_its_childs_stale(here: Path) -> None:
    spec = here / "specs" / "01-single-server.yaml"
    spec.write_text(spec.read_text("utf-8").replace("label: DNS", "label: Name server"), "utf-8")
    changed = "out of date: the spec (or a stage it extends) changed since it was built"
    assert lines(checked()) == [
        *(
            f"output/{name.format('single-server')}: {changed} (specs/01-single-server.yaml)"
            for name in STAGE_FILES
        ),
        *(
            f"output/{name.format('database')}: {changed} (specs/02-database.yaml)"
            for name in STAGE_FILES
        ),
    ]  # the index shows no label: it stays current


def test_a_comment_in_a_spec_changes_nothing(here: Path) -> None:
    spec = here / "specs" / "02-database.yaml"
    spec.write_text("# a comment\n" + spec.read_text("utf-8"), "utf-8")
    assert lines(checked()) == []


def test_other_options_make_every_file_stale(here: Path) -> None:
    findings = lines(checked(languages=("en", "ko")))
    assert (
        "output/ko/database.md: out of date: the options changed since it was built "
        + ("(specs/02-database.yaml)")
        in findings
    )
    assert findings[-2:] == [
        "output/index.md: out of date: the options changed since it was built (the list of stages)",
        "output/ko/index.md: out of date: the options changed since it was built "
        "(the list of stages)",
    ]
    assert len(findings) == 2 * 2 * 3 + 2


def test_a_new_spec_is_not_built_yet(here: Path) -> None:
    spec = (here / "specs" / "02-database.yaml").read_text("utf-8")
    (here / "specs" / "03-copy.yaml").write_text(
        spec.replace("id: database", "id: database-copy"), "utf-8"
    )
    findings = lines(checked())
    assert "output/database-copy.svg: not built yet from specs/03-copy.yaml" in findings
    assert (
        "output/index.md: out of date: the spec (or a stage it extends) changed since "
        + ("it was built (the list of stages)")
        in findings
    )


def test_the_files_of_a_removed_spec_are_left_over(here: Path) -> None:
    (here / "specs" / "02-database.yaml").unlink()
    left = "left over from 'database', which no spec defines any more"
    assert [line for line in lines(checked()) if "left over" in line] == [
        f"output/{name}: {left}" for name in sorted(name.format("database") for name in STAGE_FILES)
    ]


def test_an_invalid_spec_is_a_problem_not_a_stale_file(here: Path) -> None:
    spec = here / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text("utf-8").replace("kind: rds", "kind: rdss"), "utf-8")
    report = checked()
    assert [str(d) for d in report.diagnostics] == [
        "specs/02-database.yaml:11:14: unknown kind 'rdss' (did you mean 'rds', "
        "class aws.database.RDS?); 'archgen catalog' lists them"
    ]
    assert report.exit_code == 2
