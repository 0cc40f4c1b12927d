"""YAML text -> plain Python data plus the file:line:col of every key and value.

PyYAML's ``safe_load`` forgets where things were, accepts duplicate keys silently
and expands aliases without limit. We compose the node graph ourselves so that
each of those becomes a located error instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from archgen.diagnostics import Diagnostic, Location, SpecError

Path = tuple[str | int, ...]

MAX_FILE_BYTES = 1024 * 1024  # a 1,000-node spec is about 150 kB
# Aliases let a small file describe a huge document ("billion laughs"); no real
# spec comes near this many values.
MAX_VALUES = 50_000  # a 1,000-node, 2,000-edge spec holds about 15,000
MAX_ALIASED_VALUES = 20_000  # what aliases may add: a spec reuses small pieces, if any
MAX_DEPTH = 50  # a spec needs about six levels

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# An unquoted date stays the text it was written as; no spec field is a date.
_TEXT_TAGS = {"tag:yaml.org,2002:timestamp"}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


@dataclass
class LocatedDocument:
    """A parsed document and where each of its parts came from."""

    file: str
    data: Any
    value_at: dict[Path, Location] = field(default_factory=dict)
    key_at: dict[Path, Location] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Location:
        """The location of ``path``, or of its nearest ancestor that exists."""
        table = self.key_at if key else self.value_at
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.value_at.get(path[:end])
            if found:
                return found
        return Location(self.file)


def parse_yaml(file: str, raw: bytes) -> LocatedDocument:
    """Parse one YAML document; raise ``SpecError`` with a location on any problem."""
    if len(raw) > MAX_FILE_BYTES:
        raise _error(file, 1, 1, f"file is {len(raw):,} bytes; a spec may have at most "
                     f"{MAX_FILE_BYTES:,}")
    text = _decode(file, raw)
    try:
        node = _compose(file, text, _FAST_LOADER)
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):
            # libyaml stops at 1,000 levels. On deep brackets the pure-Python scanner
            # would take minutes, so they are counted here; deep indentation it scans fast.
            position = _deep_position(text)
            if position is None:
                _check_depth(file, text, yaml.SafeLoader)
            line, column = position or (1, 1)
            raise _error(file, line, column, f"nested more than {MAX_DEPTH} levels deep") \
                from None
        # libyaml words its errors tersely; the pure-Python parser says what it found.
        node = _compose(file, text, yaml.SafeLoader)
    if node is None:
        raise _error(file, 1, 1, "the file is empty; a spec needs at least 'id' and 'title'")
    document = LocatedDocument(file, None)
    document.data = _Builder(document).build(node, ())
    return document


# libyaml (C) parses about twenty times faster and reports the same lines and columns.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(file: str, text: str, loader: type) -> yaml.Node | None:
    """Compose; with the pure-Python loader, check the depth first and make errors ours.

    libyaml needs no depth check here: it refuses more than 1,000 levels itself, and the
    builder stops at MAX_DEPTH. The pure-Python composer is recursive, so it must not
    meet deep nesting at all.
    """
    try:
        if loader is yaml.SafeLoader:
            _check_depth(file, text, loader)
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        if loader is not yaml.SafeLoader:
            raise
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _error(file, line, column, _yaml_problem(exc)) from None
    except yaml.reader.ReaderError as exc:
        if loader is not yaml.SafeLoader:
            raise
        line, column = _position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise _error(file, line, column, f"the character U+{code:04X} may not appear in "
                     "YAML") from None
    except yaml.YAMLError as exc:
        if loader is not yaml.SafeLoader:
            raise
        raise _error(file, 1, 1, f"not valid YAML: {' '.join(str(exc).split())}") from None


def _position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a character offset."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _deep_position(text: str) -> tuple[int, int] | None:
    """Where brackets first open more than MAX_DEPTH flow collections deep.

    Only called once libyaml has found nesting past its own limit; counting brackets
    outside quotes is close enough to point at the place.
    """
    depth, quote = 1, ""  # the document's own mapping is the first level
    line, column = 1, 0
    for char in text:
        column += 1
        if char == "\n":
            line, column, quote = line + 1, 0, ""
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, column
        elif char in "]}":
            depth -= 1
    return None


_OPENING = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
            yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _check_depth(file: str, text: str, loader: type) -> None:
    """Refuse deep nesting before PyYAML's recursive composer meets it.

    The scanner is not recursive, so counting its tokens is safe on any input.
    """
    depth = 0
    for token in yaml.scan(text, Loader=loader):
        if isinstance(token, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                mark = token.start_mark
                raise _error(file, mark.line + 1, mark.column + 1,
                             f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(token, _CLOSING):
            depth -= 1


def _decode(file: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1:]
        column = len(line_start.decode("utf-8", errors="replace")) + 1  # characters, not bytes
        raise _error(file, line, column,
                     f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded") from None


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "not valid YAML"
    if "found character '\\t'" in problem:
        return "a tab character cannot start indentation in YAML; indent with spaces"
    context = f" {exc.context}" if exc.context else ""
    return f"YAML syntax error: {problem}{context}"


def _error(file: str, line: int, column: int, message: str) -> SpecError:
    return SpecError([Diagnostic(Location(file, line, column), message)])


class _Builder:
    """Turns composed YAML nodes into dicts, lists and scalars, recording locations.

    Aliases are where a small file can become a huge or endless document: a node met
    again is an alias being expanded, and what it expands to is counted and bounded;
    a node met inside itself is a loop.
    """

    def __init__(self, document: LocatedDocument) -> None:
        self.document = document
        self.constructor = yaml.SafeLoader("")
        self.values_built = 0
        self.seen: set[int] = set()
        self.open: set[int] = set()  # the nodes being built, from the root down
        self.aliased = 0  # values built again through aliases

    def location(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.document.file, mark.line + 1, mark.column + 1)

    def fail(self, node: yaml.Node, message: str) -> SpecError:
        return SpecError([Diagnostic(self.location(node), message)])

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count(node, path)
        if id(node) in self.open:
            raise self.fail(node, "an alias refers to a value that contains it; "
                                  "the document would never end")
        self.document.value_at[path] = self.location(node)
        self.open.add(id(node))
        try:
            return self.value(node, path)
        finally:
            self.open.discard(id(node))
            self.seen.add(id(node))

    def count(self, node: yaml.Node, path: Path) -> None:
        self.values_built += 1
        if id(node) in self.seen or self.aliased:
            self.aliased += 1
        if self.values_built > MAX_VALUES:
            raise self.fail(node, f"the document holds more than {MAX_VALUES:,} values")
        if self.aliased > MAX_ALIASED_VALUES:
            raise self.fail(node, f"aliases expand the document by more than "
                                  f"{MAX_ALIASED_VALUES:,} values (are aliases nested?)")
        if len(path) >= MAX_DEPTH:  # the document's own mapping is the first level
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep")

    def value(self, node: yaml.Node, path: Path) -> Any:
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self.build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN_TAGS:
            return self.scalar(node)
        if isinstance(node, yaml.ScalarNode) and node.tag in _TEXT_TAGS:
            return node.value
        raise self.fail(node, f"unsupported YAML tag '{node.tag}'; specs hold plain strings, "
                              "numbers, lists and mappings")

    def scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, KeyError, IndexError, OverflowError):
            # '!!int first', '!!bool maybe', or a plain '0x_' that YAML 1.1 takes for a number
            kind = node.tag.rsplit(":", 1)[-1]
            shown = node.value if len(node.value) <= 40 else f"{node.value[:20]}…" \
                f"({len(node.value):,} characters)"
            raise self.fail(node, f"'{shown}' is not a valid {kind}") from None

    def build_mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SpecError([Diagnostic(self.location(key_node),
                                            "merge keys ('<<') are not supported in specs")])
            key = self.key(key_node)
            child = (*path, key)
            if key in result:
                first = self.document.key_at[child]
                raise SpecError([Diagnostic(self.location(key_node),
                                            f"duplicate key '{key}' (first defined at "
                                            f"line {first.line})")])
            self.document.key_at[child] = self.location(key_node)
            result[key] = self.build(value_node, child)
        return result

    def key(self, node: yaml.Node) -> str:
        """A key as written: YAML 1.1 would read 'no' (Norwegian) or 'on' as booleans."""
        if isinstance(node, yaml.ScalarNode) and node.tag in (*_PLAIN_TAGS, *_TEXT_TAGS):
            return node.value
        raise SpecError([Diagnostic(self.location(node),
                                    "a key must be a plain word, not a list, mapping or tag")])
