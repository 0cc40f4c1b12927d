"""Paths shown as the user would type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.project.paths import relative_to_working_folder


def test_a_path_inside_the_working_folder_is_shown_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert relative_to_working_folder(tmp_path / "specs" / "a.yaml") == Path("specs/a.yaml")
    assert relative_to_working_folder(tmp_path / "docs" / ".." / "specs") == Path("specs")


def test_a_path_outside_is_left_as_it_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    outside = tmp_path / "project" / ".." / "shared" / "specs"
    assert relative_to_working_folder(outside) == outside
