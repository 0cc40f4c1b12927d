"""A drawing's parts matched with the stage's: which label, icon and line is whose.

Also the units the checks speak in: every threshold is in CSS pixels of the drawing at
its natural size (1 pt = 4/3 px), and every tolerance is ``TOUCH_PX``.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.draw import style
from archgen.draw.compile import element_id
from archgen.inspect.drawing import Drawing, EdgeShape, read_drawing
from archgen.inspect.labels import Label
from archgen.inspect.problems import PartKind
from archgen.inspect.shapes import PX_PER_PT, Box, union
from archgen.resolve.stage import Stage, StageEdge

# An overlap, a cut or a line through text thinner than this is lost in anti-aliasing
# at the drawing's natural size: a reader sees two shapes touch, not cross.
TOUCH_PX = 1.0
TOUCH = TOUCH_PX / PX_PER_PT  # in points


def px(points: float) -> str:
    """A length in points, said in CSS px at the natural size."""
    return f"{points * PX_PER_PT:.1f} px"


@dataclass(frozen=True)
class Owner:
    """The part of the stage a shape belongs to."""

    part: PartKind
    id: str

    def __str__(self) -> str:
        return f"{self.part} '{self.id}'" if self.part != "diagram" else "the diagram"


@dataclass(frozen=True)
class OwnedLabel:
    owner: Owner
    label: Label

    def __str__(self) -> str:
        return f"label {quote(self.label.text)}"


@dataclass(frozen=True)
class OwnedEdge:
    owner: Owner
    shape: EdgeShape
    edge: StageEdge
    extent: Box  # around every line of it, to skip boxes far away at once

    @property
    def ink(self) -> float:
        """Half the line's width: how far its ink reaches beyond its centreline."""
        return self.shape.stroke_width / 2


@dataclass
class Scene:
    drawing: Drawing
    stage: Stage
    labels: list[OwnedLabel]
    icons: list[tuple[Owner, Box]]
    node_boxes: list[tuple[Owner, Box, Label]]
    groups: list[tuple[Owner, Box]]
    edges: list[OwnedEdge]


def quote(text: str, longest: int = 40) -> str:
    shown = text if len(text) <= longest else text[: longest - 1] + "…"
    return f"'{shown}'"


def read_scene(svg: bytes, stage: Stage) -> Scene:
    """The stage's drawing, each shape named by the part of ``stage`` it draws."""
    node_width = float(style.DIAGRAM_NODE_DEFAULTS["width"]) * 72
    drawing = read_drawing(svg, node_width)
    owners = _owners(stage)
    edges_by_id = {edge.id: edge for edge in stage.edges}
    scene = Scene(drawing, stage, [], [], [], [], [])
    scene.labels += [OwnedLabel(Owner("diagram", ""), text) for text in drawing.texts]
    for node in drawing.nodes:
        owner = owners.get(node.id, Owner("node", node.id))
        scene.labels.append(OwnedLabel(owner, node.label))
        if node.icon is not None:
            scene.icons.append((owner, node.icon))
        if node.box is not None:
            scene.node_boxes.append((owner, node.box, node.label))
    for group in drawing.groups:
        owner = owners.get(group.id, Owner("group", group.id))
        scene.labels.append(OwnedLabel(owner, group.label))
        scene.groups.append((owner, group.box))
    for shape in drawing.edges:
        owner = owners.get(shape.id, Owner("edge", shape.id))
        scene.labels.append(OwnedLabel(owner, shape.label))
        edge = edges_by_id.get(owner.id)
        if edge is not None and shape.lines:
            extent = union(line.extent for line in shape.lines)
            scene.edges.append(OwnedEdge(owner, shape, edge, extent))
    scene.labels = [label for label in scene.labels if label.label.lines]
    return scene


def _owners(stage: Stage) -> dict[str, Owner]:
    """SVG element id -> the part it draws."""
    owners: dict[str, Owner] = {}
    for node in stage.nodes:
        owners[element_id(stage.id, "node", node.id)] = Owner("node", node.id)
    for group in stage.groups:
        owners[element_id(stage.id, "group", group.id)] = Owner("group", group.id)
    for edge in stage.edges:
        owners[element_id(stage.id, "edge", edge.id)] = Owner("edge", edge.id)
    return owners


def joined_nodes(stage: Stage, edge: StageEdge) -> set[str]:
    """The nodes an edge joins: its ends, and every node inside a group it ends at."""
    groups = {group.id: group for group in stage.groups}
    joined: set[str] = set()
    stack = [edge.source, edge.target]
    while stack:
        part = stack.pop()
        if part in joined:
            continue
        joined.add(part)
        if part in groups:
            stack.extend(groups[part].members)
    return joined
