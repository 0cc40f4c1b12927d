"""The MkDocs plugin's own settings are checked like archgen's configuration: a bad
value stops `mkdocs build` with one line naming the setting, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO, run_module

pytestmark = pytest.mark.slow  # runs mkdocs

CONFIG = """site_name: checked settings
docs_dir: docs
plugins:
  - archgen:
      specs: specs
{setting}
"""


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "      graphviz_timeout: .nan",
            "archgen: 'graphviz_timeout' must be above 0 and at most 86,400 seconds, not nan",
        ),
        (
            "      graphviz_timeout: .inf",
            "archgen: 'graphviz_timeout' must be above 0 and at most 86,400 seconds, not inf",
        ),
        (
            "      graphviz_timeout: 0",
            "archgen: 'graphviz_timeout' must be above 0 and at most 86,400 seconds, not 0",
        ),
        (
            "      languages: [en, kr]",
            "archgen: 'languages': kr: unknown language 'kr' (did you mean 'ko'?); "
            "for Kanuri write 'kau'",
        ),
        (
            "      languages: [en, ../x]",
            "archgen: 'languages': ../x: not a language code such as en or ko",
        ),
    ],
)
def test_a_bad_plugin_setting_is_one_line(tmp_path: Path, setting: str, message: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Site\n")
    (tmp_path / "specs").mkdir()
    single_server = REPO / "specs" / "01-single-server.yaml"
    (tmp_path / "specs" / single_server.name).write_bytes(single_server.read_bytes())
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(setting=setting))
    result = run_module("mkdocs", "build", "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert message in result.stderr.splitlines()[-1]
    assert not (tmp_path / "site").exists()


def test_the_theme_and_show_title_settings_reach_the_pictures(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Site\n")
    (tmp_path / "specs").mkdir()
    single_server = REPO / "specs" / "01-single-server.yaml"
    (tmp_path / "specs" / single_server.name).write_bytes(single_server.read_bytes())
    settings = "      theme: high-contrast\n      show_title: true\n      formats: [svg]"
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(setting=settings))
    result = run_module("mkdocs", "build", "-d", tmp_path / "site", cwd=tmp_path)
    assert result.code == 0, result.stderr
    svg = (tmp_path / "site" / "architecture" / "single-server.svg").read_text()
    assert ">Single server</text>" in svg  # the title, drawn
    assert 'stroke-width="2"' in svg  # the high-contrast theme's lines
