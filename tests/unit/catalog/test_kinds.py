"""The catalog: short names and diagrams class paths, checked against archgen's table of
diagrams' node classes (``archgen/catalog/node_classes.json``), never against diagrams."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import copy_example_specs

from archgen.catalog.kinds import KINDS, Kind, UnknownKind, find_kind
from archgen.catalog.node_classes import NodeClass


def test_every_row_of_the_catalog_draws_an_icon_of_diagrams() -> None:
    without = [kind.name for kind in KINDS if kind.node_class().icon is None]
    assert without == []


def test_a_class_path_of_the_catalog_is_its_row() -> None:
    assert find_kind("aws.compute.EC2") is find_kind("ec2")


@pytest.mark.parametrize(
    ("path", "icon"),
    [
        ("aws.compute.ECS", "elastic-container-service.png"),  # an alias diagrams defines
        ("aws.compute.ElasticContainerService", "elastic-container-service.png"),
        ("onprem.queue.Kafka", "kafka.png"),  # another provider
    ],
)
def test_a_kind_may_be_any_public_node_class_of_diagrams(path: str, icon: str) -> None:
    kind = find_kind(path)
    assert kind == Kind(path, path, path.rsplit(".", 1)[-1])
    module = path.rsplit(".", 1)[0]
    assert kind.node_class() == NodeClass(f"resources/{module.replace('.', '/')}", icon)


def test_a_class_without_an_icon_is_a_kind_too() -> None:
    assert find_kind("aws.Node").node_class() == NodeClass(None, None)


@pytest.mark.parametrize(
    "name",
    [
        "ec3",
        "aws.compute.EC3",
        "os.system",  # outside diagrams
        "aws.compute",  # a module
        "aws.compute._Compute",  # a base class: private, no icon
        "aws.compute.EC2.x",
        ".",
    ],
)
def test_anything_else_is_an_unknown_kind(name: str) -> None:
    with pytest.raises(UnknownKind) as raised:
        find_kind(name)
    assert raised.value.args == (name,)


def table_read_by(cwd: Path, code: str) -> bool:
    """Whether running ``code`` in a fresh Python read the table of node classes."""
    probe = textwrap.dedent(code) + textwrap.dedent(
        """
        import sys
        table = sys.modules.get("archgen.catalog.node_classes")
        print(table is not None and table._icons.cache_info().currsize > 0)
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
