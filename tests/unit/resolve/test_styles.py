"""Style fields through `extends`: a stage inherits its parent's group shapes, colours,
wrap width and routing, and what it sets replaces them (and marks the part CHANGED)."""

from __future__ import annotations

from pathlib import Path

from helpers import resolve_specs

from archgen.resolve.stage import Change

PARENT = """\
    id: parent
    title: Parent
    wrap: 12
    splines: ortho
    nodes:
      web: {kind: ec2, color: red}
      db: {kind: rds}
    groups:
      net: {members: [web], style: vpc, border_style: dashed}
    """
CHILD = """\
    id: child
    extends: parent
    title: Child
    nodes:
      db: {color: '#abc'}
    groups:
      net: {fill: sky}
    """
GRANDCHILD = """\
    id: grandchild
    extends: child
    title: Grandchild
    wrap: false
    splines: polyline
    groups:
      net: {style: private-subnet}
    """


def test_styles_are_inherited_and_replaced(tmp_path: Path) -> None:
    stages, problems = resolve_specs(tmp_path, PARENT, CHILD, GRANDCHILD)
    assert problems == []
    by_id = {stage.id: stage for stage in stages}
    parent, child, grandchild = by_id["parent"], by_id["child"], by_id["grandchild"]
    assert (parent.wrap, parent.splines) == (12, "ortho")
    assert (child.wrap, child.splines) == (12, "ortho")
    assert (grandchild.wrap, grandchild.splines) == (0, "polyline")
    nodes = {node.id: node for node in child.nodes}
    assert nodes["web"].color == "red" and nodes["web"].change is Change.INHERITED
    assert nodes["db"].color == "#aabbcc" and nodes["db"].change is Change.CHANGED
    (net,) = child.groups
    assert (net.style, net.fill, net.border_style) == ("vpc", "sky", "dashed")
    assert net.change is Change.CHANGED
    (net,) = grandchild.groups
    assert (net.style, net.fill, net.border_style) == ("private-subnet", "sky", "dashed")


def test_defaults_without_a_parent(tmp_path: Path) -> None:
    (stage,), problems = resolve_specs(tmp_path, "id: s\ntitle: S\nnodes: {a: {kind: ec2}}\n")
    assert problems == []
    assert (stage.wrap, stage.splines) == (22, "spline")
    assert stage.nodes[0].color is None
