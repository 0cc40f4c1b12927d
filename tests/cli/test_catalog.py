"""The whole catalog as a user meets it: `archgen catalog [QUERY]`, kinds by alias in a
build, the unknown-kind suggestions and the pages' Service column."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from helpers import REPO, run_archgen, write_spec

from archgen.draw.icons import icon_root

# A node's group and the icon symbol its <use> shows; a symbol and its image's bytes.
SVG_USE = re.compile(
    r'<g id="[^"]*\.node\.(?P<node>[^"]+)" class="node"[^>]*>'
    r'.*?<use xlink:href="#(?P<symbol>[^"]+)"',
    re.S,
)
SVG_SYMBOL = re.compile(
    r'<symbol id="(?P<id>[^"]+)"[^>]*><image [^>]*xlink:href="data:[^;]+;base64,(?P<data>[^"]+)"'
)


def catalog(*args: str) -> tuple[int, list[str], str]:
    result = run_archgen("catalog", *args, cwd=REPO)
    return result.code, result.stdout.splitlines(), result.stderr


def columns(line: str) -> list[str]:
    return line.split()


def test_catalog_lambda_lists_aws_lambda_first() -> None:
    code, lines, _ = catalog("lambda")
    assert code == 0
    assert columns(lines[0]) == ["KIND", "CLASS", "SERVICE", "PRODUCT", "PAGE"]
    assert columns(lines[1]) == [
        "lambda",
        "aws.compute.Lambda",
        "AWS",
        "Lambda",
        "https://aws.amazon.com/lambda/",
    ]
    assert "aws.compute.LambdaFunction" in lines[2]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("LAMBDA", "aws.compute.Lambda"),  # case does not matter
        ("api-gateway", "aws.network.APIGateway"),
        ("pod", "k8s.compute.Pod"),
        ("gke", "gcp.compute.KubernetesEngine"),
        ("Function Apps", "azure.compute.FunctionApps"),  # a service name
        ("ElasticKubernetesService", "aws.compute.ElasticKubernetesService"),
    ],
)
def test_the_search_finds_aliases_class_paths_and_service_names(query: str, first: str) -> None:
    code, lines, _ = catalog(query)
    assert code == 0
    assert columns(lines[1])[1] == first


def test_without_a_query_every_kind_is_listed_product_table_first() -> None:
    code, lines, _ = catalog()
    assert code == 0
    assert len(lines) > 2400
    assert columns(lines[1])[:2] == ["ec2", "aws.compute.EC2"]
    assert any(columns(line)[:2] == ["k8s.pod", "k8s.compute.Pod"] for line in lines)
    assert any(line.startswith("custom.custom ") and "Custom (no icon)" in line for line in lines)


def test_provider_keeps_one_providers_kinds() -> None:
    code, lines, _ = catalog("api-gateway", "--provider", "gcp")
    assert code == 0
    assert [columns(line)[1] for line in lines[1:]] == ["gcp.api.APIGateway"]
    assert columns(catalog("api-gateway")[1][1])[1] == "aws.network.APIGateway"


def test_the_provider_ignores_case_as_the_query_does() -> None:
    assert catalog("api-gateway", "--provider", "GCP") == catalog(
        "api-gateway", "--provider", "gcp"
    )
    code, lines, _ = catalog("lambda", "--provider", "AWS")
    assert code == 0 and columns(lines[1])[:2] == ["lambda", "aws.compute.Lambda"]
    assert catalog("rabbitmq", "--provider", "AWS")[2].startswith(
        "archgen: no kind matches 'rabbitmq' among the aws kinds "
    )


def test_an_unknown_provider_is_one_line_with_a_suggestion_and_exit_2() -> None:
    code, lines, stderr = catalog("--provider", "awz")
    assert (code, lines) == (2, [])
    assert stderr == (
        "archgen: error: unknown provider 'awz' (did you mean 'aws'?); the providers are "
        "alibabacloud, aws, azure, base, c4, custom, digitalocean, elastic, firebase, gcp, "
        "generic, gis, ibm, k8s, oci, onprem, openstack, outscale, programming, saas\n"
    )


@pytest.mark.parametrize(
    ("query", "first", "second"),
    [
        ("autoscaling", "aws.compute.EC2AutoScaling", "aws.management.AutoScaling"),
        ("auto-scaling", "aws.management.AutoScaling", "aws.compute.EC2AutoScaling"),
    ],
)
def test_two_kinds_whose_names_differ_by_a_hyphen_are_listed_together_with_a_note(
    query: str, first: str, second: str
) -> None:
    code, lines, stderr = catalog(query)
    assert code == 0
    assert [columns(line)[1] for line in lines[1:3]] == [first, second]
    ec2 = "'autoscaling' is Amazon EC2 Auto Scaling (aws.compute.EC2AutoScaling)"
    aws = "'auto-scaling' is AWS Auto Scaling (aws.management.AutoScaling)"
    both = f"{ec2}, {aws}" if query == "autoscaling" else f"{aws}, {ec2}"
    assert stderr == f"archgen: note: names that differ only by hyphens: {both}\n"
    assert catalog("lambda")[2] == ""  # no note where no two kinds look alike


def test_nothing_matching_says_so_with_the_closest_name_and_exit_1() -> None:
    assert catalog("lamda") == (
        1,
        [],
        "archgen: no kind matches 'lamda' (did you mean 'lambda', class aws.compute.Lambda?)\n",
    )
    assert catalog("rabbitmq", "--provider", "aws")[2] == (
        "archgen: no kind matches 'rabbitmq' among the aws kinds "
        "(did you mean 'onprem.rabbitmq', class onprem.queue.Rabbitmq?)\n"
    )


def test_json_matching_nothing_is_an_empty_list_and_exit_1() -> None:
    code, lines, stderr = catalog("lamda", "--format", "json")
    assert (code, json.loads("\n".join(lines))) == (1, [])
    assert stderr.startswith("archgen: no kind matches 'lamda' (did you mean 'lambda'")


def test_json_is_a_list_of_kinds_with_the_documented_fields() -> None:
    code, lines, _ = catalog("ecs", "--format", "json")
    assert code == 0
    found = json.loads("\n".join(lines))
    assert found[0] == {
        "alias": "ecs",
        "aliases": ["ecs", "elastic-container-service", "aws.elastic-container-service", "aws.ecs"],
        "class": "aws.compute.ElasticContainerService",
        "classes": ["aws.compute.ElasticContainerService", "aws.compute.ECS"],
        "provider": "aws",
        "service": "Amazon ECS",
        "url": "https://aws.amazon.com/ecs/",
        "icon": "resources/aws/compute/elastic-container-service.png",
        "has_icon": True,
    }
    assert (icon_root() / found[0]["icon"]).is_file()


def test_json_of_the_whole_catalog_marks_the_classes_without_an_icon() -> None:
    code, lines, _ = catalog("--format", "json")
    everything = json.loads("\n".join(lines))
    assert code == 0 and len(everything) > 2400
    iconless = {entry["class"] for entry in everything if not entry["has_icon"]}
    assert {"custom.Custom", "aws.Node", "k8s.Node"} <= iconless
    assert all(entry["icon"] is None for entry in everything if not entry["has_icon"])


def test_help_explains_the_query_the_options_and_the_exit_codes() -> None:
    result = run_archgen("catalog", "--help", cwd=REPO)
    assert result.code == 0
    for words in ("QUERY", "--provider", "--format", "k8s.pod", "1 no kind matches QUERY"):
        assert words in result.stdout


# -- kinds by alias, in a build ------------------------------------------------------------


def node_icons(svg: str) -> dict[str, bytes]:
    """Each node's icon bytes, as the SVG embeds them."""
    symbols = {m["id"]: base64.b64decode(m["data"]) for m in SVG_SYMBOL.finditer(svg)}
    return {m["node"]: symbols[m["symbol"]] for m in SVG_USE.finditer(svg)}


def test_kinds_by_alias_build_with_their_icons_and_services(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    write_spec(
        specs,
        "serverless.yaml",
        """
        id: serverless
        title: Serverless
        nodes:
          api: {kind: api-gateway, label: API}
          fn: {kind: lambda, label: Function}
          pod: {kind: k8s.pod, label: Pod}
          mobileapi: {kind: aws.mobile.APIGateway, label: Mobile API}
        edges:
          - {from: api, to: fn}
          - {from: fn, to: pod}
        """,
    )
    result = run_archgen("build", "specs", "--format", "svg", cwd=tmp_path)
    assert result.code == 0, result.stderr
    icons = node_icons((tmp_path / "output" / "serverless.svg").read_text())
    resources = icon_root() / "resources" / "aws"
    assert icons["fn"] == (resources / "compute" / "lambda.png").read_bytes()
    assert icons["api"] == (resources / "network" / "api-gateway.png").read_bytes()
    assert icons["mobileapi"] == (resources / "mobile" / "api-gateway.png").read_bytes()
    assert icons["pod"] == (icon_root() / "resources/k8s/compute/pod.png").read_bytes()
    page = (tmp_path / "output" / "serverless.md").read_text()
    assert "| Component | Id | Service |" in page
    assert "| API | `api` | [Amazon API Gateway](https://aws.amazon.com/api-gateway/) |" in page
    assert "| Function | `fn` | [AWS Lambda](https://aws.amazon.com/lambda/) |" in page
    assert "| Pod | `pod` | Kubernetes Pod |" in page
    assert "| Mobile API | `mobileapi` | AWS API Gateway |" in page


def test_a_class_diagrams_names_by_an_abbreviation_shows_its_full_name(tmp_path: Path) -> None:
    """diagrams' k8s.network.Ing and SVC are the classes; Ingress and Service abbreviate
    nothing, they write the names out."""
    lines = catalog("k8s.ing")[1]
    assert columns(lines[1]) == ["k8s.ingress", "k8s.network.Ing", "Kubernetes", "Ingress", "-"]
    specs = tmp_path / "specs"
    specs.mkdir()
    nodes = "  ing: {kind: k8s.ing}\n  svc: {kind: k8s.network.SVC}\n  run: {kind: gcp.run}\n"
    write_spec(specs, "k.yaml", f"id: k\ntitle: K\nnodes:\n{nodes}")
    result = run_archgen("build", "specs", "--format", "dot", cwd=tmp_path)
    assert result.code == 0, result.stderr
    page = (tmp_path / "output" / "k.md").read_text()
    assert "| ing | `ing` | Kubernetes Ingress |" in page
    assert "| svc | `svc` | Kubernetes Service |" in page
    assert "| run | `run` | GCP Cloud Run |" in page


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("aws.network.ApiGateway", "(did you mean 'aws.network.APIGateway', alias 'api-gateway'?)"),
        ("k8s.compute.pod", "(did you mean 'k8s.compute.Pod', alias 'k8s.pod'?)"),
        ("lamda", "(did you mean 'lambda', class aws.compute.Lambda?)"),
        ("Lambda", "(did you mean 'lambda', class aws.compute.Lambda?)"),
        ("gke", "(did you mean 'gcp.gke', class gcp.compute.KubernetesEngine?)"),
        ("stepfunctions", "(did you mean 'step-functions', class aws.integration.StepFunctions?)"),
        ("aws.compute.Lamda", "(did you mean 'aws.compute.Lambda', alias 'lambda'?)"),
        ("aws.mobile.ApiGateway", "(did you mean 'aws.mobile.APIGateway'?)"),  # no alias
    ],
)  # fmt: skip
def test_an_unknown_kind_suggests_from_the_whole_catalog(
    tmp_path: Path, kind: str, message: str
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    write_spec(specs, "s.yaml", f"id: s\ntitle: S\nnodes:\n  web: {{kind: {kind}}}\n")
    result = run_archgen("validate", "specs", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.splitlines()[:-1] == [
        f"specs/s.yaml:4:15: unknown kind '{kind}' {message}; 'archgen catalog' lists them"
    ]


HALFWAY = "is a module of diagrams, not a class: did you mean"


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (
            "aws.compute",
            f"(aws.compute {HALFWAY} one of its 42 classes, such as 'aws.compute.EC2', "
            "'aws.compute.EC2AutoScaling', 'aws.compute.ElasticBeanstalk'?)",
        ),
        (
            "aws.database",
            f"(aws.database {HALFWAY} one of its 34 classes, such as 'aws.database.RDS', "
            "'aws.database.Aurora', 'aws.database.Elasticache'?)",
        ),
        (
            "aws",
            "(aws is a provider of diagrams, not a class: did you mean one of its 504 classes, "
            "such as 'aws.compute.EC2', 'aws.compute.EC2AutoScaling', "
            "'aws.compute.ElasticBeanstalk'?)",
        ),
        ("k8s.group", f"(k8s.group {HALFWAY} 'k8s.group.NS'?)"),
    ],
)
def test_a_class_path_typed_halfway_is_unknown_and_names_the_classes_it_starts(
    tmp_path: Path, kind: str, message: str
) -> None:
    """Not the module's namesake class (aws.compute.Compute), which drew silently."""
    test_an_unknown_kind_suggests_from_the_whole_catalog(tmp_path, kind, message)


def test_a_stage_of_many_unknown_kinds_gets_suggestions_for_its_first_problems_only(
    tmp_path: Path,
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    nodes = "".join(f"  n{i}: {{kind: lamb{i}da}}\n" for i in range(1000))
    write_spec(specs, "many.yaml", f"id: many\ntitle: Many\nnodes:\n{nodes}")
    result = run_archgen("validate", "specs", cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert result.code == 2 and len(lines) == 1001
    assert lines[49].endswith(
        "'lamb49da' (did you mean 'lambda', class aws.compute.Lambda?); "
        "'archgen catalog' lists them"
    )
    assert lines[50].endswith("'lamb50da'; 'archgen catalog' lists them")
