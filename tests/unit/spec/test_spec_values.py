"""What a spec's strings, colours and languages may be: the rules of strings.py,
colors.py and languages.py, and the file reader that comes before them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archgen.diagnostics import SpecError
from archgen.project.languages import language_problem
from archgen.project.specs import MAX_SPEC_BYTES, NotASpecFile, read_spec_bytes
from archgen.spec.colors import GRAPHVIZ_COLOR_NAMES, graphviz_color
from archgen.spec.strings import BadString, checked_string
from archgen.spec.yaml_source import parse_yaml


def parsed(text: str) -> object:
    return parse_yaml("s.yaml", text.encode()).data


# -- strings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("escaped", "character"),
    [
        ("\\uD83D\\uDE00", "\U0001f600"),
        ("\\uD800\\uDC00", "\U00010000"),
        ("\\uDBFF\\uDFFF", "\U0010ffff"),
    ],
)
def test_a_json_style_pair_is_joined_into_its_character(escaped: str, character: str) -> None:
    assert parsed(f'a: "x{escaped}y"\n') == {"a": f"x{character}y"}


def test_a_pair_in_a_key_is_joined_too() -> None:
    assert parsed('"\\uD83D\\uDE00": 1\n') == {"\U0001f600": 1}


@pytest.mark.parametrize("escape", ["\\uD800", "\\uDFFF", "\\uDE00\\uD83D", "\\uD83D\\uD83D"])
def test_a_lone_surrogate_is_refused_where_the_string_starts(escape: str) -> None:
    with pytest.raises(SpecError) as caught:
        parsed(f'id: a\nb: "x{escape}"\n')
    (diagnostic,) = caught.value.diagnostics
    assert str(diagnostic.location) == "s.yaml:2:4"
    assert "is half of a surrogate pair" in diagnostic.message


@pytest.mark.parametrize(
    "escape", ["\\0", "\\a", "\\b", "\\v", "\\f", "\\r", "\\e", "\\x7f", "\\N", "\\x9f", "\\uFFFE"]
)
def test_control_characters_made_by_escapes_are_refused(escape: str) -> None:
    with pytest.raises(SpecError) as caught:
        parsed(f'a: "x{escape}"\n')
    assert str(caught.value.diagnostics[0].location) == "s.yaml:1:4"


@pytest.mark.parametrize("escape", ["\\t", "\\n", "\\L", "\\P", "\\_", "\\u00e9"])
def test_tabs_newlines_and_printable_escapes_stay(escape: str) -> None:
    assert isinstance(parsed(f'a: "x{escape}"\n'), dict)


def test_plain_and_single_quoted_strings_are_taken_as_written() -> None:
    """The reader already refuses control characters in the file; only double-quoted
    escapes can make them, so only those are checked."""
    assert parsed("a: 'x\\0'\nb: x\\e\n") == {"a": "x\\0", "b": "x\\e"}


def test_checked_string_says_what_the_character_is() -> None:
    with pytest.raises(BadString, match="a NUL character"):
        checked_string("a\0b")
    with pytest.raises(BadString, match="U\\+001B"):
        checked_string("\x1b[2J")
    assert checked_string("tab\there") == "tab\there"


# -- colours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "drawn"),
    [
        ("red", "red"),
        ("steelblue4", "steelblue4"),
        ("#AABBCC", "#AABBCC"),
        ("#aabbcc80", "#aabbcc80"),
        ("#abc", "#aabbcc"),
    ],
)
def test_colours_graphviz_draws(written: str, drawn: str) -> None:
    assert graphviz_color(written) == drawn


@pytest.mark.parametrize(
    "written", ["reddish", "Red", "#ab", "#abcd", "invis", "none", "debianred", "rgb(1,2,3)", 5]
)
def test_colours_graphviz_would_draw_black_are_refused(written: object) -> None:
    with pytest.raises(ValueError, match="is not a colour Graphviz knows"):
        graphviz_color(written)


def test_the_colour_names_are_graphviz_s_x11_scheme() -> None:
    assert {
        "red",
        "gray50",
        "grey100",
        "navyblue",
        "lightgoldenrod",
        "crimson",
    } <= GRAPHVIZ_COLOR_NAMES
    assert len(GRAPHVIZ_COLOR_NAMES) == 666


# -- languages ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "ko", "ja", "zh", "pt-BR", "zh-Hant", "kau", "sme", "yue"])
def test_languages_that_exist(code: str) -> None:
    assert language_problem(code) is None


@pytest.mark.parametrize(
    ("code", "meant"),
    [
        ("kr", "ko"),
        ("jp", "ja"),
        ("cn", "zh"),
        ("gr", "el"),
        ("dk", "da"),
        ("se", "sv"),
        ("jp-JP", "ja"),
    ],
)
def test_a_country_code_for_its_language_names_the_language(code: str, meant: str) -> None:
    assert f"unknown language '{code}' (did you mean '{meant}'?)" in str(language_problem(code))


def test_a_two_letter_code_that_is_no_language() -> None:
    assert language_problem("xx") == (
        "unknown language 'xx': not an ISO 639-1 code such as 'en' or 'ko'"
    )


# -- reading a spec file ------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as file:
        file.truncate(8 * 1024**3)  # sparse: 8 GiB that take no disk
    with pytest.raises(NotASpecFile) as caught:
        read_spec_bytes(path)
    assert caught.value.strerror == (
        f"file is {8 * 1024**3:,} bytes; a spec may have at most {MAX_SPEC_BYTES:,}"
    )


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(NotASpecFile, match=r"not a regular file \(a FIFO\)"):
        read_spec_bytes(tmp_path / "pipe.yaml")


def test_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotASpecFile, match=r"a character device"):
        read_spec_bytes(Path("/dev/zero"))


def test_a_file_at_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "full.yaml"
    path.write_bytes(b"#" * MAX_SPEC_BYTES)
    assert len(read_spec_bytes(path)) == MAX_SPEC_BYTES
