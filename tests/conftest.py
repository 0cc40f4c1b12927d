"""The fixtures many tests share. Plain helpers are in helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

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
