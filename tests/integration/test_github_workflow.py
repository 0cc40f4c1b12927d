"""The pre-commit hooks, run for real in a temporary git repository with a base branch on
a remote and a pull-request branch. (The GitHub Action, which docs/github-actions.md
documents, has tests/integration/test_github_action.py.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import GIT_ENV, REPO, copy_example_specs

pytestmark = pytest.mark.slow  # integration: other tools, whole environments


def sh(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # `archgen` on the PATH, as installing archgen leaves it.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-e", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, "PATH": path},
        check=False,
    )


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


def test_pre_commit_hooks_run_archgen_commands(pull_request: Path) -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"archgen-validate", "archgen-check"}
    assert all(h["language"] == "python" and h["pass_filenames"] is False for h in hooks.values())
    assert re.search(hooks["archgen-check"]["files"], "specs/02-database.yaml")
    assert sh(hooks["archgen-validate"]["entry"], pull_request).returncode == 0
    assert sh(hooks["archgen-check"]["entry"], pull_request).returncode == 1
    assert sh("archgen build specs", pull_request).returncode == 0
    assert sh(hooks["archgen-check"]["entry"], pull_request).returncode == 0
