"""What a string of a spec may hold: text that UTF-8, XML and Graphviz can all carry.

The YAML reader already refuses control characters and lone surrogates written into
the file itself. A double-quoted string can still make them with an escape (``"\\0"``,
``"\\e"``, ``"\\x01"``, ``"\\uD800"``), and each would pass the loader and fail later:
Graphviz ends a string at a NUL, its XML parser refuses a control character in a label,
an SVG holding one is not XML, and a surrogate cannot be written as UTF-8 at all. So
every quoted key and value is checked here, at the line that wrote it.
"""

from __future__ import annotations

import re

from archgen.diagnostics import BadInput

# C0 controls but tab and newline, DEL, C1 controls, and U+FFFE/U+FFFF, which XML 1.0
# (so SVG) may not hold. A tab and a newline are legitimate text, and drawn as such.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


class BadString(BadInput):
    """A string no output can hold; the message says which character and why."""


def checked_string(value: str) -> str:
    """``value``, its escaped surrogate pairs joined; raise ``BadString`` if it holds a
    character no output can carry.

    JSON writes a character beyond U+FFFF as two escapes, ``"\\uD83D\\uDE00"`` for 😀, and
    specs converted from JSON keep them; YAML's escapes are JSON's, and a JSON reader
    joins such a pair into its one character, so a valid pair is read the same way here.
    A surrogate on its own stands for no character.
    """
    if _SURROGATE.search(value):
        value = _PAIR.sub(_join_pair, value)
        lone = _SURROGATE.search(value)
        if lone:
            raise BadString(
                f"'\\u{ord(lone.group()):04X}' is half of a surrogate pair, which is no "
                "character and cannot be written as UTF-8; write the character itself "
                "or its '\\U0001F600'-style escape"
            )
    forbidden = _FORBIDDEN.search(value)
    if forbidden:
        char = forbidden.group()
        hint = "; write '\\n' for a line break" if char == "\r" else ""
        raise BadString(f"{_describe(char)} may not appear in a spec{hint}")
    return value


def _join_pair(pair: re.Match[str]) -> str:
    high, low = (ord(char) for char in pair.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _describe(char: str) -> str:
    code = ord(char)
    if code == 0:
        return "a NUL character ('\\0')"
    if char == "\r":
        return "a carriage return ('\\r')"
    if code in (0xFFFE, 0xFFFF):
        return f"U+{code:04X}, which is no character,"
    return f"the control character U+{code:04X}"


# A message quotes what a spec wrote; a 900 KB kind must not make a 900 KB line.
_SHOWN = 80  # characters quoted in full: an id of 65 still shows whole
_SHOWN_HEAD = 40  # characters quoted of a longer value


def shown(value: str) -> str:
    """``value`` quoted for a message, as messages quote names: ``'web'``, or its
    beginning and its length when it is long."""
    if len(value) <= _SHOWN:
        return f"'{value}'"
    return f"'{value[:_SHOWN_HEAD]}…' ({len(value):,} characters)"


# A spec is YAML: its true, false and null are not Python's True, False and None.
_YAML_SPELLINGS = {True: "true", False: "false", None: "null"}


def shown_repr(value: object) -> str:
    """``repr(value)`` for a message, shortened the same way when it is long, with
    YAML's spelling of true, false and null."""
    if value is None or isinstance(value, bool):
        return _YAML_SPELLINGS[value]
    written = repr(value)
    if len(written) <= _SHOWN:
        return written
    if isinstance(value, str):
        head = repr(value[:_SHOWN_HEAD])
        return f"{head[:-1]}…{head[-1]} ({len(value):,} characters)"
    return f"{written[:_SHOWN_HEAD]}… ({len(written):,} characters written out)"
