"""Which fields of a stage's parts `archgen diff` compares, and how it writes each one.

Every field of ``StageNode``, ``StageGroup``, ``StageEdge``, ``StageStep``, ``AwsService``
and ``Stage`` is named here once: either compared, under the name the spec gives it and
as the text the report shows, or listed as deliberately not compared, with why
(tests/unit/diff/test_fields.py holds every dataclass field to that). So a key added to
the spec and carried into a stage cannot be forgotten by the diff without a test saying
so: whatever changes the drawn picture or the page is compared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from archgen.spec.model import Text, text_or_empty

# A field's value and the report's language -> the text the report shows ('': not set,
# which the report writes as ∅).
FieldText = Callable[[Any, str], str]


@dataclass(frozen=True)
class Compared:
    attribute: str  # the dataclass field
    name: str  # what the report calls it: the spec's key, where there is one
    text: FieldText


@dataclass(frozen=True)
class PartFields:
    """What the diff reads of one kind of part."""

    compared: tuple[Compared, ...]
    not_compared: dict[str, str]  # dataclass field -> why the diff leaves it out

    def of(self, part: Any, language: str) -> dict[str, str]:
        """The part's compared fields as text, by the name the report gives them."""
        return {
            field.name: field.text(getattr(part, field.attribute), language)
            for field in self.compared
        }


def _plain(value: Any, _: str) -> str:
    """A word or a number as the spec writes it; None (not set) as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(getattr(value, "value", value))  # an Enum by its value


def _text(value: Text | None, language: str) -> str:
    return text_or_empty(value, language)


def _listed(value: Sequence[str], _: str) -> str:
    return ", ".join(value)


def _tiers(value: Sequence[Sequence[str]], _: str) -> str:
    """Each tier's node ids in brackets, in order: '[web, app], [db]'."""
    return ", ".join(f"[{', '.join(tier)}]" for tier in value)


def _icon(value: Any, _: str) -> str:
    """A node's own icon file by its bytes' hash: moving the file changes nothing drawn."""
    return f"sha256 {value.digest[:12]}" if value is not None else ""


def _kind(value: Any, _: str) -> str:
    return str(value.name)


def _features(value: Sequence[Any], language: str) -> str:
    return "; ".join(
        f"{feature.name.get(language)}: {text_or_empty(feature.text, language)}".rstrip(": ")
        for feature in value
    )


def _each(*fields: tuple[str, FieldText] | tuple[str, FieldText, str]) -> tuple[Compared, ...]:
    """(attribute, text) or (attribute, text, the report's name for it)."""
    return tuple(
        Compared(field[0], field[2] if len(field) == 3 else field[0], field[1]) for field in fields
    )


# How a part relates to the stage it extends is drawn (a NEW badge in the stage's
# picture) and listed on its page ("What changed"): a part moved from the parent into
# this stage is a change of this stage's picture, though its other fields are the same.
IN_THIS_STAGE = "in this stage"
_IN_THIS_STAGE = ("change", _plain, IN_THIS_STAGE)
_IDENTITY = "the part's identity: the diff matches parts by it"

NODE = PartFields(
    _each(("label", _text), ("kind", _kind), ("icon", _icon), ("color", _plain), _IN_THIS_STAGE),
    {"id": _IDENTITY},
)

GROUP = PartFields(
    _each(
        ("label", _text),
        ("members", _listed),
        ("style", _plain),
        ("fill", _plain),
        ("border", _plain),
        ("border_style", _plain),
        ("direction", _plain),
        _IN_THIS_STAGE,
    ),
    {"id": _IDENTITY},
)

EDGE = PartFields(
    _each(
        # An edge is matched by its spec 'id:' where it has one, so a moved end is a
        # change of that edge, reported under the spec's keys.
        ("source", _plain, "from"),
        ("target", _plain, "to"),
        ("label", _text),
        ("style", _plain),
        ("color", _plain),
        ("direction", _plain),
        ("constraint", _plain),
        ("from_port", _plain),
        ("to_port", _plain),
        _IN_THIS_STAGE,
    ),
    {
        "id": "the identity of an edge without an 'id:' (diff.matching); for one with an "
        "'id:' it follows from 'from' and 'to', which are compared",
        "name": "the spec's 'id:', the identity of the edge (diff.matching): the report names "
        "the edge by it",
        "step_numbers": "drawn from the steps, which are compared as steps (text, edges)",
    },
)

STEP = PartFields(
    _each(("text", _text), ("edge_ids", _listed, "edges")),
    {"number": _IDENTITY},
)

SERVICE = PartFields(
    _each(("text", _text), ("features", _features), ("url", _plain)),
    {"service": _IDENTITY},
)

# A stage's own texts, each reported as a 'text' part of its own (id: the field's name).
STAGE_TEXTS = _each(
    ("title", _text),
    ("parent", lambda parent, _: parent.id if parent else "", "extends"),
    ("order", _plain),
)
# How the stage's picture is laid out: one 'diagram' part, its fields these.
DIAGRAM = PartFields(
    _each(
        ("direction", _plain),
        ("tiers", _tiers),
        ("splines", _plain),
        ("wrap", _plain),
        ("show_title", _plain),
    ),
    {},
)
# The diagram settings a stage takes from the stage it extends when its spec leaves them
# out (resolve.builder's direction, resolve.layout's tiers): a change of them in the
# parent is the parent's to report (diff.inheritance).
PARENTS_SETTINGS = ("direction", "tiers")
# Compared as texts of their own, one per note and only when there is a summary (so a
# stage without one lists none), by diff.compare.
STAGE_OWN_TEXTS = ("summary", "notes")
# Compared part by part, each kind matched by its id (diff.compare); edges by their
# spec 'id:' first, then by pair (diff.matching).
STAGE_PARTS = {"nodes": NODE, "groups": GROUP, "edges": EDGE, "steps": STEP, "aws": SERVICE}
STAGE_NOT_COMPARED = {
    "id": "the stage's identity: the diff matches stages by it",
    "source": "the spec file's path: neither drawn nor on the page; moving the file "
    "changes nothing a reader sees",
    "spec": "the spec as loaded, to locate warnings at a part's line: moving a line "
    "changes nothing a reader sees",
    "removed": "the parts it drops from the stage it extends: their absence is compared as "
    "nodes, groups and edges removed",
}
