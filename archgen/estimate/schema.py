"""The JSON Schema of estimate specs, for editors (yaml-language-server) and tools.

A schema of its own, not a branch of the stage spec's: the two formats share no more
than ``id``, ``order`` and ``title``, and an editor given one schema per file offers
exactly that file's keys, where a schema of both would offer stage keys in an estimate
(yaml-language-server completes every branch of an ``anyOf``). Generated, like the
stage schema, from the pydantic models that validate the specs.
"""

from __future__ import annotations

from typing import Any

from archgen.estimate.model import Assumption, Derived, EstimateSpec
from archgen.spec.schema import SCHEMA_DIALECT, close_maps, major_version

# A bare value is short for {value: ...} or {formula: ...} (model._short): what YAML gives.
_SCALAR = {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "number"}]}


def estimate_schema() -> dict[str, Any]:
    schema = EstimateSpec.model_json_schema(by_alias=True)
    definitions = schema.setdefault("$defs", {})
    for key, model in (("assumptions", Assumption), ("derived", Derived)):
        own = model.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
        definitions.update(own.pop("$defs", {}))
        definitions[model.__name__] = own
        values = schema["properties"][key]["patternProperties"]
        for pattern in values:  # pydantic gives a validator-made value no schema: {}
            values[pattern] = {"anyOf": [_SCALAR, {"$ref": f"#/$defs/{model.__name__}"}]}
    close_maps(schema)
    del schema["title"]  # the model's class name; ours is below
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "archgen estimate spec",
        "description": f"A back-of-the-envelope estimate, as archgen {major_version()}.x "
        "reads it. See docs/estimates.md.",
        **schema,
    }
