"""What a build read and wrote: ``<output>/.archgen/manifest.json``.

For every stage the manifest keeps the hashes of its inputs (the resolved spec, its
parents included; the templates; the options; archgen's version) and of each file
written from them. ``archgen check`` compares inputs through it, so it needs neither
Graphviz nor byte-identical images across machines, and says which input changed;
``archgen build`` skips a stage whose inputs and files are as recorded.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from archgen import __version__
from archgen.diagnostics import Diagnostic
from archgen.incremental.manifest_file import BadManifest, load_manifest_file
from archgen.incremental.warnings import RecordedWarning
from archgen.project.atomic import (
    OutsideOutput,
    folder_of,
    output_digest,
    remove_output,
    write_together,
)
from archgen.project.layout import MANIFEST_FILE, SHARD_MANIFEST_PATTERN, STATE_DIR, manifest_file
from archgen.project.options import BuildOptions
from archgen.project.project_files import MAX_ICON_BYTES, project_folder, read_project_file
from archgen.project.specs import read_spec_bytes
from archgen.project.templates import template_dirs, template_files

FORMAT_VERSION = 2  # 2: sources


@cache
def builder_version() -> str:
    """archgen's version, and a hash of its code and of the icons' package version.

    The release number alone would not notice a change to the code between releases
    (a checkout, an editable install), and a new diagrams release may redraw icons.
    """
    package = Path(__file__).resolve().parents[1]  # archgen/
    hasher = hashlib.sha256(diagrams_version().encode())
    for name in _code_files(str(package)):
        with open(os.path.join(package, name), "rb") as stream:
            hasher.update(name.encode() + b"\0" + stream.read())
    return f"{__version__}+{hasher.hexdigest()[:12]}"


# Code, and data such as estimate/latency.yaml and catalog/node_classes.json (the icon
# each node class draws); not the templates a wheel carries inside the package, which
# are hashed as templates, nor bytecode.
_CODE_SUFFIXES = (".py", ".yaml", ".json")
_NOT_CODE = frozenset({"templates", "__pycache__"})


def _code_files(package: str) -> list[str]:
    """The package's code and data files, relative to it with '/', sorted. One walk with
    os.scandir: every no-op build hashes them, so this is on its quickest path."""
    found = []
    for folder, folders, files in os.walk(package):
        folders[:] = [name for name in folders if name not in _NOT_CODE]
        relative = os.path.relpath(folder, package).replace(os.sep, "/")
        prefix = "" if relative == "." else f"{relative}/"
        found += [f"{prefix}{name}" for name in files if name.endswith(_CODE_SUFFIXES)]
    return sorted(found)


def diagrams_version() -> str:
    try:
        return metadata.version("diagrams")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown"


@dataclass(frozen=True)
class Inputs:
    """The hashes a set of outputs was built from, one per kind of input."""

    spec: str
    templates: str
    options: str
    archgen: str = field(default_factory=builder_version)

    def differences(self, recorded: Inputs) -> list[str]:
        """Plain words for each input that differs from ``recorded``."""
        names = {
            "spec": "the spec (or a stage it extends)",
            "templates": "the templates",
            "options": "the options",
            "archgen": f"archgen's version ({recorded.archgen} -> {self.archgen})",
        }
        return [names[name] for name in names if getattr(self, name) != getattr(recorded, name)]


@dataclass
class Entry:
    """One stage (or the index): where it came from, its inputs and the files it wrote."""

    source: str
    inputs: Inputs
    outputs: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    # Files an earlier build of this entry wrote for a language or format this one was
    # not asked for: kept until ``--prune`` or until the entry's spec is gone.
    kept: dict[str, str] = field(default_factory=dict)
    # What the checks found in the pictures when they were drawn: told again while the
    # entry is current (incremental/warnings.py).
    warnings: tuple[RecordedWarning, ...] = ()

    def is_current(self, inputs: Inputs, output: Path) -> bool:
        """Built from ``inputs``, with its files as written: nothing to build again."""
        return self.inputs == inputs and self.intact(output)

    def intact(self, output: Path) -> bool:
        """Every file the entry records is there, a regular file inside the output, with
        the bytes that were written."""
        return all(
            output_digest(output, name) == expected for name, expected in self.outputs.items()
        )


# Keys of the entries that are not stages (a stage's key is its id).
INDEX_ENTRY = "index"
ESTIMATE_ENTRY = "estimate:"  # + the estimate's id
REFERENCE_ENTRY = "reference"


def is_stage_entry(key: str) -> bool:
    return key not in (INDEX_ENTRY, REFERENCE_ENTRY) and not key.startswith(ESTIMATE_ENTRY)


def estimate_entry(estimate_id: str) -> str:
    return f"{ESTIMATE_ENTRY}{estimate_id}"


def current_entries(stage_ids: Iterable[str], estimate_ids: Iterable[str]) -> set[str]:
    """The keys a whole build of these stages and estimates records; any other entry is
    left over from a spec that is gone."""
    estimates = {estimate_entry(estimate_id) for estimate_id in estimate_ids}
    return {*stage_ids, INDEX_ENTRY, *estimates, *([REFERENCE_ENTRY] if estimates else [])}


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)
    # Spec file (relative to the output folder) -> hash of its bytes, recorded by a
    # whole build that ended without a problem; the no-op fast path compares them.
    sources: dict[str, str] = field(default_factory=dict)
    # The icon files those specs draw (relative to the output folder) -> hash of their
    # bytes, recorded with the sources: an icon edited is a build to run.
    icons: dict[str, str] = field(default_factory=dict)
    merged_shards: bool = False  # read together with the manifests of sharded builds
    problem: str | None = None  # why a manifest there was not read: all is built again

    @classmethod
    def read(cls, output: Path) -> Manifest:
        """The manifest of ``output``, merged with those of sharded builds; an empty one
        where none is there, and one that says why where one cannot be trusted."""
        try:
            shards = _shard_manifest_names(output)
            manifest = cls(merged_shards=bool(shards))
            for name in [MANIFEST_FILE, *shards]:
                entries, sources, icons = read_manifest_file(output, name)
                manifest.entries.update(entries)
                if name == MANIFEST_FILE:  # a shard's manifest records none
                    manifest.sources, manifest.icons = sources, icons
        except BadManifest as error:
            return cls(problem=str(error))
        return manifest

    def write(self, output: Path, shard: tuple[int, int] | None = None) -> None:
        """Write the manifest; a shard writes its own file, to be merged when read."""
        data = {
            "format": FORMAT_VERSION,
            "entries": {key: _entry_data(entry) for key, entry in sorted(self.entries.items())},
            "sources": dict(sorted(self.sources.items())),
        }
        if self.icons:  # written only when there are some: older manifests read the same
            data["icons"] = dict(sorted(self.icons.items()))
        text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        path = manifest_file(output, shard)
        write_together(output, {path.relative_to(output).as_posix(): text.encode()})
        if shard is None:  # a whole build's manifest covers every shard's
            for name in _shard_manifest_names(output):
                remove_output(output, name)

    def stage_ids(self) -> list[str]:
        return [key for key in self.entries if is_stage_entry(key)]

    def warnings(self, output: Path, languages: tuple[str, ...]) -> list[Diagnostic]:
        """Every stage's recorded warnings, at their recorded lines (the fast path)."""
        return sorted(
            (
                warning.told_as_recorded(output, (key, entry.source), languages)
                for key, entry in self.entries.items()
                for warning in entry.warnings
            ),
            key=lambda diagnostic: diagnostic.location,
        )

    def kept(self) -> dict[str, str]:
        """Every file kept for a language or format a build was no longer asked for."""
        return {
            name: value for entry in self.entries.values() for name, value in entry.kept.items()
        }


def _entry_data(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": entry.source,
        "inputs": dataclasses.asdict(entry.inputs),
        "outputs": dict(sorted(entry.outputs.items())),
    }
    if entry.kept:  # written only when there are some: older manifests read the same
        data["kept"] = dict(sorted(entry.kept.items()))
    if entry.warnings:  # as kept
        data["warnings"] = [warning.data() for warning in entry.warnings]
    return data


def _shard_manifest_names(output: Path) -> list[str]:
    """The shard manifests beside the manifest, as names inside the output."""
    try:
        folder = folder_of(output, MANIFEST_FILE)
        found = os.listdir(folder) if folder is not None else []
    except OutsideOutput as error:
        raise BadManifest(str(error)) from None
    except OSError:
        return []
    return sorted(f"{STATE_DIR}/{name}" for name in fnmatch.filter(found, SHARD_MANIFEST_PATTERN))


def read_manifest_file(
    output: Path, name: str
) -> tuple[dict[str, Entry], dict[str, str], dict[str, str]]:
    """One manifest file's entries, sources and icons, checked (``manifest_file``)."""
    data = load_manifest_file(output, name, FORMAT_VERSION, _INPUT_NAMES)
    entries = {
        key: Entry(
            value["source"],
            Inputs(**value["inputs"]),
            value["outputs"],
            value.get("kept", {}),
            tuple(RecordedWarning.from_data(item) for item in value.get("warnings", ())),
        )
        for key, value in data.get("entries", {}).items()
    }
    return entries, data.get("sources", {}), data.get("icons", {})


_INPUT_NAMES = frozenset(field.name for field in dataclasses.fields(Inputs))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def spec_sources(files: Iterable[Path], output: Path) -> dict[str, str] | None:
    """Each spec file, relative to the output folder as entries name it, with its bytes'
    hash; None when one cannot be read (the build says why)."""
    try:
        return {_source_name(path, output): digest(read_spec_bytes(path)) for path in files}
    except OSError:
        return None


class SourceReader:
    """Reads spec files for the loaders and keeps the hash of the bytes each one got.

    Those are the bytes a build was made from, whatever happens to the file during the
    build, so they are what the manifest may record as its sources.
    """

    def __init__(self) -> None:
        self.digests: dict[Path, str] = {}

    def __call__(self, path: Path) -> bytes:
        data = read_spec_bytes(path)
        self.digests[path] = digest(data)
        return data

    def sources(self, output: Path) -> dict[str, str]:
        return {_source_name(path, output): value for path, value in self.digests.items()}


def _source_name(path: Path, output: Path) -> str:
    """A spec file's path relative to the output folder, as entries name their source."""
    return Path(os.path.relpath(path, output)).as_posix()


def icons_unchanged(icons: dict[str, str], output: Path) -> bool:
    """Whether every icon file (relative to ``output``) still has the bytes recorded.

    The names come from a manifest, which anyone can commit: each is read only as an
    icon is, a regular file inside the project of at most MAX_ICON_BYTES."""
    if not icons:
        return True
    project = project_folder()
    try:
        return all(
            digest(read_project_file(output / name, project, MAX_ICON_BYTES, "an icon")) == value
            for name, value in icons.items()
        )
    except OSError:
        return False


def shared_digests(options: BuildOptions) -> tuple[str, str]:
    """The hashes every entry of a build shares: of the templates it resolves to, and of
    the options that change output bytes. The build records them; the fast path compares."""
    templates = template_files(template_dirs(options.templates))
    return digest_files(templates), digest_value(options.output_options())


def digest_files(paths: Iterable[Path]) -> str:
    """One hash over the names and contents of files, e.g. the templates a build used."""
    hasher = hashlib.sha256()
    for path in paths:
        hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def digest_value(value: Any) -> str:
    """A stable hash of plain data (str, numbers, lists, tuples, dicts): the same anywhere."""
    return digest(json.dumps(value, sort_keys=True, ensure_ascii=False).encode())
