"""A spec file -> ``LoadedSpec``: the validated model plus the locations resolve needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from archgen.diagnostics import Diagnostic, Location, SpecError, printable, suggest
from archgen.project.specs import NotASpecFile, read_spec_bytes
from archgen.spec.model import Spec
from archgen.spec.strings import shown_repr
from archgen.spec.styles import LITERAL_HINTS
from archgen.spec.texts import text_problems
from archgen.spec.yaml_source import LocatedDocument, parse_yaml


@dataclass(frozen=True)
class LoadedSpec:
    spec: Spec
    document: LocatedDocument
    path: Path | None = None  # the file read, where files the spec names are found
    project: Path | None = None  # the folder they must lie in; None: project_folder()

    def locate(self, *path: str | int, key: bool = False) -> Location:
        return self.document.locate(path, key=key)


def read_spec_file(path: Path, name: str, read: Callable[[Path], bytes]) -> bytes:
    """The file's bytes, or a located error that says why they cannot be read.

    ``read`` reads the file: a build passes one that keeps the hash of what it read.
    """
    try:
        return read(path)
    except NotASpecFile as exc:  # a FIFO, a device, a file over the size limit
        raise SpecError([Diagnostic(Location(name), str(exc.strerror))]) from None
    except OSError as exc:
        raise SpecError([Diagnostic(Location(name), f"cannot read: {exc.strerror}")]) from None


def load_spec(
    path: Path,
    display_name: str | None = None,
    read: Callable[[Path], bytes] = read_spec_bytes,
    project: Path | None = None,
) -> LoadedSpec:
    """Read and validate one spec; raise ``SpecError`` listing every problem found."""
    name = display_name or str(path)
    document = parse_yaml(name, read_spec_file(path, name, read))
    if not isinstance(document.data, dict):
        raise SpecError(
            [
                Diagnostic(
                    document.locate(()),
                    "a spec must be a mapping with keys such as 'id' and "
                    f"'title', not {_kind_of(document.data)}",
                )
            ]
        )
    try:
        spec = Spec.model_validate(document.data)
    except ValidationError as exc:
        raise SpecError(validation_diagnostics(exc, document)) from None
    problems = text_problems(spec, document)
    if problems:
        raise SpecError(problems)
    return LoadedSpec(spec, document, path, project)


def validation_diagnostics(
    error: ValidationError, document: LocatedDocument, root: type[BaseModel] = Spec
) -> list[Diagnostic]:
    """One located line per problem; ``root`` is the model validated (for suggestions)."""
    diagnostics = []
    for problem in error.errors(include_url=False):
        loc = tuple(problem["loc"])
        # pydantic ends the location of a bad dict key with its marker '[key]' (a spec's
        # own key may be spelled so too: only the last part can be the marker).
        bad_key = len(loc) > 1 and loc[-1] == "[key]"
        path = loc[:-1] if bad_key else loc
        # An unknown key, or a key that is a bad id, is shown where the key is written.
        at_key = problem["type"] == "extra_forbidden" or bad_key
        location = document.locate(path, key=at_key)
        diagnostics.append(Diagnostic(location, _explain(problem, path, root)))
    return diagnostics


def _explain(problem: Any, path: tuple[str | int, ...], root: type[BaseModel] = Spec) -> str:
    kind, value = problem["type"], problem.get("input")
    where = _describe(path)
    if kind == "extra_forbidden":
        key = str(path[-1])
        if not key.isprintable():  # e.g. a byte-order mark left inside by joining two files
            return (
                f"unknown key '{printable(key)}' in {_describe(path[:-1])}: it holds an invisible "
                f"character{suggest(key.strip(_INVISIBLE), _fields(path, root))}"
            )
        return f"unknown key '{key}' in {_describe(path[:-1])}{suggest(key, _fields(path, root))}"
    if kind == "missing":
        return f"missing required key '{path[-1]}' in {_describe(path[:-1])}"
    if kind == "literal_error":
        expected = problem["ctx"]["expected"].replace("'", "").replace(" or ", ", ")
        choices = [choice.strip() for choice in expected.split(",")]
        hint = LITERAL_HINTS.get(str(path[-1]), _no_hint)(value) or suggest(str(value), choices)
        return f"{where} must be one of {', '.join(choices)}, not {shown_repr(value)}{hint}"
    if kind == "value_error":
        return f"{where}: {problem['msg'].removeprefix('Value error, ')}"
    expected = _EXPECTED.get(kind.split("_")[0])
    if expected:
        return f"{where} must be {expected}, not {_kind_of(value)}"
    return f"{where}: {problem['msg']}"


def _no_hint(value: object) -> str:
    return ""


_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\x00"

_EXPECTED = {
    "string": "a string",
    "int": "an integer",
    "model": "a mapping",
    "dict": "a mapping",
    "tuple": "a list",
    "list": "a list",
    "bool": "true or false",
}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the string {shown_repr(value)}"
    return f"the {type(value).__name__} {shown_repr(value)}"


def _describe(path: tuple[str | int, ...]) -> str:
    if not path:
        return "the spec"
    parts = []
    for part in path:
        parts.append(f"[{part + 1}]" if isinstance(part, int) else f".{part}")
    return "'" + "".join(parts).lstrip(".") + "'"


def _fields(path: tuple[str | int, ...], root: type[BaseModel] = Spec) -> list[str]:
    """The keys allowed where ``path`` points, to suggest the closest one."""
    current: Any = root
    for part in path[:-1]:
        model = _model_in(current)
        if model is not None and isinstance(part, str) and part in _keys(model):
            current = model.model_fields[_keys(model)[part]].annotation
        else:
            current = _element_of(current)
    model = _model_in(current)
    return list(_keys(model)) if model else []


def _keys(model: type[BaseModel]) -> dict[str, str]:
    """Spelling in YAML -> field name."""
    return {field.alias or name: name for name, field in model.model_fields.items()}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a (possibly optional or annotated) annotation stands for."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found:
            return found
    return None


def _element_of(annotation: Any) -> Any:
    """What a dict, list or tuple annotation holds (a dict's values)."""
    arguments = [a for a in get_args(annotation) if a is not Ellipsis and a is not type(None)]
    if get_origin(annotation) is dict:
        return arguments[1]
    return arguments[0] if arguments else None
