"""The style fields of a stage's parts and of the stage: the spec's own over the parent's.

A style is part of the graph, inherited through ``extends`` like the graph: a field the
spec sets replaces the parent's, a field it leaves out keeps the parent's.
"""

from __future__ import annotations

from typing import Any

from archgen.resolve.context import StageContext
from archgen.resolve.stage import StageGroup, StageNode
from archgen.spec.model import Group, Node
from archgen.spec.styles import DEFAULT_WRAP, Splines

GROUP_STYLE_FIELDS = ("style", "fill", "border", "border_style")


def group_style(declared: Group, parents_group: StageGroup | None) -> dict[str, Any]:
    """The group's style fields, as ``StageGroup`` keyword arguments."""
    return {
        name: getattr(declared, name)
        if name in declared.model_fields_set or parents_group is None
        else getattr(parents_group, name)
        for name in GROUP_STYLE_FIELDS
    }


def node_color(declared: Node, parents_node: StageNode | None) -> str | None:
    if "color" in declared.model_fields_set or parents_node is None:
        return declared.color
    return parents_node.color


def stage_wrap(context: StageContext) -> int:
    """Characters a node label's line holds: the spec's, else the parent's, else 22."""
    if context.spec.wrap is not None:
        return context.spec.wrap
    return context.parent.wrap if context.parent else DEFAULT_WRAP


def stage_splines(context: StageContext) -> Splines:
    if context.spec.splines is not None:
        return context.spec.splines
    return context.parent.splines if context.parent else "spline"
