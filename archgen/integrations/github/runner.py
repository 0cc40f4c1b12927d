"""What a step tells the runner: annotations on stdout, and the files it names for a
job summary (``GITHUB_STEP_SUMMARY``) and step outputs (``GITHUB_OUTPUT``)."""

from __future__ import annotations

import os
from pathlib import Path


def annotate(level: str, message: str) -> None:
    """``::warning::`` or ``::error::``, escaped as the runner reads them: one line."""
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    print(f"::{level}::{escaped}", flush=True)


def add_summary(markdown: str) -> None:
    """The job summary gains ``markdown`` (outside Actions, nothing happens)."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with Path(path).open("a", encoding="utf-8") as summary:
            summary.write(markdown if markdown.endswith("\n") else markdown + "\n")


def set_outputs(**values: str) -> None:
    """Step outputs, one ``name=value`` line each (the values are single words)."""
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with Path(path).open("a", encoding="utf-8") as outputs:
            for name, value in values.items():
                outputs.write(f"{name.replace('_', '-')}={value}\n")
