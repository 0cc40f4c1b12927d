"""The report step: ``archgen check`` and ``archgen diff`` run on their own, so that a
stale pull request gets its diff too, and what they said kept in a folder (the report):

    meta.json     exit codes, the pull request, the commits, the pictures' names
    check.txt     what archgen check printed
    diff.md       archgen diff's Markdown (with -o: image links to pictures/)
    diff-errors.txt
    pictures/     <id>.diff.svg and .png, when asked for

In ``report`` mode the folder is uploaded as an artifact; ``comment`` mode reads it back
as untrusted data (``read_report``): sizes bounded, every field's type checked.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from archgen.integrations.github.body import Report
from archgen.integrations.github.event import ActionError, PullRequest, is_sha
from archgen.integrations.github.settings import Settings

FORMAT = 1
MAX_TEXT_BYTES = 4 * 1024 * 1024  # any one file of the report
MAX_PICTURE_BYTES = 20 * 1024 * 1024
PICTURE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.diff\.(svg|png)")
SIGNATURES = {"png": (b"\x89PNG\r\n\x1a\n",), "svg": (b"<?xml", b"<svg")}
TIMEOUT = 1800  # seconds for one archgen command: a large project's diff pictures


@dataclass(frozen=True)
class Meta:
    pull_request: int
    base_sha: str
    head_sha: str
    pictures: list[str]


def make_report(settings: Settings, pr: PullRequest) -> Report:
    """Run check and diff in the working directory; write the report folder."""
    cwd = settings.working_directory
    _have_commit(cwd, pr.base_sha)
    check = _archgen(cwd, "check")
    folder = settings.report_dir
    pictures_dir = folder / "pictures"
    pictures_dir.mkdir(parents=True, exist_ok=True)
    diff_args = ["diff", pr.base_sha, _head(cwd), "--format", "markdown"]
    diff = None
    if settings.draws:
        drawn = ["-o", str(pictures_dir.resolve()), "--image-format", "svg,png"]
        diff = _archgen(cwd, *diff_args, *drawn)
    if diff is None or diff.returncode == 3:  # no Graphviz: the tables without pictures
        diff = _archgen(cwd, *diff_args)
    report = Report(
        check_code=check.returncode,
        check_output=(check.stdout + check.stderr).strip(),
        diff_code=diff.returncode,
        diff_markdown=diff.stdout if diff.returncode in (0, 1) else "",
        diff_errors=diff.stderr.strip(),
        working_directory=_shown(settings.working_directory),
        output=_output_folder(cwd),
        head_sha=pr.head_sha,
    )
    pictures = sorted(p.name for p in pictures_dir.iterdir() if PICTURE_NAME.fullmatch(p.name))
    meta = Meta(pr.number, pr.base_sha, pr.head_sha, pictures)
    _write(folder, report, meta)
    return report


def _write(folder: Path, report: Report, meta: Meta) -> None:
    codes = {"check_code": report.check_code, "diff_code": report.diff_code}
    fields = {"working_directory": report.working_directory, "output": report.output}
    data = {"format": FORMAT, **asdict(meta), **codes, **fields}
    (folder / "meta.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (folder / "check.txt").write_text(report.check_output, encoding="utf-8")
    (folder / "diff.md").write_text(report.diff_markdown, encoding="utf-8")
    (folder / "diff-errors.txt").write_text(report.diff_errors, encoding="utf-8")


def read_report(folder: Path) -> tuple[Report, Meta]:
    """A report folder read back, every value checked: in ``comment`` mode it comes
    from a workflow the pull request could have changed."""
    data = json.loads(_text(folder / "meta.json"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ActionError(f"{folder}/meta.json: not a report of this archgen")
    shas = [data.get("base_sha"), data.get("head_sha")]
    number, pictures = data.get("pull_request"), data.get("pictures")
    if not all(is_sha(sha) for sha in shas) or not isinstance(number, int) or number <= 0:
        raise ActionError(f"{folder}/meta.json: no pull request and commits")
    if not isinstance(pictures, list) or not all(_picture(folder, p) for p in pictures):
        raise ActionError(f"{folder}/meta.json: a picture is not a diff picture archgen drew")
    report = Report(
        check_code=_code(data, "check_code"),
        check_output=_text(folder / "check.txt"),
        diff_code=_code(data, "diff_code"),
        diff_markdown=_text(folder / "diff.md"),
        diff_errors=_text(folder / "diff-errors.txt"),
        working_directory=_string(data, "working_directory"),
        output=_string(data, "output"),
        head_sha=str(shas[1]),
    )
    return report, Meta(number, str(shas[0]), str(shas[1]), list(pictures))


def _picture(folder: Path, name: object) -> bool:
    if not isinstance(name, str) or not (match := PICTURE_NAME.fullmatch(name)):
        return False
    path = folder / "pictures" / name
    if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_PICTURE_BYTES:
        return False
    with path.open("rb") as picture:
        return picture.read(8).startswith(SIGNATURES[match[1]])


def _text(path: Path) -> str:
    if path.is_symlink() or not path.is_file():
        raise ActionError(f"{path}: missing from the report")
    with path.open("rb") as file:
        raw = file.read(MAX_TEXT_BYTES + 1)
    if len(raw) > MAX_TEXT_BYTES:
        raise ActionError(f"{path}: larger than {MAX_TEXT_BYTES} bytes")
    return raw.decode("utf-8", errors="replace")


def _code(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 255:
        raise ActionError(f"meta.json: '{key}' is not an exit code")
    return value


def _string(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > 500 or "`" in value or "\n" in value:
        raise ActionError(f"meta.json: '{key}' is not a folder's name")
    return value


def _archgen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed archgen, as a user runs it (the same Python as this step)."""
    return subprocess.run(
        [sys.executable, "-m", "archgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def _have_commit(cwd: Path, sha: str) -> None:
    """The base commit, fetched when the checkout lacks it (``fetch-depth: 1``)."""
    if _git(cwd, "cat-file", "-e", f"{sha}^{{commit}}").returncode == 0:
        return
    fetched = _git(cwd, "fetch", "--no-tags", "--depth=1", "origin", sha)
    if fetched.returncode != 0:
        raise ActionError(
            f"the base commit {sha} is not in the checkout and cannot be fetched: "
            f"use actions/checkout with fetch-depth: 0 ({fetched.stderr.strip()})"
        )


def _head(cwd: Path) -> str:
    """The commit checked out: on GitHub, the pull request merged into its base."""
    head = _git(cwd, "rev-parse", "--verify", "HEAD^{commit}")
    if head.returncode != 0:
        raise ActionError(f"{_shown(cwd)} is not a git checkout: {head.stderr.strip()}")
    return head.stdout.strip()


def _output_folder(cwd: Path) -> str:
    """The output folder the configuration names, as the verdict shows it."""
    from archgen.project.config import find_config

    try:
        value = find_config(cwd.resolve()).get("output", "output")
    except Exception:  # a broken configuration: archgen check says what is wrong with it
        value = "output"
    return str(value).strip("/") or "output"


def _shown(path: Path) -> str:
    return path.as_posix().strip("/") or "."
