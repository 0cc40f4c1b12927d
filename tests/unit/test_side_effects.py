"""Which modules may run processes, write or delete files, checked against the code.

docs/architecture.md's table "Who writes files and runs processes" says the same as
``ALLOWED`` below; a change to one is a change to the other.

Every other module is a function from values to values (reading its own input files
aside). A new place that writes or runs something must be added here, and to the docs.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "archgen"

# What counts: running a process, and every way archgen changes the file system.
PROCESS = {"subprocess"}
WRITE = {
    "write_atomically",
    "write_together",  # project.atomic's: a set of files, all or none
    "open_lock",
    "write_text",
    "write_bytes",
    "mkstemp",
    "mkdir",
    "TemporaryDirectory",
    "fdopen",
    "makedirs",
    "touch",
    "copy",
    "copy2",
    "copyfile",
    "copytree",
    "move",
}
OS_WRITE = {"replace", "rename"}  # only as os.replace, os.rename: str and dataclasses have one
DELETE = {"unlink", "rmdir", "rmtree", "remove_output"}
OS_DELETE = {"remove", "removedirs"}  # only as os.remove: a spec has a `remove` list

# module -> what it may do; docs/architecture.md's "Side effects" table says why.
ALLOWED: dict[str, set[str]] = {
    "archgen/project/atomic.py": {"write", "delete"},  # the one way files are written
    "archgen/build/writes.py": {"write", "delete"},  # a build's files; never a hand-edited one
    "archgen/build/lock.py": {"write"},  # the lock file
    "archgen/incremental/manifest.py": {"write", "delete"},  # the manifest; old shard manifests
    "archgen/draw/render.py": {"process", "write"},  # dot, into a temporary folder
    "archgen/draw/custom_icons.py": {"process", "write"},  # icons into render's folder; rsvg
    "archgen/draw/fonts.py": {"process"},  # fc-list, once per process, for CJK labels
    "archgen/diff/sources.py": {"process", "write"},  # git's blobs, into a temporary folder
    "archgen/commands/diff.py": {"write"},  # the diff diagrams, where -o says
    "archgen/commands/init.py": {"write"},  # a starter project, where its DIR says
    "archgen/integrations/mkdocs_plugin.py": {"write"},  # its build cache, a temporary folder
    "archgen/integrations/sphinx_extension.py": {"write"},  # the pictures, into Sphinx's outdir
    "archgen/integrations/github/report.py": {"process", "write"},  # archgen, git; the report
    "archgen/integrations/github/assets.py": {"process", "write"},  # git, in a temporary repo
    "archgen/integrations/github/runner.py": {"write"},  # the runner's summary and outputs
}


def _effects(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [(node.module or "").split(".")[0], *(a.name for a in node.names)]
        elif isinstance(node, ast.Attribute):
            names = [node.attr]
            if isinstance(node.value, ast.Name) and node.value.id == "os":
                found |= {"write"} if node.attr in OS_WRITE else set()
                found |= {"delete"} if node.attr in OS_DELETE else set()
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            names = [node.func.id]
        if isinstance(node, ast.Call) and _opens_for_writing(node):
            found.add("write")
        for name in names:
            found |= {
                effect
                for effect, words in (("process", PROCESS), ("write", WRITE), ("delete", DELETE))
                if name in words
            }
    return found


def _opens_for_writing(call: ast.Call) -> bool:
    """``open(..., "w")``, ``path.open("a")``: any mode that is not read-only."""
    func = call.func
    named_open = (isinstance(func, ast.Name) and func.id == "open") or (
        isinstance(func, ast.Attribute) and func.attr == "open"
    )
    modes = [arg.value for arg in call.args if isinstance(arg, ast.Constant)]
    modes += [
        k.value.value
        for k in call.keywords
        if k.arg == "mode" and isinstance(k.value, ast.Constant)
    ]
    return named_open and any(isinstance(m, str) and set(m) & set("wax+") for m in modes)


def test_only_the_listed_modules_write_files_or_run_processes() -> None:
    unexpected = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE.parent).as_posix()
        effects = _effects(ast.parse(path.read_text(encoding="utf-8")))
        extra = effects - ALLOWED.get(name, set())
        if name == "archgen/cli.py":
            extra.discard("write")  # sys.stdout = open(os.devnull, "w") when the reader left
        if extra:
            unexpected[name] = sorted(extra)
    assert not unexpected, f"side effects outside docs/architecture.md's list: {unexpected}"


def test_the_list_names_modules_that_exist_and_do_what_it_says() -> None:
    for name, allowed in ALLOWED.items():
        path = PACKAGE.parent / name
        assert path.is_file(), f"{name} is gone: update the list and the docs"
        assert _effects(ast.parse(path.read_text(encoding="utf-8"))) == allowed, name
