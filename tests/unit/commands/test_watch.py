"""What `archgen watch` reacts to: spec and template files, not its own output or the
files editors leave beside a spec."""

from __future__ import annotations

from pathlib import Path

from helpers import copy_example_specs
from watchfiles import Change

from archgen.commands.watch import WatchedInputs
from archgen.project.options import BuildOptions


def test_watch_ignores_its_own_output_and_editor_files(tmp_path: Path) -> None:
    copy_example_specs(tmp_path)
    (tmp_path / "templates").mkdir()
    specs, templates = tmp_path / "specs", tmp_path / "templates"
    inputs = WatchedInputs([specs], BuildOptions(output=specs / "out", templates=templates))
    assert inputs.folders == sorted([specs.resolve(), templates.resolve()])
    assert inputs(Change.modified, str(specs.resolve() / "01-single-server.yaml"))
    assert inputs(Change.added, str(specs.resolve() / "deeper" / "03-new.yml"))
    assert inputs(Change.modified, str(templates.resolve() / "stage.md.j2"))
    assert not inputs(Change.modified, str(specs.resolve() / "out" / "x.yaml"))
    assert not inputs(Change.modified, str(specs.resolve() / "notes.md"))
    assert not inputs(Change.modified, str(specs.resolve() / ".01-single-server.yaml.swp"))


def test_watch_of_one_file_watches_its_folder(tmp_path: Path) -> None:
    # Editors that save by renaming a new file over the old one would end a file watch.
    copy_example_specs(tmp_path)
    spec = tmp_path / "specs" / "01-single-server.yaml"
    inputs = WatchedInputs([spec], BuildOptions(output=tmp_path / "out"))
    assert inputs.folders == [spec.parent.resolve()] and not inputs.recursive
    assert inputs(Change.modified, str(spec.resolve()))
    assert not inputs(Change.modified, str(spec.parent.resolve() / "02-database.yaml"))
