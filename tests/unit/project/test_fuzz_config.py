"""Property-based fuzzing of the configuration loader (hypothesis).

The property: whatever ``pyproject.toml`` or ``archgen.toml`` holds, ``find_config``
either returns a configuration whose every value is within its range (so the build
options made from it are too), or raises archgen's ``SpecError`` whose every line is
``file:line:col: message`` with a line of the file. Anything else is a traceback for
the user. The scanner that finds the keys' lines never raises, on any text.

Three sources of input: arbitrary bytes and text; a grammar of TOML fragments (the
settings' keys and misspellings, table headers of every kind, odd values such as
``nan``, ``inf``, huge integers, dates, paths with ``..``, multi-line strings and
comments that look like tables); settings as values, written as valid TOML.
The number of examples per test comes from ``ARCHGEN_FUZZ_EXAMPLES`` (default 200).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archgen.commands.options import build_options
from archgen.diagnostics import SpecError
from archgen.project.config import Config, find_config
from archgen.project.options import GRAPHVIZ_TIMEOUT_MAX, JOBS_MAX, OUTPUT_FORMATS
from archgen.project.toml_keys import scan

EXAMPLES = int(os.environ.get("ARCHGEN_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LOCATED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): \S")
_SCRATCH = tempfile.TemporaryDirectory(prefix="archgen-fuzz-config-")
_PROJECT = Path(_SCRATCH.name) / "project"
_PROJECT.mkdir()
(_PROJECT / "templates").mkdir()
NO_OPTIONS = argparse.Namespace(
    output=None, format=None, lang=None, templates=None, graphviz_timeout=None, jobs=None
)


def load_or_refuse(content: bytes, name: str = "pyproject.toml") -> Config | None:
    """The property for one file: a configuration in range, or located errors."""
    for old in _PROJECT.glob("*.toml"):
        old.unlink()
    (_PROJECT / name).write_bytes(content)
    try:
        config = find_config(_PROJECT)
    except SpecError as error:
        lines = max(1, content.count(b"\n") + 1)
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            found = LOCATED.match(str(diagnostic))
            assert found, str(diagnostic)
            assert 1 <= int(found["line"]) <= lines, str(diagnostic)
        return None
    if config.source == _PROJECT / name:
        _check_in_range(config)
    return config


def _check_in_range(config: Config) -> None:
    options = build_options(NO_OPTIONS, config)
    assert 0 < options.graphviz_timeout <= GRAPHVIZ_TIMEOUT_MAX
    assert 1 <= options.jobs <= JOBS_MAX
    assert options.formats and set(options.formats) <= set(OUTPUT_FORMATS)
    assert all("/" not in lang and lang != ".." for lang in options.languages)
    for path in [config.path("output"), *(config.paths("specs") or [])]:
        if path is not None:
            assert (_PROJECT / path).resolve().is_relative_to(_PROJECT.resolve())


# -- 1. bytes and text ------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["pyproject.toml", "archgen.toml"]))
def test_any_bytes_give_a_configuration_or_located_errors(content: bytes, name: str) -> None:
    load_or_refuse(content, name)


@FUZZ
@given(st.text(max_size=400))
def test_the_key_scanner_never_raises(text: str) -> None:
    found = scan(text, 50)
    for line, column in found.positions.values():
        assert 1 <= line <= text.count("\n") + 1 and column >= 1


# -- 2. a grammar of TOML fragments -------------------------------------------------------

SETTINGS = ["specs", "output", "formats", "languages", "templates", "graphviz-timeout", "jobs"]
KEYS = [*SETTINGS, "outptu", "language", "tool", "archgen", '"jobs"', "'output'", "a.b", "x"]
HEADERS = [
    "[tool.archgen]",
    "[tool]",
    "[[tool.archgen]]",
    "[tool.archgen.sub]",
    '[ tool . "archgen" ]',
    "[project]",
    "[tool.other]",
    "[[tool]]",
]
VALUES = [
    "nan", "+inf", "-inf", "-0.0", "0", "-1", "1e308", "1_000_000_000", "9" * 30, "2.5",
    "true", "1979-05-27", "07:32:00", '"svg"', '["svg", "gif"]', '["en", "../x", "kr"]',
    '["png"]', '"/etc"', '"../out"', '"."', '""', '"\\u0000"', '"templates"', '"out"',
    "[]", "[[[]]]", "{a = 1}", '"""\n[tool.archgen]\njobs = 0\n"""', "'''x'''", '"a" # c',
    "[1, [2, {b = [3]}]]", "120", "8",
]  # fmt: skip
NOISE = ["\n", "# [tool.archgen]\n", "\ufeff", "\r\n", "=", "[", "]", '"', "'", "\t", "\x00"]


@st.composite
def toml_texts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(HEADERS)))
        else:
            key = draw(st.sampled_from(KEYS))
            lines.append(f"{key} = {draw(st.sampled_from(VALUES))}")
    text = "\n".join(lines) + "\n"
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
    return text


@FUZZ
@given(toml_texts(), st.sampled_from(["pyproject.toml", "archgen.toml"]))
@example("[tool]\narchgen = 1\n", "pyproject.toml")
@example("tool = 1\n", "pyproject.toml")
@example("jobs = nan\n", "archgen.toml")
def test_toml_fragments_give_a_configuration_or_located_errors(text: str, name: str) -> None:
    load_or_refuse(text.encode("utf-8"), name)


# -- 3. settings as values, written as valid TOML ---------------------------------------

scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["svg", "png", "dot", "gif", "en", "ko", "../x", "/abs", ".", "out", ""]),
    st.text(max_size=10),
)
values = st.one_of(scalars, st.lists(scalars, max_size=4))


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value)  # a JSON string is a TOML basic string, escapes and all


@FUZZ
@given(st.dictionaries(st.sampled_from([*SETTINGS, "outptu"]), values, max_size=5))
def test_settings_of_any_value_are_in_range_or_located_errors(table: dict[str, Any]) -> None:
    lines = [f"{json.dumps(key)} = {_toml(value)}" for key, value in table.items()]
    load_or_refuse(("[tool.archgen]\n" + "\n".join(lines) + "\n").encode("utf-8"))
