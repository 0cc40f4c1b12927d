"""Project configuration: ``[tool.archgen]`` in ``pyproject.toml``, or ``archgen.toml``.

Found by walking up from the working directory. Paths in it are relative to the file
that holds them, and stay inside its folder. Options on the command line win over the
file. Every problem is one line, ``pyproject.toml:LINE:COL: ...``, at the key it is
about (``settings.py`` has the rules, ``toml_keys.py`` finds the keys' lines), exit 2.

The file is read as carefully as a spec: a regular file only (a FIFO or a device in
its place is refused, never waited on), at most ``MAX_CONFIG_BYTES``, UTF-8, arrays and
tables nested at most ``MAX_NESTING`` deep (tomllib's parser is recursive).
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archgen.diagnostics import Diagnostic, Location, SpecError
from archgen.project.paths import relative_to_working_folder
from archgen.project.settings import check_settings

if TYPE_CHECKING:
    from archgen.project.toml_keys import KeyPath

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILES = ("archgen.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 1024 * 1024
MAX_NESTING = 50


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
            raw = _read(path)
            if raw is not None:
                table = _ConfigFile(path, raw).settings()
                if table is not None:
                    return Config(path, table)
    return Config()


def _read(path: Path) -> bytes | None:
    """The file's bytes; None when there is none. Opened without blocking, checked to be
    a regular file on the open descriptor (no race with a swap), read to the limit only."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise _error(path, 1, 1, f"cannot read the configuration: {exc.strerror}") from None
    with open(descriptor, "rb") as file:  # closes the descriptor
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise _error(path, 1, 1, "not a regular file; a configuration must be one")
        raw = file.read(MAX_CONFIG_BYTES + 1)
    if len(raw) > MAX_CONFIG_BYTES:
        raise _error(path, 1, 1, f"larger than {MAX_CONFIG_BYTES:,} bytes, the most archgen reads")
    return raw


def _error(path: Path, line: int, column: int, message: str) -> SpecError:
    return SpecError([Diagnostic(Location(_shown(path), line, column), message)])


def _shown(path: Path) -> str:
    """As the user knows it: relative to the working folder, the last link not followed."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _ConfigFile:
    """One configuration file's text, read and checked."""

    def __init__(self, path: Path, raw: bytes) -> None:
        self.path = path
        self.text = _decoded(path, raw)
        self.prefix: KeyPath = ("tool", "archgen") if path.name == "pyproject.toml" else ()

    def settings(self) -> dict[str, Any] | None:
        """archgen's settings; None for a pyproject.toml without ``[tool.archgen]``."""
        table = self.table(self.parsed())
        if table is None:
            return None
        values, problems = check_settings(table, self.path.parent)
        if problems:
            raise SpecError(self.diagnostic((*self.prefix, *key), m) for key, m in problems)
        return values

    def parsed(self) -> dict[str, Any]:
        self.check_nesting()
        try:
            data: dict[str, Any] = tomllib.loads(self.text)
            return data
        except tomllib.TOMLDecodeError as exc:
            line, column, message = _position(str(exc))
            raise _error(self.path, line, column, f"not valid TOML: {message}") from None
        except ValueError:  # an integer of more than 4,300 digits, which Python refuses
            line, column = self.long_number()
            raise _error(self.path, line, column, "a number with too many digits") from None

    def check_nesting(self) -> None:
        """Refuse arrays and inline tables nested too deep, before tomllib recurses."""
        if self.text.count("[") + self.text.count("{") <= MAX_NESTING:
            return  # cannot nest deeper: the scan is only for texts with many brackets
        from archgen.project.toml_keys import scan  # only here and for errors: the no-op build

        deep = scan(self.text, MAX_NESTING).too_deep
        if deep is not None:
            raise _error(self.path, *deep, f"nested more than {MAX_NESTING} levels deep")

    def long_number(self) -> tuple[int, int]:
        found = re.search(r"[0-9][0-9_]{4000,}", self.text)
        offset = found.start() if found else 0
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def table(self, data: dict[str, Any]) -> dict[str, Any] | None:
        """The table of archgen's settings; refuses one that is not a table."""
        found: Any = data
        for depth, key in enumerate(self.prefix, start=1):
            if not isinstance(found, dict):
                where = ".".join(self.prefix[: depth - 1])
                raise SpecError([self.diagnostic(self.prefix[: depth - 1], _not_a_table(where))])
            found = found.get(key)
            if found is None:
                return None
        if not isinstance(found, dict):
            name = ".".join(self.prefix) or "the file"
            raise SpecError([self.diagnostic(self.prefix, _not_a_table(name))])
        return found

    def diagnostic(self, path: KeyPath, message: str) -> Diagnostic:
        from archgen.project.toml_keys import scan

        line, column = scan(self.text, MAX_NESTING).locate(path)
        return Diagnostic(Location(_shown(self.path), line, column), message)


def _not_a_table(name: str) -> str:
    return f"'{name}' must be a table, such as [tool.archgen] with one setting a line"


def _decoded(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace"))
        raise _error(path, line, column + 1, "not UTF-8: a configuration must be UTF-8") from None


def _position(message: str) -> tuple[int, int, str]:
    """tomllib's '... (at line 2, column 12)' -> 2, 12 and the message without it."""
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if match is None:
        return 1, 1, message
    return int(match[1]), int(match[2]), message[: match.start()] + message[match.end() :]
