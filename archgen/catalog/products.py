"""The product table: what cannot be derived from diagrams' classes. Each row is a
short name, the class that draws it, the AWS product's name and its product page.

The 32 rows archgen started with come first, unchanged; the rest name the common AWS
services. A name here wins over an alias the naming rule derives (``names.py``), and a
class named here takes the row's product name and page whatever name a spec uses for
it. Every other class's service name is derived (``names.service_name``).
"""

from __future__ import annotations

from archgen.catalog.kind import Kind

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
    # More AWS services, with the names and pages of their products
    Kind("lambda", "aws.compute.Lambda", "AWS Lambda", f"{_AWS}/lambda/"),
    Kind("fargate", "aws.compute.Fargate", "AWS Fargate", f"{_AWS}/fargate/"),
    Kind("ecs", "aws.compute.ElasticContainerService", "Amazon ECS", f"{_AWS}/ecs/"),
    Kind("eks", "aws.compute.ElasticKubernetesService", "Amazon EKS", f"{_AWS}/eks/"),
    Kind("ecr", "aws.compute.EC2ContainerRegistry", "Amazon ECR", f"{_AWS}/ecr/"),
    Kind("batch", "aws.compute.Batch", "AWS Batch", f"{_AWS}/batch/"),
    Kind("lightsail", "aws.compute.Lightsail", "Amazon Lightsail", f"{_AWS}/lightsail/"),
    Kind("app-runner", "aws.compute.AppRunner", "AWS App Runner", f"{_AWS}/apprunner/"),
    Kind("api-gateway", "aws.network.APIGateway", "Amazon API Gateway", f"{_AWS}/api-gateway/"),
    Kind("vpc", "aws.network.VPC", "Amazon VPC", f"{_AWS}/vpc/"),
    Kind(
        "direct-connect",
        "aws.network.DirectConnect",
        "AWS Direct Connect",
        f"{_AWS}/directconnect/",
    ),
    Kind(
        "transit-gateway",
        "aws.network.TransitGateway",
        "AWS Transit Gateway",
        f"{_AWS}/transit-gateway/",
    ),
    Kind(
        "global-accelerator",
        "aws.network.GlobalAccelerator",
        "AWS Global Accelerator",
        f"{_AWS}/global-accelerator/",
    ),
    Kind("privatelink", "aws.network.Privatelink", "AWS PrivateLink", f"{_AWS}/privatelink/"),
    Kind("cloud-map", "aws.network.CloudMap", "AWS Cloud Map", f"{_AWS}/cloud-map/"),
    Kind(
        "step-functions",
        "aws.integration.StepFunctions",
        "AWS Step Functions",
        f"{_AWS}/step-functions/",
    ),
    Kind(
        "eventbridge", "aws.integration.Eventbridge", "Amazon EventBridge", f"{_AWS}/eventbridge/"
    ),
    Kind("appsync", "aws.integration.Appsync", "AWS AppSync", f"{_AWS}/appsync/"),
    Kind("ses", "aws.engagement.SimpleEmailServiceSes", "Amazon SES", f"{_AWS}/ses/"),
    Kind("kinesis", "aws.analytics.Kinesis", "Amazon Kinesis", f"{_AWS}/kinesis/"),
    Kind(
        "kinesis-data-streams",
        "aws.analytics.KinesisDataStreams",
        "Amazon Kinesis Data Streams",
        f"{_AWS}/kinesis/data-streams/",
    ),
    Kind(
        "firehose", "aws.analytics.KinesisDataFirehose", "Amazon Data Firehose", f"{_AWS}/firehose/"
    ),
    Kind("redshift", "aws.analytics.Redshift", "Amazon Redshift", f"{_AWS}/redshift/"),
    Kind("athena", "aws.analytics.Athena", "Amazon Athena", f"{_AWS}/athena/"),
    Kind("glue", "aws.analytics.Glue", "AWS Glue", f"{_AWS}/glue/"),
    Kind("emr", "aws.analytics.EMR", "Amazon EMR", f"{_AWS}/emr/"),
    Kind(
        "opensearch",
        "aws.analytics.AmazonOpensearchService",
        "Amazon OpenSearch Service",
        f"{_AWS}/opensearch-service/",
    ),
    Kind("quicksight", "aws.analytics.Quicksight", "Amazon QuickSight", f"{_AWS}/quicksight/"),
    Kind(
        "lake-formation",
        "aws.analytics.LakeFormation",
        "AWS Lake Formation",
        f"{_AWS}/lake-formation/",
    ),
    Kind("timestream", "aws.database.Timestream", "Amazon Timestream", f"{_AWS}/timestream/"),
    Kind(
        "dms",
        "aws.database.DatabaseMigrationService",
        "AWS Database Migration Service",
        f"{_AWS}/dms/",
    ),
    Kind("efs", "aws.storage.ElasticFileSystemEFS", "Amazon EFS", f"{_AWS}/efs/"),
    Kind("ebs", "aws.storage.ElasticBlockStoreEBS", "Amazon EBS", f"{_AWS}/ebs/"),
    Kind("fsx", "aws.storage.Fsx", "Amazon FSx", f"{_AWS}/fsx/"),
    Kind("backup", "aws.storage.Backup", "AWS Backup", f"{_AWS}/backup/"),
    Kind(
        "storage-gateway",
        "aws.storage.StorageGateway",
        "AWS Storage Gateway",
        f"{_AWS}/storagegateway/",
    ),
    Kind("cognito", "aws.security.Cognito", "Amazon Cognito", f"{_AWS}/cognito/"),
    Kind("iam", "aws.security.IdentityAndAccessManagementIam", "AWS IAM", f"{_AWS}/iam/"),
    Kind("kms", "aws.security.KeyManagementService", "AWS KMS", f"{_AWS}/kms/"),
    Kind(
        "secrets-manager",
        "aws.security.SecretsManager",
        "AWS Secrets Manager",
        f"{_AWS}/secrets-manager/",
    ),
    Kind(
        "acm",
        "aws.security.CertificateManager",
        "AWS Certificate Manager",
        f"{_AWS}/certificate-manager/",
    ),
    Kind("waf", "aws.security.WAF", "AWS WAF", f"{_AWS}/waf/"),
    Kind("shield", "aws.security.Shield", "AWS Shield", f"{_AWS}/shield/"),
    Kind("guardduty", "aws.security.Guardduty", "Amazon GuardDuty", f"{_AWS}/guardduty/"),
    Kind(
        "systems-manager",
        "aws.management.SystemsManager",
        "AWS Systems Manager",
        f"{_AWS}/systems-manager/",
    ),
    Kind("cloudtrail", "aws.management.Cloudtrail", "AWS CloudTrail", f"{_AWS}/cloudtrail/"),
    Kind("config", "aws.management.Config", "AWS Config", f"{_AWS}/config/"),
    Kind(
        "organizations",
        "aws.management.Organizations",
        "AWS Organizations",
        f"{_AWS}/organizations/",
    ),
    Kind("codepipeline", "aws.devtools.Codepipeline", "AWS CodePipeline", f"{_AWS}/codepipeline/"),
    Kind("codebuild", "aws.devtools.Codebuild", "AWS CodeBuild", f"{_AWS}/codebuild/"),
    Kind("xray", "aws.devtools.XRay", "AWS X-Ray", f"{_AWS}/xray/"),
    Kind("sagemaker", "aws.ml.Sagemaker", "Amazon SageMaker", f"{_AWS}/sagemaker/"),
    Kind("amplify", "aws.mobile.Amplify", "AWS Amplify", f"{_AWS}/amplify/"),
)
