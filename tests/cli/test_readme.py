"""README's table of commands names every option each command takes."""

from __future__ import annotations

import re

import pytest
from helpers import REPO, run_archgen

# diff's row is left to the diff command's own work (its options are still changing).
COMMANDS = ["init", "build", "validate", "check", "watch", "estimate", "catalog", "schema"]
_OPTION = re.compile(r"(?<![\w-])(--?[a-z][\w-]*)")


def readme_row(command: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith(f"| `archgen {command} ")]
    assert len(rows) == 1, command
    return rows[0].split(" | ")[0]


def usage_options(command: str) -> set[str]:
    """The options of ``archgen COMMAND --help``'s usage lines, but -h."""
    result = run_archgen(command, "--help", cwd=REPO)
    assert result.code == 0, result.stderr
    usage = result.stdout.split("\n\n", 1)[0]
    return set(_OPTION.findall(usage.split(command, 1)[1])) - {"-h"}


@pytest.mark.parametrize("command", COMMANDS)
def test_the_readme_row_of_a_command_names_each_of_its_options(command: str) -> None:
    row = readme_row(command)
    missing = sorted(option for option in usage_options(command) if option not in row)
    assert missing == [], f"README's row of {command} leaves out {missing}"
