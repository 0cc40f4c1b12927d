"""The no-op fast path: after a clean build it says "nothing to do" without loading a
spec, and any change to the spec files, the options, the templates or one byte of the
output makes it say "build" instead."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from archgen.incremental import uptodate
from archgen.project.options import BuildOptions


def up_to_date(project: Path, **options: Any) -> int | None:
    """The stage count the fast path answers for ``archgen build specs`` run in
    ``project``, None when it leaves the answer to a build."""
    chosen = replace(BuildOptions(output=project / "output"), **options)
    answer = uptodate.up_to_date([project / "specs"], chosen)
    return answer.stages if answer else None


def test_a_clean_build_is_up_to_date(built_project: Path) -> None:
    assert up_to_date(built_project) == 2


def test_how_a_build_runs_changes_nothing(built_project: Path) -> None:
    assert up_to_date(built_project, jobs=1, graphviz_timeout=5.0) == 2


def test_one_output_byte_changed_means_build(built_project: Path) -> None:
    page = built_project / "output" / "database.md"
    page.write_bytes(page.read_bytes().replace(b"Database", b"Databank", 1))  # same size
    assert up_to_date(built_project) is None


def test_a_missing_output_means_build(built_project: Path) -> None:
    (built_project / "output" / "single-server.png").unlink()
    assert up_to_date(built_project) is None


def test_a_spec_whose_bytes_changed_means_build(built_project: Path) -> None:
    spec = built_project / "specs" / "02-database.yaml"
    spec.write_text("# only a comment\n" + spec.read_text(encoding="utf-8"), encoding="utf-8")
    assert up_to_date(built_project) is None


def test_a_new_spec_file_means_build(built_project: Path) -> None:
    (built_project / "specs" / "03-new.yaml").write_text("id: new\ntitle: New\n")
    assert up_to_date(built_project) is None


@pytest.mark.parametrize(
    "options",
    [
        {"languages": ("en", "ko")},
        {"formats": ("svg",)},
        {"shard": (1, 2)},
    ],
    ids=["languages", "formats", "shard"],
)
def test_other_output_options_mean_build(built_project: Path, options: dict[str, Any]) -> None:
    assert up_to_date(built_project, **options) is None


def test_other_templates_mean_build(built_project: Path) -> None:
    mine = built_project / "mine"
    mine.mkdir()
    (mine / "index.md.j2").write_text("# Mine\n")
    assert up_to_date(built_project, templates=mine) is None


def test_a_killed_builds_temporary_file_means_build(built_project: Path) -> None:
    (built_project / "output" / ".archgen" / "tmp").mkdir(exist_ok=True)
    (built_project / "output" / ".archgen" / "tmp" / ".database.md.x1.tmp").write_text("half")
    assert up_to_date(built_project) is None


def test_no_manifest_means_build(built_project: Path) -> None:
    (built_project / "output" / ".archgen" / "manifest.json").unlink()
    assert up_to_date(built_project) is None


def test_a_missing_specs_folder_is_left_to_the_build(built_project: Path) -> None:
    chosen = BuildOptions(output=built_project / "output")
    assert uptodate.up_to_date([built_project / "nowhere"], chosen) is None
