"""Hostile conditions: builds killed at any moment, two builds at once, Graphviz that
fails or hangs, links that lead out of the output folder, and machines that differ in
hash seed, time zone, locale and working directory."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import build_into, copy_example_specs, copy_repo_specs, output_files, run_archgen

ARCHGEN = [sys.executable, "-m", "archgen"]


def rename_dns(project: Path, label: str) -> None:
    spec = project / "specs" / "01-single-server.yaml"
    text = spec.read_text()
    spec.write_text(
        text.replace("dns: {kind: route53, label: DNS}", f"dns: {{kind: route53, label: {label}}}")
    )


def reference(tmp_path: Path, name: str, label: str | None) -> dict[str, bytes]:
    folder = copy_example_specs(tmp_path / name)
    if label:
        rename_dns(folder, label)
    return output_files(build_into(folder, "-q", "--lang", "en,ko", specs=None))


def published(output: Path) -> list[str]:
    """What a site generator would publish: everything but archgen's hidden folder."""
    return sorted(
        str(p.relative_to(output))
        for p in output.rglob("*")
        if p.is_file() and ".archgen" not in p.parts
    )


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_whole_files(tmp_path: Path) -> None:
    old = reference(tmp_path, "old", None)
    new = reference(tmp_path, "new", "Name server")
    assert old != new
    project = copy_example_specs(tmp_path / "project")
    for delay in (0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6, 2.0, 2.5):
        assert run_archgen("build", "specs", "-q", "--lang", "en,ko", cwd=project).code == 0
        rename_dns(project, "Name server")
        build = subprocess.Popen(
            [*ARCHGEN, "build", "specs", "-q", "--lang", "en,ko", "--jobs", "1"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.wait()
        output = project / "output"
        for name in published(output):
            data = (output / name).read_bytes()
            assert data in (old.get(name), new.get(name)), f"{name} is torn after {delay} s"
            assert not name.endswith(".tmp") and not Path(name).name.startswith(".")
        repaired = run_archgen("build", "specs", "-q", "--lang", "en,ko", cwd=project)
        assert repaired.code == 0, repaired.stderr
        assert {n: d for n, d in output_files(output).items() if n.startswith(".") is False} == {
            n: d for n, d in new.items() if not n.startswith(".")
        }
        assert not list((output / ".archgen" / "tmp").glob("*.tmp"))
        rename_dns(project, "DNS")  # back to the old text for the next round


@contextmanager
def output_locked(output: Path) -> Iterator[None]:
    """Hold the output folder's lock, as a build that is writing there does."""
    lock = output / ".archgen" / "lock"
    lock.parent.mkdir(parents=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # closing the file releases the lock


def first_error_line(process: subprocess.Popen[str], timeout: float = 60) -> str:
    """The first line ``process`` writes to its stderr pipe."""
    assert process.stderr is not None
    readable, _, _ = select.select([process.stderr], [], [], timeout)
    assert readable, f"nothing on stderr after {timeout:g} s"
    return process.stderr.readline()


def test_two_builds_of_one_folder_take_turns(tmp_path: Path) -> None:
    expected = reference(tmp_path, "reference", None)
    project = copy_example_specs(tmp_path / "project")
    command = [*ARCHGEN, "build", "specs", "--lang", "en,ko", "--jobs", "1"]
    # Two builds start while the folder is locked, so both must wait whatever the timing;
    # once it is free, one takes the lock and the other waits on until that one is done.
    with output_locked(project / "output"):
        first = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True)
        said = [first_error_line(first)]
        second = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True)
        said.append(first_error_line(second))
    errors = [
        line + process.communicate(timeout=120)[1]
        for line, process in zip(said, (first, second), strict=True)
    ]
    assert first.returncode == 0 and second.returncode == 0
    assert any("waiting for another build of output to finish" in e for e in errors)
    assert output_files(project / "output") == expected


def fake_dot(folder: Path, behaviour: str, stage: str | None = "database") -> dict[str, str]:
    """A `dot` on the PATH that misbehaves for one stage only, or for every one."""
    real = subprocess.run(["which", "dot"], capture_output=True, text=True).stdout.strip()
    folder.mkdir()
    script = folder / "dot"
    which = f"grep -q '^digraph {stage} ' <<<\"$input\"" if stage else "true"
    script.write_text(f"""#!/bin/bash
input=$(cat)
if {which}; then
  {behaviour}
fi
exec {real} "$@" <<<"$input"
""")
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        (
            "echo 'Error: trouble in layout' >&2; exit 1",
            "specs/02-database.yaml: Graphviz failed on 'database': Error: trouble in layout",
        ),
        pytest.param(
            "sleep 30",
            "specs/02-database.yaml: Graphviz took longer than 2 s to lay out 'database'",
            marks=pytest.mark.slow,  # it waits out the timeout
        ),
    ],
)
def test_graphviz_failing_or_hanging_names_the_spec(
    tmp_path: Path, behaviour: str, message: str
) -> None:
    project = copy_example_specs(tmp_path / "project")
    env = fake_dot(tmp_path / "bin", behaviour)
    started = time.monotonic()
    result = run_archgen("build", "specs", "--graphviz-timeout", "2", cwd=project, env=env)
    assert time.monotonic() - started < 20
    assert result.code == 3
    assert f"archgen: error: {message}" in result.stderr.splitlines()
    assert (project / "output" / "single-server.svg").is_file(), "the other spec still builds"
    assert not (project / "output" / "database.svg").exists()


def wait_until_idle(process: subprocess.Popen[str], quiet: float = 0.3) -> None:
    """Until every thread of ``process`` sleeps and it uses no CPU for ``quiet`` seconds,
    or it has ended."""
    deadline = time.monotonic() + 60
    last, since = None, time.monotonic()
    while process.poll() is None:
        assert time.monotonic() < deadline, "the build was still busy after 60 s"
        now = _cpu_time_if_asleep(process.pid)
        if now is None or now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.02)


def _cpu_time_if_asleep(pid: int) -> int | None:
    """The process's CPU time in clock ticks when each of its threads sleeps, else None."""
    try:
        threads = list(Path(f"/proc/{pid}/task").iterdir())
        if any(_stat_fields(thread / "stat")[0] != "S" for thread in threads):
            return None
        fields = _stat_fields(Path(f"/proc/{pid}/stat"))
    except FileNotFoundError:  # a thread, or the process, ended while we looked
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime


def _stat_fields(path: Path) -> list[str]:
    """The fields of a /proc stat file after the command name, the state first."""
    return path.read_text().rsplit(")", 1)[1].split()


@pytest.mark.slow
def test_ctrl_c_stops_the_build_without_drawing_what_was_queued(tmp_path: Path) -> None:
    project = copy_repo_specs(tmp_path / "project")  # 12 stages: 12 diagrams queued
    dots, release = tmp_path / "dots", tmp_path / "release"
    # Each dot says it started, then draws once the test releases it.
    hold = f"echo started >> {dots}; until [ -e {release} ]; do sleep 0.05; done"
    env = fake_dot(tmp_path / "bin", hold, None)
    build = subprocess.Popen(
        [*ARCHGEN, "build", "specs", "--lang", "en", "--jobs", "1"],
        cwd=project,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Ctrl-C once the build only waits for Graphviz. Sooner, while an import runs
        # code that dataclasses make with exec(), `python -m archgen` can die of the
        # signal (-2) although archgen caught it and returned 130: CPython remembers a
        # KeyboardInterrupt that left exec()'d code and, under -m, re-raises SIGINT at
        # exit. The installed `archgen` script exits 130 either way.
        wait_until_idle(build)
        build.send_signal(signal.SIGINT)
        wait_until_idle(build)  # the queue is dropped; the dot that runs may finish
    finally:
        release.touch()
    _, stderr = build.communicate(timeout=30)
    assert build.returncode == 130
    assert "archgen: interrupted; files already written are complete" in stderr
    started = dots.read_text().splitlines()
    assert len(started) <= 2, "the diagrams still queued were drawn after Ctrl-C"


def test_a_link_out_of_the_output_folder_is_not_followed(tmp_path: Path) -> None:
    project = copy_example_specs(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "output").mkdir()
    (project / "output" / "ko").symlink_to(elsewhere)
    result = run_archgen("build", "specs", "--lang", "en,ko", cwd=project)
    assert result.code == 3
    assert (
        "archgen: error: output/ko is a symbolic link; archgen does not read or write "
        "through links in its output folder: remove it"
    ) in result.stderr.splitlines(), "said once, not once per stage"
    assert list(elsewhere.iterdir()) == []
    # A stage's files change together: its English files wait with its Korean ones.
    assert not (project / "output" / "database.svg").exists()


def test_output_does_not_depend_on_the_machine(tmp_path: Path) -> None:
    builds = []
    for number, env in enumerate(
        [
            {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C", "LANG": "C"},
            {
                "PYTHONHASHSEED": "4242",
                "TZ": "Asia/Seoul",
                "LC_ALL": "C.UTF-8",
                "LANG": "ko_KR.UTF-8",
            },
        ]
    ):
        project = copy_example_specs(tmp_path / f"machine{number}")
        cwd = project if number == 0 else project / "specs"  # and another working folder
        specs = "specs" if number == 0 else "."
        out = "output" if number == 0 else str(project / "output")
        result = run_archgen("build", specs, "-o", out, "-q", "--lang", "en,ko", cwd=cwd, env=env)
        assert result.code == 0, result.stderr
        builds.append(
            {
                n: d
                for n, d in output_files(project / "output").items()
                if not n.startswith(".archgen")
            }
        )
    assert builds[0] == builds[1]
