"""Every public node class of diagrams 0.25.1 by class path, and the icon it draws.

A kind may be any class path such as ``aws.compute.EC2`` (the module-level aliases
diagrams defines, such as ``aws.compute.ECS``, included). This table answers which
paths exist and which icon file each draws, without importing diagrams: its modules
are slow to import, and the icons are all a drawing needs of them. It is generated
from the installed diagrams by ``tests/unit/draw/test_diagrams_drift.py``, which says
what drifted and, with ``ARCHGEN_UPDATE_TABLES=1``, writes ``node_classes.json`` again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("node_classes.json")


@dataclass(frozen=True)
class NodeClass:
    """The icon a node class draws, as its ``_icon_dir`` and ``_icon`` name it; both are
    None for a class without an icon, such as a provider's ``Node``."""

    icon_dir: str | None
    icon: str | None


def find_node_class(path: str) -> NodeClass | None:
    """The node class at ``path`` (``aws.compute.EC2``), if diagrams has one."""
    icon = _icons().get(path)
    return NodeClass(*icon) if icon is not None else None


@cache
def _icons() -> dict[str, list[str | None]]:
    """The table, read once: only a build that resolves or draws a stage needs it."""
    with TABLE.open(encoding="utf-8") as table:
        classes: dict[str, list[str | None]] = json.load(table)["classes"]
    return classes


def class_paths() -> list[str]:
    """Every class path of the table, sorted."""
    return list(_icons())
