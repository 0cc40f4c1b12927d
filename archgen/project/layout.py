"""Where every file goes in the output folder: the one place that names them.

The build writes these paths, ``archgen check`` compares them, the no-op fast path
reads them; each is relative to the output folder unless it takes one.
"""

from __future__ import annotations

import re
from pathlib import Path

from archgen.project.options import DEFAULT_LANGUAGE, LANGUAGE_PATTERN, BuildOptions

STATE_DIR = ".archgen"  # archgen's own files: the manifest, the lock, temporary files
MANIFEST_FILE = f"{STATE_DIR}/manifest.json"
TEMP_NAME = f"{STATE_DIR}/tmp"
LOCK_NAME = f"{STATE_DIR}/lock"
SHARD_MANIFEST_PATTERN = "manifest.*-of-*.json"  # beside the manifest
INDEX_PAGE = "index.md"
ESTIMATE_FOLDER = "estimates"  # estimate pages and the reference, apart from the stage pages
REFERENCE_PAGE = f"{ESTIMATE_FOLDER}/reference.md"
LATENCY_CHART = f"{ESTIMATE_FOLDER}/latency.svg"


def language_dir(language: str) -> str:
    """Where a language's files go, relative to the output folder."""
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def lock_file(output: Path) -> Path:
    """Held while a build writes ``output``: one build of a folder at a time."""
    return output / LOCK_NAME


def manifest_file(output: Path, shard: tuple[int, int] | None = None) -> Path:
    """The manifest, or the one a shard K of N writes beside it, to be merged when read."""
    path = output / MANIFEST_FILE
    return path if shard is None else path.with_name(f"manifest.{shard[0]}-of-{shard[1]}.json")


def stage_file(stage_id: str, suffix: str) -> str:
    """One of a stage's files (its page, an image), relative to its language's folder."""
    return f"{stage_id}.{suffix}"


def stage_file_names(stage_id: str, options: BuildOptions) -> list[str]:
    """The files a build writes for one stage."""
    suffixes = [*options.formats, "md"]
    return [
        f"{language_dir(language)}{stage_file(stage_id, suffix)}"
        for language in options.languages
        for suffix in suffixes
    ]


def index_file_names(options: BuildOptions) -> list[str]:
    return [f"{language_dir(language)}{INDEX_PAGE}" for language in options.languages]


def estimate_page(estimate_id: str) -> str:
    """An estimate's page, relative to its language's folder."""
    return f"{ESTIMATE_FOLDER}/{estimate_id}.md"


def estimate_file_names(estimate_id: str, options: BuildOptions) -> list[str]:
    return [
        f"{language_dir(language)}{estimate_page(estimate_id)}" for language in options.languages
    ]


def reference_file_names(options: BuildOptions) -> list[str]:
    """The reference tables' files, written once there is any estimate."""
    return [
        f"{language_dir(language)}{name}"
        for language in options.languages
        for name in (LATENCY_CHART, REFERENCE_PAGE)
    ]


# Every name a build writes, as the functions above make them: what a manifest may list.
_ID = r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"  # a stage's or an estimate's id (spec.model)
_OUTPUT_NAME = re.compile(
    rf"(?:{LANGUAGE_PATTERN.pattern}/)?"
    rf"(?:{_ID}\.(?:svg|png|dot|md)|{ESTIMATE_FOLDER}/(?:{_ID}\.md|latency\.svg))"
)


def is_output_name(name: str) -> bool:
    """Whether ``name`` is one a build writes: never '..', an absolute path or .archgen."""
    return _OUTPUT_NAME.fullmatch(name) is not None
