"""The spec format as typed models; the JSON-ish shape users write in YAML.

Pydantic checks the shape (types, required and unknown keys). What needs the whole
spec set, such as ids that must exist or ``extends`` chains, is checked by resolve.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
)

from archgen.project.options import DEFAULT_LANGUAGE, LANGUAGE_PATTERN
from archgen.spec.icons import IconPath
from archgen.spec.layout import GroupDirection, Side, nonempty_tier
from archgen.spec.markdown import markdown_problem, url_problem
from archgen.spec.strings import shown_repr
from archgen.spec.styles import (
    BorderStyle,
    EdgeColor,
    GroupStyle,
    PaletteColor,
    Splines,
    WrapWidth,
)

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


@dataclass(frozen=True)
class Text:
    """A text in one or more languages; a plain string is the same in every language."""

    translations: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, value: str) -> Text:
        return cls((("*", value),))

    def get(self, language: str) -> str:
        """The text in ``language``, else English, else the first one written."""
        by_language = dict(self.translations)
        for choice in (language, "*", DEFAULT_LANGUAGE):
            if choice in by_language:
                return by_language[choice]
        return self.translations[0][1]

    def languages(self) -> Iterator[str]:
        return (language for language, _ in self.translations if language != "*")


def text_or_empty(text: Text | None, language: str) -> str:
    """``text`` in ``language``, or an empty string where the spec gives none."""
    return text.get(language) if text is not None else ""


def sort_key(order: int | None, spec_id: str) -> tuple[bool, int, str]:
    """Where a stage or an estimate is listed: by ``order`` (0 before 1), those with an
    order before those without, ties by id. Stages and estimates share this one rule."""
    return (order is None, order or 0, spec_id)


def _text(value: Any) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text.plain(value)
    if isinstance(value, dict) and value:
        for language, translation in value.items():
            if not LANGUAGE_PATTERN.fullmatch(language):
                raise ValueError(f"'{language}' is not a language code such as 'en' or 'ko'")
            if not isinstance(translation, str):
                raise ValueError(f"the '{language}' text must be a string")
        return Text(tuple(value.items()))
    raise ValueError(
        "expected a text: a string, or a map from language to string such as {en: Cache, ko: 캐시}"
    )


def _markdown(value: Any) -> Text:
    """A text that pages show as Markdown: no raw HTML, links to safe addresses only
    (``spec.markdown`` has the rule and says why)."""
    text = _text(value)
    for language, translation in text.translations:
        problem = markdown_problem(translation)
        if problem:
            where = "" if language == "*" else f"the '{language}' text: "
            raise ValueError(f"{where}{problem}")
    return text


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a web address such as 'https://aws.amazon.com/rds/'")
    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _identifier(value: Any) -> str:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise ValueError(
            f"{shown_repr(value)} is not a valid id: use 1 to 64 letters, digits, '-' "
            "or '_', starting with a letter or digit"
        )
    return value


def _identifiers(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ValueError("expected an id or a non-empty list of ids")
    return tuple(_identifier(item) for item in items)


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "minProperties": 1,
            "patternProperties": {"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": {"type": "string"}},
            "additionalProperties": False,
        },
    ]
}
_ID_SCHEMA = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"}

TextValue = Annotated[Text, PlainValidator(_text), WithJsonSchema(_TEXT_SCHEMA)]
# Descriptions, shown as Markdown; a TextValue (a name, a label, a title) is shown literally.
MarkdownValue = Annotated[Text, PlainValidator(_markdown), WithJsonSchema(_TEXT_SCHEMA)]
Url = Annotated[str, PlainValidator(_url), WithJsonSchema({"type": "string"})]
Identifier = Annotated[str, PlainValidator(_identifier), WithJsonSchema(_ID_SCHEMA)]
Identifiers = Annotated[
    tuple[str, ...],
    PlainValidator(_identifiers),
    WithJsonSchema({"anyOf": [_ID_SCHEMA, {"type": "array", "items": _ID_SCHEMA, "minItems": 1}]}),
]
Tier = Annotated[
    tuple[Identifier, ...],
    AfterValidator(nonempty_tier),
    WithJsonSchema({"type": "array", "items": _ID_SCHEMA, "minItems": 1}),
]

Direction = Literal["LR", "RL", "TB", "BT"]
EdgeStyle = Literal["solid", "dashed", "dotted", "bold"]
EdgeDirection = Literal["forward", "back", "both", "none"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Node(_Strict):
    kind: StrictStr | None = Field(
        None,
        description="Short name ('ec2') or diagrams path ('aws.compute.EC2'); "
        "required unless the node has an 'icon' or is inherited through 'extends'",
    )
    label: TextValue | None = Field(None, description="Shown under the icon; the id if absent")
    color: PaletteColor | None = Field(
        None, description="The label's colour: a palette name such as 'blue', or a hex colour"
    )
    icon: IconPath | None = Field(
        None,
        description="A PNG, JPEG or SVG file drawn as the node's icon, relative to the spec "
        "file and inside the project, such as 'icons/logo.png'; with or without a 'kind'",
    )


class Group(_Strict):
    label: TextValue | None = None
    members: tuple[Identifier, ...] = Field((), description="Node and group ids inside")
    direction: GroupDirection | None = Field(
        None,
        description="How the members are laid out, in the order 'members' lists them: "
        "LR in a row left to right, TB in a column top to bottom (RL, BT reversed)",
    )
    style: GroupStyle | None = Field(
        None, description="An AWS group shape: its border, line and corner icon"
    )
    fill: PaletteColor | None = Field(
        None, description="Background: a palette name or a hex colour"
    )
    border: PaletteColor | None = Field(None, description="Outline: a palette name or a hex colour")
    border_style: BorderStyle | None = Field(None, description="The outline's line")


class Edge(_Strict):
    model_config = ConfigDict(populate_by_name=True)

    id: Identifier | None = Field(None, description="Defaults to 'from->to'")
    source: Identifiers = Field(alias="from")
    target: Identifiers = Field(alias="to")
    label: TextValue | None = None
    style: EdgeStyle = "solid"
    color: EdgeColor | None = Field(
        None, description="A palette name such as 'blue', a hex colour or an X11 colour name"
    )
    direction: EdgeDirection = "forward"
    constraint: StrictBool = Field(
        True,
        description="false: the edge does not pull the layout's ranks; for edges "
        "that point back or sideways, such as replication or sync",
    )
    from_port: Side | None = Field(None, description="The side of the node the edge leaves")
    to_port: Side | None = Field(None, description="The side of the node the edge enters")


class Step(_Strict):
    text: MarkdownValue
    edge: StrictStr | None = Field(None, description="Id of the edge this step numbers")


class Feature(_Strict):
    name: TextValue
    text: MarkdownValue | None = None


def _feature(value: Any) -> Feature:
    if isinstance(value, Feature):
        return value
    if isinstance(value, dict) and "name" in value:
        return Feature.model_validate(value)
    return Feature(name=_text(value))


FeatureValue = Annotated[
    Feature,
    PlainValidator(_feature),
    WithJsonSchema(
        {
            "anyOf": [
                _TEXT_SCHEMA,
                {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": False,
                    "properties": {"name": _TEXT_SCHEMA, "text": _TEXT_SCHEMA},
                },
            ]
        }
    ),
]


class AwsService(_Strict):
    service: StrictStr = Field(description="The AWS service's name, e.g. 'Amazon RDS'")
    text: MarkdownValue | None = Field(None, description="What the service does in this stage")
    features: tuple[FeatureValue, ...] = ()
    url: Url | None = Field(
        None, description="Product page, an http(s) address; the catalog's if absent"
    )


class Spec(_Strict):
    id: Identifier
    order: StrictInt | None = None
    extends: Identifier | None = Field(None, description="Id of the stage this one grows from")
    remove: tuple[StrictStr, ...] = Field((), description="Inherited node, group or edge ids")
    title: TextValue
    summary: MarkdownValue | None = None
    direction: Direction = "LR"
    nodes: dict[Identifier, Node] = Field(default_factory=dict)
    groups: dict[Identifier, Group] = Field(default_factory=dict)
    edges: tuple[Edge, ...] = ()
    steps: tuple[Step, ...] = ()
    aws: tuple[AwsService, ...] = ()
    notes: tuple[MarkdownValue, ...] = ()
    tiers: tuple[Tier, ...] = Field(
        (),
        description="Lists of node ids; each list's nodes are drawn on one rank, in the "
        "order written (left to right, or top to bottom in an LR diagram)",
    )
    show_title: StrictBool | None = Field(
        None,
        description="Draw the title at the top of the picture; the configuration's "
        "'show-title' (false) if absent",
    )
    wrap: WrapWidth | None = Field(
        None,
        description="Characters a node label's line holds (edge labels: half as many "
        "again); 0 or false: no wrapping. Default 22, or the parent's",
    )
    splines: Splines | None = Field(
        None, description="How edges are routed: spline (default), ortho or polyline"
    )
