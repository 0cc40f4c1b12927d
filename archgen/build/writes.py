"""Writing a build's files into the output folder, and deleting those it no longer makes.

Every path is checked to stay inside the output folder; every write is atomic; a file
edited by hand since archgen wrote it is never deleted.
"""

from __future__ import annotations

from pathlib import Path

from archgen.build.report import BuildReport
from archgen.incremental.manifest import Entry, Manifest, digest
from archgen.project.atomic import OutsideOutput, inside, write_atomically
from archgen.project.layout import temp_dir


def write_files(output: Path, files: dict[str, bytes], report: BuildReport) -> None:
    # Images first, pages last: a page never points at an image not yet written.
    for name in sorted(files, key=lambda n: (n.endswith(".md"), n)):
        try:
            path = inside(output, name)
        except OutsideOutput as error:
            report.environment_errors.append(str(error))
            continue
        if write_atomically(path, files[name], temp_dir(output)):
            report.written.append(path)


def forget_old_outputs(output: Path, old: Entry | None, new: Entry, report: BuildReport) -> None:
    """Delete what an earlier build wrote for this entry and this build no longer does."""
    if old is not None:
        delete_files(output, {n: h for n, h in old.outputs.items() if n not in new.outputs}, report)


def remove_entries_without_spec(
    current: set[str], manifest: Manifest, output: Path, report: BuildReport
) -> None:
    for key in [key for key in manifest.entries if key not in current]:
        delete_files(output, manifest.entries.pop(key).outputs, report)


def delete_files(output: Path, files: dict[str, str], report: BuildReport) -> None:
    """Delete files archgen wrote, but never one edited since: that would lose work."""
    for name, expected in sorted(files.items()):
        try:
            path = inside(output, name)
            if digest(path.read_bytes()) == expected:
                path.unlink()
                report.deleted.append(path)
            else:
                report.notes.append(f"{path} was edited by hand; left in place")
        except (FileNotFoundError, OutsideOutput):
            continue
