"""A bad configuration through `archgen build`: one located line per problem, exit 2.

`pyproject.toml:LINE:COL: message` at the key the problem is about, nothing written, no
traceback; every number within its stated range; paths inside the project. The same
ranges hold on the command line, where argparse reports a usage error, exit 2.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import run_archgen

TABLE = "[project]\nname = 'x'\n\n[tool.archgen]\n"  # settings start on line 5


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "tool = 1\n",
            "1:1: 'tool' must be a table, such as [tool.archgen] with one setting a line",
        ),
        (
            '[tool]\narchgen = "x"\n',
            "2:1: 'tool.archgen' must be a table, such as [tool.archgen] with one setting a line",
        ),
        (
            "[[tool.archgen]]\njobs = 2\n",
            "1:1: 'tool.archgen' must be a table, such as [tool.archgen] with one setting a line",
        ),
        (
            TABLE + "graphviz-timeout = nan\n",
            "5:1: archgen setting 'graphviz-timeout' must be above 0 and at most 86,400, not nan",
        ),
        (
            TABLE + "  graphviz-timeout = inf\n",
            "5:3: archgen setting 'graphviz-timeout' must be above 0 and at most 86,400, not inf",
        ),
        (
            TABLE + "graphviz-timeout = 0\n",
            "5:1: archgen setting 'graphviz-timeout' must be above 0 and at most 86,400, not 0",
        ),
        (
            TABLE + "jobs = 1_000_000_000\n",
            "5:1: archgen setting 'jobs' must be from 1 to 256, not 1000000000",
        ),
        (TABLE + "jobs = 0\n", "5:1: archgen setting 'jobs' must be from 1 to 256, not 0"),
        (
            TABLE + "jobs = 2.5\n",
            "5:1: archgen setting 'jobs' must be a whole number, not a number",
        ),
        (
            TABLE + 'formats = ["svg", "gif"]\n',
            "5:1: archgen setting 'formats': unknown format 'gif'; choose from svg, png, dot",
        ),
        (
            TABLE + 'languages = ["en", "../x"]\n',
            "5:1: archgen setting 'languages': '../x' is not a language code such as 'en' or 'ko'",
        ),
        (
            TABLE + 'languages = ["en", "jp"]\n',
            "5:1: archgen setting 'languages': unknown language 'jp' (did you mean 'ja'?)",
        ),
        (
            TABLE + 'output = "/tmp/elsewhere"\n',
            "5:1: archgen setting 'output' must name a path inside the project (work/), "
            "not the absolute path '/tmp/elsewhere'; use the command line",
        ),
        (
            TABLE + 'output = "docs/../../elsewhere"\n',
            "5:1: archgen setting 'output' must name a path inside the project (work/), "
            "and 'docs/../../elsewhere' leads out of it; use the command line",
        ),
        (
            TABLE + 'output = "."\n',
            "5:1: archgen setting 'output' must name a folder inside the project, not '.'",
        ),
        (
            TABLE + 'specs = ["specs", "../specs"]\n',
            "5:1: archgen setting 'specs' must name a path inside the project (work/), "
            "and '../specs' leads out of it; use the command line",
        ),
        (
            TABLE + 'templates = "missing"\n',
            "5:1: archgen setting 'templates': no such folder 'missing'",
        ),
        (
            TABLE + '"outptu" = "site"\n',
            "5:1: unknown archgen setting 'outptu' (did you mean 'output'?)",
        ),
        (
            TABLE + 'output = "site"\nnested.key = 1\n',
            "6:1: unknown archgen setting 'nested'",
        ),
        (
            '[project]\ndescription = """\n[tool.archgen]\njobs = 1\n"""\n'
            "[tool.archgen]\njobs = true\n",
            "7:1: archgen setting 'jobs' must be a whole number, not true or false",
        ),
        (
            "a = " + "[" * 60 + "]" * 60 + "\n",
            "1:55: nested more than 50 levels deep",
        ),
        ("a = 1" + "0" * 5000 + "\n", "1:5: a number with too many digits"),
        (TABLE + "jobs = \n", "5:8: not valid TOML: Invalid value"),
    ],
)
def test_a_bad_setting_is_one_located_line(tmp_path: Path, text: str, line: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run_archgen("build", cwd=work)
    assert "Traceback" not in result.stderr
    assert (result.code, result.stderr) == (2, f"pyproject.toml:{line}\n")
    assert sorted(p.name for p in work.iterdir()) == ["pyproject.toml"]


def test_archgen_toml_is_located_the_same_way(tmp_path: Path) -> None:
    (tmp_path / "archgen.toml").write_text('output = "site"\njobs = -3\n', encoding="utf-8")
    result = run_archgen("validate", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        "archgen.toml:2:1: archgen setting 'jobs' must be from 1 to 256, not -3\n",
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: os.mkfifo(path), "1:1: not a regular file; a configuration must be one"),
        (
            lambda path: path.symlink_to("/dev/zero"),
            "1:1: not a regular file; a configuration must be one",
        ),
        (
            lambda path: path.write_bytes(b"#" * (1024 * 1024 + 1)),
            "1:1: larger than 1,048,576 bytes, the most archgen reads",
        ),
        (
            lambda path: path.write_bytes(b'[tool.archgen]\noutput = "caf\xe9"\n'),
            "2:14: not UTF-8: a configuration must be UTF-8",
        ),
    ],
    ids=["fifo", "device", "huge", "latin-1"],
)
def test_a_configuration_file_that_cannot_be_read_is_refused(
    tmp_path: Path, make: object, message: str
) -> None:
    make(tmp_path / "pyproject.toml")  # type: ignore[operator]
    result = run_archgen("build", "-o", "out", cwd=tmp_path)
    assert (result.code, result.stderr) == (2, f"pyproject.toml:{message}\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("option", "error"),
    [
        (
            ["--lang", "en,kr"],
            "argument --lang: unknown language 'kr' (did you mean 'ko'?); for Kanuri write 'kau'",
        ),
        (
            ["--graphviz-timeout", "1e308"],
            "argument --graphviz-timeout: expected seconds above 0 and at most 86,400 (a day), "
            "not '1e308'",
        ),
        (
            ["--graphviz-timeout", "inf"],
            "argument --graphviz-timeout: expected seconds above 0 and at most 86,400 (a day), "
            "not 'inf'",
        ),
        (
            ["--graphviz-timeout", "nan"],
            "argument --graphviz-timeout: expected seconds above 0 and at most 86,400 (a day), "
            "not 'nan'",
        ),
        (
            ["--graphviz-timeout", "-1"],
            "argument --graphviz-timeout: expected seconds above 0 and at most 86,400 (a day), "
            "not '-1'",
        ),
        (
            ["--jobs", "1000000000"],
            "argument -j/--jobs: expected a whole number from 1 to 256, not '1000000000'",
        ),
        (["-j", "٣"], "argument -j/--jobs: expected a whole number from 1 to 256, not '٣'"),
        (
            ["--shard", "1/1000000"],
            "argument --shard: expected K/N with 1 <= K <= N <= 1,000, such as 2/4, "
            "not '1/1000000'",
        ),
        (
            ["--lang", "en,../ko"],
            "argument --lang: '../ko' is not a language code such as en, ko or pt-BR",
        ),
    ],
)
def test_a_number_out_of_range_on_the_command_line_is_a_usage_error(
    tmp_path: Path, option: list[str], error: str
) -> None:
    result = run_archgen("build", "-o", "out", *option, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert (result.code, result.stderr.splitlines()[-1]) == (2, f"archgen build: error: {error}")
    assert not (tmp_path / "out").exists()


def test_the_command_line_may_name_an_output_outside_the_project(tmp_path: Path) -> None:
    """Only the file is held to the project: the command line is the user's own choice."""
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "pyproject.toml").write_text(TABLE + 'output = "site"\n')
    result = run_archgen("validate", "--help", cwd=tmp_path / "work")
    assert result.code == 0
    built = run_archgen("build", "-o", tmp_path / "elsewhere", "-q", cwd=tmp_path / "work")
    assert "Traceback" not in built.stderr
    assert built.code == 2  # no specs/ here: a usage error, not a configuration error
    assert "pyproject.toml" not in built.stderr
