"""What ``archgen`` prints and returns when a command raises: the error's class decides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archgen import cli
from archgen.commands import catalog as catalog_command
from archgen.diagnostics import ArchgenError, Diagnostic, Location, SpecError, UsageError
from archgen.draw.graphviz_output import GraphvizError
from archgen.project.atomic import OutsideOutput

FIXTURE_SPECS = Path(__file__).resolve().parents[2] / "fixtures" / "specs"


@pytest.mark.parametrize(
    ("error", "code", "printed"),
    [
        (
            UsageError("specs: no such file or folder"),
            2,
            "archgen: error: specs: no such file or folder\n",
        ),
        (
            SpecError([Diagnostic(Location("archgen.toml", 3, 1), "unknown archgen setting 'x'")]),
            2,
            "archgen.toml:3:1: unknown archgen setting 'x'\n",
        ),
        (
            GraphvizError("no dot; install Graphviz"),
            3,
            "archgen: error: no dot; install Graphviz\n",
        ),
        (
            OutsideOutput("out/ko leads outside out"),
            3,
            "archgen: error: out/ko leads outside out\n",
        ),
    ],
)
def test_an_error_exits_with_the_code_of_its_class(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: ArchgenError,
    code: int,
    printed: str,
) -> None:
    def failing(args: object) -> int:
        raise error

    monkeypatch.setattr(catalog_command, "run", failing)
    assert cli.main(["catalog"]) == code
    assert capsys.readouterr().err == printed


def test_diff_diagrams_without_graphviz_exit_3_as_a_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURE_SPECS, tmp_path / "base")
    shutil.copytree(FIXTURE_SPECS, tmp_path / "head")
    spec = tmp_path / "head" / "02-database.yaml"
    spec.write_text(spec.read_text().replace("label: {en: Database,", "label: {en: Primary,"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-graphviz-here"))
    assert cli.main(["diff", "base", "head", "-o", "diagrams"]) == 3
    assert "archgen: error: Graphviz's 'dot' command was not found; install Graphviz" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "diagrams").exists()
