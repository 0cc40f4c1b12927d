"""archgen draws with diagrams' icon files and nothing else of it: no module imports
diagrams or reads its private attributes (``_default_*_attrs``, ``_icon``, ...), whose
values archgen keeps in its own tables (see test_diagrams_drift.py)."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import REPO, copy_example_specs, pipeline_loaded_by, write_spec

PACKAGE = REPO / "archgen"
# What diagrams' classes hold and archgen used to read from them.
PRIVATE_ATTRIBUTES = {
    "_default_graph_attrs",
    "_default_node_attrs",
    "_default_edge_attrs",
    "_icon",
    "_icon_dir",
    "_Cluster__bgcolors",
    "_load_icon",
}


def uses_of_diagrams(path: Path) -> list[str]:
    """Where a module imports diagrams, by a statement or by name, or reads one of the
    attributes archgen used to take from it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value] if node.value.startswith("diagrams.") else []
        elif isinstance(node, ast.Attribute) and node.attr in PRIVATE_ATTRIBUTES:
            names = [f".{node.attr}"]
        found += [
            f"{path.relative_to(REPO)}:{node.lineno}: {name}"  # type: ignore[attr-defined]
            for name in names
            if name.split(".")[0] == "diagrams" or name.startswith(".")
        ]
    return found


def test_no_module_of_archgen_imports_diagrams_or_reads_its_attributes() -> None:
    found = [use for path in sorted(PACKAGE.rglob("*.py")) for use in uses_of_diagrams(path)]
    assert found == []


def test_a_build_loads_nothing_of_diagrams(tmp_path: Path) -> None:
    project = copy_example_specs(tmp_path)
    write_spec(
        project / "specs",
        "03-tasks.yaml",
        """
        id: tasks
        title: Tasks
        nodes:
          tasks: {kind: aws.compute.ECS, label: Tasks}
          queue: {kind: onprem.queue.Kafka, label: Queue}
        edges:
          - {from: tasks, to: queue}
        """,
    )
    summary, loaded = pipeline_loaded_by(project, "build", "specs", "-q", "--format", "dot")
    assert summary.startswith("3 stage(s) in output: 3 built")
    assert "diagrams" not in loaded
    assert "graphviz" not in loaded
