"""The book's twelve stages: the committed output/ is current, and every page holds the
steps, considerations and AWS services that the notes give for its section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import REPO, REPO_STAGES, copy_repo_specs, output_files, run_archgen

OUTPUT = REPO / "output"

STAGES = REPO_STAGES

# stage -> (number of processing steps, AWS services with a section on the page)
EXPECTED = {
    "single-server": (4, ["Amazon EC2", "Amazon Route 53"]),
    "database": (
        0,
        [
            "Amazon RDS",
            "Amazon ElastiCache",
            "Amazon DocumentDB",
            "Amazon Keyspaces",
            "Amazon Neptune",
        ],
    ),
    "vertical-horizontal-scaling": (
        0,
        ["Amazon EC2 Auto Scaling", "AWS CodeDeploy", "Elastic Load Balancing"],
    ),
    "load-balancer": (0, ["Elastic Load Balancing"]),
    "database-replication": (5, ["Amazon RDS"]),
    "cache": (3, ["Amazon ElastiCache"]),
    "cdn": (6, ["Amazon CloudFront"]),
    "stateless-web-tier": (0, ["Amazon DynamoDB", "Amazon ElastiCache", "Amazon RDS"]),
    "data-centers": (0, ["Amazon Route 53"]),
    "message-queue": (
        2,
        [
            "Amazon SQS",
            "Amazon SNS",
            "Amazon Managed Streaming for Apache Kafka (MSK)",
            "Amazon MQ",
        ],
    ),
    "logging-metrics-automation": (
        0,
        [
            "Amazon CloudWatch",
            "AWS CodeDeploy",
            "AWS CloudFormation",
            "AWS Elastic Beanstalk",
            "AWS OpsWorks",
        ],
    ),
    "database-scaling": (0, ["Amazon RDS", "Amazon Aurora"]),
}

# Sentences of the notes that must stand on the Korean page, as the notes word them.
KOREAN = {
    "single-server": [
        "DNS 조회로 웹 서버의 IP 주소가 반환된다.",
        "해당 IP 주소로 HTTP 요청이 전달된다.",
        "요청을 받은 웹 서버는 HTML 페이지나 JSON 형태의 응답을 반환한다.",
    ],
    "database": [
        "아주 낮은 응답 지연시간이 요구됨",
        "다루는 데이터가 비정형이라 관계형 데이터가 아님",
        "데이터를 직렬화하거나 역직렬화할 수 있기만 하면 됨",
        "아주 많은 양의 데이터를 저장할 필요가 있음",
        "Redis, Memcached",
        "MongoDB, CouchDB",
        "Cassandra, HBase",
        "Neo4j, ArangoDB",
    ],
    "vertical-horizontal-scaling": ["스케일 업", "스케일 아웃", "자동복구(failover)"],
    "load-balancer": ["Public IP", "Private IP", "L7", "L4"],
    "database-replication": [
        "사용자는 DNS로부터 로드밸런서의 공개 IP 주소를 받는다.",
        "웹 서버는 사용자의 데이터를 부 데이터베이스 서버에서 읽는다.",
        "웹 서버는 데이터 변경 연산은 주 데이터베이스로 전달한다.",
        "Multi-AZ",
        "Read Replicas",
        "Cross-Region Replication",
        "Automated Backups and Snapshots",
        "Multi-Master",
        "더 나은 성능",
        "안전성",
        "가용성",
    ],
    "cache": [
        "요청을 받은 웹 서버는 캐시에 응답이 저장되어 있는지를 확인한다.",
        "만료 기한",
        "일관성",
        "단일 장애 지점(SPOF)",
        "캐시 메모리 크기",
        "LRU",
        "LFU",
        "FIFO",
        "휘발성 메모리",
    ],
    "cdn": [
        "사용자 A가 이미지 URL을 이용해 image.png에 접근한다.",
        "만료되지 않은 이미지에 대한 요청은 캐시를 통해 처리된다.",
    ],
    "stateless-web-tier": ["RDBMS", "Redis", "Memcached", "NoSQL", "세션"],
    "data-centers": ["지리적 라우팅", "트래픽 우회", "데이터 동기화", "테스트와 배포"],
    "message-queue": ["메세지 큐", "결합이 느슨해져서"],
    "logging-metrics-automation": [
        "로그",
        "메트릭",
        "자동화",
        "Chef 및 Puppet과 같은 자동화 플랫폼",
    ],
    "database-scaling": ["샤딩 키", "재샤딩", "핫스팟 키", "비정규화"],
}


@pytest.mark.slow
def test_committed_output_is_what_the_specs_build(tmp_path: Path) -> None:
    copy_repo_specs(tmp_path)
    (tmp_path / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text())
    result = run_archgen("build", cwd=tmp_path)
    assert result.code == 0, result.stderr
    built, committed = output_files(tmp_path / "output"), output_files(OUTPUT)
    assert sorted(built) == sorted(committed)
    stale = [name for name in built if built[name] != committed[name]]
    assert stale == [], "output/ is stale; run `make build` and commit it"


def test_every_stage_has_a_page_and_images_in_both_languages() -> None:
    for folder in (OUTPUT, OUTPUT / "ko"):
        for stage in STAGES:
            for suffix in (".md", ".svg", ".png"):
                assert (folder / f"{stage}{suffix}").is_file(), f"{folder}/{stage}{suffix}"
        index = (folder / "index.md").read_text()
        positions = [index.index(f"]({stage}.md)") for stage in STAGES]
        assert positions == sorted(positions), "the index lists the stages in order"


@pytest.mark.parametrize("stage", STAGES)
def test_page_lists_the_steps_and_services_of_the_notes(stage: str) -> None:
    step_count, services = EXPECTED[stage]
    for folder in (OUTPUT, OUTPUT / "ko"):
        page = (folder / f"{stage}.md").read_text()
        steps = re.findall(r"^(\d+)\. ", page, re.MULTILINE)
        assert [int(n) for n in steps] == list(range(1, step_count + 1))
        headings = re.findall(r"^### \[(.+?)\]\(https://aws\.amazon\.com/", page, re.MULTILINE)
        assert headings == services


@pytest.mark.parametrize("stage", STAGES)
def test_korean_page_follows_the_notes_wording(stage: str) -> None:
    page = (OUTPUT / "ko" / f"{stage}.md").read_text()
    for sentence in KOREAN[stage]:
        assert sentence in page, sentence


@pytest.mark.parametrize("stage", STAGES[1:])
def test_each_stage_says_what_changed(stage: str) -> None:
    english = (OUTPUT / f"{stage}.md").read_text()
    korean = (OUTPUT / "ko" / f"{stage}.md").read_text()
    assert "\n## What changed\n" in english and "\n## 달라진 점\n" in korean


def test_steps_bound_to_edges_number_them_in_the_diagram() -> None:
    svg = (OUTPUT / "database-replication.svg").read_text()
    for number in range(1, 6):
        assert f">({number})</text>" in svg, number
