"""The template files: their names, where they are looked up, which ones a build uses."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

STAGE_TEMPLATE = "stage.md.j2"
INDEX_TEMPLATE = "index.md.j2"
DIFF_TEMPLATE = "diff.md.j2"
ESTIMATE_TEMPLATE = "estimate.md.j2"
REFERENCE_TEMPLATE = "estimate-reference.md.j2"
ESTIMATE_TEMPLATES = (ESTIMATE_TEMPLATE, REFERENCE_TEMPLATE)
MESSAGES_FILE = "messages.yaml"


def default_template_dir() -> Path:
    """The templates shipped in the wheel, or the repository's ``templates/`` in a checkout."""
    packaged = Path(str(resources.files("archgen") / "templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def template_dirs(override: Path | None) -> tuple[Path, ...]:
    """Where templates are looked up: single files in ``override`` win over the defaults."""
    return (default_template_dir(),) if override is None else (override, default_template_dir())


def template_files(folders: Sequence[Path]) -> list[Path]:
    """The files the templates resolve to, for hashing into the manifest.

    Every folder's messages file counts (their words are merged, the earlier folder
    winning); of each template, the first found.
    """
    found = [
        folder / MESSAGES_FILE for folder in reversed(folders) if (folder / MESSAGES_FILE).is_file()
    ]
    for name in (STAGE_TEMPLATE, INDEX_TEMPLATE, *ESTIMATE_TEMPLATES):
        for folder in folders:
            if (folder / name).is_file():
                found.append(folder / name)
                break
    return found
