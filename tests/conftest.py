"""Shared helpers: run the real ``archgen`` command and read what it wrote."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def run_archgen(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run ``python -m archgen`` as a user would, in ``cwd``."""
    finished = subprocess.run(
        [sys.executable, "-m", "archgen", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )
    return Result(finished.returncode, finished.stdout, finished.stderr)


@pytest.fixture
def archgen():
    return run_archgen


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with a specs/ folder to fill."""
    (tmp_path / "specs").mkdir()
    return tmp_path


def write_spec(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


EXAMPLE_SPECS = Path(__file__).resolve().parent / "fixtures" / "specs"


def copy_repo_specs(target: Path) -> Path:
    """The repository's own twelve stages, into ``target/specs``."""
    shutil.copytree(REPO / "specs", target / "specs")
    return target


def copy_example_specs(target: Path) -> Path:
    """Two small stages (the second extends the first) that tests can rely on."""
    shutil.copytree(EXAMPLE_SPECS, target / "specs")
    return target


# What a command that loads the pipeline imports; a quick answer needs none of it.
PIPELINE = ("pydantic", "yaml", "diagrams", "graphviz", "jinja2", "pint")


def pipeline_loaded_by(cwd: Path, *argv: str) -> tuple[str, list[str]]:
    """Run an archgen command in a fresh Python; what it printed, and the pipeline's
    top-level packages it imported."""
    code = (
        "import json, sys, archgen.cli\n"
        f"archgen.cli.main({list(argv)!r})\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules}"
        f" & set({PIPELINE!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    *printed, loaded = done.stdout.splitlines()
    return "\n".join(printed), json.loads(loaded)


def output_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, the manifest included, the lock not."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "lock"
    }
