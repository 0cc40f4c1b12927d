"""The no-op fast path: would a build change nothing? Answered before the pipeline loads.

A whole build that ends without a problem records in the manifest the hash of every
spec file's bytes, read before the specs were loaded. When the same spec files still
have those bytes, the templates, the output options and archgen's code are the ones
every entry was built with, and every output file has the bytes the manifest records,
a build would write nothing, so none need run. This module and what it imports use the
standard library only; pydantic, diagrams, jinja2 and pint are not loaded.

On any difference or doubt the answer is "build", and the build decides per stage by
resolved content, which also skips stages that an edit did not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archgen.diagnostics import Diagnostic, UsageError
from archgen.incremental.kept import kept_note
from archgen.incremental.manifest import (
    Manifest,
    builder_version,
    icons_unchanged,
    shared_digests,
    spec_sources,
)
from archgen.project.atomic import has_leftovers
from archgen.project.options import BuildOptions
from archgen.project.specs import find_spec_files


@dataclass(frozen=True)
class UpToDate:
    """A build that would change nothing: its stage count, the files kept for a
    language or format no longer asked for, which the build still names in a note, and
    the warnings its pictures were drawn with, which it tells again."""

    stages: int
    kept: dict[str, str] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)

    def kept_note(self, options: BuildOptions) -> str | None:
        return kept_note(options.output, self.kept, options) if self.kept else None


def up_to_date(paths: Sequence[Path], options: BuildOptions) -> UpToDate | None:
    """What a build of ``paths`` would find when it would change nothing, else None."""
    if options.shard is not None or options.output.is_symlink():  # the build refuses a link
        return None
    manifest = Manifest.read(options.output)
    if not manifest.sources or manifest.merged_shards or has_leftovers(options.output):
        return None
    try:
        files = find_spec_files(paths)
    except UsageError:  # the build says what is wrong
        return None
    if spec_sources(files, options.output) != manifest.sources:
        return None
    if not icons_unchanged(manifest.icons, options.output):
        return None
    current = (
        *shared_digests(options),
        builder_version(),
    )
    for entry in manifest.entries.values():
        recorded = entry.inputs
        if (recorded.templates, recorded.options, recorded.archgen) != current:
            return None
        if not entry.intact(options.output):
            return None
    kept = manifest.kept()
    if kept and options.prune:  # files to delete: a build's work
        return None
    warnings = manifest.warnings(options.output, options.languages)
    return UpToDate(len(manifest.stage_ids()), kept, warnings)
