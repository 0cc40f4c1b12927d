"""The inputs each entry of a build is made from, as the hashes the manifest records."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from archgen.incremental.fingerprint import model_digest, stage_digest
from archgen.incremental.manifest import Inputs, digest_value, shared_digests
from archgen.pipeline import Estimate
from archgen.project.options import BuildOptions
from archgen.resolve.stage import Stage


class InputHasher:
    """Hashes an entry's own content beside what every entry of one build shares: the
    templates and the options that change output bytes."""

    def __init__(self, options: BuildOptions) -> None:
        self.templates_digest, self.options_digest = shared_digests(options)

    def inputs(self, content_digest: str) -> Inputs:
        return Inputs(content_digest, self.templates_digest, self.options_digest)

    def stage_inputs(self, stage: Stage) -> Inputs:
        return self.inputs(stage_digest(stage))

    def estimate_inputs(self, estimate: Estimate) -> Inputs:
        return self.inputs(digest_value([estimate.id, estimate.source.read_bytes().hex()]))

    def index_inputs(self, stages: list[Stage], estimates: list[Estimate]) -> Inputs:
        # The index shows each stage's and estimate's id, order, title and summary.
        shown: list[tuple[object, ...]] = [(s.id, s.order, s.title, s.summary) for s in stages]
        shown += [(e.id, e.result.loaded.spec.title) for e in estimates]
        return self.inputs(model_digest(shown))


def icon_sources(stages: Iterable[Stage], output: Path) -> dict[str, str]:
    """Every icon file the stages draw, relative to the output folder as the manifest
    names its sources, with the hash of the bytes that were drawn."""
    return {
        Path(os.path.relpath(node.icon.path, output)).as_posix(): node.icon.digest
        for stage in stages
        for node in stage.nodes
        if node.icon is not None
    }
