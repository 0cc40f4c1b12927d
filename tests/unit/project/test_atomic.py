"""project.atomic: a set of files written all or none, never through a link."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from archgen.incremental.manifest_file import BadManifest, load_manifest_file
from archgen.project import atomic
from archgen.project.atomic import OutsideOutput, WriteFailed, write_together

INPUTS = ("spec", "templates", "options", "archgen")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "a.png").write_bytes(b"old png")
    (tmp_path / "a.svg").write_bytes(b"old svg")
    return tmp_path


def failing_on_call(number: int, error: int = errno.ENOSPC):  # type: ignore[no-untyped-def]
    """os.replace that fails once, on its ``number``-th call."""
    real, calls = os.replace, []

    def replace(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == number:
            raise OSError(error, os.strerror(error), str(target))
        real(source, target)

    return replace


@pytest.mark.parametrize("hard_links", [True, False])
def test_a_failed_rename_puts_back_what_the_others_replaced(
    root: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    monkeypatch.setattr(os, "replace", failing_on_call(2))
    if not hard_links:  # a file system without them: what is replaced is moved aside
        monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(OSError()))
    with pytest.raises(WriteFailed, match=r"a\.svg: no space left on the device"):
        write_together(root, {"a.png": b"new png", "a.svg": b"new svg", "a.md": b"page"})
    assert (root / "a.png").read_bytes() == b"old png"
    assert (root / "a.svg").read_bytes() == b"old svg"
    assert not (root / "a.md").exists()
    assert os.listdir(root / ".archgen" / "tmp") == []


def test_a_link_in_a_files_place_is_replaced_and_its_target_kept(root: Path) -> None:
    target = root.parent / f"{root.name}-target"
    target.write_text("system file")
    (root / "a.svg").unlink()
    (root / "a.svg").symlink_to(target)
    assert write_together(root, {"a.svg": b"new svg"}) == [root / "a.svg"]
    assert target.read_text() == "system file"
    assert not (root / "a.svg").is_symlink()


@pytest.mark.parametrize("name", ["../x.md", "/etc/x.md", "a/../../x.md", "", "a//b.md"])
def test_a_name_that_is_not_plainly_inside_is_refused(root: Path, name: str) -> None:
    with pytest.raises(OutsideOutput, match="is not a name inside the output folder"):
        write_together(root, {name: b"x"})


def test_unchanged_files_are_not_touched(root: Path) -> None:
    before = os.stat(root / "a.png").st_mtime_ns
    assert write_together(root, {"a.png": b"old png"}) == []
    assert os.stat(root / "a.png").st_mtime_ns == before


def test_leftovers_behind_a_link_are_not_deleted(
    root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "x.tmp").write_text("keep")
    (root / ".archgen").mkdir()
    (root / ".archgen" / "tmp").symlink_to(elsewhere)
    with pytest.raises(OutsideOutput):
        atomic.remove_leftovers(root)
    assert (elsewhere / "x.tmp").read_text() == "keep"
    assert atomic.has_leftovers(root), "in doubt: no fast path"


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1_000_000,
        '"\\"' * 1_000_000,  # escaped quotes and no closing one: still one pass
        '"\\"' * 1_000_000 + "\\",  # the same, and a lone backslash at the end
        '"' + "\\" * 1_000_001,
        "{" + '"a": [' * 300_000,
    ],
    ids=["brackets", "escaped-quotes", "lone-backslash", "backslashes", "deep-lists"],
)
def test_the_depth_check_is_quick_on_any_text(tmp_path: Path, text: str) -> None:
    (tmp_path / "manifest.json").write_text(text)
    started = time.monotonic()
    with pytest.raises(BadManifest):
        load_manifest_file(tmp_path, "manifest.json", 2, INPUTS)
    assert time.monotonic() - started < 1


def test_a_manifest_as_archgen_writes_it_passes_the_depth_check(tmp_path: Path) -> None:
    inputs = ", ".join(f'"{name}": "x"' for name in INPUTS)
    entry = f'{{"source": "../s.yaml", "inputs": {{{inputs}}}, "outputs": {{"a.svg": "h"}}}}'
    text = f'{{"format": 2, "entries": {{"a": {entry}}}, "sources": {{"s": "[{{"}}}}'
    (tmp_path / "manifest.json").write_text(text)
    assert load_manifest_file(tmp_path, "manifest.json", 2, INPUTS)["entries"]["a"]
