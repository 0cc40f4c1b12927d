"""The pre-commit hooks of `.pre-commit-hooks.yaml`, run by pre-commit itself.

`pre-commit try-repo` installs this repository's hooks as a user's `.pre-commit-config.yaml`
would (a virtual environment with archgen installed from the repository; pip's index off,
the wheels from the folder `make setup-test` fills, so the test downloads nothing) and runs them in
a project whose specs and output live outside `specs/` and `output/`, configured in its
`pyproject.toml`. The hooks must follow that configuration, not a guessed file pattern:
before they ran always, such a project's stale commit was "(no files to check) Skipped".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLE_SPECS, GIT_ENV, REPO

pytestmark = pytest.mark.slow  # installs archgen into pre-commit's own environment

WHEELS = REPO / ".cache" / "wheels"

PYPROJECT = """\
[tool.archgen]
specs = ["architecture"]
output = "docs/architecture"
"""


def run(command: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    # archgen on the PATH for the project's own build; pre-commit's hooks get theirs.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    env = {**os.environ, **GIT_ENV, "PATH": path, "PRE_COMMIT_HOME": str(home)}
    env |= {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELS)}  # the hooks' environment
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment for the module: installing archgen into it takes a while."""
    if shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("pre-commit is one of the test extras: `make setup-test` installs it")
    if not (WHEELS / ".done").exists():
        pytest.fail(f"no wheels in {WHEELS}: `make setup-test` collects them")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path, pre_commit_home: Path) -> Path:
    """A git project with its specs in architecture/, built into docs/architecture/."""
    shutil.copytree(EXAMPLE_SPECS, tmp_path / "architecture")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    for command in (
        ["git", "init", "-q", "-b", "main"],
        ["archgen", "build"],
        ["git", "add", "."],
        ["git", "commit", "-q", "-m", "base"],
    ):
        done = run(command, tmp_path, pre_commit_home)
        assert done.returncode == 0, done.stderr
    return tmp_path


def hook(hook_id: str, project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    pre_commit = str(Path(sys.executable).parent / "pre-commit")
    return run([pre_commit, "try-repo", str(REPO), hook_id], project, home)


def test_archgen_check_fails_a_commit_whose_output_is_stale(
    project: Path, pre_commit_home: Path
) -> None:
    spec = project / "architecture" / "01-single-server.yaml"
    spec.write_text(spec.read_text().replace("label: DNS}", "label: Route 53}"))
    run(["git", "add", str(spec)], project, pre_commit_home)
    done = hook("archgen-check", project, pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "docs/architecture" in done.stdout  # names what is out of date


def test_archgen_check_passes_when_the_output_is_current(
    project: Path, pre_commit_home: Path
) -> None:
    (project / "README.md").write_text("a commit that touches no spec\n")
    run(["git", "add", "README.md"], project, pre_commit_home)
    done = hook("archgen-check", project, pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_archgen_validate_names_the_line_of_a_broken_spec(
    project: Path, pre_commit_home: Path
) -> None:
    spec = project / "architecture" / "broken.yaml"
    spec.write_text("id: broken\ntitle: Broken\nnodes:\n  web: {kind: no-such-kind}\n")
    run(["git", "add", str(spec)], project, pre_commit_home)
    done = hook("archgen-validate", project, pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "architecture/broken.yaml:4:" in done.stdout
