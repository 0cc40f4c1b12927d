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


def test_schema_refuses_a_node_id_archgen_refuses(schema: dict[str, Any]) -> None:
    bad = {"id": "x", "title": "X", "nodes": {"../web": {"kind": "ec2"}}}
    with pytest.raises(jsonschema.ValidationError, match="does not match any of the regexes"):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


# Estimate specs (kind: estimate) have a schema of their own: `archgen schema --kind estimate`.
ESTIMATE_SPECS = [
    *sorted((REPO / "specs" / "estimates").glob("*.yaml")),
    *sorted((REPO / "tests" / "fixtures" / "estimates").glob("*.yaml")),
]
ESTIMATE_SCHEMA_LINE = "# yaml-language-server: $schema=../../docs/archgen.estimate.schema.json"


@pytest.fixture(scope="module")
def estimate_schema() -> dict[str, Any]:
    result = run_archgen("schema", "--kind", "estimate", cwd=REPO)
    assert (result.code, result.stderr) == (0, "")
    printed: dict[str, Any] = json.loads(result.stdout)
    return printed


def test_committed_estimate_schema_is_what_archgen_prints(estimate_schema: dict[str, Any]) -> None:
    committed = REPO / "docs" / "archgen.estimate.schema.json"
    assert json.loads(committed.read_text()) == estimate_schema


def test_estimate_schema_is_a_valid_draft_2020_12_schema(estimate_schema: dict[str, Any]) -> None:
    assert estimate_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert estimate_schema["title"] == "archgen estimate spec"
    jsonschema.Draft202012Validator.check_schema(estimate_schema)


@pytest.mark.parametrize("path", ESTIMATE_SPECS, ids=lambda p: p.name)
def test_every_estimate_validates_against_its_schema(
    estimate_schema: dict[str, Any], path: Path
) -> None:
    jsonschema.validate(
        yaml.safe_load(path.read_text()), estimate_schema, cls=jsonschema.Draft202012Validator
    )


def test_estimate_specs_name_their_schema() -> None:
    for path in sorted((REPO / "specs" / "estimates").glob("*.yaml")):
        assert path.read_text().splitlines()[0] == ESTIMATE_SCHEMA_LINE, path.name


_ESTIMATE = {"kind": "estimate", "id": "x", "title": "X"}


@pytest.mark.parametrize(
    "bad",
    [
        {**_ESTIMATE, "asumptions": {"users": "300 million users"}},  # a wrong key
        {**_ESTIMATE, "assumptions": {"users": {"value": "3 users", "lable": "Users"}}},
        {**_ESTIMATE, "assumptions": {"daily-users": "3 users"}},  # '-' reads as minus
        {**_ESTIMATE, "derived": {"qps": {"unit": "QPS"}}},  # no formula
        {**_ESTIMATE, "derived": {"qps": ["dau", "/", "day"]}},
        {**_ESTIMATE, "bytes": "metric"},
        {**_ESTIMATE, "kind": "stage"},
        {"kind": "estimate", "id": "x"},  # no title
        {"id": "x", "title": "X"},  # a stage spec is no estimate
    ],
)
def test_estimate_schema_refuses_what_archgen_refuses(
    estimate_schema: dict[str, Any], bad: dict[str, Any]
) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, estimate_schema, cls=jsonschema.Draft202012Validator)


def test_estimate_schema_accepts_the_short_and_the_long_forms(
    estimate_schema: dict[str, Any],
) -> None:
    spec = {
        **_ESTIMATE,
        "assumptions": {"users": "3 users", "factor": 2, "share": {"value": 0.5, "label": "S"}},
        "derived": {"more": "users * factor", "qps": {"formula": "more / day", "expect": 1}},
    }
    jsonschema.validate(spec, estimate_schema, cls=jsonschema.Draft202012Validator)


def test_schema_kind_is_checked() -> None:
    result = run_archgen("schema", "--kind", "estimates", cwd=REPO)
    assert result.code == 2
    assert "invalid choice: 'estimates' (choose from 'stage', 'estimate')" in result.stderr
