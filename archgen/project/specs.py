"""Which files are specs: found from the paths a command names, told apart by kind."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from archgen.diagnostics import UsageError

SPEC_SUFFIXES = (".yaml", ".yml")
# Where the repository keeps the JSON Schema of specs; specs point at it relatively.
SCHEMA_FILE = "docs/archgen.schema.json"


def find_spec_files(paths: Sequence[Path]) -> list[Path]:
    """The spec files named by ``paths``: files as given, folders searched recursively."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix in SPEC_SUFFIXES and p.is_file())
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not found:
        raise UsageError(f"no spec files (*.yaml) in {', '.join(map(str, paths))}")
    return found


# An estimate spec says `kind: estimate` at the top level; stage specs have no kind.
_ESTIMATE_KIND_LINE = re.compile(
    rb"^kind[ \t]*:[ \t]*['\"]?estimate['\"]?[ \t]*(#.*)?$", re.MULTILINE
)


def is_estimate_file(path: Path) -> bool:
    """A cheap look at a file: does a line say ``kind: estimate`` at the top level?

    Read as bytes, not parsed: every spec of a build is checked, and parsing each twice
    would double the cost of loading. Unreadable files say no.
    """
    try:
        return _ESTIMATE_KIND_LINE.search(path.read_bytes()) is not None
    except OSError:
        return False
