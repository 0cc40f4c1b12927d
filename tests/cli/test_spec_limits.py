"""The spec limits through the CLI, where the corpus cannot hold them (hundreds of files,
valid stages that are drawn) and at the limits themselves, which must still build.

docs/hardening.md, "Spec limits", states each limit and why.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import run_archgen, write_spec

from archgen.spec.limits import MAX_EXTENDS_DEPTH, MAX_GROUP_DEPTH, MAX_LABEL_CHARACTERS


def _chain(specs: Path, length: int) -> None:
    """``length`` stages, s000 first, each extending the one before."""
    write_spec(specs, "s000.yaml", "id: s000\ntitle: S0\nnodes:\n  n0: {kind: ec2}\n")
    for i in range(1, length):
        write_spec(
            specs,
            f"s{i:03d}.yaml",
            f"id: s{i:03d}\ntitle: S{i}\nextends: s{i - 1:03d}\nnodes:\n  n{i}: {{kind: ec2}}\n",
        )


def _nested_groups(depth: int) -> str:
    lines = ["id: deep", "title: Deep", "nodes:", "  web: {kind: ec2}", "  db: {kind: rds}"]
    lines.append("groups:")
    lines += [f"  g{i}: {{label: G{i}, members: [g{i + 1}]}}" for i in range(depth - 1)]
    lines.append(f"  g{depth - 1}: {{label: G{depth - 1}, members: [web]}}")
    lines.append("edges:\n  - {from: db, to: g0}")
    return "\n".join(lines) + "\n"


def test_a_chain_of_400_stages_is_refused_past_the_limit(project: Path) -> None:
    """The issue's case: a RecursionError, or 400 specs valid and a build that crashed."""
    _chain(project / "specs", 400)
    result = run_archgen("validate", "specs", cwd=project)
    assert result.code == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "specs/s100.yaml:3:10: extends 's099', the last of 100 stages that extend each "
        "other; a chain of 'extends' may be at most 100 long"
    )
    assert lines[1] == "specs/s101.yaml:3:10: extends 's100', which has errors"
    assert lines[-1] == "300 error(s)"


def test_a_chain_resolved_child_first_needs_no_recursion(project: Path) -> None:
    """Ids that sort child first made resolve recurse once per stage: RecursionError."""
    specs = project / "specs"
    for i in range(400):  # z399 is the root, z000 the last child
        parent = f"extends: z{i + 1:03d}\n" if i < 399 else ""
        write_spec(specs, f"z{i:03d}.yaml", f"id: z{i:03d}\ntitle: Z\n{parent}")
    result = run_archgen("validate", "specs", cwd=project)
    assert result.code == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stderr.count("may be at most 100 long") == 1
    assert "specs/z299.yaml:3:10: extends 'z300', the last of 100" in result.stderr


def test_a_chain_at_the_limit_builds(project: Path) -> None:
    _chain(project / "specs", MAX_EXTENDS_DEPTH)
    result = run_archgen("build", "specs", "--format", "dot", "-q", cwd=project)
    assert result.code == 0, result.stderr[-2000:]
    assert (project / "output" / f"s{MAX_EXTENDS_DEPTH - 1:03d}.dot").is_file()


def test_1200_nested_groups_are_refused_by_validate_and_build(project: Path) -> None:
    """validate passed them; build ended in a RecursionError while drawing."""
    write_spec(project / "specs", "deep.yaml", _nested_groups(1_200))
    expected = (
        "specs/deep.yaml:38:31: group 'g32' is nested 33 groups deep; groups may nest at "
        "most 32 deep"
    )
    for command in ("validate", "build"):
        result = run_archgen(command, "specs", cwd=project)
        assert result.code == 2, result.stderr[-2000:]
        assert result.stderr.splitlines()[0] == expected
    assert not (project / "output").exists()


def test_groups_at_the_limit_are_drawn(project: Path) -> None:
    write_spec(project / "specs", "deep.yaml", _nested_groups(MAX_GROUP_DEPTH))
    result = run_archgen("build", "specs", "--format", "svg", cwd=project)
    assert result.code == 0, result.stderr
    svg = (project / "output" / "deep.svg").read_text(encoding="utf-8")
    assert svg.count('class="cluster"') == MAX_GROUP_DEPTH


def test_a_device_named_as_a_spec_is_refused_unread(tmp_path: Path) -> None:
    result = run_archgen("build", "/dev/zero", "-o", "out", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.splitlines()[0] == "/dev/zero:1:1: not a regular file (a character device)"
    assert not (tmp_path / "out").exists()


def test_a_link_inside_the_folder_is_read(project: Path) -> None:
    specs = project / "specs"
    (specs / "real").mkdir()
    write_spec(specs / "real", "a.yaml", "id: a\ntitle: A\n")
    (specs / "b.yaml").symlink_to("real/a.yaml")
    (specs / "c.yaml").symlink_to("b.yaml")
    result = run_archgen("validate", "specs", cwd=project)
    assert result.code == 2  # the same stage id three times: each file was read
    assert "symbolic link" not in result.stderr
    assert result.stderr.count("stage id 'a' is already used by") == 2


def test_a_json_style_surrogate_pair_is_drawn_as_its_character(project: Path) -> None:
    """A pair of escapes, as JSON writes 😀: the build crashed encoding it."""
    write_spec(
        project / "specs",
        "emoji.yaml",
        'id: emoji\ntitle: "\\uD83D\\uDE00 Emoji"\n'
        'nodes:\n  web: {kind: ec2, label: "a\\uD83D\\uDE00b"}\n',
    )
    result = run_archgen("build", "specs", "--format", "svg", cwd=project)
    assert result.code == 0, result.stderr
    svg = (project / "output" / "emoji.svg").read_text(encoding="utf-8")
    assert re.search(r"<text[^>]*>a\U0001f600b</text>", svg)
    page = (project / "output" / "emoji.md").read_text(encoding="utf-8")
    assert page.startswith("# \U0001f600 Emoji")


def test_a_tab_in_a_label_is_drawn(project: Path) -> None:
    write_spec(
        project / "specs",
        "tab.yaml",
        'id: tab\ntitle: Tab\nnodes:\n  web: {kind: ec2, label: "a\\tb"}\n',
    )
    result = run_archgen("build", "specs", "--format", "svg", cwd=project)
    assert result.code == 0, result.stderr
    assert "a\tb" in (project / "output" / "tab.svg").read_text(encoding="utf-8")


def test_a_short_hex_colour_is_drawn_as_written_in_full(project: Path) -> None:
    """'#abc' was refused, and Graphviz would draw it black: it is read as '#aabbcc'."""
    write_spec(
        project / "specs",
        "colour.yaml",
        """
        id: colour
        title: Colour
        nodes:
          a: {kind: ec2}
          b: {kind: rds}
        edges:
          - {from: a, to: b, color: "#abc"}
          - {from: b, to: a, color: navyblue}
        """,
    )
    result = run_archgen("build", "specs", "--format", "svg", cwd=project)
    assert result.code == 0, result.stderr
    svg = (project / "output" / "colour.svg").read_text(encoding="utf-8")
    assert 'stroke="#aabbcc"' in svg
    assert 'stroke="#000080"' in svg  # an X11 name, as Graphviz writes it


def test_the_longest_label_builds_with_every_character_escaped(project: Path) -> None:
    """The label limit holds for the worst case: each '"' is six bytes for Graphviz, the
    node is NEW (a table around its label) and its edge shows 100 step numbers."""
    quotes = '"' * MAX_LABEL_CHARACTERS
    write_spec(project / "specs", "a.yaml", "id: a\ntitle: A\nnodes:\n  x: {kind: ec2}\n")
    steps = "".join("  - {edge: e, text: t}\n" for _ in range(100))
    write_spec(
        project / "specs",
        "b.yaml",
        f"id: b\ntitle: B\nextends: a\nnodes:\n  y: {{kind: rds, label: '{quotes}'}}\n"
        f"edges:\n  - {{id: e, from: x, to: y, label: '{quotes}'}}\nsteps:\n{steps}",
    )
    result = run_archgen("build", "specs", "--format", "svg", cwd=project)
    assert result.code == 0, result.stderr
