"""`archgen init [DIR]`: a starter project that builds at once.

The starter's files are package data (``archgen/starter/``), copied as they are, and the
JSON Schema its specs point at, written from the installed archgen so that it fits the
specs this archgen reads. Nothing is written over an existing file unless ``--force``
says so, and then only the starter's own names are replaced; the check comes first, so a
refused init writes nothing.
"""

from __future__ import annotations

import argparse
import os
import shlex
from importlib import resources
from pathlib import Path

from archgen.commands import terminal
from archgen.diagnostics import ArchgenError, ExitCode, UsageError
from archgen.project.paths import relative_to_working_folder

# Kept in the package without their leading dot: a `.gitignore` there would act on
# archgen's own repository, and dot-files are easy to leave out of a wheel.
_STORED_AS = {"gitignore": ".gitignore"}
SCHEMA_NAME = "archgen.schema.json"  # beside archgen.toml; the specs say $schema=../...
SETTINGS_NAME = "archgen.toml"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "init",
        help="start a project: two example stages, settings and .gitignore",
        description="Write a starter project into DIR: two stages in specs/ (the second "
        "extends the first), archgen.toml, a .gitignore for the output's lock and temporary "
        f"files, a README and {SCHEMA_NAME} for editors. It builds at once: cd DIR && "
        "archgen build. An existing file is never replaced unless --force is given.",
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="where to write (default: the working folder); made if it does not exist",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace files of the same names as the starter's (no other file is touched)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    folder: Path = args.folder
    files = starter_files()
    if _has_settings(folder / "pyproject.toml"):
        # archgen.toml is read before pyproject.toml: a new one would silently replace
        # the project's own settings.
        del files[SETTINGS_NAME]
        terminal.say(f"kept the [tool.archgen] settings of {_shown(folder / 'pyproject.toml')}")
    _refuse_clashes(folder, files, force=args.force)
    for name, content in files.items():
        _write(folder / name, content, replace=args.force)
        terminal.say(f"wrote {_shown(folder / name)}")
    here = folder.resolve() == Path.cwd().resolve()
    go = "" if here else f"cd {shlex.quote(str(_shown(folder)))} && "
    terminal.say(f"next: {go}archgen build")
    return ExitCode.OK


def _has_settings(pyproject: Path) -> bool:
    """Whether ``pyproject`` holds archgen's settings (a file that does not read is left
    to the build, which says what is wrong with it)."""
    from archgen.project.config import find_config

    if not pyproject.is_file():
        return False
    try:
        return find_config(pyproject.parent).source == pyproject
    except ArchgenError:
        return False


def starter_dir() -> Path:
    return Path(str(resources.files("archgen") / "starter"))


def starter_files() -> dict[str, bytes]:
    """Every file of the starter by its name in the new project, in the order written."""
    from archgen.spec.schema import schema_text

    root = starter_dir()
    found = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files = {_project_name(path.relative_to(root)): path.read_bytes() for path in found}
    files[SCHEMA_NAME] = schema_text().encode("utf-8")
    top = sorted(name for name in files if "/" not in name)  # settings first, then specs/
    return {name: files[name] for name in [*top, *sorted(set(files) - set(top))]}


def _project_name(stored: Path) -> str:
    return "/".join(_STORED_AS.get(part, part) for part in stored.parts)


def _refuse_clashes(folder: Path, files: dict[str, bytes], *, force: bool) -> None:
    if os.path.lexists(folder) and not folder.is_dir():
        raise UsageError(f"{_shown(folder)}: not a folder; name a folder to write the starter in")
    clashes = [folder / name for name in files if os.path.lexists(folder / name)]
    if not clashes:
        return
    if not force:
        more = f" (and {len(clashes) - 1} more of the starter's files)" if len(clashes) > 1 else ""
        raise UsageError(
            f"{_shown(clashes[0])}: already exists{more}; archgen init writes over no file: "
            "choose a new folder, or add --force to replace them"
        )
    for path in clashes:
        if path.is_symlink() or not path.is_file():
            raise UsageError(
                f"{_shown(path)}: not a regular file; even --force replaces only files"
            )


def _write(path: Path, content: bytes, *, replace: bool) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb" if replace else "xb") as file:
            file.write(content)
    except FileExistsError:  # made since the check
        raise UsageError(
            f"{_shown(path)}: already exists; archgen init writes over no file"
        ) from None
    except OSError as exc:
        raise UsageError(f"{_shown(path)}: cannot write: {exc.strerror}") from None


def _shown(path: Path) -> Path:
    return relative_to_working_folder(path)
