"""The documented GitHub Actions workflow, run for real: the
archgen steps' commands, as written in the docs, in a temporary git repository with a
base branch on a remote and a pull-request branch."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import GIT_ENV, REPO, copy_example_specs

pytestmark = pytest.mark.slow  # integration: other tools, whole environments


def workflow() -> dict[str, Any]:
    text = (REPO / "docs" / "github-actions.md").read_text()
    block = re.search(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert block, "the doc holds the workflow in a yaml block"
    loaded: dict[str, Any] = yaml.safe_load(block[1])
    return loaded


def step(name: str) -> str:
    steps = workflow()["jobs"]["archgen"]["steps"]
    return str(next(s["run"] for s in steps if s.get("name") == name))


def sh(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # `archgen` on the PATH, as `pip install archgen` leaves it on a runner.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-e", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, "PATH": path},
        check=False,
    )


def expand(command: str) -> str:
    return command.replace("${{ github.base_ref }}", "main")


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone whose origin has 'main', on a branch that adds a cache to a stage."""
    origin = tmp_path / "origin"
    copy_example_specs(origin)
    for command in (
        "git init -q -b main",
        "archgen build specs",
        "git add .",
        "git commit -q -m base",
    ):
        assert sh(command, origin).returncode == 0
    clone = tmp_path / "clone"
    assert sh(f"git clone -q {origin} {clone}", tmp_path).returncode == 0
    assert sh("git checkout -q -b feature", clone).returncode == 0
    spec = clone / "specs" / "02-database.yaml"
    spec.write_text(
        spec.read_text().replace(
            "  db: {kind: rds,", "  cache: {kind: elasticache, label: Cache}\n  db: {kind: rds,"
        )
    )
    return clone


def test_check_step_fails_on_a_stale_output_and_passes_after_a_build(pull_request: Path) -> None:
    stale = sh(step("Output is current"), pull_request)
    assert stale.returncode == 1
    assert "output/database.svg: out of date" in stale.stderr
    assert sh("archgen build specs", pull_request).returncode == 0
    assert sh(step("Output is current"), pull_request).returncode == 0


def test_diff_step_writes_the_comment_and_passes(pull_request: Path) -> None:
    assert (
        sh("archgen build specs && git commit -q -am 'add a cache'", pull_request).returncode == 0
    )
    result = sh(expand(step("Architecture diff")), pull_request)
    assert result.returncode == 0, result.stderr
    comment = (pull_request / "archgen-diff.md").read_text()
    assert comment.startswith("### Architecture changes: `origin/main` → `HEAD`\n")
    assert "- **Database** (`database`): changed — 1 × node added" in comment
    assert "| node | `cache` | added | Cache |" in comment


def test_diff_step_fails_on_a_broken_spec(pull_request: Path) -> None:
    spec = pull_request / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text().replace("kind: elasticache", "kind: elasticash"))
    assert sh("git commit -q -am 'a typo'", pull_request).returncode == 0
    result = sh(expand(step("Architecture diff")), pull_request)
    assert result.returncode == 2
    assert (
        "unknown kind 'elasticash' (did you mean 'elasticache', class aws.database.Elasticache?)"
        in result.stderr
    )
