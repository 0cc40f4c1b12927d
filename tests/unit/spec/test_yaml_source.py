"""Step 1a, YAML source: bytes -> plain data, every key and value located, and every
YAML feature a spec must not use turned into one located error."""

from __future__ import annotations

import contextlib
import gc

import pytest

from archgen.diagnostics import SpecError
from archgen.spec.yaml_source import MAX_FILE_BYTES, LocatedDocument, parse_yaml

FILE = "specs/s.yaml"


def parse(text: str | bytes) -> LocatedDocument:
    raw = text.encode() if isinstance(text, str) else text
    return parse_yaml(FILE, raw)


def problem(text: str | bytes) -> str:
    """The one line a user would read for a document that does not parse."""
    with pytest.raises(SpecError) as caught:
        parse(text)
    assert len(caught.value.diagnostics) == 1
    return str(caught.value.diagnostics[0])


# -- locations ----------------------------------------------------------------------------


def test_plain_document_becomes_dicts_lists_and_scalars() -> None:
    doc = parse("id: a\norder: 2\nnodes:\n  web: {kind: ec2}\nnotes: [x, 1.5, true, ~]\n")
    assert doc.data == {
        "id": "a",
        "order": 2,
        "nodes": {"web": {"kind": "ec2"}},
        "notes": ["x", 1.5, True, None],
    }


def test_keys_and_values_are_located_from_line_1_column_1() -> None:
    doc = parse("id: a\nnodes:\n  web: {kind: ec2}\n")
    assert str(doc.key_at[("id",)]) == "specs/s.yaml:1:1"
    assert str(doc.value_at[("id",)]) == "specs/s.yaml:1:5"
    assert str(doc.key_at[("nodes", "web")]) == "specs/s.yaml:3:3"
    assert str(doc.key_at[("nodes", "web", "kind")]) == "specs/s.yaml:3:9"
    assert str(doc.value_at[("nodes", "web", "kind")]) == "specs/s.yaml:3:15"


def test_list_items_are_located_by_index() -> None:
    doc = parse("notes:\n  - first\n  - second\n")
    assert str(doc.value_at[("notes", 0)]) == "specs/s.yaml:2:5"
    assert str(doc.value_at[("notes", 1)]) == "specs/s.yaml:3:5"


def test_locate_falls_back_to_the_nearest_existing_parent() -> None:
    doc = parse("nodes:\n  web: {kind: ec2}\n")
    assert str(doc.locate(("nodes", "web", "label"))) == "specs/s.yaml:2:8"
    assert str(doc.locate(("nodes", "web", "kind"), key=True)) == "specs/s.yaml:2:9"


def test_columns_count_characters_not_bytes() -> None:
    doc = parse("title: {ko: 한글, en: x}\n")
    assert str(doc.value_at[("title", "en")]) == "specs/s.yaml:1:21"


def test_mapping_keys_keep_their_spelling() -> None:
    doc = parse("no: Norsk\non: x\n010: y\n")
    assert doc.data == {"no": "Norsk", "on": "x", "010": "y"}


# -- refused YAML features ----------------------------------------------------------------


def test_duplicate_key_is_an_error_at_the_second_one() -> None:
    assert problem("id: a\ntitle: T\nid: b\n") == (
        "specs/s.yaml:3:1: duplicate key 'id' (first defined at line 1)"
    )


def test_duplicate_key_in_a_nested_mapping() -> None:
    text = "nodes:\n  web: {kind: ec2}\n  db: {kind: rds}\n  web: {kind: rds}\n"
    assert problem(text) == "specs/s.yaml:4:3: duplicate key 'web' (first defined at line 2)"


def test_merge_key_is_refused() -> None:
    text = "base: &base {kind: ec2}\nnodes:\n  web:\n    <<: *base\n"
    assert problem(text) == "specs/s.yaml:4:5: merge keys ('<<') are not supported in specs"


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        (
            '!!python/object/apply:os.system ["true"]',
            "tag:yaml.org,2002:python/object/apply:os.system",
        ),
        ("!custom x", "!custom"),
        ("!!binary aGk=", "tag:yaml.org,2002:binary"),
    ],
)
def test_tags_are_refused_where_they_are_written(value: str, tag: str) -> None:
    assert problem(f"id: a\nlabel: {value}\n") == (
        f"specs/s.yaml:2:8: unsupported YAML tag '{tag}'; specs hold plain strings, "
        "numbers, lists and mappings"
    )


def test_standard_scalar_tags_are_accepted() -> None:
    assert parse("a: !!str 5\n").data == {"a": "5"}


def test_aliases_within_the_limit_are_expanded() -> None:
    assert parse("a: &x foo\nb: *x\n").data == {"a": "foo", "b": "foo"}


def test_alias_expansion_is_limited() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    message = problem("\n".join(lines) + "\n")
    assert message.startswith("specs/s.yaml:")
    assert message.endswith(
        "aliases expand the document by more than 20,000 values (are aliases nested?)"
    )


# -- whole-file problems ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_an_error(text: str) -> None:
    assert problem(text) == (
        "specs/s.yaml:1:1: the file is empty; a spec needs at least 'id' and 'title'"
    )


def test_file_over_the_size_limit_is_refused_before_parsing() -> None:
    raw = b"a: " + b"x" * MAX_FILE_BYTES + b"\n"
    assert problem(raw) == (
        f"specs/s.yaml:1:1: file is {len(raw):,} bytes; a spec may have at most {MAX_FILE_BYTES:,}"
    )


def test_file_of_exactly_the_size_limit_is_accepted() -> None:
    raw = b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n"
    assert len(raw) == MAX_FILE_BYTES
    assert parse(raw).data["a"] == "x" * (MAX_FILE_BYTES - 4)


def test_non_utf8_byte_is_located() -> None:
    assert problem(b"id: a\ntitle: b\xffc\n") == (
        "specs/s.yaml:2:9: not UTF-8: byte 0xff cannot be decoded"
    )


def test_non_utf8_column_counts_characters_before_it() -> None:
    assert problem("title: 한글".encode() + b"\xff\n") == (
        "specs/s.yaml:1:10: not UTF-8: byte 0xff cannot be decoded"
    )


def test_tab_indentation_is_explained() -> None:
    assert problem("nodes:\n\tweb: {kind: ec2}\n") == (
        "specs/s.yaml:2:1: a tab character cannot start indentation in YAML; indent with spaces"
    )


def test_syntax_error_is_located() -> None:
    message = problem("id: a\nnotes: [x, y\n")
    assert message.startswith("specs/s.yaml:3:1: YAML syntax error: ")


def test_second_document_is_an_error() -> None:
    message = problem("id: a\n---\nid: b\n")
    assert message.startswith("specs/s.yaml:2:1: YAML syntax error: ")
    assert "expected a single document" in message


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 10_000,
        b"notes: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        b"{a: " * 5_000,
    ],
)
def test_deep_nesting_is_a_spec_error_not_a_crash(raw: bytes) -> None:
    message = problem(raw)
    assert message.startswith("specs/s.yaml:")
    assert message.endswith("nested more than 50 levels deep")
    assert not message.startswith("specs/s.yaml:1:1:"), "the deepest opening is located"


# -- the garbage collector, paused while a document is built -----------------------------


@pytest.mark.parametrize("text", ["id: a\nnodes: {web: {kind: ec2}}\n", "id: a\nid: b\n"])
def test_the_garbage_collector_runs_again_after_parsing(text: str) -> None:
    with contextlib.suppress(SpecError):
        parse(text)
    assert gc.isenabled()


def test_a_garbage_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        parse("id: a\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_locations_is_a_mapping_of_every_path() -> None:
    doc = parse("id: a\nnotes: [x]\n")
    assert set(doc.value_at) == {(), ("id",), ("notes",), ("notes", 0)}
    assert set(doc.key_at) == {("id",), ("notes",)}
    assert doc.value_at.get(("title",)) is None
    assert len(doc.value_at) == 4
