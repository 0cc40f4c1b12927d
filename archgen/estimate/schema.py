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
from archgen.spec.schema import schema_document

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
    return schema_document(
        schema, "archgen estimate spec", "A back-of-the-envelope estimate", "docs/estimates.md"
    )
