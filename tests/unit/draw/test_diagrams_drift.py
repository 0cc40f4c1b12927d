"""archgen's copies of diagrams' values, held against the installed diagrams.

The style defaults of diagrams' ``Diagram``, ``Cluster`` and ``Edge`` classes are in
``archgen/draw/style.py``; this test reads diagrams' private attributes and lists every
value that drifted. After installing another diagrams release, copy each style default
the test lists into ``style.py`` by hand, rebuild ``output/`` and look at what changed
in the pictures before pinning the new release.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from diagrams import Cluster, Diagram, Edge  # type: ignore[import-untyped]

from archgen.draw import style

SHOWN = 40  # drifted values listed; a new release can change hundreds


def drift(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[str]:
    """One line per key whose value archgen and diagrams do not share."""
    lines = []
    for key in sorted(ours.keys() | theirs.keys()):
        if key not in theirs:
            lines.append(f"{key}: {ours[key]!r} is gone from diagrams")
        elif key not in ours:
            lines.append(f"{key}: {theirs[key]!r} is new in diagrams")
        elif ours[key] != theirs[key]:
            lines.append(f"{key}: archgen has {ours[key]!r}, diagrams {theirs[key]!r}")
    return lines


def fail_on(lines: list[str], title: str) -> None:
    """Fail with the lines, a readable list, under ``title``; pass when there are none."""
    if lines:
        more = [f"... and {len(lines) - SHOWN} more"] if len(lines) > SHOWN else []
        pytest.fail("\n  ".join([title, *lines[:SHOWN], *more]), pytrace=False)


def test_the_style_defaults_are_the_installed_diagrams() -> None:
    copies: dict[str, tuple[Mapping[Any, Any], Mapping[Any, Any]]] = {
        "Diagram._default_graph_attrs": (
            style.DIAGRAM_GRAPH_DEFAULTS,
            Diagram._default_graph_attrs,
        ),
        "Diagram._default_node_attrs": (style.DIAGRAM_NODE_DEFAULTS, Diagram._default_node_attrs),
        "Diagram._default_edge_attrs": (style.DIAGRAM_EDGE_DEFAULTS, Diagram._default_edge_attrs),
        "Cluster._default_graph_attrs": (style.CLUSTER_DEFAULTS, Cluster._default_graph_attrs),
        "Edge._default_edge_attrs": (style.EDGE_DEFAULTS, Edge._default_edge_attrs),
        "Cluster.__bgcolors": (
            dict(enumerate(style.CLUSTER_FILLS)),
            dict(enumerate(Cluster._Cluster__bgcolors)),
        ),
    }
    lines = [
        f"{name} {line}" for name, (ours, theirs) in copies.items() for line in drift(ours, theirs)
    ]
    title = "archgen/draw/style.py differs from the installed diagrams (copy the new values):"
    fail_on(lines, title)
