"""What Graphviz writes is untrusted input: a `dot` that misbehaves for one stage fails
that stage with one line naming the spec and what Graphviz did (exit 3); the other
stage is built whole, and nothing of the failed one is written."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from helpers import copy_example_specs, run_archgen

from archgen.diagnostics import printable

FAILED = "archgen: error: specs/02-database.yaml: Graphviz "

# Bash, run for the stage 'database' only; $svg and $png are the files archgen asked
# for, `real` runs the real dot on the same input.
MISBEHAVIOURS = {
    "no file": ("exit 0", "exited 0 but wrote no SVG for 'database'"),
    "empty files": (': > "$svg"; : > "$png"; exit 0', "wrote an empty SVG for 'database'"),
    "truncated": (
        'real; head -c 400 "$svg" > "$svg.part"; mv "$svg.part" "$svg"; exit 0',
        r"wrote an SVG that is not well-formed XML \(.* at line \d+, column \d+\) for 'database'",
    ),
    "not XML": (
        'real; echo "Segmentation fault (core dumped)" > "$svg"; exit 0',
        r"wrote an SVG that is not well-formed XML \(syntax error at line 1, column 1\) "
        "for 'database'",
    ),
    "no svg element": (
        "real; echo '<html/>' > \"$svg\"; exit 0",
        "wrote an SVG without an <svg> element for 'database'",
    ),
    "image without href": (
        'real; sed -i \'s/xlink:href="[^"]*"//\' "$svg"; exit 0',
        "wrote an <image> without an href for 'database'",
    ),
    "image of a file that is not an icon": (
        'real; sed -i \'s|xlink:href="[^"]*"|xlink:href="/etc/passwd"|\' "$svg"; exit 0',
        "wrote an <image> of '/etc/passwd', which is not an icon, for 'database'",
    ),
    "entity bomb": (
        "real; printf '%s\\n' '<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\">"
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\' \'<svg>&b;</svg>\' > "$svg"; exit 0',
        r"wrote an SVG with a DTD of its own \(entity declarations\) for 'database'",
    ),
    "external entity": (
        "real; printf '%s\\n' '<!DOCTYPE svg SYSTEM \"file:///etc/passwd\">' "
        "'<svg>&xxe;</svg>' > \"$svg\"; exit 0",
        "wrote an SVG that refers to an undeclared entity 'xxe' for 'database'",
    ),
    "huge": (
        'real; truncate -s 100M "$svg"; exit 0',
        r"wrote a 104,857,600-byte SVG \(the most archgen reads is 67,108,864 bytes\) "
        "for 'database'",
    ),
    "a FIFO in place of the file": (
        'real; rm "$svg"; mkfifo "$svg"; exit 0',
        "wrote something that is not a file in place of the SVG for 'database'",
    ),
    "a script": (
        "real; sed -i 's|</svg>|<script>alert(1)</script></svg>|' \"$svg\"; exit 0",
        r"wrote an SVG with a <script> element \(not one Graphviz writes\) for 'database'",
    ),
    "an event handler": (
        'real; sed -i \'s|<g id=|<g onclick="alert(1)" id=|\' "$svg"; exit 0',
        r"wrote an SVG with an event handler \(onclick on <g>\) for 'database'",
    ),
    "a javascript link": (
        "real; sed -i 's|<a xlink:title=|<a xlink:href=\"javascript:alert(1)\" xlink:title=|' "
        '"$svg"; exit 0',
        "wrote an SVG with a link that is not http\\(s\\), mailto or relative on <a> "
        "for 'database'",
    ),
    "an image this cannot read": (
        "real; sed -i 's|<image \\([^>]*\\)/>|<image \\1></image>|' \"$svg\"; exit 0",
        "wrote an <image> element archgen cannot read for 'database'",
    ),
    "a PNG that is not a PNG": (
        'real; echo "GIF89a" > "$png"; exit 0',
        "wrote a PNG file that is not a PNG for 'database'",
    ),
    "garbage on stderr": (
        "head -c 200000 /dev/urandom | tr -d '\\n' >&2; printf '\\n\\e[2Jlast\\a' >&2; exit 1",
        r"failed on 'database': \\x1b\[2Jlast\\x07",
    ),
}


def fake_dot(folder: Path, behaviour: str) -> dict[str, str]:
    """A `dot` first on the PATH that runs ``behaviour`` for 'database', the real one else."""
    real = shutil.which("dot")
    assert real, "these tests need Graphviz"
    folder.mkdir()
    script = folder / "dot"
    script.write_text(f"""#!/bin/bash
input=$(cat)
for arg in "$@"; do
  case "$arg" in -o*.svg) svg="${{arg#-o}}";; -o*.png) png="${{arg#-o}}";; esac
done
real() {{ {real} "$@" <<<"$input"; }}
if grep -q '^digraph database ' <<<"$input"; then
  {behaviour.replace("real;", 'real "$@";')}
fi
exec {real} "$@" <<<"$input"
""")
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


@pytest.mark.parametrize("case", list(MISBEHAVIOURS))
def test_graphviz_misbehaving_fails_that_stage_in_one_line(tmp_path: Path, case: str) -> None:
    behaviour, expected = MISBEHAVIOURS[case]
    project = copy_example_specs(tmp_path / "project")
    result = run_archgen("build", "specs", cwd=project, env=fake_dot(tmp_path / "bin", behaviour))
    assert result.code == 3, result.stderr
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith("archgen: error")]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(FAILED), result.stderr
    assert re.fullmatch(expected, problems[0].removeprefix(FAILED)), problems[0]
    for line in (result.stdout + result.stderr).splitlines():
        assert printable(line) == line
    output = project / "output"
    for name in ("single-server.svg", "single-server.png", "single-server.md"):
        assert (output / name).is_file(), "the other stage is built whole"
    assert not list(output.glob("database.*")), "nothing of the failed stage is written"


def test_warnings_and_garbage_on_stderr_of_a_dot_that_succeeds_change_nothing(
    tmp_path: Path,
) -> None:
    project = copy_example_specs(tmp_path / "project")
    behaviour = "printf 'Warning: \\e[2J odd\\n' >&2; real; exit 0"
    result = run_archgen("build", "specs", cwd=project, env=fake_dot(tmp_path / "bin", behaviour))
    assert result.code == 0, result.stderr
    assert (project / "output" / "database.svg").is_file()
