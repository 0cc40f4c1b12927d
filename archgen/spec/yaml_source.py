"""YAML text -> plain Python data plus the file:line:col of every key and value.

PyYAML's ``safe_load`` forgets where things were, accepts duplicate keys silently
and expands aliases without limit. We compose the node graph ourselves so that
each of those becomes a located error instead.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml

from archgen.diagnostics import Diagnostic, Location, SpecError
from archgen.spec.limits import MAX_ALIASED_VALUES, MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES
from archgen.spec.strings import BadString, checked_string
from archgen.spec.yaml_depth import check_depth, deep_position

# Where a value sits in a document: its keys and list indexes from the root.
KeyPath = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# An unquoted date stays the text it was written as; no spec field is a date.
_TEXT_TAGS = {"tag:yaml.org,2002:timestamp"}
_KEY_TAGS = frozenset(_PLAIN_TAGS | _TEXT_TAGS)
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class Locations(Mapping[KeyPath, Location]):
    """Where each part of one file starts, by path; a ``Location`` is made when asked for.

    A 1,000-node spec has some 26,000 keys and values, and a build asks where only the
    few with a problem are. So each is kept as a (line, column) pair from 0, as the
    parser counts: cheaper to make than a ``Location`` and, unlike the parser's marks,
    not followed by the garbage collector afterwards.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[KeyPath, tuple[int, int]] = {}

    def __getitem__(self, path: KeyPath) -> Location:
        line, column = self.marks[path]
        return Location(self.file, line + 1, column + 1)

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self.marks)

    def __len__(self) -> int:
        return len(self.marks)


@dataclass
class LocatedDocument:
    """A parsed document and where each of its parts came from."""

    file: str
    data: Any
    value_at: Locations = field(init=False)
    key_at: Locations = field(init=False)

    def __post_init__(self) -> None:
        self.value_at = Locations(self.file)
        self.key_at = Locations(self.file)

    def locate(self, path: KeyPath, *, key: bool = False) -> Location:
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
        raise _error(
            file, 1, 1, f"file is {len(raw):,} bytes; a spec may have at most {MAX_FILE_BYTES:,}"
        )
    text = _decode(file, raw)
    with _collector_paused():
        return _parse_text(file, text)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a document is composed and built.

    A 1,000-node spec makes some 100,000 nodes, marks, dicts and tuples, none of them
    in reference cycles; yet each burst of allocations sets the collector walking every
    object alive (those of all loaded modules too), which took longer than the parsing
    itself. Reference counting still frees what is dropped, and the collector runs
    again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_text(file: str, text: str) -> LocatedDocument:
    try:
        node = _compose(file, text, _FAST_LOADER)
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):
            # libyaml stops at 1,000 levels. On deep brackets the pure-Python scanner
            # would take minutes, so they are counted here; deep indentation it scans fast.
            position = deep_position(text)
            if position is None:
                check_depth(file, text, yaml.SafeLoader)
            line, column = position or (1, 1)
            raise _error(file, line, column, f"nested more than {MAX_DEPTH} levels deep") from None
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
            check_depth(file, text, loader)
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
        raise _error(
            file, line, column, f"the character U+{code:04X} may not appear in YAML"
        ) from None
    except yaml.YAMLError as exc:
        if loader is not yaml.SafeLoader:
            raise
        raise _error(file, 1, 1, f"not valid YAML: {' '.join(str(exc).split())}") from None


def _position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a character offset."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _decode(file: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1 :]
        column = len(line_start.decode("utf-8", errors="replace")) + 1  # characters, not bytes
        raise _error(
            file, line, column, f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded"
        ) from None


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
        self.value_marks = document.value_at.marks
        self.key_marks = document.key_at.marks
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

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.count(node, path)
        node_id = id(node)
        if node_id in self.open:
            raise self.fail(
                node, "an alias refers to a value that contains it; the document would never end"
            )
        mark = node.start_mark
        self.value_marks[path] = (mark.line, mark.column)
        if isinstance(node, yaml.ScalarNode):  # a leaf: nothing inside it can refer back
            self.seen.add(node_id)
            return self.scalar(node)
        self.open.add(node_id)
        try:
            return self.collection(node, path)
        finally:
            self.open.discard(node_id)
            self.seen.add(node_id)

    def count(self, node: yaml.Node, path: KeyPath) -> None:
        self.values_built += 1
        if id(node) in self.seen or self.aliased:
            self.aliased += 1
        if self.values_built > MAX_VALUES:
            raise self.fail(node, f"the document holds more than {MAX_VALUES:,} values")
        if self.aliased > MAX_ALIASED_VALUES:
            raise self.fail(
                node,
                f"aliases expand the document by more than "
                f"{MAX_ALIASED_VALUES:,} values (are aliases nested?)",
            )
        if len(path) >= MAX_DEPTH:  # the document's own mapping is the first level
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep")

    def collection(self, node: yaml.Node, path: KeyPath) -> Any:
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self.build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        raise self.unsupported(node)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR_TAG or tag in _TEXT_TAGS:
            # What construct_object gives for a string, in a tenth of the time. Only an
            # escape of a double-quoted string can make what the reader refuses in a file.
            return self.checked(node) if node.style == '"' else node.value
        if tag not in _PLAIN_TAGS:
            raise self.unsupported(node)
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, KeyError, IndexError, OverflowError):
            # '!!int first', '!!bool maybe', or a plain '0x_' that YAML 1.1 takes for a number
            kind = tag.rsplit(":", 1)[-1]
            shown = (
                node.value
                if len(node.value) <= 40
                else f"{node.value[:20]}…({len(node.value):,} characters)"
            )
            raise self.fail(node, f"'{shown}' is not a valid {kind}") from None

    def checked(self, node: yaml.ScalarNode) -> str:
        try:
            return checked_string(node.value)
        except BadString as problem:
            raise self.fail(node, str(problem)) from None

    def unsupported(self, node: yaml.Node) -> SpecError:
        return self.fail(
            node,
            f"unsupported YAML tag '{node.tag}'; specs hold plain strings, "
            "numbers, lists and mappings",
        )

    def build_mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SpecError(
                    [
                        Diagnostic(
                            self.location(key_node), "merge keys ('<<') are not supported in specs"
                        )
                    ]
                )
            key = self.key(key_node)
            child = (*path, key)
            if key in result:
                first = self.document.key_at[child]
                raise SpecError(
                    [
                        Diagnostic(
                            self.location(key_node),
                            f"duplicate key '{key}' (first defined at line {first.line})",
                        )
                    ]
                )
            mark = key_node.start_mark
            self.key_marks[child] = (mark.line, mark.column)
            result[key] = self.build(value_node, child)
        return result

    def key(self, node: yaml.Node) -> str:
        """A key as written: YAML 1.1 would read 'no' (Norwegian) or 'on' as booleans."""
        if isinstance(node, yaml.ScalarNode) and node.tag in _KEY_TAGS:
            return self.checked(node) if node.style == '"' else str(node.value)
        raise SpecError(
            [
                Diagnostic(
                    self.location(node), "a key must be a plain word, not a list, mapping or tag"
                )
            ]
        )
