"""`archgen schema`: the JSON Schema editors use agrees with archgen's own validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml
from helpers import REPO, run_archgen

from archgen.catalog.kinds import find_kind

STAGE_SPECS = sorted((REPO / "specs").glob("*.yaml"))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = run_archgen("schema", cwd=REPO)
    assert result.code == 0
    printed: dict[str, Any] = json.loads(result.stdout)
    return printed


def test_committed_schema_is_what_archgen_prints(schema: dict[str, Any]) -> None:
    assert json.loads((REPO / "docs" / "archgen.schema.json").read_text()) == schema


def test_schema_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", STAGE_SPECS, ids=lambda p: p.name)
def test_every_spec_validates_against_the_schema(schema: dict[str, Any], path: Path) -> None:
    jsonschema.validate(
        yaml.safe_load(path.read_text()), schema, cls=jsonschema.Draft202012Validator
    )
    first_line = path.read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../docs/archgen.schema.json"


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "x", "title": "X", "lable": "typo"},
        {"id": "../x", "title": "X"},
        {"id": "x", "title": "X", "nodes": {"web": {"kind": "ec3"}}},
        {"id": "x", "title": "X", "edges": [{"from": "a", "to": "b", "style": "dahsed"}]},
        {"id": "x", "title": {"EN": "X"}},
        {"title": "X"},
    ],
)
def test_schema_refuses_what_archgen_refuses(schema: dict[str, Any], bad: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


def test_schema_offers_the_whole_catalog_as_the_kinds_enum(schema: dict[str, Any]) -> None:
    kind = schema["$defs"]["Node"]["properties"]["kind"]
    # yaml-language-server completes the enum values of every anyOf branch.
    assert kind["anyOf"][1] == {"type": "null"}
    kinds = kind["anyOf"][0]["enum"]
    assert kinds[:3] == ["ec2", "autoscaling", "elastic-beanstalk"]  # the product table first
    assert {"ec2", "rds", "users", "lambda", "api-gateway", "k8s.pod", "gcp.gke"} <= set(kinds)
    assert {"aws.compute.Lambda", "aws.compute.EKS", "k8s.compute.Pod"} <= set(kinds)
    assert len(kinds) == len(set(kinds)) > 5000
    assert all(find_kind(name) for name in kinds)
    assert len((REPO / "docs" / "archgen.schema.json").read_bytes()) < 300_000


@pytest.mark.parametrize("kind", ["lamda", "aws.compute.EC3", "aws.network.ApiGateway"])
def test_schema_refuses_a_kind_archgen_refuses(schema: dict[str, Any], kind: str) -> None:
    spec = {"id": "x", "title": "X", "nodes": {"web": {"kind": kind}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(spec, schema, cls=jsonschema.Draft202012Validator)
