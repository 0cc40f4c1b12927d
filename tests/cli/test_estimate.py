"""Estimates through the CLI and the build: the Twitter page and the reference tables a
user reads, `archgen estimate` in the terminal, and bad estimates as located errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import REPO, REPO_SPECS, build_into, copy_example_specs, run_archgen

OUTPUT = REPO / "output"


def test_twitter_page_shows_the_figures_of_the_notes() -> None:
    page = (OUTPUT / "estimates" / "twitter.md").read_text()
    assert "= 150 million users\n" in page
    assert "≈ 3,500 QPS   (exact: 3,472.22 QPS)" in page
    assert "≈ 7,000 QPS   (exact: 6,944.44 QPS)" in page
    assert "= 30 TB/day\n" in page
    assert "≈ 55 PB   (exact: 54.7875 PB)" in page
    korean = (OUTPUT / "ko" / "estimates" / "twitter.md").read_text()
    assert "# 트위터 QPS와 저장소 요구량 추정" in korean


def test_availability_table_gives_the_downtime_of_two_to_five_nines() -> None:
    table = (OUTPUT / "estimates" / "reference.md").read_text()
    for row in (
        "| 99 % | 2 | 3.65 days |",
        "| 99.9 % | 3 | 8.77 hours |",
        "| 99.99 % | 4 | 52.60 minutes |",
        "| 99.999 % | 5 | 5.26 minutes |",
    ):
        assert row in table
    assert (OUTPUT / "estimates" / "latency.svg").read_text().startswith("<svg")


def test_index_links_the_estimates() -> None:
    index = (OUTPUT / "index.md").read_text()
    assert "- [Twitter QPS and storage](estimates/twitter.md)" in index
    assert "- [Reference tables](estimates/reference.md)" in index


def test_estimate_command_prints_the_same_in_the_terminal() -> None:
    result = run_archgen("estimate", "specs/estimates/twitter.yaml", cwd=REPO)
    assert result.code == 0, result.stderr
    assert "≈ 3,500 QPS   (exact: 3,472.22 QPS)" in result.stdout
    assert "≈ 55 PB   (exact: 54.7875 PB)" in result.stdout
    korean = run_archgen("estimate", "specs/estimates/twitter.yaml", "--lang", "ko", cwd=REPO)
    assert "트위터 QPS와 저장소 요구량 추정" in korean.stdout


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("media_size + retention", "cannot add"),
        ("__import__('os').system('true')", "specs/bad.yaml:"),
        ("mau ** 99999999", "specs/bad.yaml:"),
    ],
)
def test_bad_formulas_are_located_errors(tmp_path: Path, formula: str, message: str) -> None:
    (tmp_path / "specs").mkdir()
    text = (REPO / "specs" / "estimates" / "twitter.yaml").read_text()
    start = text.index("derived:")
    # a JSON string is a YAML string, quotes and all
    (tmp_path / "specs" / "bad.yaml").write_text(
        text[:start] + f"derived:\n  broken: {json.dumps(formula)}\n"
    )
    result = run_archgen("estimate", "specs/bad.yaml", cwd=tmp_path)
    assert result.code == 2
    assert message in result.stderr
    assert all(line.startswith("specs/bad.yaml:") for line in result.stderr.splitlines())
    assert "Traceback" not in result.stderr
    built = run_archgen("build", "specs", "-o", "out", cwd=tmp_path)
    assert built.code == 2
    assert not (tmp_path / "out" / "estimates").exists()


def test_an_estimate_builds_beside_stages(tmp_path: Path) -> None:
    copy_example_specs(tmp_path)
    shutil.copytree(REPO_SPECS / "estimates", tmp_path / "specs" / "estimates")
    build_into(tmp_path, "-q", specs=None)
    assert (tmp_path / "output" / "estimates" / "twitter.md").is_file()
    assert run_archgen("check", "specs", cwd=tmp_path).code == 0
    (tmp_path / "specs" / "estimates" / "twitter.yaml").unlink()
    assert run_archgen("check", "specs", cwd=tmp_path).code == 1
    rebuilt = run_archgen("build", "specs", "-q", cwd=tmp_path)
    assert rebuilt.code == 0
    assert not (tmp_path / "output" / "estimates" / "twitter.md").exists()


def test_a_terminal_that_cannot_show_a_character_gets_it_escaped(tmp_path: Path) -> None:
    """With PYTHONIOENCODING=ascii (or LANG=C on an old system) the '≈' and '×' of the
    estimate were a UnicodeEncodeError traceback; they are escaped instead."""
    shutil.copy(REPO_SPECS / "estimates" / "twitter.yaml", tmp_path)
    result = run_archgen(
        "estimate", "twitter.yaml", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"}
    )
    assert (result.code, result.stderr) == (0, "")
    assert "\\u2248 3,500 QPS   (exact: 3,472.22 QPS)" in result.stdout
