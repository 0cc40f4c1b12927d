# diagrams' "RabbitMQ Consumers with Custom Nodes" (docs/getting-started/examples.md). The
# documented code downloads RabbitMQ's icon first; here the icon is the local file
# rabbitmq.png beside this one (diagrams' own onprem/queue/rabbitmq.png), since nothing
# may download. rabbitmq_consumers.yaml is the same diagram as an archgen spec.
from diagrams import Cluster, Diagram
from diagrams.aws.database import Aurora
from diagrams.custom import Custom
from diagrams.k8s.compute import Pod

rabbitmq_icon = "rabbitmq.png"

with Diagram("Broker Consumers", show=False):
    with Cluster("Consumers"):
        consumers = [
            Pod("worker"),
            Pod("worker"),
            Pod("worker")]

    queue = Custom("Message queue", rabbitmq_icon)

    queue >> consumers >> Aurora("Database")
