"""The diff diagram of one stage: the head picture's layout, marked, with ghosts.

``compare.diff_stage_graph`` says what to draw (head's parts marked by what changed,
the removed ones as ghosts); here that graph is drawn where the head picture has its
parts (draw/pinned.py), so that before, after and diff can be laid side by side. A
stage that is gone is drawn where the base picture had it.
"""

from __future__ import annotations

from archgen.diff.compare import StageDiff, diff_stage_graph
from archgen.diff.ghost_groups import with_ghost_groups
from archgen.draw.compile import DIFF_HIGHLIGHTS, CompiledDiagram, Translate, compile_stage
from archgen.draw.ghost_icons import with_ghost_icons
from archgen.draw.pinned import kept_in_place
from archgen.draw.theme import Theme
from archgen.resolve.stage import Stage


def diff_picture(
    diff: StageDiff,
    base: Stage | None,
    head: Stage | None,
    language: str,
    words: Translate,
    theme: Theme,
) -> CompiledDiagram:
    """The diff diagram, compiled, at the places of the head (else the base) picture."""
    stage = with_ghost_icons(with_ghost_groups(diff_stage_graph(diff, base, head), diff, base))
    diagram = compile_stage(stage, language, words, DIFF_HIGHLIGHTS, theme=theme)
    shown = head if head is not None else base
    assert shown is not None
    # The reference is the stage's own picture, compiled as `archgen build` compiles it.
    reference = compile_stage(shown, language, words, theme=theme)
    return kept_in_place(diagram, reference)
