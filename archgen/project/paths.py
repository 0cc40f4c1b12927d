"""Paths as a user would type them."""

from __future__ import annotations

from pathlib import Path


def relative_to_working_folder(path: Path) -> Path:
    """``path`` relative to the working folder when it lies inside it, so that messages
    read ``specs/02-database.yaml:3:5`` as the user typed it; else ``path`` as it is."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path
