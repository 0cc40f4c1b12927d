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
# The checks' measure of a label wider than its box (archgen/inspect/), which takes the
# place of Graphviz's 'size too small for label' for the same node.
WARNING = (
    "specs/crowded.yaml:4:3: warning: label 'Web server (scaled up)' is 181.9 px wide, "
    "47.3 px wider than its node's 134.6 px box"
)


def _site(root: Path, setting: str = "") -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "specs").mkdir()
    write_spec(
        root / "specs",
        "crowded.yaml",
        # Wrapping off: else the label is wrapped to fit its box (draw/label_fit.py).
        """\
        id: crowded
        title: Crowded
        nodes:
          web: {kind: ec2, label: Web server (scaled up)}
        wrap: false
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
