"""Bad input through the CLI: one located line per problem, exit 2, nothing written,
and the previous build left whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Result, copy_example_specs, output_files, run_archgen, write_spec

GOOD = """
    id: good
    title: Good
    nodes:
      web: {kind: ec2}
    """


@pytest.fixture
def specs(project: Path) -> Path:
    write_spec(project / "specs", "good.yaml", GOOD)
    return project / "specs"


def build(project: Path) -> Result:
    return run_archgen("build", "specs", cwd=project)


def test_unknown_key_names_line_column_and_suggestion(specs: Path) -> None:
    write_spec(
        specs,
        "bad.yaml",
        """
        id: bad
        title: Bad
        nodes:
          web: {kind: ec2, lable: Web}
        """,
    )
    result = build(specs.parent)
    assert result.code == 2
    assert (
        "specs/bad.yaml:4:20: unknown key 'lable' in 'nodes.web' (did you mean 'label'?)"
        in result.stderr.splitlines()
    )
    assert "Traceback" not in result.stderr
    assert not (specs.parent / "output" / "bad.md").exists()
    assert (specs.parent / "output" / "good.svg").exists(), "the other spec must still build"


def test_misspelled_kind(specs: Path) -> None:
    write_spec(
        specs,
        "bad.yaml",
        """
        id: bad
        title: Bad
        nodes:
          web: {kind: ec3}
        """,
    )
    result = build(specs.parent)
    assert result.code == 2
    assert (
        "specs/bad.yaml:4:15: unknown kind 'ec3' (did you mean 'ec2', class aws.compute.EC2?); "
        "'archgen catalog' lists them"
    ) in result.stderr.splitlines()
    output = specs.parent / "output"
    assert sorted(p.name for p in output.iterdir() if p.name != ".archgen") == [
        "good.md",
        "good.png",
        "good.svg",
    ]
    assert "bad" not in (output / ".archgen" / "manifest.json").read_text()


def test_dangling_edge(specs: Path) -> None:
    write_spec(
        specs,
        "bad.yaml",
        """
        id: bad
        title: Bad
        nodes:
          web: {kind: ec2}
          database: {kind: rds}
        edges:
          - {from: web, to: databse}
        """,
    )
    result = build(specs.parent)
    assert result.code == 2
    assert (
        "specs/bad.yaml:7:21: edge to 'databse', which is no node or group "
        "(did you mean 'database'?)"
    ) in result.stderr.splitlines()
    assert not list((specs.parent / "output").glob("bad.*"))


def test_every_error_of_a_build_is_reported(specs: Path) -> None:
    write_spec(
        specs,
        "one.yaml",
        """
        id: one
        title: One
        colour: red
        nodes:
          a: {kind: nope}
        """,
    )
    write_spec(
        specs,
        "two.yaml",
        """
        id: two
        title: Two
        nodes:
          a: {kind: ec2}
        steps:
          - {edge: a->b, text: never}
        """,
    )
    result = build(specs.parent)
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert any(line.startswith("specs/one.yaml:3:1: unknown key 'colour'") for line in lines)
    assert any(
        line.startswith("specs/two.yaml:6:12: step 1 is bound to unknown edge 'a->b'")
        for line in lines
    )
    # 'one' has a schema error, so its kinds are never looked at: one line for it
    assert sum(line.startswith("specs/") for line in lines) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id: x\ntitle: X\nnodes:\n\tweb: {kind: ec2}\n",
            "specs/bad.yaml:4:1: a tab character cannot start indentation in YAML",
        ),
        (
            "id: x\ntitle: X\ntitle: Y\n",
            "specs/bad.yaml:3:1: duplicate key 'title' (first defined at line 2)",
        ),
        ("", "specs/bad.yaml:1:1: the file is empty"),
        ("- a\n- b\n", "specs/bad.yaml:1:1: a spec must be a mapping"),
        (
            "id: x\ntitle: !!python/object:os.system {}\n",
            "specs/bad.yaml:2:8: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'",
        ),
        ("id: x\ntitle: [unclosed\n", "specs/bad.yaml:3:1: YAML syntax error"),
        (
            "id: ../../etc/passwd\ntitle: X\n",
            "specs/bad.yaml:1:5: 'id': '../../etc/passwd' is not a valid id",
        ),
        (
            "id: x\ntitle: X\norder: '5'\n",
            "specs/bad.yaml:3:8: 'order' must be an integer, not the string '5'",
        ),
        (
            "id: x\ntitle: X\nedges:\n  - {from: a, to: b, style: dahsed}\n",
            "specs/bad.yaml:4:29: 'edges[1].style' must be one of solid, dashed, dotted, bold, not "
            "'dahsed' (did you mean 'dashed'?)",
        ),
        (
            "id: x\nextends: nowhere\ntitle: X\n",
            "specs/bad.yaml:2:10: extends unknown stage 'nowhere'",
        ),
    ],
)
def test_bad_spec_gives_one_located_line(specs: Path, text: str, expected: str) -> None:
    (specs / "bad.yaml").write_text(text, encoding="utf-8")
    result = run_archgen("validate", "specs", cwd=specs.parent)
    assert result.code == 2
    assert any(line.startswith(expected) for line in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.stderr


def test_non_utf8_bytes_are_located(specs: Path) -> None:
    (specs / "bad.yaml").write_bytes(b"id: x\ntitle: caf\xe9\n")
    result = run_archgen("validate", "specs", cwd=specs.parent)
    assert result.code == 2
    assert "specs/bad.yaml:2:11: not UTF-8: byte 0xe9 cannot be decoded" in result.stderr


def test_alias_bomb_is_refused_quickly(specs: Path) -> None:
    lines = ["id: x", "title: X", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
        f"*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    (specs / "bad.yaml").write_text("\n".join(lines) + "\n")
    result = run_archgen("validate", "specs", cwd=specs.parent)
    assert result.code == 2
    assert "aliases expand the document by more than 20,000 values" in result.stderr


def test_extends_cycle_is_reported_in_both_specs(specs: Path) -> None:
    write_spec(specs, "a.yaml", "id: a\nextends: b\ntitle: A\n")
    write_spec(specs, "b.yaml", "id: b\nextends: a\ntitle: B\n")
    result = run_archgen("validate", "specs", cwd=specs.parent)
    assert result.code == 2
    assert "specs/b.yaml:2:10: 'extends' makes a cycle: a -> b -> a" in result.stderr
    assert "specs/a.yaml:2:10: extends 'b', which has errors" in result.stderr


def test_failed_build_leaves_earlier_outputs_whole(built_project: Path) -> None:
    before = output_files(built_project / "output")
    spec = built_project / "specs" / "02-database.yaml"
    spec.write_text(spec.read_text().replace("kind: rds", "kind: rdz"))
    result = run_archgen("build", "specs", cwd=built_project)
    assert result.code == 2
    assert "unknown kind 'rdz' (did you mean 'rds', class aws.database.RDS?)" in result.stderr
    assert output_files(built_project / "output") == before
    leftovers = [p.name for p in (built_project / "output").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_spec_that_cannot_be_read_is_an_error_in_every_build(tmp_path: Path) -> None:
    copy_example_specs(tmp_path)
    # Reading the memory file of a process fails (EIO), even for root. Named on the
    # command line: a link found in specs/ may not leave it.
    (tmp_path / "03-unreadable.yaml").symlink_to("/proc/self/mem")
    for _ in range(2):  # the second build is not taken for a no-op
        result = run_archgen("build", "specs", "03-unreadable.yaml", "-q", cwd=tmp_path)
        assert result.code == 2
        assert result.stderr.splitlines()[0] == (
            "03-unreadable.yaml:1:1: cannot read: Input/output error"
        )
        assert (tmp_path / "output" / "database.svg").is_file(), "the others still build"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_archgen("build", "nowhere", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.strip() == "archgen: error: nowhere: no such file or folder"
