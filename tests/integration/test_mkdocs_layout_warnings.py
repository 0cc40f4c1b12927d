"""The MkDocs plugin tells the pictures' layout warnings, as information, or with its own
`strict: true` as MkDocs warnings, on which `mkdocs build --strict` fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_module, write_spec

pytestmark = pytest.mark.slow  # runs mkdocs

CONFIG = """site_name: layout warnings
docs_dir: docs
plugins:
  - archgen:
      specs: specs
{setting}
"""
WARNING = (
    "specs/crowded.yaml:4:3: warning: node 'web': its label is wider than its box "
    "(Graphviz: 'size too small for label'); shorten the label or lower the stage's 'wrap'"
)


def _site(root: Path, setting: str = "") -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "specs").mkdir()
    write_spec(
        root / "specs",
        "crowded.yaml",
        """\
        id: crowded
        title: Crowded
        nodes:
          web: {kind: ec2, label: Web server (scaled up)}
        """,
    )
    config = root / "mkdocs.yml"
    config.write_text(CONFIG.format(setting=setting))
    return config


def test_layout_warnings_are_information_unless_the_plugin_is_strict(tmp_path: Path) -> None:
    config = _site(tmp_path / "relaxed")
    relaxed = run_module("mkdocs", "build", "--strict", "-f", config, cwd=config.parent)
    assert relaxed.code == 0, relaxed.stderr
    assert f"INFO    -  archgen: {WARNING}" in relaxed.stderr

    config = _site(tmp_path / "strict", "      strict: true")
    strict = run_module("mkdocs", "build", "--strict", "-f", config, cwd=config.parent)
    assert strict.code != 0
    assert f"WARNING -  archgen: {WARNING}" in strict.stderr
