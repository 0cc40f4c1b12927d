"""What a build tells: its exit code and its one summary line."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.build.report import BuildReport
from archgen.build.summary import BuildSummary
from archgen.diagnostics import Diagnostic, ExitCode, Location, Severity
from archgen.incremental.check import CheckReport, Finding
from archgen.pipeline import load_and_resolve

FIXTURE_SPECS = Path(__file__).resolve().parents[2] / "fixtures" / "specs"
ERROR = Diagnostic(Location("specs/a.yaml", 2, 1), "unknown kind 'ec3'")
WARNING = Diagnostic(Location("specs/a.yaml", 4, 1), "a long label", Severity.WARNING)


def test_a_build_without_problems_exits_0() -> None:
    assert BuildReport().exit_code is ExitCode.OK
    assert BuildReport(diagnostics=[WARNING], notes=["a note"]).exit_code is ExitCode.OK


def test_a_bad_spec_exits_2_and_graphviz_missing_3_whatever_else() -> None:
    assert BuildReport(diagnostics=[WARNING, ERROR]).exit_code is ExitCode.BAD_INPUT
    assert BuildReport(environment_errors=["no dot"]).exit_code is ExitCode.ENVIRONMENT
    both = BuildReport(diagnostics=[ERROR], environment_errors=["no dot"])
    assert both.exit_code is ExitCode.ENVIRONMENT


def test_check_exits_1_on_stale_files_and_2_on_a_bad_spec() -> None:
    stale = Finding(Path("output/a.svg"), "missing")
    assert CheckReport().exit_code is ExitCode.OK
    assert CheckReport(diagnostics=[WARNING]).exit_code is ExitCode.OK
    assert CheckReport(findings=[stale]).exit_code is ExitCode.DIFFERENT
    assert CheckReport(findings=[stale], diagnostics=[ERROR]).exit_code is ExitCode.BAD_INPUT


@pytest.mark.parametrize(
    ("report", "quiet"),
    [
        (BuildReport(), True),
        (BuildReport(written=[Path("output/a.svg")]), True),
        (BuildReport(diagnostics=[WARNING]), False),
        (BuildReport(environment_errors=["no dot"]), False),
        (BuildReport(notes=["output/a.md was edited by hand; left in place"]), False),
    ],
)
def test_nothing_to_report_means_not_even_a_warning_or_a_note(
    report: BuildReport, quiet: bool
) -> None:
    assert report.nothing_to_report is quiet


def test_the_summary_line() -> None:
    summary = BuildSummary(stages=2, up_to_date=1, written=3)
    assert summary.built == 1
    assert summary.line(Path("output")) == (
        "2 stage(s) in output: 1 built, 1 up to date; 3 file(s) written"
    )


def test_the_summary_line_counts_removed_files_only_when_there_are_some() -> None:
    summary = BuildSummary(stages=3, up_to_date=0, written=9, removed=2)
    assert summary.line(Path("site/out")) == (
        "3 stage(s) in site/out: 3 built, 0 up to date; 9 file(s) written, 2 removed"
    )


def test_the_stage_counts_alone_name_no_folder_unless_asked() -> None:
    summary = BuildSummary(stages=2, up_to_date=1, written=3, removed=1)
    assert summary.stage_counts() == "2 stage(s): 1 built, 1 up to date"
    assert summary.stage_counts(Path("out")) == "2 stage(s) in out: 1 built, 1 up to date"


def test_the_fast_path_says_what_a_build_with_nothing_to_do_says() -> None:
    assert BuildSummary.all_up_to_date(12).line(Path("output")) == (
        "12 stage(s) in output: 0 built, 12 up to date; 0 file(s) written"
    )


def test_a_report_counts_what_the_build_did() -> None:
    stages, problems = load_and_resolve([FIXTURE_SPECS])
    assert len(stages) == 2 and not problems
    report = BuildReport(
        stages=stages,
        diagnostics=[WARNING, ERROR],
        environment_errors=["no dot"],
        written=[Path("output/a.svg"), Path("output/a.md")],
        deleted=[Path("output/old.svg")],
        up_to_date=[stages[0].id],
    )
    assert report.summary() == BuildSummary(stages=2, up_to_date=1, written=2, removed=1, errors=2)
