"""Nothing outside the output folder: no link under it is followed, nothing but a
regular file is opened, and a manifest is read as untrusted data.

Each case builds the two example stages through the command line, as a user would,
then asserts the exit code, the one line archgen prints, and what is on disk, inside
the output and outside it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from helpers import build_into, copy_example_specs, run_archgen

MANIFEST = Path("output/.archgen/manifest.json")


def errors(stderr: str) -> list[str]:
    """The lines of a build's stderr that are not progress."""
    return [line for line in stderr.splitlines() if not line.startswith("[")]


def rename_database(project: Path) -> None:
    """Change the database stage's title and its node's label: all its files change."""
    spec = project / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text().replace("en: Database", "en: Data store"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_example_specs(tmp_path / "project")


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the output, holding a file a build must never touch."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "victim.tmp").write_text("keep me")
    return folder


@pytest.mark.parametrize("link", [".archgen", ".archgen/tmp"])
def test_a_linked_state_folder_is_refused_and_nothing_elsewhere_is_touched(
    project: Path, elsewhere: Path, link: str
) -> None:
    (project / "output" / link).parent.mkdir(parents=True)
    (project / "output" / link).symlink_to(elsewhere)
    result = run_archgen("build", "specs", cwd=project)
    assert result.code == 3
    assert errors(result.stderr) == [
        f"archgen: error: output/{link} is a symbolic link; archgen does not read or write "
        "through links in its output folder: remove it"
    ]
    assert [p.name for p in elsewhere.iterdir()] == ["victim.tmp"]
    assert (elsewhere / "victim.tmp").read_text() == "keep me"
    assert not (project / "output" / "database.svg").exists()


@pytest.mark.parametrize("kind", ["link", "fifo", "folder"])
def test_a_lock_that_is_not_a_regular_file_is_refused_unopened(
    project: Path, elsewhere: Path, kind: str
) -> None:
    lock = project / "output" / ".archgen" / "lock"
    lock.parent.mkdir(parents=True)
    if kind == "link":
        lock.symlink_to(elsewhere / "lock")
    elif kind == "fifo":
        os.mkfifo(lock)
    else:
        lock.mkdir()
    result = run_archgen("build", "specs", cwd=project)
    assert result.code == 3
    assert errors(result.stderr) == [
        "archgen: error: output/.archgen/lock is not a regular file; archgen does not open "
        "it: remove it"
    ]
    assert not (elsewhere / "lock").exists()


def test_a_linked_manifest_is_replaced_not_written_through(project: Path, elsewhere: Path) -> None:
    outside = elsewhere / "manifest.json"
    outside.write_text("{}")
    (project / "output" / ".archgen").mkdir(parents=True)
    (project / MANIFEST).symlink_to(outside)
    result = run_archgen("build", "specs", cwd=project)
    assert result.code == 0, result.stderr
    assert outside.read_text() == "{}"
    assert not (project / MANIFEST).is_symlink()
    assert json.loads((project / MANIFEST).read_text())["entries"]["database"]


def edit_manifest(project: Path, outputs: dict[str, str]) -> None:
    manifest = json.loads((project / MANIFEST).read_text())
    manifest["entries"]["database"]["outputs"].update(outputs)
    (project / MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.parametrize("name", ["../../../../../../../../dev/zero", ".archgen", "/etc/passwd"])
def test_a_manifest_naming_a_file_outside_the_output_means_build_all_with_a_note(
    tmp_path: Path, name: str
) -> None:
    project = build_into(tmp_path / "project").parent
    edit_manifest(project, {name: "0" * 64})
    started = time.monotonic()
    result = run_archgen("build", "specs", cwd=project)
    assert time.monotonic() - started < 30, "it read what the name points to"
    assert result.code == 0
    assert errors(result.stderr) == [
        f"archgen: note: output/.archgen/manifest.json: entry 'database' lists {name!r}, "
        "which is not a file archgen writes; every stage is built again"
    ]
    assert name not in (project / MANIFEST).read_text(), "the manifest is written anew"
    again = run_archgen("build", "specs", cwd=project)
    assert again.stderr == "" and "2 up to date" in again.stdout


@pytest.mark.parametrize(
    ("write", "why"),
    [
        (lambda path: path.write_text("[" * 100_000), "(nested too deep, or unclosed)"),
        (
            lambda path: path.write_text('{"format": 2, "entries": ' + "[" * 100_000),
            "(nested too deep, or unclosed)",
        ),
        (lambda path: path.write_bytes(b"\xff\xfe"), "("),
        (lambda path: path.write_text('{"format": 2, "entries": []}'), "wrote"),
        (lambda path: os.truncate(path, 1 << 30), "at most 16 MiB"),
    ],
    ids=["brackets", "deep-entries", "not-utf8", "entries-list", "1-gib"],
)
def test_a_malformed_manifest_means_build_all_with_a_note(
    tmp_path: Path, write: object, why: str
) -> None:
    project = build_into(tmp_path / "project").parent
    write(project / MANIFEST)  # type: ignore[operator]
    result = run_archgen("build", "specs", cwd=project)
    assert result.code == 0, result.stderr
    [line] = errors(result.stderr)
    assert line.startswith("archgen: note: output/.archgen/manifest.json")
    assert why in line and line.endswith("; every stage is built again")
    assert "Traceback" not in result.stderr


def test_a_fifo_for_a_manifest_is_never_opened(tmp_path: Path) -> None:
    project = build_into(tmp_path / "project").parent
    (project / MANIFEST).unlink()
    os.mkfifo(project / MANIFEST)
    result = run_archgen("build", "specs", cwd=project)  # opening it would wait for ever
    assert result.code == 3
    assert errors(result.stderr) == [
        "archgen: error: output/.archgen/manifest.json is not a regular file (a FIFO, socket "
        "or device); archgen does not open or replace it: remove it"
    ]


def test_an_output_that_is_a_link_to_a_system_file_is_replaced_by_a_regular_file(
    project: Path, elsewhere: Path
) -> None:
    password_file = elsewhere / "passwd"
    password_file.write_text("root:x:0:0\n")
    (project / "output").mkdir()
    (project / "output" / "database.svg").symlink_to(password_file)
    result = run_archgen("build", "specs", cwd=project)
    assert result.code == 0, result.stderr
    assert password_file.read_text() == "root:x:0:0\n"
    svg = project / "output" / "database.svg"
    assert not svg.is_symlink() and svg.read_bytes().startswith(b"<?xml")


def test_a_hard_linked_output_is_replaced_and_its_other_name_keeps_its_bytes(
    tmp_path: Path, elsewhere: Path
) -> None:
    output = build_into(tmp_path / "project")
    page = output / "database.md"
    other = elsewhere / "hard-link.md"
    os.link(page, other)
    before = other.read_bytes()
    rename_database(tmp_path / "project")
    result = run_archgen("build", "specs", cwd=tmp_path / "project")
    assert result.code == 0, result.stderr
    assert other.read_bytes() == before, "the write went through the hard link"
    assert page.read_bytes() != before


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_fifo_where_an_output_goes_is_refused_and_the_stage_left_whole(
    tmp_path: Path, kind: str
) -> None:
    output = build_into(tmp_path / "project")
    before = {name: (output / name).read_bytes() for name in ("database.svg", "database.md")}
    png = output / "database.png"
    png.unlink()
    png.mkdir() if kind == "folder" else os.mkfifo(png)
    rename_database(tmp_path / "project")
    result = run_archgen("build", "specs", cwd=tmp_path / "project")
    assert result.code == 3
    said = {
        "folder": "output/database.png is a folder where archgen writes a file: move it away",
        "fifo": "output/database.png is not a regular file (a FIFO, socket or device); "
        "archgen does not open or replace it: remove it",
    }[kind]
    assert errors(result.stderr) == [
        f"archgen: error: {said}",
        "archgen: note: index.md not updated, so it keeps listing the stages that failed",
    ]
    assert {name: (output / name).read_bytes() for name in before} == before
    assert png.is_dir() if kind == "folder" else png.is_fifo()


def test_an_output_folder_that_is_a_link_is_refused(project: Path, elsewhere: Path) -> None:
    (project / "output").symlink_to(elsewhere)
    result = run_archgen("build", "specs", cwd=project)
    assert result.code == 3
    assert errors(result.stderr) == [
        "archgen: error: output is a symbolic link; archgen writes only into a real folder: "
        "remove the link, or name the folder it points to with -o"
    ]
    assert [p.name for p in elsewhere.iterdir()] == ["victim.tmp"]
    assert run_archgen("build", "specs", "-o", elsewhere, cwd=project).code == 0


def test_an_output_path_that_is_a_file_is_a_usage_error(project: Path) -> None:
    (project / "output").write_text("notes")
    result = run_archgen("build", "specs", cwd=project)
    assert result.code == 2
    assert errors(result.stderr) == [
        "archgen: error: output is a file, not a folder; name an output folder with -o"
    ]
    assert (project / "output").read_text() == "notes"


@pytest.mark.parametrize("language", ["..", "../ko", ".archgen", "EN", "ko/x"])
def test_a_language_that_is_not_a_code_is_refused_before_any_write(
    project: Path, language: str
) -> None:
    result = run_archgen("build", "specs", "--lang", f"en,{language}", cwd=project)
    assert result.code == 2
    # the command line refuses it as a usage error; BuildOptions refuses it again for
    # callers that are not the command line (the MkDocs plugin)
    assert result.stderr.splitlines()[-1] == (
        f"archgen build: error: argument --lang: {language!r} is not a language code "
        "such as en, ko or pt-BR"
    )
    assert not (project / "output").exists()
