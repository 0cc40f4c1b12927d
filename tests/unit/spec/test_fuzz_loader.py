"""Property-based fuzzing of the spec loader and of resolve (hypothesis).

The property: whatever a spec file holds, ``load_spec`` either returns a spec or raises
archgen's own ``SpecError``, and ``resolve_all`` never raises: it returns diagnostics.
Every diagnostic names ``file:line:col``. Anything else (a ``ValueError`` from deep in
PyYAML, a ``RecursionError``, a ``KeyError`` in resolve) is a bug: it reaches the user
as a traceback.

Four sources of input:

1. arbitrary bytes, and real specs with bytes inserted, deleted or replaced;
2. YAML-ish text from a grammar of YAML fragments: spec keys, odd scalars, block and
   flow styles, anchors and aliases, tags, merge keys, document markers, tabs, BOMs;
3. arbitrary JSON-like structures, and spec-shaped ones whose ids refer to each other
   (extends chains and cycles, edges, groups, removals), dumped with ``yaml.safe_dump``
   and run through ``load_spec`` and ``resolve_all`` together;
4. the stages resolve returns, compiled to DOT.

A bounded run is part of the suite. The number of examples per test comes from
``ARCHGEN_FUZZ_EXAMPLES`` (default 200); docs/hardening.md describes the long run:

    ARCHGEN_FUZZ_EXAMPLES=100000 .venv/bin/python -m pytest tests/test_fuzz_loader.py

The crashes the fuzz found, and those of tests/bad_specs/, have a test each at the end
of this module, with an ``@example`` that reproduces the input every time.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EXAMPLE_SPECS, REPO_SPECS, resolve_specs
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archgen.diagnostics import SpecError
from archgen.resolve.stage import Stage
from archgen.spec.load import LoadedSpec, load_spec

EXAMPLES = int(os.environ.get("ARCHGEN_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=False,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

LOCATED = re.compile(r"^.+:\d+:\d+: ")
SEEDS = [path.read_bytes() for path in sorted(EXAMPLE_SPECS.glob("*.yaml"))] + [
    path.read_bytes() for path in sorted(REPO_SPECS.glob("*.yaml"))[:4]
]

_SCRATCH = tempfile.TemporaryDirectory(prefix="archgen-fuzz-")


def _file(name: str, content: bytes) -> Path:
    path = Path(_SCRATCH.name) / name
    path.write_bytes(content)
    return path


def check_located(error: SpecError) -> None:
    assert error.diagnostics, "a SpecError without a diagnostic"
    for diagnostic in error.diagnostics:
        assert LOCATED.match(str(diagnostic)), str(diagnostic)


def load_or_refuse(content: bytes, name: str = "fuzz.yaml") -> LoadedSpec | None:
    """The property for one file: a spec, or a located SpecError; nothing else."""
    try:
        return load_spec(_file(name, content))
    except SpecError as error:
        check_located(error)
        return None


# -- 1. bytes -------------------------------------------------------------------------


@st.composite
def mutated_specs(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(
            st.one_of(
                st.binary(min_size=1, max_size=4),
                st.sampled_from(
                    [
                        b"\t",
                        b"\xef\xbb\xbf",
                        b"\x00",
                        b"\r",
                        b"\r\n",
                        b"\n  ",
                        b":",
                        b"- ",
                        b"[",
                        b"]",
                        b"{",
                        b"}",
                        b"&a ",
                        b"*a",
                        b"!!",
                        b"'",
                        b'"',
                        b"#",
                        b"---\n",
                        b"...\n",
                        b"\xff",
                        b"\xc3",
                        b"\\",
                        b"? ",
                        b"|\n",
                        b"<<: ",
                        b"%YAML 1.1\n",
                        "캐시".encode(),
                    ]
                ),
            )
        )
        if action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at : at + len(chunk)]
        else:
            data[at : at + len(chunk)] = chunk
    return bytes(data)


@FUZZ
@given(st.one_of(st.binary(max_size=3000), mutated_specs()))
def test_any_bytes_load_or_give_located_errors(content: bytes) -> None:
    load_or_refuse(content)


# -- 2. a grammar of YAML fragments -----------------------------------------------------

SPEC_KEYS = [
    "id",
    "order",
    "extends",
    "title",
    "summary",
    "direction",
    "remove",
    "nodes",
    "groups",
    "edges",
    "steps",
    "aws",
    "notes",
    "kind",
    "label",
    "members",
    "from",
    "to",
    "style",
    "color",
    "direction",
    "constraint",
    "text",
    "edge",
    "service",
    "features",
    "name",
    "url",
    "en",
    "ko",
    "lable",
    "colour",
]
WORDS = [
    "web",
    "db",
    "lb",
    "ec2",
    "rds",
    "users",
    "aws.compute.EC2",
    "LR",
    "TB",
    "up",
    "solid",
    "dashed",
    "both",
    "none",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "null",
    "~",
    "2024-01-01",
    "2001-12-14t21:59:43.10-05:00",
    "1.5",
    "1e3",
    "0x1F",
    "0o17",
    "017",
    "0b101",
    "1_000",
    "-3",
    "+7",
    ".inf",
    "-.inf",
    ".nan",
    "12:30:00",
    "190:20:30",
    "a->b",
    "web->db#2",
    "../x",
    "a/b",
    "a:b",
    "a b",
    "<b>x</b>",
    "\\N",
    "#ffffff",
    "red",
    "é",
    "캐시",
    "🙂",
    "",
    " ",
    "=",
    "<<",
    "-",
    "?",
    "|",
    ">",
    "%",
    "@",
    "`",
]
SCALAR_TAGS = [
    "!!str",
    "!!null",
    "!!timestamp",
    "!!binary",
    "!!python/object:os.system",
    "!!python/name:os.system",
    "!local",
    "!",
    "!<tag:yaml.org,2002:str>",
    "!!omap",
    "!!set",
    "!!merge",
    "!!value",
    "!!yaml",
]
COLLECTION_TAGS = [
    "!!map",
    "!!seq",
    "!!omap",
    "!!set",
    "!!pairs",
    "!local",
    "!!str",
    "!!python/object/apply:os.system",
]


@dataclass(frozen=True)
class Scalar:
    text: str
    style: str  # plain, single, double
    tag: str | None = None
    anchor: bool = False


@dataclass(frozen=True)
class Alias:
    index: int  # which anchor: one already written, or one still open (a loop)


@dataclass(frozen=True)
class Mapping:
    items: tuple[tuple[object, object], ...]
    flow: bool
    tag: str | None = None
    anchor: bool = False


@dataclass(frozen=True)
class Sequence:
    items: tuple[object, ...]
    flow: bool
    tag: str | None = None
    anchor: bool = False


keys = st.one_of(st.sampled_from(SPEC_KEYS), st.sampled_from(WORDS), st.text(max_size=6)).map(
    lambda key: Scalar(key, "plain")
)
scalars = st.builds(
    Scalar,
    text=st.one_of(st.sampled_from(WORDS), st.sampled_from(SPEC_KEYS), st.text(max_size=12)),
    style=st.sampled_from(["plain", "plain", "single", "double"]),
    tag=st.one_of(st.none(), st.none(), st.none(), st.sampled_from(SCALAR_TAGS)),
    anchor=st.booleans(),
)
leaves = st.one_of(scalars, scalars, st.builds(Alias, st.integers(0, 20)))
maybe_collection_tag = st.one_of(st.none(), st.none(), st.none(), st.sampled_from(COLLECTION_TAGS))
trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.builds(
            Mapping,
            st.lists(st.tuples(st.one_of(keys, keys, keys, children), children), max_size=5).map(
                tuple
            ),
            st.booleans(),
            maybe_collection_tag,
            st.booleans(),
        ),
        st.builds(
            Sequence,
            st.lists(children, max_size=5).map(tuple),
            st.booleans(),
            maybe_collection_tag,
            st.booleans(),
        ),
    ),
    max_leaves=40,
)
documents = st.builds(
    Mapping, st.lists(st.tuples(keys, trees), min_size=1, max_size=8).map(tuple), st.just(False)
)


class _Writer:
    """Renders a tree as YAML text; the text may well be invalid, which is the point."""

    def __init__(self) -> None:
        self.names = 0
        self.open: list[str | None] = []  # anchors of the nodes being written
        self.finished: list[str] = []  # anchors written in full

    def props(self, node: Scalar | Mapping | Sequence) -> str:
        parts = [node.tag] if node.tag else []
        name = None
        if node.anchor:
            name = f"a{self.names}"
            self.names += 1
            parts.append(f"&{name}")
        self.open.append(name)
        return " ".join(parts) + " " if parts else ""

    def finish(self) -> None:
        name = self.open.pop()
        if name:
            self.finished.append(name)

    def scalar(self, node: Scalar) -> str:
        props = self.props(node)
        self.finish()
        if node.style == "single":
            return props + "'" + node.text.replace("'", "''") + "'"
        if node.style == "double":
            escaped = node.text.replace("\\", "\\\\").replace('"', '\\"')
            return props + '"' + escaped.replace("\n", "\\n") + '"'
        return props + node.text

    def alias(self, node: Alias) -> str:
        usable = self.finished + [name for name in self.open if name]  # open: a loop
        if not usable:
            return "~"
        return "*" + usable[node.index % len(usable)]

    def inline(self, node: object) -> str:
        if isinstance(node, Scalar):
            return self.scalar(node)
        if isinstance(node, Alias):
            return self.alias(node)
        assert isinstance(node, (Mapping, Sequence))
        props = self.props(node)
        if isinstance(node, Mapping):
            body = ", ".join(f"{self.inline(k)}: {self.inline(v)}" for k, v in node.items)
            text = props + "{" + body + "}"
        else:
            text = props + "[" + ", ".join(self.inline(item) for item in node.items) + "]"
        self.finish()
        return text

    def block(self, node: Mapping | Sequence, indent: int) -> list[str]:
        """Lines for ``node`` as a block collection at ``indent`` (its props not included)."""
        pad = " " * indent
        lines = []
        if isinstance(node, Mapping):
            for key, value in node.items:
                key_text = self.inline(key)
                if isinstance(key, (Mapping, Sequence)):
                    key_text = "? " + key_text + f"\n{pad}"
                lines += self.entry(f"{pad}{key_text}:", value, indent)
        else:
            for item in node.items:
                lines += self.entry(f"{pad}-", item, indent)
        if not lines:
            lines = [pad + ("{}" if isinstance(node, Mapping) else "[]")]
        return lines

    def entry(self, head: str, value: object, indent: int) -> list[str]:
        if isinstance(value, (Mapping, Sequence)) and not value.flow and value.items:
            props = self.props(value)
            lines = [head + (" " + props.rstrip() if props else "")]
            lines += self.block(value, indent + 2)
            self.finish()
            return lines
        return [f"{head} {self.inline(value)}"]

    def document(self, root: Mapping) -> str:
        return "\n".join(self.block(root, 0)) + "\n"


NOISE = [
    "\t",
    "\ufeff",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "# comment\n",
    "\r\n",
    "  ",
    "\n",
    "- ",
    ": ",
    "? ",
    "&x ",
    "*x",
    "<<: *a0\n",
    "|\n  text\n",
    ">-\n  folded\n",
    "\x85",
    "\u2028",
    "'",
    '"',
    "{",
    "[",
    "]",
    "}",
    ",",
    "!!str ",
    "#",
]


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    text = _Writer().document(draw(documents))
    for _ in range(draw(st.integers(0, 3))):  # a few stray fragments anywhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@pytest.mark.slow
@FUZZ
@given(yaml_texts())
def test_yaml_fragments_load_or_give_located_errors(text: str) -> None:
    load_or_refuse(text.encode("utf-8"))


def test_the_grammar_writes_valid_yaml_too() -> None:
    """The writer must be able to produce real specs, or the fuzz only tests the parser."""
    root = Mapping(
        (
            (Scalar("id", "plain"), Scalar("web", "plain")),
            (Scalar("title", "plain"), Scalar("Web: 'x'", "double")),
            (
                Scalar("nodes", "plain"),
                Mapping(
                    (
                        (
                            Scalar("web", "plain"),
                            Mapping(
                                ((Scalar("kind", "plain"), Scalar("ec2", "single", anchor=True)),),
                                True,
                            ),
                        ),
                    ),
                    False,
                ),
            ),
            (Scalar("notes", "plain"), Sequence((Alias(0), Scalar("b", "plain")), False)),
        ),
        False,
    )
    text = _Writer().document(root)
    loaded = load_or_refuse(text.encode())
    assert loaded is not None, text
    assert loaded.spec.notes[0].get("en") == "ec2"


# -- 3. JSON-like structures, then resolve ----------------------------------------------

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=10),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)

STAGE_IDS = ["s1", "s2", "s3"]
PART_IDS = ["a", "b", "c", "g", "h", "a->b", "a->b#2", "bad id", "../x"]


def _or_junk(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the well-shaped value, sometimes anything at all."""
    return st.one_of(strategy, strategy, strategy, json_values)


ids = st.sampled_from(PART_IDS)
texts = st.one_of(
    st.text(max_size=8),
    st.dictionaries(
        st.sampled_from(["en", "ko", "xx", "EN"]), st.text(max_size=5), min_size=1, max_size=2
    ),
)
endpoints = st.one_of(ids, st.lists(ids, max_size=3))
nodes = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(
            [
                "ec2",
                "rds",
                "elb",
                "users",
                "aws.compute.EC2",
                "ec3",
                "aws.compute.Nope",
                "os.system",
                "aws.compute.Node",
            ]
        ),
        "label": texts,
    },
)
groups = st.fixed_dictionaries({}, optional={"label": texts, "members": st.lists(ids, max_size=4)})
edges = st.fixed_dictionaries(
    {"from": endpoints, "to": endpoints},
    optional={
        "id": ids,
        "label": texts,
        "style": st.sampled_from(["solid", "dashed", "dahsed"]),
        "color": st.sampled_from(["#ff0000", "red", "nope!"]),
        "direction": st.sampled_from(["forward", "back", "both", "none"]),
        "constraint": st.booleans(),
    },
)
steps = st.fixed_dictionaries({"text": texts}, optional={"edge": ids})
services = st.fixed_dictionaries(
    {"service": st.sampled_from(["Amazon RDS", "Nothing"])},
    optional={
        "text": texts,
        "features": st.lists(
            st.one_of(texts, st.fixed_dictionaries({"name": texts}, optional={"text": texts})),
            max_size=2,
        ),
    },
)
spec_shaped = st.fixed_dictionaries(
    {"id": _or_junk(st.sampled_from(STAGE_IDS)), "title": _or_junk(texts)},
    optional={
        "extends": _or_junk(st.sampled_from(STAGE_IDS)),
        "order": _or_junk(st.integers(-3, 3)),
        "summary": texts,
        "direction": st.sampled_from(["LR", "TB", "lr"]),
        "remove": _or_junk(st.lists(ids, max_size=3)),
        "nodes": _or_junk(st.dictionaries(ids, _or_junk(nodes), max_size=5)),
        "groups": _or_junk(st.dictionaries(ids, _or_junk(groups), max_size=3)),
        "edges": _or_junk(st.lists(_or_junk(edges), max_size=5)),
        "steps": _or_junk(st.lists(steps, max_size=3)),
        "aws": _or_junk(st.lists(services, max_size=2)),
        "notes": _or_junk(st.lists(texts, max_size=2)),
    },
)


def load_and_resolve(documents: list[Any]) -> list[Stage]:
    texts = [
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False) for document in documents
    ]
    stages, diagnostics = resolve_specs(Path(_SCRATCH.name), *texts)
    for diagnostic in diagnostics:
        assert LOCATED.match(str(diagnostic)), str(diagnostic)
    return stages


@pytest.mark.slow
@FUZZ
@given(
    st.lists(st.one_of(json_values, spec_shaped, spec_shaped, spec_shaped), min_size=1, max_size=4)
)
def test_dumped_structures_load_and_resolve_without_raising(documents: list[Any]) -> None:
    load_and_resolve(documents)


# -- 4. what resolve returns compiles ---------------------------------------------------


@pytest.mark.slow
@FUZZ
@given(st.lists(spec_shaped, min_size=1, max_size=3))
def test_resolved_stages_compile_to_dot(documents: list[Any]) -> None:
    from archgen.draw.compile import compile_stage

    for stage in load_and_resolve(documents):
        assert compile_stage(stage, "en").dot_source


# -- crashes found (now fixed), each reproduced by an @example ------------------------


@FUZZ
@given(st.sampled_from(["!!int", "!!float", "!!bool"]), st.text(max_size=10))
@example("!!int", "first")
def test_typed_tags_on_any_word_load_or_give_located_errors(tag: str, word: str) -> None:
    load_or_refuse(
        f"id: x\ntitle: X\norder: {tag} {yaml.safe_dump(word).splitlines()[0]}\n".encode()
    )


@FUZZ
@given(st.from_regex(r"[-+]?0[bxo]?[0-9a-f_:.]{0,4}", fullmatch=True))
@example("0x_")
def test_number_like_words_load_or_give_located_errors(word: str) -> None:
    load_or_refuse(f"id: x\ntitle: X\norder: {word}\n".encode())


@FUZZ
@given(st.integers(1, 400))
@example(0)
@example(399)
def test_nested_aliases_load_or_give_located_errors(depth: int) -> None:
    if depth == 0:
        text = "id: x\ntitle: X\nnotes: &loop [*loop]\n"
    else:
        lines = ["id: x", "title: X", "anchors:", "  - &a0 [end]"]
        lines += [f"  - &a{i} [*a{i - 1}]" for i in range(1, depth + 1)]
        text = "\n".join(lines) + "\n"
    load_or_refuse(text.encode())


@FUZZ
@given(st.sampled_from(["", "nodes", "groups"]))
@example("")
def test_a_key_spelled_like_pydantics_marker(where: str) -> None:
    text = "id: x\ntitle: X\n" + (f"{where}:\n  " if where else "") + '"[key]": {kind: ec2}\n'
    load_or_refuse(text.encode())


# -- escapes in double-quoted strings ------------------------------------------------------

# Every escape YAML has, and the \x, \u and \U forms with any digits: a surrogate half,
# a pair in either order, a control character, a noncharacter.
_ESCAPES = st.one_of(
    st.sampled_from([*'0abtnvfre N_LP"/\\', "\t"]).map(lambda char: "\\" + char),
    st.integers(0, 0xFF).map(lambda code: f"\\x{code:02X}"),
    st.integers(0, 0xFFFF).map(lambda code: f"\\u{code:04X}"),
    st.integers(0xD800, 0xDFFF).map(lambda code: f"\\u{code:04X}"),
    st.integers(0, 0x10FFFF).map(lambda code: f"\\U{code:08X}"),
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters='"\\'), max_size=3
    ),
)
_UNWRITABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(s for item in value.values() for s in _strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


@FUZZ
@given(st.lists(_ESCAPES, max_size=6).map("".join), st.booleans())
@example("\\uD83D\\uDE00", False)
@example("\\uDE00\\uD83D", True)
def test_what_an_escape_makes_loads_as_text_every_output_can_hold(escaped: str, key: bool) -> None:
    """Loaded, every key and value encodes as UTF-8 and holds no character SVG or
    Graphviz refuses; refused, the error is located."""
    quoted = f'"{escaped}"'
    text = (
        f"id: x\ntitle: X\nnodes:\n  {quoted if key else 'web'}: {{kind: ec2, label: {quoted}}}\n"
    )
    loaded = load_or_refuse(text.encode())
    if loaded is not None:
        for value in _strings(loaded.document.data):
            value.encode("utf-8")
            assert not _UNWRITABLE.search(value), ascii(value)
