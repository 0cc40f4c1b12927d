"""docs/examples/: diagrams' documented examples as specs, and the same graph comes out.

Each example is the documented Python (``<name>.py``, run here with the real diagrams)
and a spec (``<name>.yaml``). archgen's DOT (``archgen build --format dot``) and the DOT
diagrams' own ``Diagram`` writes must have the same nodes with the same icons, the same
edges (ends, label, colour, style, arrowheads), the same cluster nesting, and the nodes
in the same order. Nodes are matched by what a reader sees (label, icon, clusters),
since diagrams' ids are random.

Node order, and the custom icon, come from work on other branches ("layout": parts in
the order the spec writes them, groups among loose nodes; "icons": ``icon:`` on a
node); the tests that need them are marked, and fail today as the marks say.
"""

from __future__ import annotations

import hashlib
import json
import re
import runpy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import diagrams
import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml
from dot_structure import Structure, drawn_color, structure
from helpers import REPO, run_archgen

EXAMPLES = REPO / "docs" / "examples"
# Every example but the one with a custom icon: these build with archgen today.
DRAWN = [
    "grouped_workers",
    "clustered_web_services",
    "event_processing",
    "message_collecting",
    "exposed_pod",
    "stateful_architecture",
    "advanced_web_service",
    "advanced_web_service_colored",
    "simple_web_service",
    "workers",
    "web_services",
]
CUSTOM_ICON = "rabbitmq_consumers"


@contextmanager
def _captured(sources: list[str]) -> Iterator[None]:
    """diagrams' Diagram keeps its DOT source instead of rendering: no file is written, no
    viewer opened."""

    def leave(self: diagrams.Diagram, *exc: object) -> None:
        sources.append(self.dot.source)
        diagrams.setdiagram(None)

    with mock.patch.object(diagrams.Diagram, "__exit__", leave):
        yield


def diagrams_dot(name: str) -> str:
    sources: list[str] = []
    with _captured(sources):
        runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name="__main__")
    (source,) = sources
    return re.sub(r'image="([^"/]+)"', _named_by_content, source)


def _named_by_content(image: re.Match[str]) -> str:
    """A custom icon beside the example, named as archgen's DOT names it: by its bytes'
    SHA-256, so the two graphs are told to draw the same picture."""
    digest = hashlib.sha256((EXAMPLES / image.group(1)).read_bytes()).hexdigest()
    return f'image="{digest}.png"'


def archgen_dots(names: list[str], folder: Path) -> tuple[Any, dict[str, str]]:
    specs = [EXAMPLES / f"{name}.yaml" for name in names]
    result = run_archgen(
        "build", *specs, "--format", "dot", "--lang", "en", "-q", "-o", folder, cwd=REPO
    )
    return result, {
        name: (folder / f"{name}.dot").read_text() for name in names if result.code == 0
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    result, dots = archgen_dots(DRAWN, tmp_path_factory.mktemp("examples"))
    assert (result.code, result.stderr) == (0, "")
    return dots


def _same_graph(ours: Structure, theirs: Structure) -> None:
    assert ours.direction == theirs.direction
    assert ours.nodes == theirs.nodes
    assert ours.clusters == theirs.clusters
    assert ours.edges == theirs.edges


@pytest.mark.parametrize("name", DRAWN)
def test_example_draws_the_graph_diagrams_draws(built: dict[str, str], name: str) -> None:
    _same_graph(structure(built[name]), structure(diagrams_dot(name)))


@pytest.mark.parametrize("name", DRAWN)
def test_example_edges_come_in_the_order_the_python_connects_them(
    built: dict[str, str], name: str
) -> None:
    assert structure(built[name]).edge_order == structure(diagrams_dot(name)).edge_order


@pytest.mark.parametrize("name", DRAWN)
def test_example_keeps_diagrams_node_order(built: dict[str, str], name: str) -> None:
    """Nodes and clusters in the order diagrams declares them: a cluster where the Python
    closes it, among the loose nodes."""
    assert structure(built[name]).order == structure(diagrams_dot(name)).order


def test_the_examples_say_what_the_issue_asks_for() -> None:
    """Between them: clusters nested three deep, fan-out over lists, colours, styles and
    labels on edges, lines without arrows, back arrows, and on-premise, GCP and
    Kubernetes nodes."""
    seen = [structure(diagrams_dot(name)) for name in [*DRAWN, CUSTOM_ICON]]
    assert max(len(path) for s in seen for path in s.clusters) >= 3
    edges = [edge for s in seen for edge in s.edges]
    assert {d for s in seen for d in s.written_dirs} == {"forward", "back", "both", "none"}
    assert {edge[4] for edge in edges} >= {"solid", "dashed", "dotted", "bold"}
    colors = {"firebrick", "brown", "black", "darkorange"}
    assert {edge[3] for edge in edges} >= {drawn_color(color) for color in colors}
    assert any(edge[2] for edge in edges)
    providers = {node[1].split("/")[0] for s in seen for node in s.nodes}
    custom_icon = hashlib.sha256((EXAMPLES / "rabbitmq.png").read_bytes()).hexdigest()
    assert {"aws", "gcp", "k8s", "onprem", f"{custom_icon}.png"} <= providers


def test_custom_icon_example_draws_the_graph_diagrams_draws(tmp_path: Path) -> None:
    result, dots = archgen_dots([CUSTOM_ICON], tmp_path)
    assert (result.code, result.stderr) == (0, "")
    _same_graph(structure(dots[CUSTOM_ICON]), structure(diagrams_dot(CUSTOM_ICON)))


def test_custom_icon_example_keeps_diagrams_node_order(tmp_path: Path) -> None:
    result, dots = archgen_dots([CUSTOM_ICON], tmp_path)
    assert result.code == 0
    assert structure(dots[CUSTOM_ICON]).order == structure(diagrams_dot(CUSTOM_ICON)).order


@pytest.mark.parametrize("name", [*DRAWN, CUSTOM_ICON])
def test_example_specs_follow_the_schema(name: str) -> None:
    """What an editor checks as the example is written: its first line names the schema."""
    text = (EXAMPLES / f"{name}.yaml").read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../archgen.schema.json"
    schema = json.loads((REPO / "docs" / "archgen.schema.json").read_text())
    jsonschema.validate(yaml.safe_load(text), schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.slow
def test_committed_pictures_are_what_archgen_draws(tmp_path: Path) -> None:
    """docs/examples/README.md says how to draw them again."""
    names = [*DRAWN, CUSTOM_ICON]
    specs = [EXAMPLES / f"{name}.yaml" for name in names]
    result = run_archgen(
        "build", *specs, "--format", "svg,png", "--lang", "en", "-q", "-o", tmp_path, cwd=REPO
    )
    assert result.code == 0
    for name in names:
        for suffix in ("svg", "png"):
            committed = EXAMPLES / f"{name}.{suffix}"
            assert committed.is_file(), f"{committed.name} is missing"
        assert (EXAMPLES / f"{name}.svg").read_bytes() == (tmp_path / f"{name}.svg").read_bytes()
