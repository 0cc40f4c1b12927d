"""`pip install .` gives a working `archgen` anywhere: templates ship inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from helpers import REPO, build_into, copy_example_specs, output_files

pytestmark = pytest.mark.slow  # integration: other tools, whole environments

# The fresh environment sees only what is installed in it: not a PYTHONPATH that puts a
# checkout's archgen first (as a developer running the suite from a worktree may have).
FRESH = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}


def install_in_a_fresh_venv(tmp_path: Path) -> Path:
    """A wheel of this checkout, installed without dependencies in a new venv; the venv."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(wheels),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            *wheels.glob("archgen-*.whl"),
        ],
        check=True,
        capture_output=True,
    )
    # The dependencies come from this test environment, without its editable archgen:
    # a .pth line adds the folder, and .pth files inside it are not read.
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv


def test_wheel_installed_in_a_fresh_venv_builds_from_another_folder(tmp_path: Path) -> None:
    venv = install_in_a_fresh_venv(tmp_path)
    python = venv / "bin" / "python"
    work = copy_example_specs(tmp_path / "elsewhere")
    finished = subprocess.run(
        [venv / "bin" / "archgen", "build", "specs", "-o", "out"],
        cwd=work,
        env=FRESH,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    where = subprocess.check_output(
        [python, "-c", "import archgen; print(archgen.__file__)"], cwd=work, env=FRESH, text=True
    )
    assert where.startswith(str(venv))
    assert (work / "out" / "database.md").read_text().startswith("# Database\n")

    reference = build_into(tmp_path / "reference", "-o", "out")
    assert output_files(work / "out") == output_files(reference)


def test_wheel_installed_in_a_fresh_venv_starts_a_project_that_builds(tmp_path: Path) -> None:
    """The starter ships inside the wheel, its .gitignore too (kept as 'gitignore')."""
    archgen = install_in_a_fresh_venv(tmp_path) / "bin" / "archgen"

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [archgen, *args], cwd=cwd, env=FRESH, capture_output=True, text=True, check=False
        )

    started = run("init", "project", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    project = tmp_path / "project"
    assert (project / ".gitignore").is_file() and (project / "archgen.schema.json").is_file()
    built = run("build", cwd=project)
    assert built.returncode == 0, built.stderr
    assert (project / "output" / "database.png").is_file()
