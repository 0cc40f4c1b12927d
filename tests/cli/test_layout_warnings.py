"""Layout problems reach the user as located warnings: Graphviz's own, told at the spec
line of the part, once per stage, again by a build with nothing to do and by `check`;
`--strict` (or `strict = true`) makes them fail the build, which still writes its files."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import pipeline_loaded_by, run_archgen, write_spec

TOO_WIDE = (
    "its label is wider than its box (Graphviz: 'size too small for label'); "
    "shorten the label or lower the stage's 'wrap'"
)
STRICT = "archgen: error: --strict turned {} warning(s) into a failure of the build"
# What the geometry checks say of a label wider than its box, its measures left out
# (they follow the theme's sizes); for 'CloudFormation', which fits by their measure
# within a pixel, only Graphviz warns.
WEB = "label 'Web server (scaled up)' is N px wide, N px wider than its node's N px box"
DB = "label 'Primary database host' is N px wide, N px wider than its node's N px box"
TOOL = f"node 'tool': {TOO_WIDE}"

# 'Web server (scaled up)' is 22 characters, one line with wrapping turned off (else
# draw/label_fit.py wraps it to its box): wider than the 1.4 in box of a node, so that
# dot warns "size too small for label" for it.
CROWDED = """\
    id: crowded
    title: Crowded
    nodes:
      users: {kind: users, label: Users}
      web: {kind: ec2, label: Web server (scaled up)}
      db: {kind: rds, label: {en: Primary database host, ko: 주 DB}}
      tool: {kind: cloudformation, label: CloudFormation}
    edges:
      - {from: users, to: web}
      - {from: web, to: db}
      - {from: web, to: tool}
    wrap: false
"""
CHILD = """\
    id: child
    extends: crowded
    title: Child
    nodes:
      cache: {kind: elasticache, label: Cache}
    edges:
      - {from: web, to: cache}
"""


CLEAN = """\
    id: clean
    title: Clean
    nodes:
      users: {kind: users, label: {en: Users, ko: 사용자}}
      web: {kind: ec2, label: {en: Web server, ko: 웹 서버}}
    edges:
      - {from: users, to: web}
"""


def _project(tmp_path: Path, *specs: tuple[str, str]) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    for name, text in specs:
        write_spec(folder, name, text)
    return tmp_path


def _warnings(stderr: str) -> list[str]:
    """The warning lines, each measure in px written N."""
    lines = [line for line in stderr.splitlines() if ": warning: " in line]
    return [re.sub(r"\d+(\.\d+)? px", "N px", line) for line in lines]


def test_a_label_too_wide_for_its_box_is_a_warning_at_the_nodes_line(tmp_path: Path) -> None:
    project = _project(tmp_path, ("crowded.yaml", CROWDED))
    result = run_archgen("build", "--lang", "en", cwd=project)
    assert result.code == 0, result.stderr
    assert _warnings(result.stderr) == [
        f"specs/crowded.yaml:5:3: warning: {WEB}",
        f"specs/crowded.yaml:6:3: warning: {DB}",
        f"specs/crowded.yaml:7:3: warning: {TOOL}",
    ]
    assert (project / "output" / "crowded.svg").is_file()


def test_both_languages_tell_a_warning_once_and_say_which_has_it(tmp_path: Path) -> None:
    project = _project(tmp_path, ("crowded.yaml", CROWDED))
    result = run_archgen("build", "--lang", "en,ko", cwd=project)
    assert result.code == 0, result.stderr
    # 'web' and 'tool' have one label in both languages: a line each. 'db' is short in Korean.
    assert _warnings(result.stderr) == [
        f"specs/crowded.yaml:5:3: warning: {WEB}",
        f"specs/crowded.yaml:6:3: warning: {DB} (en diagram only)",
        f"specs/crowded.yaml:7:3: warning: {TOOL}",
    ]


def test_an_inherited_part_is_located_in_the_parents_spec(tmp_path: Path) -> None:
    project = _project(tmp_path, ("1-crowded.yaml", CROWDED), ("2-child.yaml", CHILD))
    result = run_archgen("build", "--lang", "en", cwd=project)
    assert result.code == 0, result.stderr
    told = _warnings(result.stderr)
    assert len(told) == len(set(told))
    for line in [
        f"specs/1-crowded.yaml:5:3: warning: {WEB}",
        f"specs/1-crowded.yaml:5:3: warning: {WEB} (in stage 'child')",
        f"specs/1-crowded.yaml:6:3: warning: {DB}",
        f"specs/1-crowded.yaml:6:3: warning: {DB} (in stage 'child')",
        f"specs/1-crowded.yaml:7:3: warning: {TOOL}",
        f"specs/1-crowded.yaml:7:3: warning: {TOOL} (in stage 'child')",
    ]:
        assert line in told
    # A problem of a part the child declares is at the child's line: its edge to the cache.
    own = {line.split(": warning: ")[0] for line in told if line.startswith("specs/2-")}
    assert own <= {"specs/2-child.yaml:7:5"}


def test_a_build_with_nothing_to_do_tells_the_warnings_again(tmp_path: Path) -> None:
    project = _project(tmp_path, ("crowded.yaml", CROWDED))
    first = run_archgen("build", "--lang", "en,ko", cwd=project)
    again = run_archgen("build", "--lang", "en,ko", cwd=project)
    assert again.code == 0
    assert "0 built, 1 up to date; 0 file(s) written" in again.stdout
    assert _warnings(again.stderr) == _warnings(first.stderr) != []
    # Told from the manifest alone: the fast path loads none of the pipeline.
    summary, loaded = pipeline_loaded_by(project, "build", "--lang", "en,ko")
    assert "0 built, 1 up to date" in summary
    assert loaded == []


def test_an_up_to_date_stage_tells_its_warnings_at_the_lines_they_moved_to(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path, ("crowded.yaml", CROWDED))
    run_archgen("build", "--lang", "en", cwd=project)
    spec = project / "specs" / "crowded.yaml"
    spec.write_text("# A comment: the stage draws the same\n" + spec.read_text())
    again = run_archgen("build", "--lang", "en", cwd=project)
    assert "0 built, 1 up to date" in again.stdout
    assert _warnings(again.stderr) == [
        f"specs/crowded.yaml:6:3: warning: {WEB}",
        f"specs/crowded.yaml:7:3: warning: {DB}",
        f"specs/crowded.yaml:8:3: warning: {TOOL}",
    ]


def test_strict_fails_the_build_but_writes_and_records_its_files(tmp_path: Path) -> None:
    project = _project(tmp_path, ("crowded.yaml", CROWDED))
    result = run_archgen("build", "--lang", "en", "--strict", cwd=project)
    assert result.code == 1
    assert result.stderr.splitlines()[-1] == (
        STRICT.format(3) + "; its files are written, to be looked at"
    )
    output = project / "output"
    assert (output / "crowded.svg").is_file() and (output / "index.md").is_file()
    manifest = json.loads((output / ".archgen" / "manifest.json").read_text())
    recorded = manifest["entries"]["crowded"]["warnings"]
    assert [(w["part"], w["id"], w["at"]) for w in recorded] == [
        ("node", "web", ["../specs/crowded.yaml", 5, 3]),
        ("node", "db", ["../specs/crowded.yaml", 6, 3]),
        ("node", "tool", ["../specs/crowded.yaml", 7, 3]),
    ]
    # Nothing to build: still a failure, on the warnings recorded.
    again = run_archgen("build", "--lang", "en", "--strict", cwd=project)
    assert again.code == 1
    assert len(_warnings(again.stderr)) == 3
    assert STRICT.format(3) in again.stderr
    assert run_archgen("build", "--lang", "en", cwd=project).code == 0


def test_strict_in_the_configuration_and_no_strict_on_the_command_line(tmp_path: Path) -> None:
    project = _project(tmp_path, ("crowded.yaml", CROWDED))
    (project / "archgen.toml").write_text('languages = ["en"]\nstrict = true\n')
    result = run_archgen("build", cwd=project)
    assert result.code == 1
    assert STRICT.format(3) in result.stderr
    assert run_archgen("build", "--no-strict", cwd=project).code == 0
    (project / "archgen.toml").write_text('strict = "yes"\n')
    bad = run_archgen("build", cwd=project)
    assert bad.code == 2
    assert bad.stderr.strip() == (
        "archgen.toml:1:1: archgen setting 'strict' must be true or false, not a string"
    )


def test_check_tells_the_recorded_warnings_and_fails_with_strict(tmp_path: Path) -> None:
    project = _project(tmp_path, ("crowded.yaml", CROWDED))
    run_archgen("build", "--lang", "en", cwd=project)
    check = run_archgen("check", "--lang", "en", cwd=project)
    assert check.code == 0
    assert _warnings(check.stderr) == [
        f"specs/crowded.yaml:5:3: warning: {WEB}",
        f"specs/crowded.yaml:6:3: warning: {DB}",
        f"specs/crowded.yaml:7:3: warning: {TOOL}",
    ]
    strict = run_archgen("check", "--lang", "en", "--strict", cwd=project)
    assert strict.code == 1
    assert strict.stderr.splitlines()[-1] == (
        "archgen: error: --strict turned 3 warning(s) into a failure of the check"
    )
    # The whole check (a spec edited without changing the stage) tells them too.
    spec = project / "specs" / "crowded.yaml"
    spec.write_text("# edited\n" + spec.read_text())
    whole = run_archgen("check", "--lang", "en", "--strict", cwd=project)
    assert whole.code == 1
    assert f"specs/crowded.yaml:8:3: warning: {TOOL}" in whole.stderr


def test_a_clean_spec_tells_no_warning_strict_or_not(tmp_path: Path) -> None:
    project = _project(tmp_path, ("clean.yaml", CLEAN))
    result = run_archgen("build", "--lang", "en,ko", "--strict", cwd=project)
    assert result.code == 0, result.stderr
    assert "warning" not in result.stderr
    again = run_archgen("build", "--lang", "en,ko", "--strict", cwd=project)
    assert again.code == 0
    assert "warning" not in again.stderr
