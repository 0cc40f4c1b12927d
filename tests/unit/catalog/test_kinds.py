"""The catalog: short names, aliases and diagrams class paths, checked against archgen's
tables of diagrams' node classes (``archgen/catalog/node_classes.json``,
``archgen/catalog/aliases.json``), never against diagrams."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import copy_example_specs

from archgen.catalog import names
from archgen.catalog.aliases import alias_table
from archgen.catalog.kinds import KINDS, Kind, UnknownKind, find_kind, kind_names
from archgen.catalog.node_classes import TABLE, NodeClass, class_paths, find_node_class
from archgen.catalog.search import entries

_AWS = "https://aws.amazon.com"
# The 32 short names archgen started with: each keeps its class, service and page.
FIRST_32 = [
    ("ec2", "aws.compute.EC2", "Amazon EC2", f"{_AWS}/ec2/"),
    (
        "autoscaling",
        "aws.compute.EC2AutoScaling",
        "Amazon EC2 Auto Scaling",
        f"{_AWS}/ec2/autoscaling/",
    ),
    (
        "elastic-beanstalk",
        "aws.compute.ElasticBeanstalk",
        "AWS Elastic Beanstalk",
        f"{_AWS}/elasticbeanstalk/",
    ),
    ("codedeploy", "aws.devtools.Codedeploy", "AWS CodeDeploy", f"{_AWS}/codedeploy/"),
    (
        "cloudformation",
        "aws.management.Cloudformation",
        "AWS CloudFormation",
        f"{_AWS}/cloudformation/",
    ),
    ("opsworks", "aws.management.Opsworks", "AWS OpsWorks", f"{_AWS}/opsworks/"),
    ("cloudwatch", "aws.management.Cloudwatch", "Amazon CloudWatch", f"{_AWS}/cloudwatch/"),
    ("route53", "aws.network.Route53", "Amazon Route 53", f"{_AWS}/route53/"),
    (
        "elb",
        "aws.network.ElasticLoadBalancing",
        "Elastic Load Balancing",
        f"{_AWS}/elasticloadbalancing/",
    ),
    (
        "alb",
        "aws.network.ElbApplicationLoadBalancer",
        "Application Load Balancer",
        f"{_AWS}/elasticloadbalancing/application-load-balancer/",
    ),
    (
        "nlb",
        "aws.network.ElbNetworkLoadBalancer",
        "Network Load Balancer",
        f"{_AWS}/elasticloadbalancing/network-load-balancer/",
    ),
    ("cloudfront", "aws.network.CloudFront", "Amazon CloudFront", f"{_AWS}/cloudfront/"),
    ("s3", "aws.storage.SimpleStorageServiceS3", "Amazon S3", f"{_AWS}/s3/"),
    ("rds", "aws.database.RDS", "Amazon RDS", f"{_AWS}/rds/"),
    ("aurora", "aws.database.Aurora", "Amazon Aurora", f"{_AWS}/rds/aurora/"),
    ("elasticache", "aws.database.Elasticache", "Amazon ElastiCache", f"{_AWS}/elasticache/"),
    (
        "documentdb",
        "aws.database.DocumentdbMongodbCompatibility",
        "Amazon DocumentDB",
        f"{_AWS}/documentdb/",
    ),
    (
        "keyspaces",
        "aws.database.KeyspacesManagedApacheCassandraService",
        "Amazon Keyspaces",
        f"{_AWS}/keyspaces/",
    ),
    ("neptune", "aws.database.Neptune", "Amazon Neptune", f"{_AWS}/neptune/"),
    ("dynamodb", "aws.database.Dynamodb", "Amazon DynamoDB", f"{_AWS}/dynamodb/"),
    ("sqs", "aws.integration.SimpleQueueServiceSqs", "Amazon SQS", f"{_AWS}/sqs/"),
    ("sns", "aws.integration.SimpleNotificationServiceSns", "Amazon SNS", f"{_AWS}/sns/"),
    (
        "msk",
        "aws.analytics.ManagedStreamingForKafka",
        "Amazon Managed Streaming for Apache Kafka (MSK)",
        f"{_AWS}/msk/",
    ),
    ("mq", "aws.integration.MQ", "Amazon MQ", f"{_AWS}/amazon-mq/"),
    ("users", "aws.general.Users", "Users", None),
    ("user", "aws.general.User", "User", None),
    ("mobile", "aws.general.MobileClient", "Mobile app", None),
    ("browser", "aws.general.Client", "Web browser", None),
    ("client", "aws.general.Client", "Client", None),
    ("internet", "aws.general.InternetAlt1", "Internet", None),
    ("server", "aws.general.TraditionalServer", "Server", None),
    ("database", "aws.general.GenericDatabase", "Database", None),
]


@pytest.mark.parametrize("row", FIRST_32, ids=lambda row: row[0])
def test_the_first_32_short_names_keep_working_exactly(row: tuple[str, str, str, str]) -> None:
    assert find_kind(row[0]) == Kind(*row)


def test_the_product_table_starts_with_the_first_32_rows() -> None:
    assert [(k.name, k.diagrams_path, k.service, k.url) for k in KINDS[:32]] == FIRST_32


def test_every_row_of_the_product_table_is_a_class_of_its_own_that_draws_an_icon() -> None:
    same = alias_table().same_class
    assert [kind.name for kind in KINDS if not kind.has_icon] == []
    assert [kind.name for kind in KINDS if kind.diagrams_path in same] == []


def test_every_product_page_is_on_the_aws_site_as_the_first_rows_write_them() -> None:
    pages = [kind.url for kind in KINDS if kind.url is not None]
    assert all(url.startswith(f"{_AWS}/") and url.endswith("/") for url in pages)
    assert len(set(pages)) == len(pages)


@pytest.mark.parametrize(
    ("name", "path", "service", "url"),
    [
        ("lambda", "aws.compute.Lambda", "AWS Lambda", f"{_AWS}/lambda/"),
        ("api-gateway", "aws.network.APIGateway", "Amazon API Gateway", f"{_AWS}/api-gateway/"),
        (
            "step-functions",
            "aws.integration.StepFunctions",
            "AWS Step Functions",
            f"{_AWS}/step-functions/",
        ),
        ("eks", "aws.compute.ElasticKubernetesService", "Amazon EKS", f"{_AWS}/eks/"),
        ("ecs", "aws.compute.ElasticContainerService", "Amazon ECS", f"{_AWS}/ecs/"),
        ("vpc", "aws.network.VPC", "Amazon VPC", f"{_AWS}/vpc/"),
        ("kinesis", "aws.analytics.Kinesis", "Amazon Kinesis", f"{_AWS}/kinesis/"),
        (
            "eventbridge",
            "aws.integration.Eventbridge",
            "Amazon EventBridge",
            f"{_AWS}/eventbridge/",
        ),
        ("fargate", "aws.compute.Fargate", "AWS Fargate", f"{_AWS}/fargate/"),
        ("cognito", "aws.security.Cognito", "Amazon Cognito", f"{_AWS}/cognito/"),
    ],
)
def test_the_common_aws_services_have_short_names_and_product_pages(
    name: str, path: str, service: str, url: str
) -> None:
    assert find_kind(name) == Kind(name, path, service, url)


@pytest.mark.parametrize(
    ("written", "name", "path", "service"),
    [
        ("k8s.pod", "k8s.pod", "k8s.compute.Pod", "Kubernetes Pod"),
        ("k8s.compute.Pod", "k8s.pod", "k8s.compute.Pod", "Kubernetes Pod"),
        # the full name's alias first: diagrams' GKE abbreviates the class's own name
        (
            "gcp.gke",
            "gcp.kubernetes-engine",
            "gcp.compute.KubernetesEngine",
            "GCP Kubernetes Engine",
        ),
        (
            "gcp.compute.GKE",
            "gcp.kubernetes-engine",
            "gcp.compute.KubernetesEngine",
            "GCP Kubernetes Engine",
        ),
        # the full name is the module-level alias: the class's own name abbreviates it
        ("k8s.ing", "k8s.ingress", "k8s.network.Ing", "Kubernetes Ingress"),
        ("k8s.network.SVC", "k8s.service", "k8s.network.SVC", "Kubernetes Service"),
        (
            "k8s.hpa",
            "k8s.horizontal-pod-autoscaler",
            "k8s.clusterconfig.HPA",
            "Kubernetes Horizontal Pod Autoscaler",
        ),
        ("gcp.run", "gcp.cloud-run", "gcp.compute.Run", "GCP Cloud Run"),
        (
            "onprem.storage.CEPH_OSD",
            "onprem.ceph-osd",
            "onprem.storage.CephOsd",
            "Ceph Osd",
        ),  # a tie: the own name
        (
            "azure.function-apps",
            "azure.function-apps",
            "azure.compute.FunctionApps",
            "Azure Function Apps",
        ),
        ("onprem.queue.Kafka", "onprem.kafka", "onprem.queue.Kafka", "Kafka"),
        (
            "elastic.elasticsearch.Elasticsearch",
            "elastic.elastic-search",  # elastic.elasticsearch is the module, no alias
            "elastic.elasticsearch.Elasticsearch",
            "Elasticsearch",
        ),
        (
            "kinesis-video-streams",
            "kinesis-video-streams",
            "aws.analytics.KinesisVideoStreams",
            "AWS Kinesis Video Streams",
        ),
        (
            "aws.mobile.APIGateway",
            "aws.mobile.APIGateway",
            "aws.mobile.APIGateway",
            "AWS API Gateway",
        ),
    ],
)
def test_every_other_class_is_a_kind_with_a_derived_name_and_service(
    written: str, name: str, path: str, service: str
) -> None:
    assert find_kind(written) == Kind(name, path, service)


@pytest.mark.parametrize(
    "written",
    [
        "eks",
        "aws.eks",
        "elastic-kubernetes-service",
        "aws.compute.EKS",
        "aws.compute.ElasticKubernetesService",
    ],
)
def test_every_name_of_one_class_finds_the_same_kind(written: str) -> None:
    assert find_kind(written) is find_kind("eks")


@pytest.mark.parametrize(
    ("path", "icon"),
    [
        ("aws.compute.ECS", "elastic-container-service.png"),  # an alias diagrams defines
        ("aws.compute.ElasticContainerService", "elastic-container-service.png"),
        ("onprem.queue.Kafka", "kafka.png"),  # another provider
    ],
)
def test_a_kind_may_be_any_public_node_class_of_diagrams(path: str, icon: str) -> None:
    module = path.rsplit(".", 1)[0]
    assert find_kind(path).node_class() == NodeClass(f"resources/{module.replace('.', '/')}", icon)


def test_a_class_without_an_icon_is_a_kind_too_and_says_so() -> None:
    assert find_kind("aws.Node").node_class() == NodeClass(None, None)
    assert not find_kind("custom.Custom").has_icon
    assert find_kind("lambda").has_icon


@pytest.mark.parametrize(
    "name",
    [
        "ec3",
        "Lambda",  # names are exact; the error suggests 'lambda'
        "aws.compute.EC3",
        "aws.network.ApiGateway",
        "os.system",  # outside diagrams
        "aws.compute._Compute",  # a base class: private, no icon
        "aws.compute.EC2.x",
        "gke",  # not AWS: only the provider's alias, gcp.gke
        ".",
        "aws.compute",  # a module: no alias is a class path typed halfway
        "aws",  # a provider
        "elastic.elasticsearch",
    ],
)
def test_anything_else_is_an_unknown_kind(name: str) -> None:
    with pytest.raises(UnknownKind) as raised:
        find_kind(name)
    assert raised.value.args == (name,)


@pytest.mark.parametrize(
    ("class_name", "kebab", "words"),
    [
        ("APIGateway", "api-gateway", "API Gateway"),
        ("EC2AutoScaling", "ec2-auto-scaling", "EC2 Auto Scaling"),
        ("A4B", "a4b", "A4B"),
        ("Route53HostedZone", "route53-hosted-zone", "Route53 Hosted Zone"),
        ("FunctionApps", "function-apps", "Function Apps"),
        ("CEPH_OSD", "ceph-osd", "CEPH OSD"),
        ("Lambda", "lambda", "Lambda"),
    ],
)
def test_the_kebab_name_splits_words_where_the_case_changes(
    class_name: str, kebab: str, words: str
) -> None:
    assert names.kebab(class_name) == kebab
    assert " ".join(names.words(class_name)) == words


@pytest.mark.parametrize(
    ("alias", "path", "why"),
    [
        ("auto-scaling", "aws.management.AutoScaling", "own name over a module-level alias"),
        ("k8s.node", "k8s.infra.Node", "a class with an icon over one without"),
        ("aws.api-gateway", "aws.network.APIGateway", "network (49 classes) over mobile (7)"),
        ("aws.redshift", "aws.database.Redshift", "database (42 classes) over analytics (30)"),
        ("eks", "aws.compute.ElasticKubernetesService", "a module-level alias names its class"),
    ],
)
def test_a_clash_is_settled_by_the_documented_rule(alias: str, path: str, why: str) -> None:
    assert alias_table().aliases[alias] == path, why


def test_a_name_of_the_product_table_wins_over_a_derived_alias() -> None:
    assert alias_table().aliases["redshift"] == "aws.database.Redshift"
    assert find_kind("redshift").diagrams_path == "aws.analytics.Redshift"
    assert alias_table().aliases["database"] == "aws.database.Database"
    assert find_kind("database").diagrams_path == "aws.general.GenericDatabase"


def _rule_over_the_committed_tables(paths: list[str]) -> dict[str, str]:
    classes = json.loads(TABLE.read_text(encoding="utf-8"))["classes"]
    has_icon = {path: classes[path][1] is not None for path in paths}
    return names.derive_aliases(has_icon, alias_table().same_class)


def test_the_alias_table_is_the_rule_over_the_class_table_whatever_the_order() -> None:
    paths = class_paths()
    shuffled = random.Random(13).sample(paths, len(paths))
    assert _rule_over_the_committed_tables(paths) == alias_table().aliases
    assert _rule_over_the_committed_tables(shuffled) == alias_table().aliases


def test_every_alias_finds_exactly_one_kind_and_every_kind_is_listed_once() -> None:
    listed = entries()
    owner: dict[str, Kind] = {}
    for entry in listed:
        for alias in entry.aliases:
            assert alias not in owner, alias
            owner[alias] = entry.kind
            assert find_kind(alias) is entry.kind
        for path in entry.paths:
            assert find_kind(path) is find_kind(entry.paths[0])
    assert len(listed) == len(class_paths()) - len(alias_table().same_class) + 1  # browser
    assert set(kind_names()) == {*owner, *class_paths()}
    assert all(find_kind(name) for name in kind_names())


def test_no_alias_is_a_provider_or_a_module() -> None:
    prefixes = {path.rsplit(".", 1)[0] for path in class_paths()} | set(names.PROVIDER_NAMES)
    assert not prefixes & set(kind_names())


def test_the_rule_gives_every_class_a_provider_alias_unless_another_class_won_it() -> None:
    listed = entries()
    with_alias = sum(1 for entry in listed if any("." in a for a in entry.aliases))
    assert with_alias / len(listed) > 0.9
    assert all(find_node_class(entry.kind.diagrams_path) for entry in listed)


def table_read_by(cwd: Path, code: str, table: str = "node_classes._icons") -> bool:
    """Whether running ``code`` in a fresh Python read the table (a cached function)."""
    module, function = table.split(".")
    probe = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import sys
        table = sys.modules.get("archgen.catalog.{module}")
        print(table is not None and table.{function}.cache_info().currsize > 0)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1] == "True"


def test_the_table_is_read_to_build_but_not_by_a_build_with_nothing_to_do(
    tmp_path: Path,
) -> None:
    project = copy_example_specs(tmp_path)
    build = 'import archgen.cli\narchgen.cli.main(["build", "specs", "-q", "--format", "dot"])\n'
    assert table_read_by(project, build)
    assert not table_read_by(project, build)


def test_a_build_of_product_table_names_reads_no_alias_table(tmp_path: Path) -> None:
    project = copy_example_specs(tmp_path)
    build = 'import archgen.cli\narchgen.cli.main(["build", "specs", "-q", "--format", "dot"])\n'
    assert not table_read_by(project, build, "aliases.alias_table")
