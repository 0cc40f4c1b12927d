"""Step 2, resolve: loaded specs -> ``Stage`` values, ready to draw and to describe.

Resolve applies ``extends`` (a stage starts from its parent's graph), expands fan-out
edges, numbers the edges that steps are bound to, marks what is new against the
parent, and checks everything that needs more than one spec or more than one key:
kinds, ids that must exist, group nesting. Problems point at the spec's own lines.
"""

from __future__ import annotations

from collections.abc import Iterable

from archgen.diagnostics import Diagnostic, SpecError, suggest
from archgen.resolve.builder import build_stage
from archgen.resolve.stage import Stage
from archgen.spec.load import LoadedSpec


def resolve_all(loaded: Iterable[LoadedSpec]) -> tuple[list[Stage], list[Diagnostic]]:
    """Resolve every spec that can be; return the stages in order and all problems found."""
    by_id: dict[str, LoadedSpec] = {}
    diagnostics: list[Diagnostic] = []
    for item in loaded:
        first = by_id.get(item.spec.id)
        if first:
            diagnostics.append(
                Diagnostic(
                    item.locate("id"),
                    f"stage id '{item.spec.id}' is already used by {first.document.file}",
                )
            )
            continue
        by_id[item.spec.id] = item
    resolver = _Resolver(by_id)
    stages = []
    for stage_id in sorted(by_id):
        stage = resolver.stage(stage_id)
        if stage is not None:
            stages.append(stage)
    diagnostics.extend(resolver.diagnostics)
    return sorted(stages, key=lambda stage: stage.sort_key), diagnostics


class _Resolver:
    def __init__(self, by_id: dict[str, LoadedSpec]) -> None:
        self.by_id = by_id
        self.done: dict[str, Stage | None] = {}
        self.in_progress: list[str] = []
        self.diagnostics: list[Diagnostic] = []

    def stage(self, stage_id: str) -> Stage | None:
        if stage_id not in self.done:
            self.in_progress.append(stage_id)
            self.done[stage_id] = self._resolve(self.by_id[stage_id])
            self.in_progress.pop()
        return self.done[stage_id]

    def _resolve(self, item: LoadedSpec) -> Stage | None:
        parent = None
        if item.spec.extends is not None:
            parent = self._parent(item, item.spec.extends)
            if parent is None:
                return None
        try:
            return build_stage(item, parent)
        except SpecError as error:
            self.diagnostics.extend(error.diagnostics)
            return None

    def _parent(self, item: LoadedSpec, parent_id: str) -> Stage | None:
        """The resolved parent stage, or None after reporting why there is none."""
        where = item.locate("extends")
        if parent_id not in self.by_id:
            problem = f"extends unknown stage '{parent_id}'{suggest(parent_id, self.by_id)}"
        elif parent_id in self.in_progress:
            cycle = [*self.in_progress[self.in_progress.index(parent_id) :], parent_id]
            problem = f"'extends' makes a cycle: {' -> '.join(cycle)}"
        else:
            parent = self.stage(parent_id)
            if parent is not None:
                return parent
            problem = f"extends '{parent_id}', which has errors"
        self.diagnostics.append(Diagnostic(where, problem))
        return None
