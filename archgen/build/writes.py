"""Writing a build's files into the output folder, and deleting those it no longer makes.

Each entry's files are written together (``project.atomic``): all of them or none.
Files are deleted only when their spec is gone, or with ``--prune`` when a language or
format is no longer asked for; a file edited by hand since archgen wrote it never is.
"""

from __future__ import annotations

from pathlib import Path

from archgen.build.report import BuildReport
from archgen.incremental.kept import kept_note
from archgen.incremental.manifest import Entry, Manifest
from archgen.project.atomic import (
    OutsideOutput,
    WriteFailed,
    is_output,
    output_digest,
    remove_output,
    write_together,
)
from archgen.project.options import BuildOptions


def write_files(output: Path, files: dict[str, bytes], report: BuildReport) -> bool:
    """Write one entry's files, all or none; False when a path was refused.

    A path archgen refuses (a link on the way, a folder where a file goes) is told once
    and the entry left as it was, and the build goes on; a write the machine refuses
    (a full disk, a read-only folder) ends it with ``WriteFailed``.
    """
    try:
        report.written += write_together(output, files)
    except OutsideOutput as error:
        if str(error) not in report.environment_errors:
            report.environment_errors.append(str(error))
        return False
    return True


def keep_dropped(output: Path, old: Entry | None, new: Entry) -> None:
    """Keep in ``new.kept`` what an earlier build wrote for this entry and this one does
    not: files of a language or a format no longer asked for. Only ``--prune`` deletes
    them (``settle_kept``); a spec that is gone takes them with it."""
    if old is not None:
        dropped = {n: h for n, h in {**old.kept, **old.outputs}.items() if n not in new.outputs}
        new.kept = {name: value for name, value in dropped.items() if is_output(output, name)}


def settle_kept(
    output: Path, manifest: Manifest, options: BuildOptions, report: BuildReport
) -> None:
    """Delete the kept files with ``--prune``; else say which are kept, and why."""
    kept = manifest.kept()
    if not kept:
        return
    if not options.prune:
        report.kept_note = kept_note(output, kept, options)
        report.notes.append(report.kept_note)
        return
    for entry in manifest.entries.values():
        delete_files(output, entry.kept, report)
        entry.kept = {}


def remove_entries_without_spec(
    current: set[str], manifest: Manifest, output: Path, report: BuildReport
) -> None:
    for key in [key for key in manifest.entries if key not in current]:
        entry = manifest.entries.pop(key)
        delete_files(output, {**entry.kept, **entry.outputs}, report)


def delete_files(output: Path, files: dict[str, str], report: BuildReport) -> None:
    """Delete files archgen wrote, but never one edited since: that would lose work.
    Nothing but a regular file inside the output is deleted."""
    for name, expected in sorted(files.items()):
        path = output / name
        found = output_digest(output, name)
        if found is None:
            continue  # gone already, or not a file archgen wrote: left alone
        if found != expected:
            report.notes.append(f"{path} was edited by hand; left in place")
            continue
        try:
            if remove_output(output, name):
                report.deleted.append(path)
        except OSError as error:
            raise WriteFailed(path, error, "delete") from None
