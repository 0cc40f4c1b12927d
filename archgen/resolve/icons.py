"""Nodes' own icons (``icon:``): each file read once per stage, checked, and reported at
the ``icon:`` of every node that names it; and the rule that every node draws an icon.

A path is relative to the spec file and must stay inside the project
(``project/project_files.py`` says what the project is); the file must be a regular
file of at most ``MAX_ICON_BYTES`` holding a PNG, a JPEG or a safe SVG
(``icon_image.py``). Its bytes become part of the node, so a stage's hash covers them
and an edit to the icon rebuilds every stage that draws it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from archgen.catalog import kinds as catalog
from archgen.diagnostics import suggest
from archgen.project.project_files import (
    MAX_ICON_BYTES,
    OutsideProject,
    project_folder,
    read_project_file,
)
from archgen.project.specs import NotASpecFile
from archgen.resolve.context import StageContext
from archgen.resolve.icon_image import IconProblem, NodeIcon, checked_icon
from archgen.resolve.stage import StageNode
from archgen.spec.strings import shown

# What a page's component table says a node drawn with its own icon is, when its kind
# names no service of its own (no kind, custom.Custom, a provider's Node).
CUSTOM_SERVICE = "Custom icon"
_PROJECT = (
    "the folder of archgen.toml or of a pyproject.toml with [tool.archgen], else the working folder"
)


def read_icons(context: StageContext) -> dict[str, NodeIcon | None]:
    """Node id -> its icon, for every node the spec gives an ``icon:``; None for an icon
    that cannot be drawn, after reporting why at the node's ``icon:``."""
    named = {node_id: node.icon for node_id, node in context.spec.nodes.items() if node.icon}
    if not named:
        return {}
    project = context.item.project or project_folder()
    folder = context.item.path.parent if context.item.path else Path()
    read: dict[str, NodeIcon | str] = {}  # each path once: many nodes share an icon
    icons: dict[str, NodeIcon | None] = {}
    for node_id, written in named.items():
        if written not in read:
            read[written] = _read_icon(folder, written, project)
        found = read[written]
        if isinstance(found, str):
            context.error(found, "nodes", node_id, "icon")
        icons[node_id] = None if isinstance(found, str) else found
    return icons


def _read_icon(folder: Path, written: str, project: Path) -> NodeIcon | str:
    """The icon at ``written`` from the spec's ``folder``, or the message saying why not."""
    path = folder / written
    try:
        data = read_project_file(path, project, MAX_ICON_BYTES, "an icon")
    except OutsideProject as outside:
        if not Path(os.path.realpath(folder)).is_relative_to(project):
            return (
                f"icon {shown(written)} is not read: the spec lies outside the project "
                f"folder ({_PROJECT}); run archgen from the project"
            )
        return f"icon {shown(written)} {outside.strerror}; an icon must lie inside it ({_PROJECT})"
    except NotASpecFile as refused:
        return f"icon {shown(written)}: {refused.strerror}"
    except IsADirectoryError:
        return f"icon {shown(written)} is a folder, not an image file"
    except FileNotFoundError:
        return f"icon {shown(written)} not found: no file {_shown_path(path)}{_near(written, path)}"
    except OSError as error:
        return f"cannot read icon {shown(written)}: {error.strerror}"
    try:
        return checked_icon(data, Path(os.path.realpath(path)))
    except IconProblem as problem:
        return f"icon {shown(written)} {problem}"


def _shown_path(path: Path) -> str:
    """The path as written from the spec's folder, not where links lead."""
    return shown(Path(os.path.normpath(path)).as_posix())


def _near(written: str, path: Path) -> str:
    """`` (did you mean 'icons/logo.png'?)`` for a file of the same folder with a close name."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return ""
    folder = written.rpartition("/")[0]
    return suggest(written, [f"{folder}/{name}" if folder else name for name in names])


def drawn_with(
    context: StageContext,
    node_id: str,
    kind: catalog.Kind | None,
    icons: dict[str, NodeIcon | None],
    parents_node: StageNode | None,
) -> tuple[catalog.Kind, NodeIcon | None] | None:
    """The node's kind and its own icon, or None after reporting why it has none.

    A node without a kind but with an icon is a custom node (``custom.Custom``). Every
    node must draw an icon: a kind whose class has none (``custom.Custom``, a provider's
    ``Node``) drew an empty box, so it needs an ``icon:``.
    """
    declared = context.spec.nodes[node_id]
    if node_id in icons:
        icon = icons[node_id]
        if icon is None:  # reported
            return None
    else:
        icon = parents_node.icon if parents_node else None
    if kind is None and icon is not None and declared.kind is None:
        kind = catalog.find_kind("custom.Custom")
    if kind is None:
        return None
    if kind.node_class().icon:
        return kind, icon
    if icon is None:
        context.error(
            f"kind {shown(declared.kind or kind.diagrams_path)} has no icon of its own and "
            f"would draw an empty box; give node '{node_id}' an 'icon:', such as "
            "'icon: icons/logo.png' (a PNG, JPEG or SVG file, relative to the spec)",
            *(("nodes", node_id, "kind") if declared.kind else ("nodes", node_id)),
        )
        return None
    return replace(kind, service=CUSTOM_SERVICE), icon
