"""The checks on a spec's texts that its types cannot state: each text says something,
in languages that exist, and a label fits what Graphviz can draw.

Run on the validated spec, so each problem is located at the key or value that has it:
a language at its key, an empty or too long text at its value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from archgen.diagnostics import Diagnostic
from archgen.project.languages import language_problem
from archgen.spec.limits import MAX_LABEL_CHARACTERS
from archgen.spec.model import Spec, Text
from archgen.spec.yaml_source import KeyPath, LocatedDocument


class _Written(NamedTuple):
    """A text of the spec, where it is written, whether Graphviz draws it, and whether
    the spec could leave it out."""

    path: KeyPath
    text: Text
    drawn: bool = False
    optional: bool = True


def text_problems(spec: Spec, document: LocatedDocument) -> list[Diagnostic]:
    """Every problem of every text in ``spec``, one located line each."""
    problems = []
    for written in _texts(spec, document):
        for language, value in written.text.translations:
            path = written.path if language == "*" else (*written.path, language)
            if language != "*":
                problem = language_problem(language)
                if problem:
                    problems.append(Diagnostic(document.locate(path, key=True), problem))
            problem = _value_problem(value, written)
            if problem:
                problems.append(Diagnostic(document.locate(path), f"{_name(path)} {problem}"))
    return problems


def _value_problem(value: str, written: _Written) -> str | None:
    if not value.strip():
        return "is empty; write the text, or leave it out" if written.optional else "is empty"
    if written.drawn and len(value) > MAX_LABEL_CHARACTERS:
        return (
            f"is {len(value):,} characters long; a label drawn in a diagram may have at "
            f"most {MAX_LABEL_CHARACTERS:,} (Graphviz cannot draw more)"
        )
    return None


def _texts(spec: Spec, document: LocatedDocument) -> Iterator[_Written]:
    """Every text of the spec with its path, in the order a spec is written."""
    yield _Written(("title",), spec.title, optional=False)
    if spec.summary:
        yield _Written(("summary",), spec.summary)
    for node_id, node in spec.nodes.items():
        if node.label:
            yield _Written(("nodes", node_id, "label"), node.label, drawn=True)
    for group_id, group in spec.groups.items():
        if group.label:
            yield _Written(("groups", group_id, "label"), group.label, drawn=True)
    for index, edge in enumerate(spec.edges):
        if edge.label:
            yield _Written(("edges", index, "label"), edge.label, drawn=True)
    for index, step in enumerate(spec.steps):
        yield _Written(("steps", index, "text"), step.text, optional=False)
    for index, service in enumerate(spec.aws):
        yield _Written(("aws", index, "service"), Text.plain(service.service), optional=False)
        if service.text:
            yield _Written(("aws", index, "text"), service.text)
        for number, feature in enumerate(service.features):
            path: KeyPath = ("aws", index, "features", number)
            if not isinstance(_value_at(document, path), dict):  # written as a text
                yield _Written(path, feature.name)
                continue
            yield _Written((*path, "name"), feature.name, optional=False)
            if feature.text:
                yield _Written((*path, "text"), feature.text)
    for index, note in enumerate(spec.notes):
        yield _Written(("notes", index), note)


def _value_at(document: LocatedDocument, path: KeyPath) -> object:
    value: object = document.data
    for part in path:
        value = value[part]  # type: ignore[index]  # the path was just validated
    return value


def _name(path: KeyPath) -> str:
    """'nodes.web.label', 'steps[2].text': the path as messages name it."""
    parts = [f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in path]
    return "'" + "".join(parts).lstrip(".") + "'"
