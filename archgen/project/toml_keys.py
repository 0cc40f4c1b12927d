"""Where each key of a TOML text is written, since tomllib keeps no positions.

A small scanner, enough to point at a key: it follows table headers (``[a.b]``,
``[[a.b]]``) and the keys that start a statement (bare, quoted, dotted), and steps over
values without reading them: strings of all four kinds, arrays and inline tables across
lines, comments. Keys inside an inline table are not recorded; a problem there is shown
at the key that holds the table. It also measures how deep arrays and inline tables
nest: tomllib's parser is recursive and overflows Python's stack near 500 levels.

It runs on the way to an error only (and on a text with many brackets, for the depth),
never on the path of a build whose configuration is fine. It never raises: a text it
cannot follow gives fewer positions, and a problem is then shown at the nearest key.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

Position = tuple[int, int]  # line and column, counted from 1 as editors do
KeyPath = tuple[str, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = " \t\r\n"


@dataclass
class KeyMap:
    """The position of every key path the scanner saw, and of the first too-deep bracket."""

    positions: dict[KeyPath, Position] = field(default_factory=dict)
    too_deep: Position | None = None

    def locate(self, path: KeyPath) -> Position:
        """Where ``path`` is written, or the nearest key above it that is; else 1:1."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)


def scan(text: str, max_depth: int) -> KeyMap:
    return _Scanner(text, max_depth).run()


class _Scanner:
    def __init__(self, text: str, max_depth: int) -> None:
        self.text = text
        self.max_depth = max_depth
        self.at = 0
        self.table: KeyPath = ()
        self.found = KeyMap()
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def run(self) -> KeyMap:
        text = self.text
        while self.at < len(text):
            char = text[self.at]
            if char in _BLANK:
                self.at += 1
            elif char == "#":
                self.skip_line()
            elif char == "[":
                self.header()
            else:
                self.statement()
        return self.found

    def skip_line(self) -> None:
        end = self.text.find("\n", self.at)
        self.at = len(self.text) if end < 0 else end + 1

    def header(self) -> None:
        start = self.at
        self.at += 2 if self.text.startswith("[[", self.at) else 1
        path = self.key_path()
        if path:
            self.table = path
            self.found.positions.setdefault(path, self.position(start))
        self.skip_line()

    def statement(self) -> None:
        start = self.at
        path = self.key_path()
        self.skip_blank()
        if not path or not self.text.startswith("=", self.at):
            self.skip_line()  # not a key; tomllib has said or will say why
            return
        for end in range(1, len(path) + 1):  # 'a.b = 1' writes the table 'a' here too
            self.found.positions.setdefault((*self.table, *path[:end]), self.position(start))
        self.at += 1
        self.skip_value()

    def skip_blank(self) -> None:
        while self.at < len(self.text) and self.text[self.at] in " \t":
            self.at += 1

    def key_path(self) -> KeyPath:
        """``a."b c".d`` -> ('a', 'b c', 'd'); an empty path where no key is."""
        parts: list[str] = []
        while True:
            self.skip_blank()
            part = self.key_part()
            if part is None:
                return ()
            parts.append(part)
            self.skip_blank()
            if not self.text.startswith(".", self.at):
                return tuple(parts)
            self.at += 1

    def key_part(self) -> str | None:
        text, start = self.text, self.at
        bare = _BARE_KEY.match(text, start)
        if bare:
            self.at = bare.end()
            return bare.group()
        if text.startswith(('"', "'"), start):
            self.skip_string()
            return _unquoted(text[start : self.at])
        return None

    def skip_value(self) -> None:
        """Past the value that starts here: to the end of its line, outside brackets."""
        text, depth = self.text, 0
        while self.at < len(text):
            char = text[self.at]
            if char in "\"'":
                self.skip_string()
                continue
            if char == "#":
                self.skip_line()
                if depth == 0:
                    return
                continue
            if char in "[{":
                depth += 1
                if depth > self.max_depth and self.found.too_deep is None:
                    self.found.too_deep = self.position(self.at)
            elif char in "]}":
                depth = max(0, depth - 1)
            elif char == "\n" and depth == 0:
                return
            self.at += 1

    def skip_string(self) -> None:
        """Past the string that starts here, of any of TOML's four kinds."""
        text, quote = self.text, self.text[self.at]
        triple = quote * 3
        if text.startswith(triple, self.at):
            end, extra = self.closing(self.at + 3, triple), 0
            while extra < 2 and text.startswith(quote, end):  # '"""a""""' holds 'a"'
                end, extra = end + 1, extra + 1
            self.at = end
            return
        self.at = self.closing(self.at + 1, quote, single_line=True)

    def closing(self, start: int, delimiter: str, *, single_line: bool = False) -> int:
        """The offset just past ``delimiter``, stepping over escapes in basic strings."""
        text, at = self.text, start
        while at < len(text):
            if text[at] == "\\" and delimiter[0] == '"':
                at += 2
                continue
            if text.startswith(delimiter, at):
                return at + len(delimiter)
            if single_line and text[at] == "\n":
                return at
            at += 1
        return len(text)


def _unquoted(quoted: str) -> str:
    """A quoted key's name, with its escapes read as TOML reads them."""
    try:
        return next(iter(tomllib.loads(f"{quoted} = 0")), quoted)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return quoted
