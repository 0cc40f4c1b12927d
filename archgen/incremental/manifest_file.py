"""A manifest file read as untrusted data.

The manifest is committed with the output, so in a pull request anyone can write it.
Before any of it is used it must be a regular file inside the output of at most
``MAX_MANIFEST_BYTES``, parse as JSON (100,000 brackets stop json's decoder at its
depth limit: a note, no crash), and have exactly the shape archgen writes, every file
it lists being a name a build writes (``project.layout``). Anything else is a
``BadManifest``: the build says why and builds everything again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from archgen.diagnostics import BadEnvironment
from archgen.incremental.warnings import warning_problem
from archgen.project.atomic import read_output
from archgen.project.layout import is_output_name

MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # some 20,000 stages


class BadManifest(BadEnvironment):
    """A manifest archgen cannot trust; the message says which file and why. Never
    reaches the user as an error: the build turns it into a note and builds it all."""


def load_manifest_file(
    output: Path, name: str, version: int, input_names: Collection[str]
) -> dict[str, Any]:
    """The manifest at ``output/name`` as plain, checked data; {} when there is none, or
    when an archgen of another format wrote it."""
    path = output / name
    data = read_output(output, name, MAX_MANIFEST_BYTES)
    if data is None:
        if not os.path.lexists(path):
            return {}
        raise BadManifest(
            f"{path} is not a regular file of at most {MAX_MANIFEST_BYTES >> 20} MiB "
            "inside the output folder"
        )
    try:
        value = json.loads(data.decode("utf-8"))
    except ValueError as error:  # UnicodeDecodeError and JSONDecodeError included
        raise BadManifest(f"{path} is not a manifest archgen wrote ({error})") from None
    except RecursionError:  # json's C decoder counts its depth and stops: no stack overflow
        raise BadManifest(
            f"{path} is not a manifest archgen wrote (nested too deep, or unclosed)"
        ) from None
    if not isinstance(value, dict):
        raise BadManifest(f"{path} is not a manifest archgen wrote")
    if value.get("format") != version:
        return {}  # another archgen's: built again, without a word, as before
    _check_manifest(value, path, set(input_names))
    return value


def _check_manifest(value: dict[str, Any], path: Path, input_names: set[str]) -> None:
    entries, sources = value.get("entries"), value.get("sources")
    icons = value.get("icons", {})
    if not isinstance(entries, dict) or not _names_to_strings(sources):
        raise BadManifest(f"{path} is not a manifest archgen wrote")
    if not _names_to_strings(icons):
        raise BadManifest(f"{path} is not a manifest archgen wrote")
    for key, entry in entries.items():
        problem = _entry_problem(entry, input_names)
        if problem:
            raise BadManifest(f"{path}: entry {key!r} {problem}")


def _entry_problem(entry: object, input_names: set[str]) -> str | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
        return "is not an entry archgen writes"
    inputs = entry.get("inputs")
    if not isinstance(inputs, dict) or not _names_to_strings(inputs) or set(inputs) != input_names:
        return "does not record the inputs archgen records"
    for field in ("outputs", "kept"):
        files = entry.get(field, {})
        if not _names_to_strings(files):
            return f"has {field} that are not file names with hashes"
        for name in files:
            if not is_output_name(name):
                return f"lists {name!r}, which is not a file archgen writes"
    warnings = entry.get("warnings", [])
    if not isinstance(warnings, list):
        return "records warnings archgen does not write"
    return next(filter(None, map(warning_problem, warnings)), None)


def _names_to_strings(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(item, str) for item in value.values())
