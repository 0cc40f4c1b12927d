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
from archgen.spec.limits import MAX_EXTENDS_DEPTH
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
    """Resolves each stage after its parent, without recursion: a chain of ``extends``
    is walked up to a stage already resolved, then resolved top down."""

    def __init__(self, by_id: dict[str, LoadedSpec]) -> None:
        self.by_id = by_id
        self.done: dict[str, Stage | None] = {}
        self.depth: dict[str, int] = {}  # stages in the chain of 'extends' down to this one
        self.diagnostics: list[Diagnostic] = []

    def stage(self, stage_id: str) -> Stage | None:
        chain = self._unresolved_chain(stage_id)
        for index in range(len(chain) - 1, -1, -1):  # the topmost parent first
            self.done[chain[index]] = self._resolve(self.by_id[chain[index]], chain[:index])
        return self.done[stage_id]

    def _unresolved_chain(self, stage_id: str) -> list[str]:
        """``stage_id`` and its ancestors up to one resolved, unknown, or met again."""
        chain: list[str] = []
        current: str | None = stage_id
        while current in self.by_id and current not in self.done and current not in chain:
            chain.append(current)
            current = self.by_id[current].spec.extends
        return chain

    def _resolve(self, item: LoadedSpec, waiting: list[str]) -> Stage | None:
        """Resolve ``item`` over its parent; ``waiting``: the stages below it in the chain."""
        parent = None
        self.depth[item.spec.id] = 1
        if item.spec.extends is not None:
            parent = self._parent(item, item.spec.extends, waiting)
            if parent is None:
                return None
            self.depth[item.spec.id] = self.depth[parent.id] + 1
        try:
            return build_stage(item, parent)
        except SpecError as error:
            self.diagnostics.extend(error.diagnostics)
            return None

    def _parent(self, item: LoadedSpec, parent_id: str, waiting: list[str]) -> Stage | None:
        """The resolved parent stage, or None after reporting why there is none."""
        where = item.locate("extends")
        if parent_id not in self.by_id:
            problem = f"extends unknown stage '{parent_id}'{suggest(parent_id, self.by_id)}"
        elif parent_id not in self.done:  # this one, or one below it in the chain: a cycle
            path = [*waiting, item.spec.id]
            cycle = [*path[path.index(parent_id) :], parent_id]
            problem = f"'extends' makes a cycle: {' -> '.join(cycle)}"
        elif self.done[parent_id] is None:
            problem = f"extends '{parent_id}', which has errors"
        elif self.depth[parent_id] >= MAX_EXTENDS_DEPTH:
            problem = (
                f"extends '{parent_id}', the last of {MAX_EXTENDS_DEPTH} stages that extend "
                f"each other; a chain of 'extends' may be at most {MAX_EXTENDS_DEPTH} long"
            )
        else:
            return self.done[parent_id]
        self.diagnostics.append(Diagnostic(where, problem))
        return None
