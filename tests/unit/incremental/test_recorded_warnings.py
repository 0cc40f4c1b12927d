"""The pictures' warnings a manifest records: read back as written, told again at their
lines, and, since anyone can commit a manifest, refused in any other shape."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from archgen.diagnostics import Location
from archgen.incremental.manifest import Entry, Inputs, Manifest
from archgen.incremental.warnings import RecordedWarning

WARNING = RecordedWarning("node", "web", "label too wide", ("en",), "../specs/1-crowded.yaml", 5, 3)


def _manifest() -> Manifest:
    inputs = Inputs(spec="s", templates="t", options="o", archgen="1+abc")
    return Manifest(
        {
            "crowded": Entry("../specs/1-crowded.yaml", inputs, warnings=(WARNING,)),
            "child": Entry("../specs/2-child.yaml", inputs, warnings=(WARNING,)),
        }
    )


def test_recorded_warnings_read_back_and_are_told_at_their_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("output").mkdir()
    _manifest().write(Path("output"))
    read = Manifest.read(Path("output"))
    assert read.entries == _manifest().entries
    assert [str(d) for d in read.warnings(Path("output"), ("en", "ko"))] == [
        "specs/1-crowded.yaml:5:3: warning: label too wide (in stage 'child', en diagram only)",
        "specs/1-crowded.yaml:5:3: warning: label too wide (en diagram only)",
    ]


@pytest.mark.parametrize(
    "warnings",
    [
        {"part": "node"},
        [{"part": "node"}],
        [{**WARNING.data(), "part": "script"}],
        [{**WARNING.data(), "at": ["x", "5", 3]}],
        [{**WARNING.data(), "at": ["x", True, 3]}],
        [{**WARNING.data(), "languages": [1]}],
        [{**WARNING.data(), "message": None}],
        [{**WARNING.data(), "extra": 1}],
    ],
)
def test_a_manifest_recording_warnings_of_another_shape_is_not_trusted(
    tmp_path: Path, warnings: object
) -> None:
    _manifest().write(tmp_path)
    path = tmp_path / ".archgen" / "manifest.json"
    data = json.loads(path.read_text())
    data["entries"]["crowded"]["warnings"] = warnings
    path.write_text(json.dumps(data))
    read = Manifest.read(tmp_path)
    assert read.entries == {}
    assert read.problem in (
        f"{path}: entry 'crowded' records a warning archgen does not write",
        f"{path}: entry 'crowded' records warnings archgen does not write",
    )


def test_a_warning_names_the_languages_only_when_not_every_diagram_has_it() -> None:
    every = dataclasses.replace(WARNING, languages=("en", "ko"))
    at = Location("specs/1-crowded.yaml", 5, 3)
    assert str(every.told(at, stage=None, drawn=("ko", "en"))) == (
        "specs/1-crowded.yaml:5:3: warning: label too wide"
    )
    assert str(WARNING.told(at, stage="child", drawn=("en",))) == (
        "specs/1-crowded.yaml:5:3: warning: label too wide (in stage 'child')"
    )
    assert str(every.told(at, stage=None, drawn=("en", "ko", "ja"))) == (
        "specs/1-crowded.yaml:5:3: warning: label too wide (en, ko diagrams only)"
    )
