"""Step numbers a reader cannot follow in order.

A reader follows numbered steps as a path: from the arrow of step n they look for n+1
where n's arrow went, or came from (a reply goes back along its request). The rule,
two checks:

* One arrow carrying numbers that are not consecutive, ``(1, 5)``: the reader who has
  read 1 goes elsewhere for 2 to 4 and must come back to this arrow for 5, which is
  already behind them; the picture cannot tell two journeys apart. ``(2, 3)`` reads as
  one step and its answer, and is fine.
* Step n+1 on an arrow that shares no node with step n's (ends at a group count as its
  members) is a jump; a jump forward in reading order (right in a left-to-right
  drawing, down in a top-down one) is read as the next paragraph is, but a jump back
  against it, by more than ``JUMP_BACK_PX``, sends the eye backwards to look for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from archgen.inspect.problems import LayoutProblem
from archgen.inspect.scene import OwnedEdge, Scene, joined_nodes
from archgen.inspect.shapes import PX_PER_PT
from archgen.resolve.stage import StageEdge

# A step label this far behind the previous one against the reading direction is a jump back.
JUMP_BACK_PX = 12.0

_READING = {"LR": (0, 1.0), "RL": (0, -1.0), "TB": (1, 1.0), "BT": (1, -1.0)}
_BACKWARDS = {"LR": "left of", "RL": "right of", "TB": "above", "BT": "below"}


def steps_out_of_order(scene: Scene) -> Iterator[LayoutProblem]:
    for edge in scene.stage.edges:
        numbers = edge.step_numbers
        gaps = [(a, b) for a, b in pairwise(numbers) if b != a + 1]
        if gaps:
            shown = ", ".join(map(str, numbers))
            a, b = gaps[0]
            yield LayoutProblem(
                "edge",
                edge.id,
                f"one arrow carries steps ({shown}): after step {a} a reader goes elsewhere "
                f"and must come back to it for step {b}; draw step {b} on an arrow of its own",
            )
    yield from _jumps(scene)


def _jumps(scene: Scene) -> Iterator[LayoutProblem]:
    stage = scene.stage
    by_id = {edge.id: edge for edge in stage.edges}
    drawn = {edge.edge.id: edge for edge in scene.edges}
    steps = [step for step in sorted(stage.steps, key=lambda s: s.number) if step.edge_ids]
    for before, after in pairwise(steps):
        if after.number != before.number + 1:
            continue
        earlier = [by_id[i] for i in before.edge_ids if i in by_id]
        later = [by_id[i] for i in after.edge_ids if i in by_id]
        if not earlier or not later or _meet(scene, earlier, later):
            continue
        back = _jump_back(stage.direction, drawn, earlier, later)
        if back is not None and back * PX_PER_PT > JUMP_BACK_PX:
            yield LayoutProblem(
                "edge",
                later[0].id,
                f"step {after.number}'s arrow does not meet step {before.number}'s "
                f"({earlier[0].id}) and its label is {back * PX_PER_PT:.1f} px "
                f"{_BACKWARDS[stage.direction]} it, against the reading order",
            )


def _meet(scene: Scene, earlier: list[StageEdge], later: list[StageEdge]) -> bool:
    ends = set().union(*(joined_nodes(scene.stage, edge) for edge in earlier))
    return any(ends & joined_nodes(scene.stage, edge) for edge in later)


def _jump_back(
    direction: str, drawn: dict[str, OwnedEdge], earlier: list[StageEdge], later: list[StageEdge]
) -> float | None:
    """How far step n+1's label lies behind step n's, along the reading direction."""
    axis, sign = _READING.get(direction, (0, 1.0))
    boxes_before = [drawn[e.id].shape.label.box for e in earlier if e.id in drawn]
    boxes_after = [drawn[e.id].shape.label.box for e in later if e.id in drawn]
    before = [box.center[axis] * sign for box in boxes_before if box is not None]
    after = [box.center[axis] * sign for box in boxes_after if box is not None]
    if not before or not after:
        return None
    return min(before) - min(after)
