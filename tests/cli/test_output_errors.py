"""What the machine refuses (a full disk, a read-only folder) is one clear line with
exit 3, and a stage's files change together or not at all; what the options no longer
ask for is kept, with a note, until ``--prune``."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import build_into, copy_example_specs, output_files, pipeline_loaded_by, run_archgen

from archgen import cli

DATABASE_FILES = ("database.svg", "database.png", "database.md")


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("[")]


def rename_database(project: Path) -> None:
    """A change to the database stage that changes every one of its files."""
    spec = project / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text().replace("en: Database", "en: Data store"))


def files_of(output: Path, names: tuple[str, ...] = DATABASE_FILES) -> dict[str, bytes]:
    return {name: (output / name).read_bytes() for name in names}


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` at ``folder``, for as long as the test runs; skips without root."""
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder])
    if mounted.returncode != 0:
        pytest.skip("this machine cannot mount a tmpfs")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", folder], check=True)


def fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` but for ``leave`` bytes."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    filler = disk / "filler"
    filler.write_bytes(b"\0" * max(0, free - leave))
    return filler


def test_a_full_disk_is_one_line_and_leaves_the_stage_as_it_was(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "600k") as disk:
        project = copy_example_specs(disk / "project")
        output = build_into(project, specs=None)
        before = files_of(output)
        rename_database(project)
        filler = fill(disk, 40_000)  # room for a page, not for an image
        result = run_archgen("build", "specs", cwd=project)
        assert result.code == 3
        assert errors(result.stderr) == [
            "archgen: error: cannot write output/database.png: no space left on the device; "
            "free some space and build again"
        ]
        assert files_of(output) == before, "a new file beside old ones"
        assert not list((output / ".archgen" / "tmp").iterdir()), "temporary files left"
        filler.unlink()
        again = run_archgen("build", "specs", cwd=project)
        assert again.code == 0, again.stderr
        assert all(files_of(output)[name] != before[name] for name in DATABASE_FILES)


def test_a_full_disk_in_the_middle_of_a_stage_puts_back_what_was_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rename that fails after others succeeded (simulated: the disk fills between two
    renames) puts the stage's earlier files back."""
    project = tmp_path / "project"
    output = build_into(project)
    before = files_of(output)
    rename_database(project)
    monkeypatch.chdir(project)
    renames = []
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if not renames and str(target).endswith("database.svg"):  # once: then put back
            renames.append(target)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    assert cli.main(["build", "specs", "--jobs", "1"]) == 3
    assert errors(capsys.readouterr().err) == [
        "archgen: error: cannot write output/database.svg: no space left on the device; "
        "free some space and build again"
    ]
    assert renames, "database.png was renamed first, then database.svg failed"
    assert files_of(output) == before
    assert [p.name for p in (output / ".archgen" / "tmp").iterdir()] == []


def test_a_read_only_output_folder_is_one_line_and_leaves_it_whole(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "2m") as disk:
        project = copy_example_specs(disk / "project")
        output = build_into(project, specs=None)
        before = output_files(output)
        rename_database(project)
        subprocess.run(["mount", "-o", "remount,ro", disk], check=True)
        result = run_archgen("build", "specs", cwd=project)
        subprocess.run(["mount", "-o", "remount,rw", disk], check=True)
        after = output_files(output)
    assert result.code == 3
    assert errors(result.stderr) == [
        "archgen: error: cannot write output/.archgen/lock: the file system is read-only; "
        "choose another output folder with -o"
    ]
    assert after == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_output_folder_without_write_permission_is_one_line(tmp_path: Path) -> None:
    project = copy_example_specs(tmp_path / "project")
    output = build_into(project, specs=None)
    before = output_files(output)
    rename_database(project)
    for folder in (output, output / ".archgen", output / ".archgen" / "tmp"):
        folder.chmod(0o555)
    try:
        result = run_archgen("build", "specs", cwd=project)
    finally:
        for folder in (output, output / ".archgen", output / ".archgen" / "tmp"):
            folder.chmod(0o755)
    assert result.code == 3
    [line] = errors(result.stderr)
    assert line.startswith("archgen: error: cannot write output/")
    assert line.endswith("permission denied; make the folder writable or choose another with -o")
    assert output_files(output) == before


KEPT_NOTE = (
    "archgen: note: kept 7 file(s) that earlier builds made for --lang ko, not asked for now, "
    "such as output/ko/database.md; build with --prune to delete them"
)


def test_dropping_a_language_keeps_its_files_with_a_note_until_prune(tmp_path: Path) -> None:
    project = tmp_path / "project"
    output = build_into(project, "--lang", "en,ko")
    korean = {name: data for name, data in output_files(output).items() if name.startswith("ko/")}
    assert len(korean) == 7
    for _ in range(2):  # said by every build while they are there
        result = run_archgen("build", "specs", cwd=project)
        assert result.code == 0, result.stderr
        assert errors(result.stderr) == [KEPT_NOTE]
        assert {n: d for n, d in output_files(output).items() if n.startswith("ko/")} == korean
    pruned = run_archgen("build", "specs", "--prune", cwd=project)
    assert pruned.code == 0 and errors(pruned.stderr) == []
    assert pruned.stdout.endswith("0 file(s) written, 7 removed\n")
    assert not (output / "ko").exists()
    quiet = run_archgen("build", "specs", cwd=project)
    assert (quiet.code, quiet.stderr) == (0, "")


def test_dropping_a_format_keeps_its_files_and_names_the_option(tmp_path: Path) -> None:
    project = tmp_path / "project"
    output = build_into(project)
    result = run_archgen("build", "specs", "--format", "svg", cwd=project)
    assert result.code == 0
    assert errors(result.stderr) == [
        "archgen: note: kept 2 file(s) that earlier builds made for --format png, not asked "
        "for now, such as output/database.png; build with --prune to delete them"
    ]
    assert (output / "database.png").is_file() and (output / "single-server.png").is_file()


def test_a_spec_that_is_gone_takes_its_kept_files_with_it(tmp_path: Path) -> None:
    project = tmp_path / "project"
    output = build_into(project, "--lang", "en,ko")
    assert run_archgen("build", "specs", cwd=project).code == 0  # ko/ kept
    (project / "specs" / "02-database.yaml").unlink()
    result = run_archgen("build", "specs", cwd=project)
    assert result.code == 0, result.stderr
    assert not any(name.startswith(("database.", "ko/database.")) for name in output_files(output))
    assert (output / "ko" / "single-server.md").is_file(), "still kept: its spec is there"


def test_check_names_the_kept_files_of_a_spec_that_is_gone(tmp_path: Path) -> None:
    project = tmp_path / "project"
    build_into(project, "--lang", "en,ko")
    assert run_archgen("build", "specs", cwd=project).code == 0  # ko/ kept
    (project / "specs" / "02-database.yaml").unlink()
    result = run_archgen("check", "specs", cwd=project)
    assert result.code == 1
    left = "left over from 'database', which no spec defines any more"
    assert f"output/ko/database.md: {left}" in result.stderr.splitlines()
    assert f"output/database.md: {left}" in result.stderr.splitlines()


def test_prune_leaves_a_kept_file_edited_by_hand(tmp_path: Path) -> None:
    project = tmp_path / "project"
    output = build_into(project, "--lang", "en,ko")
    assert run_archgen("build", "specs", cwd=project).code == 0
    (output / "ko" / "index.md").write_text("my own notes\n")
    result = run_archgen("build", "specs", "--prune", cwd=project)
    assert result.code == 0
    assert errors(result.stderr) == [
        "archgen: note: output/ko/index.md was edited by hand; left in place"
    ]
    assert sorted(p.name for p in (output / "ko").iterdir()) == ["index.md"]


def test_kept_files_leave_the_no_op_build_quick(tmp_path: Path) -> None:
    """Files kept for a language no longer asked for are named by every build, and a
    build that would change nothing else still loads none of the pipeline."""
    project = tmp_path / "project"
    build_into(project, "--lang", "en,ko")
    assert run_archgen("build", "specs", cwd=project).code == 0  # ko/ kept from now on
    result = run_archgen("build", "specs", cwd=project)
    assert errors(result.stderr) == [KEPT_NOTE]
    assert result.stdout.endswith("0 built, 2 up to date; 0 file(s) written\n")
    summary, loaded = pipeline_loaded_by(project, "build", "specs", "-q")
    assert summary.endswith("0 built, 2 up to date; 0 file(s) written")
    assert loaded == []
    pruned = run_archgen("build", "specs", "--prune", cwd=project)  # --prune: a build's work
    assert pruned.stdout.endswith("0 file(s) written, 7 removed\n")
