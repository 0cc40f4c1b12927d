"""The options of a build: where it writes, which formats and languages."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_LANGUAGE = "en"
IMAGE_FORMATS = ("svg", "png")  # what Graphviz draws
# 'dot' writes the DOT text Graphviz lays out, so Graphviz alone can be timed on it.
OUTPUT_FORMATS = (*IMAGE_FORMATS, "dot")


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
