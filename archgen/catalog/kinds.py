"""The kinds a node can be: a short name, the ``diagrams`` class that draws it, and
the AWS service it stands for with its product page.

A row is one line; ``archgen catalog`` prints this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.catalog.node_classes import NodeClass, find_node_class
from archgen.diagnostics import BadInput


@dataclass(frozen=True)
class Kind:
    name: str
    diagrams_path: str
    service: str
    url: str | None = None

    @property
    def is_aws_service(self) -> bool:
        return self.url is not None

    def node_class(self) -> NodeClass:
        """The diagrams class that draws this kind."""
        found = find_node_class(self.diagrams_path)
        if found is None:  # find_kind and the catalog's test make sure there is one
            raise UnknownKind(self.diagrams_path)
        return found


_AWS = "https://aws.amazon.com"

KINDS: tuple[Kind, ...] = (
    # Compute and deployment
    Kind("ec2", "aws.compute.EC2", "Amazon EC2", f"{_AWS}/ec2/"),
    Kind(
        "autoscaling",
        "aws.compute.EC2AutoScaling",
        "Amazon EC2 Auto Scaling",
        f"{_AWS}/ec2/autoscaling/",
    ),
    Kind(
        "elastic-beanstalk",
        "aws.compute.ElasticBeanstalk",
        "AWS Elastic Beanstalk",
        f"{_AWS}/elasticbeanstalk/",
    ),
    Kind("codedeploy", "aws.devtools.Codedeploy", "AWS CodeDeploy", f"{_AWS}/codedeploy/"),
    Kind(
        "cloudformation",
        "aws.management.Cloudformation",
        "AWS CloudFormation",
        f"{_AWS}/cloudformation/",
    ),
    Kind("opsworks", "aws.management.Opsworks", "AWS OpsWorks", f"{_AWS}/opsworks/"),
    Kind("cloudwatch", "aws.management.Cloudwatch", "Amazon CloudWatch", f"{_AWS}/cloudwatch/"),
    # Networking and content delivery
    Kind("route53", "aws.network.Route53", "Amazon Route 53", f"{_AWS}/route53/"),
    Kind(
        "elb",
        "aws.network.ElasticLoadBalancing",
        "Elastic Load Balancing",
        f"{_AWS}/elasticloadbalancing/",
    ),
    Kind(
        "alb",
        "aws.network.ElbApplicationLoadBalancer",
        "Application Load Balancer",
        f"{_AWS}/elasticloadbalancing/application-load-balancer/",
    ),
    Kind(
        "nlb",
        "aws.network.ElbNetworkLoadBalancer",
        "Network Load Balancer",
        f"{_AWS}/elasticloadbalancing/network-load-balancer/",
    ),
    Kind("cloudfront", "aws.network.CloudFront", "Amazon CloudFront", f"{_AWS}/cloudfront/"),
    # Storage and databases
    Kind("s3", "aws.storage.SimpleStorageServiceS3", "Amazon S3", f"{_AWS}/s3/"),
    Kind("rds", "aws.database.RDS", "Amazon RDS", f"{_AWS}/rds/"),
    Kind("aurora", "aws.database.Aurora", "Amazon Aurora", f"{_AWS}/rds/aurora/"),
    Kind("elasticache", "aws.database.Elasticache", "Amazon ElastiCache", f"{_AWS}/elasticache/"),
    Kind(
        "documentdb",
        "aws.database.DocumentdbMongodbCompatibility",
        "Amazon DocumentDB",
        f"{_AWS}/documentdb/",
    ),
    Kind(
        "keyspaces",
        "aws.database.KeyspacesManagedApacheCassandraService",
        "Amazon Keyspaces",
        f"{_AWS}/keyspaces/",
    ),
    Kind("neptune", "aws.database.Neptune", "Amazon Neptune", f"{_AWS}/neptune/"),
    Kind("dynamodb", "aws.database.Dynamodb", "Amazon DynamoDB", f"{_AWS}/dynamodb/"),
    # Application integration
    Kind("sqs", "aws.integration.SimpleQueueServiceSqs", "Amazon SQS", f"{_AWS}/sqs/"),
    Kind("sns", "aws.integration.SimpleNotificationServiceSns", "Amazon SNS", f"{_AWS}/sns/"),
    Kind(
        "msk",
        "aws.analytics.ManagedStreamingForKafka",
        "Amazon Managed Streaming for Apache Kafka (MSK)",
        f"{_AWS}/msk/",
    ),
    Kind("mq", "aws.integration.MQ", "Amazon MQ", f"{_AWS}/amazon-mq/"),
    # The people and things outside the cloud
    Kind("users", "aws.general.Users", "Users"),
    Kind("user", "aws.general.User", "User"),
    Kind("mobile", "aws.general.MobileClient", "Mobile app"),
    Kind("browser", "aws.general.Client", "Web browser"),
    Kind("client", "aws.general.Client", "Client"),
    Kind("internet", "aws.general.InternetAlt1", "Internet"),
    Kind("server", "aws.general.TraditionalServer", "Server"),
    Kind("database", "aws.general.GenericDatabase", "Database"),
)

_BY_NAME = {kind.name: kind for kind in KINDS}
_BY_PATH = {kind.diagrams_path: kind for kind in KINDS}
_BY_SERVICE = {kind.service.lower(): kind for kind in KINDS if kind.is_aws_service}


class UnknownKind(BadInput):
    pass


def find_kind(name: str) -> Kind:
    """The kind for a short name or a full ``diagrams`` path such as ``aws.compute.EC2``."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name in _BY_PATH:
        return _BY_PATH[name]
    if "." in name and find_node_class(name) is not None:
        return Kind(name, name, name.rsplit(".", 1)[-1])
    raise UnknownKind(name)


def kind_names() -> list[str]:
    return [*_BY_NAME, *_BY_PATH]


def find_service(service: str) -> Kind | None:
    """The catalog row of an AWS service named in a spec's ``aws`` list, if any."""
    return _BY_SERVICE.get(service.lower())
