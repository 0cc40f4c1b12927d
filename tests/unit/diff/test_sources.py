"""The two sides of a diff: the specs in a folder, or as a git revision holds them,
named in messages the way git names a file of a revision."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_example_specs, git

from archgen.diagnostics import UsageError
from archgen.diff.sources import folder, is_revision, revision
from archgen.resolve.stage import Stage


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository, as the working folder, whose second commit renames DNS."""
    copy_example_specs(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    spec = tmp_path / "specs" / "01-single-server.yaml"
    spec.write_text(spec.read_text("utf-8").replace("label: DNS", "label: Name server"), "utf-8")
    git(tmp_path, "commit", "-q", "-am", "head")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def dns_label(stages: list[Stage]) -> str:
    """The English label of the first stage's DNS node."""
    return next(node.label.get("en") for node in stages[0].nodes if node.id == "dns")


def test_a_folder_is_the_specs_in_it(repo: Path) -> None:
    specs = folder(Path("specs"))
    assert specs.label == "specs"
    assert [stage.id for stage in specs.stages] == ["single-server", "database"]
    assert specs.diagnostics == []
    assert dns_label(specs.stages) == "Name server"


def test_a_revision_is_the_specs_as_committed_there(repo: Path) -> None:
    with revision("HEAD~1", [Path("specs")]) as specs:
        assert specs.label == "HEAD~1"
        assert dns_label(specs.stages) == "DNS"
        assert [stage.source for stage in specs.stages] == [
            "HEAD~1:specs/01-single-server.yaml",
            "HEAD~1:specs/02-database.yaml",
        ]


def test_a_revisions_problems_name_its_files_as_git_does(repo: Path) -> None:
    spec = repo / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text("utf-8").replace("kind: rds", "kind: rdz"), "utf-8")
    git(repo, "commit", "-q", "-am", "a typo")
    with revision("HEAD", [Path("specs")]) as specs:
        assert [str(d) for d in specs.diagnostics] == [
            "HEAD:specs/02-database.yaml:11:14: unknown kind 'rdz' (did you mean 'rds', "
            "class aws.database.RDS?); 'archgen catalog' lists them"
        ]


def test_a_revision_without_the_specs_has_no_stages(repo: Path) -> None:
    (repo / "later").mkdir()
    copy_example_specs(repo / "later")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "more specs")
    with revision("HEAD~1", [Path("later/specs")]) as specs:
        assert (specs.stages, specs.diagnostics) == ([], [])


def test_revisions_are_told_from_other_names(repo: Path) -> None:
    assert is_revision("HEAD~1") and is_revision("main")
    assert not is_revision("specs") and not is_revision("no-such-thing")


def test_specs_outside_the_repository_are_a_usage_error(repo: Path) -> None:
    with (
        pytest.raises(UsageError, match="is outside the git repository"),
        revision("HEAD", [repo.parent]),
    ):
        pass
