"""How deep a YAML text nests, counted without the recursive composer.

PyYAML's pure-Python composer recurses once per level, so deep nesting must be refused
before it meets it; libyaml refuses past 1,000 levels itself, and then the place is
found here to say where.
"""

from __future__ import annotations

import yaml

from archgen.diagnostics import Diagnostic, Location, SpecError
from archgen.spec.limits import MAX_DEPTH


def deep_position(text: str) -> tuple[int, int] | None:
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


_OPENING = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def check_depth(file: str, text: str, loader: type) -> None:
    """Refuse deep nesting before PyYAML's recursive composer meets it.

    The scanner is not recursive, so counting its tokens is safe on any input.
    """
    depth = 0
    for token in yaml.scan(text, Loader=loader):
        if isinstance(token, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                mark = token.start_mark
                raise _error(
                    file,
                    mark.line + 1,
                    mark.column + 1,
                    f"nested more than {MAX_DEPTH} levels deep",
                )
        elif isinstance(token, _CLOSING):
            depth -= 1


def _error(file: str, line: int, column: int, message: str) -> SpecError:
    return SpecError([Diagnostic(Location(file, line, column), message)])
