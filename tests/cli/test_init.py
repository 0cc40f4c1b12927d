"""`archgen init [DIR]`: a starter project that builds, validates and checks at once, and
never writes over a file that is there."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml
from helpers import run_archgen

from archgen.project.layout import LOCK_NAME, TEMP_NAME

STARTER = [
    ".gitignore",
    "README.md",
    "archgen.schema.json",
    "archgen.toml",
    "specs/01-web-server.yaml",
    "specs/02-database.yaml",
]
SCHEMA_LINE = "# yaml-language-server: $schema=../archgen.schema.json"


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_init_writes_the_starter_and_says_what_next(tmp_path: Path) -> None:
    result = run_archgen("init", "my-architecture", cwd=tmp_path)
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        *(f"wrote my-architecture/{name}" for name in STARTER),
        "next: cd my-architecture && archgen build",
    ]
    assert sorted(files_in(tmp_path / "my-architecture")) == sorted(STARTER)


def test_the_starter_builds_validates_and_checks_at_once(tmp_path: Path) -> None:
    assert run_archgen("init", "project", cwd=tmp_path).code == 0
    project = tmp_path / "project"
    built = run_archgen("build", cwd=project)
    assert built.code == 0, built.stderr
    assert "2 stage(s) in output: 2 built" in built.stdout
    output = project / "output"
    for stage in ("web-server", "database"):
        assert (output / f"{stage}.md").read_text().startswith("# ")
        assert b'.node.web"' in (output / f"{stage}.svg").read_bytes()  # the web server drawn
        assert (output / f"{stage}.png").read_bytes().startswith(b"\x89PNG")
    index = (output / "index.md").read_text()
    assert "[Web server](web-server.md)" in index and "(database.md)" in index
    # The second stage extends the first: its page says so and lists what it added.
    page = (output / "database.md").read_text()
    assert "Starts from: [Web server](web-server.md)" in page
    assert "Added: Database (`db`)" in page
    assert run_archgen("validate", cwd=project).stdout == "2 spec(s) valid\n"
    checked = run_archgen("check", cwd=project)
    assert (checked.code, checked.stdout) == (0, "output is up to date (2 stage(s))\n")


def test_the_starter_specs_name_the_schema_it_writes(tmp_path: Path) -> None:
    assert run_archgen("init", cwd=tmp_path).code == 0
    schema = json.loads((tmp_path / "archgen.schema.json").read_text())
    assert schema == json.loads(run_archgen("schema", cwd=tmp_path).stdout)
    specs = sorted((tmp_path / "specs").glob("*.yaml"))
    assert [p.name for p in specs] == ["01-web-server.yaml", "02-database.yaml"]
    for path in specs:
        text = path.read_text()
        assert text.splitlines()[0] == SCHEMA_LINE
        jsonschema.validate(yaml.safe_load(text), schema, cls=jsonschema.Draft202012Validator)
    assert yaml.safe_load(specs[1].read_text())["extends"] == "web-server"


def test_the_starter_settings_are_what_archgen_reads(tmp_path: Path) -> None:
    assert run_archgen("init", cwd=tmp_path).code == 0
    settings = (tmp_path / "archgen.toml").read_text()
    assert 'specs = ["specs"]' in settings and 'output = "output"' in settings
    # A setting archgen does not know would fail every command: the build above passes,
    # and so does a plain validate here, which reads archgen.toml.
    assert run_archgen("validate", cwd=tmp_path).code == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_gitignore_keeps_the_lock_and_temporary_files_out(tmp_path: Path) -> None:
    assert run_archgen("init", cwd=tmp_path).code == 0
    assert set((tmp_path / ".gitignore").read_text().split()) >= {
        f"output/{LOCK_NAME}",
        f"output/{TEMP_NAME}/",
    }
    assert run_archgen("build", cwd=tmp_path).code == 0
    (tmp_path / "output" / TEMP_NAME / "left-over").write_text("x")  # an interrupted write
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    listed = subprocess.run(
        ["git", "add", "--dry-run", "--all"], cwd=tmp_path, capture_output=True, text=True
    ).stdout
    assert f"output/{LOCK_NAME}" not in listed and TEMP_NAME not in listed
    assert "output/.archgen/manifest.json" in listed and "output/database.svg" in listed


def test_init_into_a_folder_with_a_clashing_file_fails_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "01-web-server.yaml").write_text("mine\n")
    (tmp_path / "notes.txt").write_text("also mine\n")
    before = files_in(tmp_path)
    result = run_archgen("init", ".", cwd=tmp_path)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "archgen: error: specs/01-web-server.yaml: already exists; archgen init writes "
        "over no file: choose a new folder, or add --force to replace them\n"
    )
    assert files_in(tmp_path) == before


def test_the_refusal_counts_every_clash(tmp_path: Path) -> None:
    (tmp_path / "archgen.toml").write_text("")
    (tmp_path / "README.md").write_text("mine\n")
    result = run_archgen("init", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.startswith(
        "archgen: error: README.md: already exists (and 1 more of the starter's files);"
    )


def test_init_into_a_folder_without_clashes_keeps_its_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    result = run_archgen("init", cwd=tmp_path)
    assert result.code == 0
    assert result.stdout.splitlines()[-1] == "next: archgen build"
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_force_replaces_the_starter_files_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "01-web-server.yaml").write_text("mine\n")
    (tmp_path / "specs" / "03-mine.yaml").write_text("mine too\n")
    result = run_archgen("init", "--force", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert (tmp_path / "specs" / "01-web-server.yaml").read_text().startswith(SCHEMA_LINE)
    assert (tmp_path / "specs" / "03-mine.yaml").read_text() == "mine too\n"


def test_force_replaces_no_folder_or_link(tmp_path: Path) -> None:
    (tmp_path / "README.md").mkdir()
    result = run_archgen("init", "--force", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr == (
        "archgen: error: README.md: not a regular file; even --force replaces only files\n"
    )
    assert files_in(tmp_path) == {}


def test_init_refuses_a_file_for_a_folder(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("")
    result = run_archgen("init", "taken", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "archgen: error: taken: not a folder; name a folder to write the starter in\n"
    )


def test_init_makes_the_folder_and_its_parents(tmp_path: Path) -> None:
    result = run_archgen("init", "a/b", cwd=tmp_path)
    assert result.code == 0
    assert (tmp_path / "a" / "b" / "specs" / "02-database.yaml").is_file()
    assert result.stdout.splitlines()[-1] == "next: cd a/b && archgen build"


def test_init_keeps_the_settings_of_an_existing_pyproject(tmp_path: Path) -> None:
    """archgen.toml is read before pyproject.toml: a new one would silently send the build
    elsewhere than the project's own [tool.archgen] says."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.archgen]\noutput = "site"\nlanguages = ["en", "ko"]\n')
    result = run_archgen("init", cwd=tmp_path)
    assert (result.code, result.stderr) == (0, "")
    assert "kept the [tool.archgen] settings of pyproject.toml" in result.stdout
    assert not (tmp_path / "archgen.toml").exists()
    assert run_archgen("build", cwd=tmp_path).code == 0
    assert (tmp_path / "site" / "ko" / "web-server.md").is_file()
    assert not (tmp_path / "output").exists()


def test_init_beside_a_pyproject_without_settings_writes_archgen_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n')
    assert run_archgen("init", cwd=tmp_path).code == 0
    assert (tmp_path / "archgen.toml").is_file()
