"""Step 3, compile: a resolved stage in one language -> the DOT text Graphviz lays out,
with the spec's ids as node, cluster and element ids, icons named relative to the icon
folder, and labels as escaped text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import resolve_specs

from archgen.draw.compile import compile_stage
from archgen.draw.icons import icon_root
from archgen.resolve.stage import Stage

TINY = """
    id: tiny
    title: {en: Tiny, ko: 작은}
    direction: TB
    nodes:
      web1: {kind: ec2, label: {en: 'Web "1" <a> & b', ko: 웹 1}}
      web2: {kind: ec2, label: Web 2}
      db: {kind: rds}
    groups:
      app: {label: App, members: [web1, web2]}
    edges:
      - {id: writes, from: app, to: db, label: writes}
    steps:
      - {edge: writes, text: The web servers write.}
    """

BIGGER = """
    id: bigger
    extends: tiny
    title: Bigger
    nodes:
      cache: {kind: elasticache, label: Cache}
    edges:
      - {from: web2, to: cache}
    """


@pytest.fixture(scope="module")
def stages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Stage]:
    resolved, problems = resolve_specs(tmp_path_factory.mktemp("specs"), TINY, BIGGER)
    assert problems == []
    return {stage.id: stage for stage in resolved}


def dot(stages: dict[str, Stage], stage_id: str = "tiny", language: str = "en") -> str:
    return compile_stage(stages[stage_id], language).dot_source


def statement(source: str, name: str) -> str:
    """The one DOT statement of node, edge or subgraph ``name``, e.g. 'web1' or 'web1 -> db'."""
    found = [
        line.strip()
        for line in source.splitlines()
        if re.match(rf"\s*(subgraph )?{re.escape(name)} [\[{{]", line)
    ]
    assert len(found) == 1, f"{len(found)} statements of {name!r} in:\n{source}"
    return found[0]


def test_the_graph_is_named_and_laid_out_as_the_spec_says(stages: dict[str, Stage]) -> None:
    source = dot(stages)
    assert source.startswith("digraph tiny {\n")
    assert re.search(r'^\tgraph \[.*\bid="tiny\.graph".*\brankdir=TB\b', source, re.M)


def test_nodes_and_clusters_take_the_spec_ids(stages: dict[str, Stage]) -> None:
    source = dot(stages)
    assert 'id="tiny.node.db"' in statement(source, "db")
    assert 'id="tiny.node.web1"' in statement(source, "web1")
    cluster = source.split("\tsubgraph cluster_app {\n")[1].split("\n\t}\n")[0]
    assert re.search(r'^\t\tgraph \[.*\bid="tiny\.group\.app"', cluster, re.M)
    assert statement(cluster, "web1") and statement(cluster, "web2"), "the members are inside"


def test_an_edge_to_a_group_starts_at_its_anchor_clipped_at_the_cluster(
    stages: dict[str, Stage],
) -> None:
    """Drawn from an invisible point written among the group's nodes (draw/edge_layout)."""
    source = dot(stages)
    assert '"app.edges" [label="" ' in statement(source, '"app.edges"')
    edge = statement(source, '"app.edges" -> db')
    assert "ltail=cluster_app" in edge
    assert 'id="tiny.edge.app--db"' in edge


def test_a_step_numbers_its_edge(stages: dict[str, Stage]) -> None:
    assert "<TD><B>(1)</B> writes</TD>" in statement(dot(stages), '"app.edges" -> db')


def test_icons_are_named_relative_to_the_icon_folder(stages: dict[str, Stage]) -> None:
    source = dot(stages)
    assert 'image="resources/aws/compute/ec2.png"' in statement(source, "web2")
    assert 'image="resources/aws/database/rds.png"' in statement(source, "db")
    assert (icon_root() / "resources" / "aws" / "compute" / "ec2.png").is_file()
    assert str(icon_root()) not in source and "site-packages" not in source
    assert str(Path.home()) not in source


def test_labels_are_escaped_text_and_tooltips_the_words_as_written(
    stages: dict[str, Stage],
) -> None:
    web1 = statement(dot(stages), "web1")
    assert "label=<Web &quot;1&quot; &lt;a&gt; &amp;<BR/>b>" in web1  # wrapped to its box
    assert 'tooltip="Web \\"1\\" <a> &amp; b"' in web1


def test_the_language_chooses_the_words(stages: dict[str, Stage]) -> None:
    korean = compile_stage(stages["tiny"], "ko")
    assert "label=<웹 1>" in statement(korean.dot_source, "web1")
    assert korean.title == "작은"
    assert "label=<Web 2>" in statement(korean.dot_source, "web2"), "a plain text in any language"


def test_what_is_new_in_a_stage_is_marked_and_explained(stages: dict[str, Stage]) -> None:
    source = dot(stages, "bigger")
    assert "NEW" in statement(source, "cache")
    assert "NEW" not in statement(source, "web2")
    assert "New in this stage" in source
    assert "New in this stage" not in dot(stages), "a stage without parent has no legend"


def test_the_same_stage_compiles_to_the_same_text(stages: dict[str, Stage]) -> None:
    assert dot(stages) == dot(stages)
