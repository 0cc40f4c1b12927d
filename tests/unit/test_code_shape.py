"""The shape the code keeps, so that it stays readable: short modules, functions and
classes, and the import direction that makes the tree read as the pipeline.

Lines are counted as written (after ``ruff format``), docstrings and comments included:
a reader reads those too.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "archgen"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50
MAX_CLASS_LINES = 250


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def _definitions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef]:
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return [node for node in ast.walk(tree) if isinstance(node, kinds)]


def _length(node: ast.AST) -> int:
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    return (node.end_lineno or node.lineno) - first + 1


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        _name(path): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_no_function_or_class_is_longer_than_the_limit() -> None:
    long = []
    for path in _modules():
        for node in _definitions(ast.parse(path.read_text(encoding="utf-8"))):
            limit = MAX_CLASS_LINES if isinstance(node, ast.ClassDef) else MAX_FUNCTION_LINES
            if _length(node) > limit:
                long.append(f"{_name(path)}:{node.lineno} {node.name} ({_length(node)} lines)")
    assert not long, (
        f"over the limit ({MAX_FUNCTION_LINES} per function, {MAX_CLASS_LINES} per class): {long}"
    )


def test_no_module_reads_a_private_attribute_of_diagrams() -> None:
    """diagrams' private attributes change between its releases; archgen keeps its own
    table of what it needs (draw/style.py, the catalog's icon table)."""
    private = _private_names_of_diagrams()
    readers = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        from_diagrams = _names_bound_to_diagrams(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or _root_name(node.value) == "self":
                continue
            if node.attr in private or (
                node.attr.startswith("_")
                and not node.attr.endswith("__")
                and _root_name(node.value) in from_diagrams
            ):
                readers.append(f"{_name(path)}:{node.lineno} .{node.attr}")
    assert not readers, f"private attributes of diagrams read: {readers}"


def _private_names_of_diagrams() -> set[str]:
    """The single-underscore names diagrams' own classes define (its node classes share
    their bases' names, so one provider's module stands for all)."""
    import diagrams
    import diagrams.aws.compute

    names: set[str] = set()
    for module in (diagrams, diagrams.aws.compute):
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__.startswith("diagrams"):
                for klass in value.__mro__:
                    names |= {n for n in vars(klass) if n.startswith("_") and not n.endswith("__")}
    return names


def _names_bound_to_diagrams(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {
                (a.asname or a.name).split(".")[0]
                for a in node.names
                if a.name.split(".")[0] == "diagrams"
            }
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "diagrams":
            names |= {a.asname or a.name for a in node.names}
    return names


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


@pytest.mark.skipif(
    shutil.which("lint-imports", path=str(Path(sys.executable).parent)) is None,
    reason="import-linter is not installed",
)
def test_imports_point_down_the_pipeline() -> None:
    """The contracts in pyproject.toml: the layers of the pipeline, diagrams used only in
    draw/, project/ and diagnostics on the standard library alone."""
    command = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(command), "--no-cache"],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
