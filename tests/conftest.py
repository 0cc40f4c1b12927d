"""The fixtures many tests share. Plain helpers are in helpers.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import build_into

from archgen.pages.markdown import PageRenderer


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with a specs/ folder to fill."""
    (tmp_path / "specs").mkdir()
    return tmp_path


@pytest.fixture(scope="session")
def renderer() -> PageRenderer:
    """The pages step with archgen's own templates."""
    return PageRenderer()


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example specs built once, with the default options: specs/ and output/ in a
    project folder that no test may change (see ``built_project``)."""
    folder = tmp_path_factory.mktemp("example-build")
    build_into(folder)
    return folder


@pytest.fixture
def built_project(example_build: Path, tmp_path: Path) -> Path:
    """A copy of the example build, for a test to edit."""
    shutil.copytree(example_build, tmp_path, dirs_exist_ok=True, symlinks=True)
    return tmp_path
