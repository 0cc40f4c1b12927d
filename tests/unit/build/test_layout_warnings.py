"""The build's use of the layout checks, with a fake check in place of the SVG's: each
problem is told at its part's line, per stage once, and recorded for the next build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import write_spec

import archgen.inspect.run
from archgen.build.run import build
from archgen.diagnostics import ExitCode
from archgen.inspect.problems import LayoutProblem
from archgen.project.options import BuildOptions
from archgen.resolve.stage import Stage

SPEC = """\
    id: tiny
    title: Tiny
    nodes:
      users: {kind: users, label: Users}
      web: {kind: ec2, label: Web}
    groups:
      tier: {label: Tier, members: [web]}
    edges:
      - {from: users, to: tier, label: {en: visits, ko: 방문}}
"""


def _fake_checks(svg: bytes, stage: Stage, *, page_width: int = 1200) -> list[LayoutProblem]:
    """What the geometry checks would say, one problem of each kind of part; one only in
    the Korean picture (its SVG holds the Korean label)."""
    assert svg.startswith(b"<?xml") or b"<svg" in svg[:500]
    problems = [
        LayoutProblem("edge", "users->tier", "label 'visits' is struck by its own edge"),
        LayoutProblem("group", "tier", "label 'Web' is cut by the group's border"),
        LayoutProblem("diagram", "", f"text under 10 px at {page_width} px wide"),
    ]
    if "방문".encode() in svg:
        problems.append(LayoutProblem("node", "web", "label overlaps an icon"))
    return problems


@pytest.fixture
def fake_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archgen.inspect.run, "inspect_svg", _fake_checks)


@pytest.mark.usefixtures("fake_checks")
def test_the_checks_problems_are_located_warnings_told_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    write_spec(tmp_path / "specs", "tiny.yaml", SPEC)
    options = BuildOptions(output=Path("output"), languages=("en", "ko"), jobs=2)
    report = build([Path("specs")], options)
    assert report.exit_code is ExitCode.OK
    assert [str(d) for d in report.located()] == [
        "specs/tiny.yaml:1:1: warning: text under 10 px at 1200 px wide",
        "specs/tiny.yaml:5:3: warning: label overlaps an icon (ko diagram only)",
        "specs/tiny.yaml:7:3: warning: label 'Web' is cut by the group's border",
        "specs/tiny.yaml:9:5: warning: label 'visits' is struck by its own edge",
    ]
    manifest = json.loads(Path("output/.archgen/manifest.json").read_text())
    assert len(manifest["entries"]["tiny"]["warnings"]) == 4
    assert manifest["sources"], "warnings the manifest keeps must not stop the fast path"
    strict = build(
        [Path("specs")], BuildOptions(output=Path("output"), languages=("en", "ko"), strict=True)
    )
    assert strict.up_to_date == ["tiny"]
    assert [str(d) for d in strict.located()] == [str(d) for d in report.located()]
    assert strict.exit_code is ExitCode.DIFFERENT
    assert strict.errors_code is ExitCode.OK


@pytest.mark.usefixtures("fake_checks")
def test_a_build_of_pngs_alone_is_checked_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    write_spec(tmp_path / "specs", "tiny.yaml", SPEC)
    report = build([Path("specs")], BuildOptions(output=Path("output"), formats=("png",), jobs=1))
    assert len(report.layout_warnings) == 3
    assert sorted(path.name for path in Path("output").iterdir()) == [
        ".archgen",
        "index.md",
        "tiny.md",
        "tiny.png",
    ]
