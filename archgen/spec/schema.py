"""The JSON Schema of the spec format, for editors (yaml-language-server) and tools.

It is generated from the same pydantic models that validate specs, so it cannot
drift from them; every name of the catalog (short names, aliases, class paths) is added
as the kind's enum, so that editors complete them and flag a kind archgen would refuse.
"""

from __future__ import annotations

import json
from typing import Any

from archgen import __version__
from archgen.catalog import kinds as catalog
from archgen.spec.model import Spec

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def spec_schema() -> dict[str, Any]:
    schema = Spec.model_json_schema(by_alias=True)
    schema["properties"]["id"]["description"] = "Stable id: names the output files"
    node = schema["$defs"]["Node"]["properties"]["kind"]
    node["anyOf"] = [
        {"enum": catalog.kind_names(), "description": "archgen catalog lists them"},
        {"type": "null"},
    ]
    node.pop("type", None)
    return schema_document(
        schema, "archgen stage spec", "One stage of an architecture", "docs/spec-format.md"
    )


def schema_document(schema: dict[str, Any], title: str, what: str, docs: str) -> dict[str, Any]:
    """A model's JSON Schema as archgen publishes it: maps closed as the loader closes
    them, its own title (pydantic's is the class name), the dialect and the version."""
    close_maps(schema)
    del schema["title"]
    return {
        "$schema": SCHEMA_DIALECT,
        "title": title,
        "description": f"{what}, as archgen {major_version()}.x reads it. See {docs}.",
        **schema,
    }


def major_version() -> str:
    return __version__.split(".")[0]


def close_maps(schema: Any) -> None:
    """A map keyed by a pattern (ids, names, languages) refuses other keys, as pydantic
    does: pydantic's schema lists ``patternProperties`` but lets any other key pass."""
    if isinstance(schema, dict):
        if "patternProperties" in schema:
            schema.setdefault("additionalProperties", False)
        for value in schema.values():
            close_maps(value)
    elif isinstance(schema, list):
        for value in schema:
            close_maps(value)


def schema_text(schema: dict[str, Any] | None = None) -> str:
    """``schema`` (the stage spec's by default) as the committed files spell it."""
    return json.dumps(schema or spec_schema(), indent=2, ensure_ascii=False) + "\n"
