"""What a build reads and where it writes, named without loading the pipeline.

The options, the spec files found from the paths given, the template files, and the
output folder's layout. Standard library only: every command's parser and the no-op
fast path (``archgen.uptodate``) import this before, or instead of, the pipeline.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

DEFAULT_LANGUAGE = "en"
SPEC_SUFFIXES = (".yaml", ".yml")
IMAGE_FORMATS = ("svg", "png")  # what Graphviz draws
# 'dot' writes the DOT text Graphviz lays out, so Graphviz alone can be timed on it.
OUTPUT_FORMATS = (*IMAGE_FORMATS, "dot")

STAGE_TEMPLATE = "stage.md.j2"
INDEX_TEMPLATE = "index.md.j2"
DIFF_TEMPLATE = "diff.md.j2"
ESTIMATE_TEMPLATES = ("estimate.md.j2", "estimate-reference.md.j2")
MESSAGES_FILE = "messages.yaml"
# Where the repository keeps the JSON Schema of specs; specs point at it relatively.
SCHEMA_FILE = "docs/archgen.schema.json"


class UsageError(Exception):
    """The command line asks for something impossible (exit code 2)."""


@dataclass(frozen=True)
class BuildOptions:
    output: Path = Path("output")
    formats: tuple[str, ...] = IMAGE_FORMATS  # any of OUTPUT_FORMATS
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    templates: Path | None = None
    graphviz_timeout: float = 120.0
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    shard: tuple[int, int] | None = None  # (K, N): build the K-th of N stable shares

    def output_options(self) -> dict[str, list[str]]:
        """The options that change output bytes; the others only change how a build runs."""
        return {"formats": list(self.formats), "languages": list(self.languages)}


def find_spec_files(paths: Sequence[Path]) -> list[Path]:
    """The spec files named by ``paths``: files as given, folders searched recursively."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.suffix in SPEC_SUFFIXES and p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not found:
        raise UsageError(f"no spec files (*.yaml) in {', '.join(map(str, paths))}")
    return found


# An estimate spec says `kind: estimate` at the top level; stage specs have no kind.
_ESTIMATE_KIND_LINE = re.compile(rb"^kind[ \t]*:[ \t]*['\"]?estimate['\"]?[ \t]*(#.*)?$",
                                 re.MULTILINE)


def is_estimate_file(path: Path) -> bool:
    """A cheap look at a file: does a line say ``kind: estimate`` at the top level?

    Read as bytes, not parsed: every spec of a build is checked, and parsing each twice
    would double the cost of loading. Unreadable files say no.
    """
    try:
        return _ESTIMATE_KIND_LINE.search(path.read_bytes()) is not None
    except OSError:
        return False


def default_template_dir() -> Path:
    """The templates shipped in the wheel, or the repository's ``templates/`` in a checkout."""
    packaged = Path(str(resources.files("archgen") / "templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


def template_dirs(override: Path | None) -> tuple[Path, ...]:
    """Where templates are looked up: single files in ``override`` win over the defaults."""
    return (default_template_dir(),) if override is None else (override, default_template_dir())


def template_files(folders: Sequence[Path]) -> list[Path]:
    """The files the templates resolve to, for hashing into the manifest.

    Every folder's messages file counts (their words are merged, the earlier folder
    winning); of each template, the first found.
    """
    found = [folder / MESSAGES_FILE for folder in reversed(folders)
             if (folder / MESSAGES_FILE).is_file()]
    for name in (STAGE_TEMPLATE, INDEX_TEMPLATE, *ESTIMATE_TEMPLATES):
        for folder in folders:
            if (folder / name).is_file():
                found.append(folder / name)
                break
    return found


def language_dir(language: str) -> str:
    """Where a language's files go, relative to the output folder."""
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def temp_dir(output: Path) -> Path:
    """Where files are written before they are renamed into place."""
    return output / ".archgen" / "tmp"
