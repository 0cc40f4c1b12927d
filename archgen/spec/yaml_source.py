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

MAX_FILE_BYTES = 2 * 1024 * 1024
# Aliases let a small file describe a huge document ("billion laughs"); no real
# spec comes near this many values.
MAX_VALUES = 200_000
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
    except yaml.YAMLError:
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
    """Check the depth, then compose; with the pure-Python loader, errors become ours."""
    try:
        _check_depth(file, text, loader)
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        if loader is not yaml.SafeLoader:
            raise
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _error(file, line, column, _yaml_problem(exc)) from None
    except yaml.YAMLError as exc:
        if loader is not yaml.SafeLoader:
            raise
        raise _error(file, 1, 1, f"not valid YAML: {exc}") from None


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
    """Turns composed YAML nodes into dicts, lists and scalars, recording locations."""

    def __init__(self, document: LocatedDocument) -> None:
        self.document = document
        self.constructor = yaml.SafeLoader("")
        self.values_built = 0

    def location(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.document.file, mark.line + 1, mark.column + 1)

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.values_built += 1
        if self.values_built > MAX_VALUES:
            raise SpecError([Diagnostic(self.location(node),
                                        f"the document expands to more than {MAX_VALUES:,} "
                                        "values (are aliases nested?)")])
        self.document.value_at[path] = self.location(node)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self.build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN_TAGS:
            return self.constructor.construct_object(node)
        if isinstance(node, yaml.ScalarNode) and node.tag in _TEXT_TAGS:
            return node.value
        raise SpecError([Diagnostic(self.location(node),
                                    f"unsupported YAML tag '{node.tag}'; specs hold plain "
                                    "strings, numbers, lists and mappings")])

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
