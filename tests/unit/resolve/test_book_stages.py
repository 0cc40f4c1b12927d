"""The twelve stages draw what the notes' sections say, as the book draws them (issue 14):
users on top in every stage, what is new marked, every point of a section drawn, and
every step on an arrow of its own, in both languages. Read from the resolved stages of
the repository's specs, which is what the pictures and pages are built from."""

from __future__ import annotations

import pytest
from helpers import REPO_SPECS, REPO_STAGES

from archgen.pipeline import load_and_resolve
from archgen.resolve.stage import Change, Stage, StageEdge, StageGroup, StageNode

_STAGES, _PROBLEMS = load_and_resolve([REPO_SPECS])
STAGES = {stage.id: stage for stage in _STAGES}


def edges(stage_id: str) -> list[StageEdge]:
    return list(STAGES[stage_id].edges)


def pairs(stage_id: str) -> set[tuple[str, str]]:
    return {(edge.source, edge.target) for edge in edges(stage_id)}


def new_parts(stage: Stage) -> set[str]:
    parts: list[StageNode | StageGroup] = [*stage.nodes, *stage.groups]
    return {part.id for part in parts if part.change is Change.NEW}


def test_the_stages_load_without_a_problem() -> None:
    assert _PROBLEMS == []
    assert sorted(STAGES) == sorted(REPO_STAGES)


@pytest.mark.parametrize("stage_id", REPO_STAGES)
def test_every_stage_runs_top_down_with_the_users_on_top(stage_id: str) -> None:
    stage = STAGES[stage_id]
    assert stage.direction == "TB"
    # Nothing points at the users: answers are drawn as 'back' edges from them.
    assert all(edge.target != "users" for edge in stage.edges)
    assert any(edge.source in {"users", "web-user", "mobile-user"} for edge in stage.edges)


@pytest.mark.parametrize("stage_id", REPO_STAGES[1:])
def test_every_stage_adds_something_that_is_marked_new(stage_id: str) -> None:
    assert new_parts(STAGES[stage_id])


def test_scale_up_and_scale_out_are_two_alternatives_side_by_side() -> None:
    stage = STAGES["vertical-horizontal-scaling"]
    groups = {group.id: group for group in stage.groups}
    # Two boxes, neither inside the other: the one server scaled up, or the web tier
    # scaled out (the web tier itself, so its arrows to the data tier are inherited).
    assert groups["scale-up"].members == ("web-up",)
    assert groups["web-tier"].members == ("web1", "web2")
    assert groups["scale-up"].label and "scale up" in groups["scale-up"].label.get("en")
    assert groups["web-tier"].label and "scale out" in groups["web-tier"].label.get("en")
    assert not any("scale-up" in group.members for group in stage.groups)
    assert {"scale-up", "web-up", "web1", "web2"} <= new_parts(stage)
    # Each alternative takes the users' requests and reaches the database.
    for option in ("scale-up", "web-tier"):
        assert {("users", option), (option, "data-tier")} <= pairs(stage.id)


@pytest.mark.parametrize("stage_id", ["database-replication", "cache", "cdn", "stateless-web-tier"])
def test_the_web_tier_as_a_whole_talks_to_the_data_cache_and_session_store(
    stage_id: str,
) -> None:
    from_servers = [e.id for e in edges(stage_id) if e.source in {"web1", "web2"}]
    assert from_servers == []
    targets = {e.target for e in edges(stage_id) if e.source == "web-tier"}
    assert {"db", "replicas"} <= targets
    if stage_id != "database-replication":
        assert "cache-tier" in targets
    if stage_id == "stateless-web-tier":
        assert "shared-storage" in targets


def test_the_cdn_has_two_users_and_six_steps_each_on_its_own_arrow() -> None:
    stage = STAGES["cdn"]
    labels = {node.id: node.label.get("en") for node in stage.nodes}
    assert labels["web-user"].startswith("User A") and labels["mobile-user"].startswith("User B")
    bound = [step.edge_ids for step in stage.steps]
    assert [len(ids) for ids in bound] == [1] * 6
    assert len({ids[0] for ids in bound}) == 6, "no arrow carries two step numbers"
    by_id = {edge.id: edge for edge in stage.edges}
    ends = [(by_id[ids[0]].source, by_id[ids[0]].target) for ids in bound]
    assert ends == [
        ("web-user", "cdn"),
        ("cdn", "web-tier"),
        ("cdn", "web-tier"),
        ("web-user", "cdn"),
        ("mobile-user", "cdn"),
        ("mobile-user", "cdn"),
    ]
    # Steps 3, 4 and 6 are answers: their arrowheads point back up the request.
    assert [by_id[ids[0]].direction for ids in bound] == [
        "forward",
        "forward",
        "back",
        "back",
        "forward",
        "back",
    ]


@pytest.mark.parametrize("stage_id", REPO_STAGES)
def test_every_step_and_every_label_has_both_languages(stage_id: str) -> None:
    stage = STAGES[stage_id]
    for step in stage.steps:
        assert set(step.text.languages()) == {"en", "ko"}, step.number
    labelled: list[StageNode | StageGroup | StageEdge] = [*stage.nodes, *stage.groups, *stage.edges]
    for part in labelled:
        if part.label is None or not any(c.isalpha() for c in part.label.get("en")):
            continue
        english, korean = part.label.get("en"), part.label.get("ko")
        # Names (DNS, CDN, CloudWatch, image.png) are the same in both; words are not.
        if english != korean:
            assert set(part.label.languages()) == {"en", "ko"}, part.id


def test_the_data_centers_synchronise_their_databases() -> None:
    sync = [e for e in edges("data-centers") if (e.source, e.target) == ("db", "db-west")]
    assert [e.label and e.label.get("en") for e in sync] == ["data\nsync"]


@pytest.mark.parametrize("stage_id", ["message-queue", "logging-metrics-automation"])
def test_the_later_stages_keep_the_data_sync_drawn_under_the_queue(stage_id: str) -> None:
    """Stage 9 names the sync; later stages keep its line, from the databases' bottoms
    so that it runs under the message queue between the data centers."""
    sync = [e for e in edges(stage_id) if (e.source, e.target) == ("db", "db-west")]
    assert [(e.style, e.from_port, e.to_port) for e in sync] == [("dashed", "bottom", "bottom")]


def test_the_shards_are_drawn_in_dc1_and_dc2_says_it_holds_the_same() -> None:
    stage = STAGES["database-scaling"]
    groups = {group.id: group for group in stage.groups}
    labels = {node.id: node.label.get("en") for node in stage.nodes}
    assert "shards-east" in groups["dc-east"].members
    shards = [labels[f"shard{n}"] for n in range(4)]
    assert shards == ["Shard 0", "Shard 1", "Shard 2", "Shard 3"]
    assert labels["db-west"] == "Shards 0-3\n(as in DC1)"
    assert ("shards-east", "db-west") in pairs(stage.id)
    notes = " ".join(note.get("en") for note in stage.notes)
    assert "DC2 holds the same four shards" in notes


@pytest.mark.parametrize("stage_id", ["logging-metrics-automation", "database-scaling"])
def test_the_tools_are_connected_to_what_they_watch(stage_id: str) -> None:
    ends = {(e.source, e.target): e.direction for e in edges(stage_id)}
    # Logs and metrics go to the tools, the tools deploy: one line, both ways.
    for data_center in ("dc-east", "dc-west"):
        assert ends[(data_center, "tools")] == "both"
    assert ("workers", "monitoring") in ends and ("workers", "automation") in ends
    assert not any("users" in pair for pair in ends if "tools" in pair)
