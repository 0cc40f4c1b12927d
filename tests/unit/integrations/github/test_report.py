"""A report folder read back in comment mode: it was made by a workflow the pull request
could edit, so each value is checked and a bad one refused with a one-line reason."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from archgen.integrations.github.event import ActionError
from archgen.integrations.github.report import read_report

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def write_report(folder: Path, **meta: object) -> Path:
    (folder / "pictures").mkdir(parents=True)
    (folder / "pictures" / "web.diff.png").write_bytes(PNG)
    data = {
        "format": 1,
        "pull_request": 7,
        "base_sha": "a" * 40,
        "head_sha": "b" * 40,
        "pictures": ["web.diff.png"],
        "check_code": 1,
        "diff_code": 1,
        "working_directory": ".",
        "output": "output",
        **meta,
    }
    (folder / "meta.json").write_text(json.dumps(data))
    for name in ("check.txt", "diff.md", "diff-errors.txt"):
        (folder / name).write_text(f"{name} text")
    return folder


def test_a_report_reads_back(tmp_path: Path) -> None:
    report, meta = read_report(write_report(tmp_path))
    assert (report.check_code, report.diff_markdown, meta.pull_request) == (1, "diff.md text", 7)
    assert meta.pictures == ["web.diff.png"]


@pytest.mark.parametrize(
    ("meta", "reason"),
    [
        ({"pictures": ["../../etc/passwd"]}, "a picture is not a diff picture archgen drew"),
        ({"pictures": ["web.diff.svg"]}, "a picture is not a diff picture archgen drew"),
        ({"pull_request": "7; rm -rf /"}, "no pull request and commits"),
        ({"head_sha": "HEAD"}, "no pull request and commits"),
        ({"check_code": True}, "'check_code' is not an exit code"),
        ({"output": "out`put"}, "'output' is not a folder's name"),
        ({"format": 99}, "not a report of this archgen"),
    ],
)
def test_a_forged_report_is_refused(tmp_path: Path, meta: dict[str, object], reason: str) -> None:
    with pytest.raises(ActionError, match=re.escape(reason)):
        read_report(write_report(tmp_path, **meta))


def test_a_picture_must_be_what_its_name_says(tmp_path: Path) -> None:
    folder = write_report(tmp_path)
    (folder / "pictures" / "web.diff.png").write_bytes(b"<script>alert(1)</script>")
    with pytest.raises(ActionError, match="not a diff picture"):
        read_report(folder)


def test_a_link_in_the_report_is_not_followed(tmp_path: Path) -> None:
    folder = write_report(tmp_path / "report")
    secret = tmp_path / "secret"
    secret.write_text("token")
    (folder / "check.txt").unlink()
    (folder / "check.txt").symlink_to(secret)
    with pytest.raises(ActionError, match=r"check\.txt: missing from the report"):
        read_report(folder)
