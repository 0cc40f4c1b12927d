"""Project configuration: ``[tool.archgen]`` in ``pyproject.toml``, or ``archgen.toml``.

Found by walking up from the working directory. Paths in it are relative to the file
that holds them. Options on the command line win over the file.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archgen.diagnostics import Diagnostic, Location, SpecError, suggest
from archgen.project.paths import relative_to_working_folder

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILES = ("archgen.toml", "pyproject.toml")

# key -> (type, what it is); the README and docs/configuration.md document each.
KEYS: dict[str, tuple[type, str]] = {
    "specs": (list, "spec files or folders to build when none are named"),
    "output": (str, "output folder"),
    "formats": (list, "image formats: svg, png"),
    "languages": (list, "languages: English goes to the output folder, others to output/<lang>/"),
    "templates": (str, "folder whose templates replace the built-in ones"),
    "graphviz-timeout": (float, "seconds Graphviz may take for one diagram"),
    "jobs": (int, "diagrams rendered at once"),
}


@dataclass(frozen=True)
class Config:
    source: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def path(self, key: str) -> Path | None:
        """A path setting, made relative to the folder of the file that set it."""
        value = self.values.get(key)
        if value is None or self.source is None:
            return None if value is None else Path(value)
        return relative_to_working_folder(self.source.parent / value)

    def paths(self, key: str) -> list[Path] | None:
        values = self.values.get(key)
        if values is None or self.source is None:
            return None if values is None else [Path(v) for v in values]
        return [relative_to_working_folder(self.source.parent / value) for value in values]


def find_config(start: Path) -> Config:
    """The nearest configuration at or above ``start``; an empty one when there is none."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            path = folder / name
            if path.is_file():
                table = _table(path)
                if table is not None:
                    return Config(path, table)
    return Config()


def _table(path: Path) -> dict[str, Any] | None:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise SpecError(
            [Diagnostic(Location(str(path), line), "not UTF-8: a configuration file must be UTF-8")]
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column = _position(str(exc))
        raise SpecError(
            [Diagnostic(Location(str(path), line, column), f"not valid TOML: {exc}")]
        ) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("archgen")
        if data is None:
            return None
    return _checked(path, text, data)


def _checked(path: Path, text: str, data: Any) -> dict[str, Any]:
    problems = []
    if not isinstance(data, dict):
        data = {}
    for key, value in data.items():
        where = _locate_key(path, text, key)
        if key not in KEYS:
            problems.append(
                Diagnostic(where, f"unknown archgen setting '{key}'{suggest(key, KEYS)}")
            )
            continue
        expected, _ = KEYS[key]
        ok = isinstance(value, expected) or (expected is float and isinstance(value, int))
        if expected is list and ok:
            ok = all(isinstance(item, str) for item in value) and bool(value)
        if not ok or isinstance(value, bool):
            kind = {
                list: "a non-empty list of strings",
                str: "a string",
                float: "a number",
                int: "a whole number",
            }[expected]
            problems.append(Diagnostic(where, f"archgen setting '{key}' must be {kind}"))
    if problems:
        raise SpecError(problems)
    return dict(data)


def _locate_key(path: Path, text: str, key: str) -> Location:
    """The line that sets ``key`` in archgen's table (tomllib keeps no positions)."""
    table = "tool.archgen" if path.name == "pyproject.toml" else ""
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header[1].replace('"', "").replace(" ", "")
            continue
        if current == table and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return Location(str(path), number, len(line) - len(line.lstrip()) + 1)
    return Location(str(path))


def _position(message: str) -> tuple[int, int]:
    match = re.search(r"line (\d+), column (\d+)", message)
    return (int(match[1]), int(match[2])) if match else (1, 1)
