"""What many tests do: run the real ``archgen`` command, write specs, build a copy of the
example specs, resolve specs in-process, and read what a build wrote.

A plain module, not conftest.py: pytest's ``pythonpath`` setting puts ``tests/`` on the
path, so every test, at any depth, imports these with ``from helpers import ...``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from archgen.diagnostics import Diagnostic, SpecError
from archgen.resolve.resolver import resolve_all
from archgen.resolve.stage import Stage
from archgen.spec.load import LoadedSpec, load_spec

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
REPO_SPECS = REPO / "specs"
EXAMPLE_SPECS = TESTS / "fixtures" / "specs"  # two small stages; the second extends the first
# The ids of the book's twelve stages in specs/, in their order.
REPO_STAGES = [
    "single-server",
    "database",
    "vertical-horizontal-scaling",
    "load-balancer",
    "database-replication",
    "cache",
    "cdn",
    "stateless-web-tier",
    "data-centers",
    "message-queue",
    "logging-metrics-automation",
    "database-scaling",
]


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def run_archgen(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run ``python -m archgen`` as a user would, in ``cwd``."""
    return run_module("archgen", *args, cwd=cwd, env=env)


def run_module(
    module: str, *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> Result:
    """Run ``python -m MODULE ARGS`` (archgen, mkdocs) in ``cwd``, as a user would."""
    finished = subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )
    return Result(finished.returncode, finished.stdout, finished.stderr)


def write_spec(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def copy_repo_specs(target: Path) -> Path:
    """The repository's own twelve stages (and its estimate), into ``target/specs``."""
    shutil.copytree(REPO_SPECS, target / "specs")
    return target


def copy_example_specs(target: Path) -> Path:
    """Two small stages (the second extends the first) that tests can rely on."""
    shutil.copytree(EXAMPLE_SPECS, target / "specs")
    return target


def build_into(
    project: Path,
    *options: str,
    specs: Path | None = EXAMPLE_SPECS,
    env: dict[str, str] | None = None,
) -> Path:
    """Copy ``specs`` into ``project/specs`` (None: use the specs already there), run
    ``archgen build specs`` with ``options`` in ``project``, and return the output
    folder. The build must succeed."""
    if specs is not None:
        shutil.copytree(specs, project / "specs")
    result = run_archgen("build", "specs", *options, cwd=project, env=env)
    assert result.code == 0, result.stderr
    return project / _output_option(options)


def _output_option(options: Sequence[str]) -> str:
    for flag in ("-o", "--output"):
        if flag in options:
            return options[options.index(flag) + 1]
    return "output"


def resolve_specs(
    folder: Path, *texts: str, names: Sequence[str] = ()
) -> tuple[list[Stage], list[Diagnostic]]:
    """Write each text as a spec into ``folder``, load and resolve them all as a build
    does: the stages, and every problem found (those of loading first).

    The files are s1.yaml, s2.yaml, ... unless ``names`` says otherwise; messages name
    them ``specs/<name>``, as a build run beside ``specs/`` would.
    """
    names = names or [f"s{number}.yaml" for number in range(1, len(texts) + 1)]
    loaded: list[LoadedSpec] = []
    problems: list[Diagnostic] = []
    for name, text in zip(names, texts, strict=True):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_spec(path.parent, path.name, text)
        try:
            loaded.append(load_spec(path, f"specs/{name}"))
        except SpecError as error:
            assert error.diagnostics, "a spec was refused without saying why"
            problems.extend(error.diagnostics)
    stages, diagnostics = resolve_all(loaded)
    return stages, [*problems, *diagnostics]


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


GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
}


def git(repo: Path, *args: str) -> None:
    """Run git in ``repo`` with a fixed author and no user configuration."""
    subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env={**GIT_ENV, "PATH": "/usr/bin:/bin", "HOME": str(repo)},
    )
