"""What a build read and wrote: ``<output>/.archgen/manifest.json``.

For every stage the manifest keeps the hashes of its inputs (the resolved spec, its
parents included; the templates; the options; archgen's version) and of each file
written from them. ``archgen check`` compares inputs through it, so it needs neither
Graphviz nor byte-identical images across machines, and says which input changed;
``archgen build`` skips a stage whose inputs and files are as recorded.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from archgen import __version__
from archgen.atomic import write_atomically
from archgen.resolve import Stage

MANIFEST_PATH = Path(".archgen") / "manifest.json"
FORMAT_VERSION = 1


@cache
def builder_version() -> str:
    """archgen's version, and a hash of its code and of the icons' package version.

    The release number alone would not notice a change to the code between releases
    (a checkout, an editable install), and a new diagrams release may redraw icons.
    """
    package = Path(__file__).resolve().parent
    hasher = hashlib.sha256(diagrams_version().encode())
    # Code, and data such as estimate/latency.yaml; not the templates a wheel carries
    # inside the package, which are hashed as templates.
    code = [*package.rglob("*.py"), *package.glob("*/*.yaml")]
    code = [path for path in code if "templates" not in path.relative_to(package).parts]
    for path in sorted(code):
        hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}+{hasher.hexdigest()[:12]}"


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
        names = {"spec": "the spec (or a stage it extends)", "templates": "the templates",
                 "options": "the options",
                 "archgen": f"archgen's version ({recorded.archgen} -> {self.archgen})"}
        return [names[name] for name in names if getattr(self, name) != getattr(recorded, name)]


@dataclass
class Entry:
    """One stage (or the index): where it came from, its inputs and the files it wrote."""

    source: str
    inputs: Inputs
    outputs: dict[str, str] = field(default_factory=dict)  # relative path -> sha256


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def read(cls, output: Path) -> Manifest:
        """The manifest of ``output``, merged with those of sharded builds; an empty one
        where none is readable."""
        manifest = cls()
        folder = (output / MANIFEST_PATH).parent
        for path in [output / MANIFEST_PATH, *sorted(folder.glob(SHARD_PATTERN))]:
            manifest.entries.update(_read_entries(path))
        return manifest

    def write(self, output: Path, shard: tuple[int, int] | None = None) -> None:
        """Write the manifest; a shard writes its own file, to be merged when read."""
        data = {"format": FORMAT_VERSION, "entries": {
            key: {"source": entry.source, "inputs": dataclasses.asdict(entry.inputs),
                  "outputs": dict(sorted(entry.outputs.items()))}
            for key, entry in sorted(self.entries.items())}}
        text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        path = output / MANIFEST_PATH
        if shard is not None:
            path = path.with_name(f"manifest.{shard[0]}-of-{shard[1]}.json")
        write_atomically(path, text.encode(), path.parent / "tmp")
        if shard is None:  # a whole build's manifest covers every shard's
            for old in path.parent.glob(SHARD_PATTERN):
                old.unlink()

    def files(self) -> set[str]:
        return {name for entry in self.entries.values() for name in entry.outputs}


SHARD_PATTERN = "manifest.*-of-*.json"


def _read_entries(path: Path) -> dict[str, Entry]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT_VERSION:
            return {}
        return {key: Entry(value["source"], Inputs(**value["inputs"]), dict(value["outputs"]))
                for key, value in data["entries"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_files(paths: Iterable[Path]) -> str:
    """One hash over the names and contents of files, e.g. the templates a build used."""
    hasher = hashlib.sha256()
    for path in paths:
        hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def digest_value(value: Any) -> str:
    """A stable hash of a resolved value: the same content gives the same hash anywhere."""
    return digest(json.dumps(_plain(value), sort_keys=True, ensure_ascii=False).encode())


def stage_digest(stage: Stage) -> str:
    """The stage's content with its parents': a parent's edit changes its children's hash.

    The source file's path is left out, so moving a spec does not rebuild it. Each
    stage is digested once: children reach their parent many times over.
    """
    key = id(stage)
    known = _DIGESTS.get(key)
    if known and known[0]() is stage:
        return known[1]
    fields = {f.name: getattr(stage, f.name) for f in dataclasses.fields(stage)
              if f.name not in ("parent", "source")}
    fields["parent"] = stage_digest(stage.parent) if stage.parent else None
    result = digest_value(fields)
    _DIGESTS[key] = (weakref.ref(stage, lambda _: _DIGESTS.pop(key, None)), result)
    return result


# id of a stage -> (a weak reference that tells the id was not reused, its digest)
_DIGESTS: dict[int, tuple[weakref.ref, str]] = {}


def _plain(value: Any) -> Any:
    """JSON-ready data from dataclasses, pydantic models, enums, tuples and dicts."""
    if isinstance(value, BaseModel):  # not model_dump(): it cannot serialize our Text
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, Stage):
        return stage_digest(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Path):
        return value.as_posix()
    return value
