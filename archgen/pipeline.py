"""The steps composed, writing nothing: what ``build``, ``validate``, ``check`` and
``diff`` run before they do their own part.

Steps 1 and 2 for stage specs (load, resolve), and load and evaluate for estimate
specs. Drawing and pages are per stage and language, and the build schedules them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.diagnostics import Diagnostic, Location, SpecError
from archgen.project.specs import (
    find_spec_files,
    is_estimate_file,
    link_leaving_its_folder,
    read_spec_bytes,
)
from archgen.resolve.resolver import resolve_all
from archgen.resolve.stage import Stage
from archgen.spec.load import LoadedSpec, load_spec
from archgen.spec.model import sort_key

if TYPE_CHECKING:  # pint is slow to import, and only estimates need it
    from archgen.estimate import EstimateResult

Read = Callable[[Path], bytes]


def load_and_resolve(
    paths: Sequence[Path],
    display: Callable[[Path], str] = str,
    read: Read = read_spec_bytes,
    project: Path | None = None,
) -> tuple[list[Stage], list[Diagnostic]]:
    """Steps 1 and 2 for every stage spec named by ``paths``; what `validate` runs.

    ``display`` names a spec file in messages (e.g. ``main:specs/a.yaml`` for a spec
    read from a git revision); ``read`` reads one; ``project`` is the folder the files
    specs name (icons) must lie in, if not the working folder's project.
    """
    loaded: list[LoadedSpec] = []
    diagnostics: list[Diagnostic] = []
    for path in find_spec_files(paths):
        if is_estimate_file(path):
            continue
        try:
            refuse_link_leaving_its_folder(path, paths, display)
            loaded.append(load_spec(path, display(path), read, project))
        except SpecError as error:
            diagnostics.extend(error.diagnostics)
    stages, problems = resolve_all(loaded)
    return stages, sorted([*diagnostics, *problems], key=lambda d: d.location)


def refuse_link_leaving_its_folder(
    path: Path, paths: Sequence[Path], display: Callable[[Path], str] = str
) -> None:
    """A spec linked from a searched folder to a file elsewhere is refused unread: a pull
    request could otherwise link a spec to any file of the machine that builds it, and
    the errors would quote that file."""
    problem = link_leaving_its_folder(path, paths)
    if problem:
        raise SpecError([Diagnostic(Location(display(path)), problem)])


@dataclass(frozen=True)
class Estimate:
    """An estimate spec, computed; its pages are written with the stages'."""

    result: EstimateResult
    source: Path

    @property
    def id(self) -> str:
        return self.result.loaded.id

    @property
    def sort_key(self) -> tuple[bool, int, str]:
        return sort_key(self.result.loaded.spec.order, self.id)


def load_estimates(
    paths: Sequence[Path],
    read: Read = read_spec_bytes,
) -> tuple[list[Estimate], list[Diagnostic]]:
    """Load and compute every estimate spec (``kind: estimate``) named by ``paths``."""
    files = [path for path in find_spec_files(paths) if is_estimate_file(path)]
    if not files:
        return [], []
    from archgen.estimate import evaluate, load_estimate  # pint: only for estimates

    estimates, diagnostics = [], []
    for path in files:
        try:
            refuse_link_leaving_its_folder(path, paths)
            result = evaluate(load_estimate(path, read=read))
        except SpecError as error:
            diagnostics.extend(error.diagnostics)
            continue
        diagnostics.extend(result.warnings)
        estimates.append(Estimate(result, path))
    estimates.sort(key=lambda estimate: estimate.sort_key)
    return estimates, diagnostics


def page_problems(
    stages: Sequence[Stage], templates: Path | None, languages: Sequence[str]
) -> list[Diagnostic]:
    """What the build would refuse in the stage pages: each stage's page rendered in
    memory with the project's templates, in every language. A template that fails is
    reported once, at its line, however many stages it fails on."""
    from archgen.pages.markdown import PageRenderer

    renderer = PageRenderer(templates)
    try:
        for stage in stages:
            for language in languages:
                renderer.stage_page(stage, language, image=f"{stage.id}.svg")
    except SpecError as error:  # a template's line, or its words file
        return list(error.diagnostics)
    return []
