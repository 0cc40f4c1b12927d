"""`archgen check`: is the output folder what the current specs and templates build?

It compares inputs, not images, through the manifest: so it needs no Graphviz and
gives the same answer on any machine, and it can say which input changed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archgen.diagnostics import Diagnostic, ExitCode, error_count
from archgen.incremental.inputs import InputHasher
from archgen.incremental.manifest import (
    INDEX_ENTRY,
    REFERENCE_ENTRY,
    Entry,
    Inputs,
    Manifest,
    current_entries,
    estimate_entry,
)
from archgen.incremental.replay import told_again
from archgen.pages.i18n import Messages
from archgen.pipeline import Estimate, load_and_resolve, load_estimates
from archgen.project.atomic import is_output, output_digest
from archgen.project.layout import (
    estimate_file_names,
    index_file_names,
    reference_file_names,
    stage_file_names,
)
from archgen.project.options import BuildOptions
from archgen.project.templates import template_dirs


@dataclass(frozen=True)
class Finding:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stages: int = 0
    # The pictures' warnings recorded for the stages that are current, told again.
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.highest(
            ExitCode.BAD_INPUT if error_count(self.diagnostics) else ExitCode.OK,
            ExitCode.DIFFERENT if self.findings else ExitCode.OK,
        )


def check(paths: Sequence[Path], options: BuildOptions) -> CheckReport:
    report = CheckReport()
    stages, report.diagnostics = load_and_resolve(paths)
    estimates, problems = load_estimates(paths)
    report.diagnostics += problems
    report.stages = len(stages)
    Messages(template_dirs(options.templates))  # the templates' words must read, as in a build
    hasher = InputHasher(options)
    manifest = Manifest.read(options.output)
    for stage in stages:
        entry = manifest.entries.get(stage.id)
        findings = _compare(
            options.output,
            stage_file_names(stage.id, options),
            hasher.stage_inputs(stage),
            entry,
            stage.source,
        )
        report.findings += findings
        if entry and not findings:
            report.warnings += told_again(entry.warnings, stage, options.languages)
    if report.exit_code is ExitCode.BAD_INPUT:
        return report  # an invalid spec is reported as such, not as missing outputs
    report.findings += _estimate_findings(estimates, hasher, manifest, options)
    report.findings += _compare(
        options.output,
        index_file_names(options),
        hasher.index_inputs(stages, estimates),
        manifest.entries.get(INDEX_ENTRY),
        "the list of stages",
    )
    current = current_entries((s.id for s in stages), (e.id for e in estimates))
    report.findings += _left_over(manifest, current, options.output)
    return report


def _estimate_findings(
    estimates: list[Estimate], hasher: InputHasher, manifest: Manifest, options: BuildOptions
) -> list[Finding]:
    """Each estimate's pages, and the reference tables written once there is any."""
    findings = []
    for estimate in estimates:
        findings += _compare(
            options.output,
            estimate_file_names(estimate.id, options),
            hasher.estimate_inputs(estimate),
            manifest.entries.get(estimate_entry(estimate.id)),
            str(estimate.source),
        )
    if estimates:
        findings += _compare(
            options.output,
            reference_file_names(options),
            hasher.inputs(""),
            manifest.entries.get(REFERENCE_ENTRY),
            "the reference tables",
        )
    return findings


def _left_over(manifest: Manifest, current: set[str], output: Path) -> list[Finding]:
    """Files still there from entries whose spec is gone."""
    return [
        Finding(output / name, f"left over from '{key}', which no spec defines any more")
        for key, entry in sorted(manifest.entries.items())
        if key not in current
        for name in sorted({**entry.outputs, **entry.kept})  # a build deletes both
        if is_output(output, name)
    ]


def _compare(
    output: Path, names: list[str], inputs: Inputs, entry: Entry | None, source: str
) -> list[Finding]:
    if entry is None:
        return [Finding(output / name, f"not built yet from {source}") for name in names]
    changed = inputs.differences(entry.inputs)
    if changed:
        reason = f"out of date: {' and '.join(changed)} changed since it was built ({source})"
        return [Finding(output / name, reason) for name in names]
    return [
        finding
        for name in names
        if (finding := _compare_file(output, name, entry.outputs.get(name)))
    ]


def _compare_file(output: Path, name: str, recorded: str | None) -> Finding | None:
    path = output / name
    if recorded is None:
        return Finding(path, "not built with the current options")
    found = output_digest(output, name)
    if found is None:
        there = os.path.lexists(path)
        return Finding(path, "not a regular file inside the output" if there else "missing")
    if found != recorded:
        return Finding(path, "edited since it was built")
    return None
