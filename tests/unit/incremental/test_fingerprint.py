"""A stage's digest, the manifest's record of its spec: it follows what the stage draws
and says, its parents included, and not where its file is or how its YAML is written."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from helpers import resolve_specs

from archgen.incremental.fingerprint import stage_digest

PARENT = """
    id: parent
    order: 1
    title: Parent
    nodes:
      web: {kind: ec2, label: Web}
      db: {kind: rds}
    edges:
      - {from: web, to: db, label: writes}
    """

CHILD = """
    id: child
    order: 2
    extends: parent
    title: Child
    nodes:
      cache: {kind: elasticache}
    """


def digests(folder: Path, *texts: str, names: tuple[str, ...] = ()) -> dict[str, str]:
    stages, problems = resolve_specs(folder, *texts, names=names)
    assert problems == []
    return {stage.id: stage_digest(stage) for stage in stages}


def test_the_same_specs_give_the_same_digests(tmp_path: Path) -> None:
    assert digests(tmp_path / "a", PARENT, CHILD) == digests(tmp_path / "b", PARENT, CHILD)


def test_a_parent_edit_changes_the_parent_and_its_child(tmp_path: Path) -> None:
    before = digests(tmp_path / "before", PARENT, CHILD)
    after = digests(tmp_path / "after", PARENT.replace("label: Web", "label: Front"), CHILD)
    assert after["parent"] != before["parent"]
    assert after["child"] != before["child"]


def test_a_parent_title_edit_changes_the_child_whose_page_names_it(tmp_path: Path) -> None:
    before = digests(tmp_path / "before", PARENT, CHILD)
    after = digests(tmp_path / "after", PARENT.replace("title: Parent", "title: Origin"), CHILD)
    assert after["child"] != before["child"]


def test_a_child_edit_leaves_the_parent_alone(tmp_path: Path) -> None:
    before = digests(tmp_path / "before", PARENT, CHILD)
    after = digests(tmp_path / "after", PARENT, CHILD.replace("title: Child", "title: Kid"))
    assert after["parent"] == before["parent"]
    assert after["child"] != before["child"]


def test_moving_a_spec_file_changes_no_digest(tmp_path: Path) -> None:
    before = digests(tmp_path / "before", PARENT, CHILD)
    moved = digests(
        tmp_path / "after", PARENT, CHILD, names=("01-parent.yaml", "deeper/child-stage.yaml")
    )
    assert moved == before


def test_reformatting_the_yaml_changes_no_digest(tmp_path: Path) -> None:
    block = """
        # the same stage, written another way
        id: parent
        order: 1
        title: Parent
        nodes:
          web:
            kind: ec2
            label: "Web"
          db: {kind: rds}
        edges:
          - from: web
            to: db
            label: writes
        """
    assert digests(tmp_path / "block", block) == digests(tmp_path / "flow", PARENT)


def test_every_part_counts(tmp_path: Path) -> None:
    base = digests(tmp_path / "base", PARENT)["parent"]
    edits = {
        "direction": dedent(PARENT) + "direction: TB\n",
        "kind": PARENT.replace("kind: rds", "kind: aurora"),
        "edge style": PARENT.replace("label: writes}", "label: writes, style: dashed}"),
        "summary": dedent(PARENT) + "summary: More words.\n",
        "note": dedent(PARENT) + "notes: [A note.]\n",
        "translation": PARENT.replace("title: Parent", "title: {en: Parent, ko: 부모}"),
    }
    for number, (what, text) in enumerate(edits.items()):
        assert digests(tmp_path / f"edit{number}", text)["parent"] != base, what
