"""No font for the labels' script: a Korean PNG of empty boxes is a warning naming the fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import copy_example_specs, run_archgen

WARNING = (
    "archgen: warning: no installed font has Hangul: the PNG diagrams show empty boxes "
    "for those labels; install a CJK font: apt-get install fonts-noto-cjk "
    "(or brew install --cask font-noto-sans-cjk)"
)


def no_fonts(folder: Path) -> dict[str, str]:
    """A fontconfig configuration that knows no font at all, as a bare container has."""
    folder.mkdir()
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{folder}/cache</cachedir></fontconfig>\n"
    )
    return {"FONTCONFIG_FILE": str(config)}


def counting_fc_list(folder: Path) -> tuple[dict[str, str], Path]:
    """An `fc-list` first on the PATH that lists no font and logs each call."""
    folder.mkdir()
    calls = folder / "calls"
    script = folder / "fc-list"
    script.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}, calls


def test_korean_labels_without_a_cjk_font_warn_once_naming_the_fix(tmp_path: Path) -> None:
    project = copy_example_specs(tmp_path / "project")
    env = no_fonts(tmp_path / "fontconfig")
    result = run_archgen("build", "specs", "--lang", "en,ko", cwd=project, env=env)
    assert result.code == 0, result.stderr
    assert result.stderr.splitlines().count(WARNING) == 1, result.stderr
    assert (project / "output" / "ko" / "database.png").is_file()  # a warning, not an error


@pytest.mark.parametrize(
    ("options", "asked"),
    [
        (("--lang", "en,ko"), True),
        (("--lang", "en"), False),  # no Hangul in the English labels: fontconfig not asked
        (("--lang", "en,ko", "--format", "svg"), False),  # the viewer's fonts draw an SVG
    ],
)
def test_fontconfig_is_asked_once_and_only_for_a_png_with_cjk_labels(
    tmp_path: Path, options: tuple[str, ...], asked: bool
) -> None:
    project = copy_example_specs(tmp_path / "project")
    env, calls = counting_fc_list(tmp_path / "bin")
    result = run_archgen("build", "specs", *options, cwd=project, env=env)
    assert result.code == 0, result.stderr
    assert (WARNING in result.stderr.splitlines()) is asked
    assert (calls.read_text().splitlines() if calls.exists() else []) == (
        [":lang=ko family"] if asked else []
    )
    again = run_archgen("build", "specs", *options, cwd=project, env=env)
    assert WARNING not in again.stderr, "nothing drawn, nothing to warn about"


def test_a_machine_with_a_cjk_font_is_not_warned(tmp_path: Path) -> None:
    project = copy_example_specs(tmp_path / "project")
    result = run_archgen("build", "specs", "--lang", "en,ko", cwd=project)
    assert result.code == 0, result.stderr
    assert "warning" not in result.stderr
