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
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "archgen stage spec",
        "description": f"One stage of an architecture, as archgen {__version__.split('.')[0]}.x "
        "reads it. See docs/spec-format.md.",
        **schema,
    }


def schema_text() -> str:
    return json.dumps(spec_schema(), indent=2, ensure_ascii=False) + "\n"
