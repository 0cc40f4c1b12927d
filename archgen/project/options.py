"""The options of a build: where it writes, which formats and languages."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archgen.diagnostics import UsageError

DEFAULT_LANGUAGE = "en"
# A language code: 'en', 'ko', 'pt-BR'. It names a folder, so nothing else may pass.
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", re.ASCII)
LANGUAGES_MAX = 50
# The bounds of the numbers a build takes, from the configuration or the command line.
GRAPHVIZ_TIMEOUT_MAX = 86_400.0  # seconds (a day); more than 0
JOBS_MAX = 256  # diagrams rendered at once; at least 1
SHARDS_MAX = 1_000  # N of --shard K/N
IMAGE_FORMATS = ("svg", "png")  # what Graphviz draws
# 'dot' writes the DOT text Graphviz lays out, so Graphviz alone can be timed on it.
OUTPUT_FORMATS = (*IMAGE_FORMATS, "dot")
# The themes pictures may be drawn in: draw/themes/<name>.toml (a test holds the two to
# each other), named here so that the configuration is checked without reading them.
THEMES = ("default", "high-contrast")
DEFAULT_THEME = "default"


@dataclass(frozen=True)
class BuildOptions:
    output: Path = Path("output")
    formats: tuple[str, ...] = IMAGE_FORMATS  # any of OUTPUT_FORMATS
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    templates: Path | None = None
    graphviz_timeout: float = 120.0
    jobs: int = field(default_factory=lambda: min(os.cpu_count() or 1, JOBS_MAX))
    shard: tuple[int, int] | None = None  # (K, N): build the K-th of N stable shares
    prune: bool = False  # delete files made for languages and formats no longer asked for
    show_title: bool = False  # every diagram's title in its picture, unless its spec says
    theme: str = DEFAULT_THEME  # one of THEMES
    strict: bool = False  # warnings fail the build (exit 1); the files are still written

    def __post_init__(self) -> None:
        for language in self.languages:
            if not LANGUAGE_PATTERN.fullmatch(language):
                raise UsageError(
                    f"{language!r} is not a language code such as en, ko or pt-BR; "
                    "each language names a folder of the output"
                )

    def output_options(self) -> dict[str, Any]:
        """The options that change output bytes; the others only change how a build runs."""
        chosen: dict[str, Any] = {
            "formats": list(self.formats),
            "languages": list(self.languages),
            "theme": self.theme,
        }
        if self.show_title:  # only when on: the default keeps the options' hash as it was
            chosen["show_title"] = True
        return chosen
