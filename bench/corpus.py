"""Synthetic spec corpora that look like architectures, written as archgen YAML.

Two shapes:

* ``write_corpus(folder, count)``: ``count`` small specs, grouped in systems of up to
  four stages that extend each other (like ``specs/``: each stage adds a tier), 8 to 30
  nodes each, in tiers and groups, English and Korean texts.
* ``write_big_spec(path, nodes, edges)``: one spec of ``nodes`` nodes and about
  ``edges`` edges: a region of services, each service a cluster of tiers (load
  balancer, web, app, cache, database with replicas, queue and workers), linked by a
  few edges per node, most of them inside a service, some across.

Everything is deterministic: the same arguments write the same bytes.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

# Kinds from `archgen catalog`, by tier.
WEB_KINDS = ("ec2",)
APP_KINDS = ("ec2", "autoscaling", "elastic-beanstalk")
CACHE_KINDS = ("elasticache",)
DB_KINDS = ("rds", "aurora", "dynamodb", "documentdb")
QUEUE_KINDS = ("sqs", "sns", "msk", "mq")
STORAGE_KINDS = ("s3",)
OPS_KINDS = ("cloudwatch", "cloudformation", "codedeploy")
TIER_KO = {"web": "웹 계층", "app": "앱 계층", "db": "데이터 계층", "worker": "작업 계층"}


@dataclass
class Graph:
    """A spec's graph, as the YAML writes it."""

    nodes: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id -> kind, en, ko
    groups: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)
    edges: list[dict[str, str]] = field(default_factory=list)

    def node(self, node_id: str, kind: str, en: str, ko: str) -> str:
        self.nodes[node_id] = (kind, en, ko)
        return node_id

    def group(self, group_id: str, en: str, ko: str, members: list[str]) -> str:
        self.groups[group_id] = (en, ko, members)
        return group_id

    def edge(self, source: str, target: str, **extra: str) -> None:
        self.edges.append({"from": source, "to": target, **extra})


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(en: str, ko: str) -> str:
    return f"{{en: {_q(en)}, ko: {_q(ko)}}}"


def spec_yaml(
    stage_id: str,
    order: int,
    title: tuple[str, str],
    graph: Graph,
    *,
    extends: str | None = None,
    direction: str = "LR",
    summary: tuple[str, str] | None = None,
    steps: int = 3,
    services: tuple[str, ...] = (),
) -> str:
    """The YAML text of one spec; ``graph`` holds only what this stage adds."""
    lines = ["# Synthetic spec written by bench/corpus.py", f"id: {stage_id}", f"order: {order}"]
    if extends:
        lines.append(f"extends: {extends}")
    lines.append(f"title: {_text(*title)}")
    if summary:
        lines.append(f"summary: {_text(*summary)}")
    lines.append(f"direction: {direction}")
    if graph.nodes:
        lines.append("nodes:")
        for node_id, (kind, en, ko) in graph.nodes.items():
            lines.append(f"  {node_id}: {{kind: {kind}, label: {_text(en, ko)}}}")
    if graph.groups:
        lines.append("groups:")
        for group_id, (en, ko, members) in graph.groups.items():
            label = f"label: {_text(en, ko)}, " if en else ""
            lines.append(f"  {group_id}: {{{label}members: [{', '.join(members)}]}}")
    if graph.edges:
        lines.append("edges:")
        for edge in graph.edges:
            parts = [
                f"{key}: {_q(value) if key == 'label' else value}" for key, value in edge.items()
            ]
            lines.append(f"  - {{{', '.join(parts)}}}")
    numbered = [edge for edge in graph.edges if "id" in edge][:steps]
    if numbered:
        lines.append("steps:")
        for edge in numbered:
            source, target = edge["from"], edge["to"]
            text = _text(
                f"Requests go from {source} to {target}.",
                f"요청이 {source}에서 {target}(으)로 간다.",
            )
            lines.append(f"  - {{edge: {edge['id']}, text: {text}}}")
    if services:
        lines.append("aws:")
        for service in services:
            lines.append(f"  - service: {service}")
            lines.append(f"    text: {_text(f'What {service} does here.', f'{service}의 역할.')}")
            lines.append("    features: [Multi-AZ, {name: Scaling, text: Grows with load.}]")
    lines.append("notes:")
    lines.append(f"  - {_text('A synthetic stage for the benchmark.', '벤치마크용 단계.')}")
    return "\n".join(lines) + "\n"


# --- many small specs -----------------------------------------------------------------

STAGE_TITLES = (
    ("Single server", "단일 서버"),
    ("Separate tiers", "계층 분리"),
    ("Cache and replicas", "캐시와 다중화"),
    ("Queue and workers", "큐와 작업 서버"),
)


def _system_stages(system: int, rng: random.Random) -> list[tuple[str, Graph]]:
    """Up to four stages of one system, each only what it adds to the one before."""
    p = f"s{system}"
    web_count = rng.randint(2, 4)
    stages: list[tuple[str, Graph]] = []

    g = Graph()
    users = g.node(f"{p}-users", "users", "Users", "사용자")
    dns = g.node(f"{p}-dns", "route53", "DNS", "DNS")
    lb = g.node(f"{p}-lb", "alb", "Load balancer", "로드밸런서")
    webs = [
        g.node(f"{p}-web{i}", rng.choice(WEB_KINDS), f"Web server {i}", f"웹 서버 {i}")
        for i in range(1, web_count + 1)
    ]
    g.group(f"{p}-web-tier", "Web tier", "웹 계층", webs)
    g.edge(users, dns, id=f"{p}-resolve", label="DNS lookup")
    g.edge(users, lb, id=f"{p}-connect", label="HTTPS")
    for web in webs:
        g.edge(lb, web)
    stages.append(("single", g))

    g = Graph()
    db = g.node(f"{p}-db", rng.choice(DB_KINDS), "Primary DB", "주 DB")
    apps = [
        g.node(f"{p}-app{i}", rng.choice(APP_KINDS), f"App server {i}", f"앱 서버 {i}")
        for i in range(1, web_count + 1)
    ]
    g.group(f"{p}-app-tier", "App tier", "앱 계층", apps)
    g.group(f"{p}-data-tier", "Data tier", "데이터 계층", [db])
    for i, web in enumerate(webs):
        g.edge(web, apps[i])
        g.edge(web, apps[(i + 1) % len(apps)], style="dashed")
    for app in apps:
        g.edge(app, db, id=f"{p}-write-{app}", label="read/write")
    stages.append(("tiers", g))

    g = Graph()
    cache = g.node(f"{p}-cache", "elasticache", "Cache", "캐시")
    replicas = [
        g.node(f"{p}-replica{i}", "rds", f"Replica {i}", f"부 DB {i}")
        for i in range(1, rng.randint(2, 3) + 1)
    ]
    g.group(f"{p}-cache-tier", "Cache tier", "캐시 계층", [cache])
    g.group(f"{p}-data-tier", "", "", replicas)  # added to the parent's members
    for app in apps:
        g.edge(app, cache, label="get/set")
        g.edge(app, rng.choice(replicas), label="read")
    for replica in replicas:
        g.edge(db, replica, label="replication", style="dashed", constraint="false")
    stages.append(("cache", g))

    g = Graph()
    queue = g.node(f"{p}-queue", rng.choice(QUEUE_KINDS), "Message queue", "메시지 큐")
    workers = [
        g.node(f"{p}-worker{i}", "ec2", f"Worker {i}", f"작업 서버 {i}")
        for i in range(1, rng.randint(2, 4) + 1)
    ]
    store = g.node(f"{p}-store", "s3", "Object storage", "객체 저장소")
    ops = g.node(f"{p}-metrics", rng.choice(OPS_KINDS), "Metrics", "지표")
    g.group(f"{p}-async", "Async tier", "비동기 계층", [queue, *workers])
    for app in apps:
        g.edge(app, queue, label="publish")
    for worker in workers:
        g.edge(queue, worker, label="consume")
        g.edge(worker, store)
        g.edge(worker, ops, style="dotted", constraint="false")
    stages.append(("async", g))
    return stages


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """``count`` specs in ``folder``; returns the leaves (specs no other spec extends)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    leaves: list[Path] = []
    written = 0
    system = 0
    while written < count:
        system += 1
        stages = _system_stages(system, rng)[: min(4, count - written)]
        parent = None
        for depth, (name, graph) in enumerate(stages):
            stage_id = f"s{system}-{name}"
            title = (
                f"System {system}: {STAGE_TITLES[depth][0]}",
                f"시스템 {system}: {STAGE_TITLES[depth][1]}",
            )
            summary = (
                f"Stage {depth + 1} of system {system}.",
                f"시스템 {system}의 {depth + 1}단계.",
            )
            text = spec_yaml(
                stage_id,
                written + 1,
                title,
                graph,
                extends=parent,
                summary=summary,
                services=("Amazon EC2", "Amazon RDS"),
            )
            path = folder / f"{written + 1:04d}-{stage_id}.yaml"
            path.write_text(text, encoding="utf-8")
            parent = stage_id
            written += 1
        leaves.append(path)
    return leaves


# --- one big spec ---------------------------------------------------------------------


def big_graph(nodes: int, edges: int, columns: int = 1, seed: int = 7) -> Graph:
    """About ``nodes`` nodes in services of tiers, and ``edges`` edges between them."""
    rng = random.Random(seed)
    g = Graph()
    users = g.node("users", "users", "Users", "사용자")
    dns = g.node("dns", "route53", "DNS", "DNS")
    cdn = g.node("cdn", "cloudfront", "CDN", "CDN")
    g.group("edge", "Edge", "엣지", [dns, cdn])
    g.edge(users, dns, id="resolve", label="DNS lookup")
    g.edge(users, cdn, id="static", label="static assets")
    per_service = 25
    count = max(1, (nodes - 3) // per_service)
    services: list[dict[str, list[str]]] = []
    for s in range(1, count + 1):
        remaining = (nodes - 3) - (count - 1) * per_service if s == count else per_service
        services.append(_service(g, s, remaining, rng))
    inside: list[tuple[str, str]] = []
    for service in services:
        tiers = service
        g.edge(cdn, tiers["lb"][0], label="HTTPS")
        for web in tiers["web"]:
            g.edge(tiers["lb"][0], web)
        for i, app in enumerate(tiers["app"]):
            g.edge(tiers["web"][i % len(tiers["web"])], app)
            g.edge(app, tiers["cache"][0], label="get/set")
            g.edge(app, tiers["db"][0], label="write")
            g.edge(app, tiers["queue"][0], label="publish")
        for replica in tiers["db"][1:]:
            g.edge(tiers["db"][0], replica, style="dashed", constraint="false")
        for worker in tiers["worker"]:
            g.edge(tiers["queue"][0], worker, label="consume")
            g.edge(worker, tiers["store"][0])
        # Extra edges between neighbouring tiers, for a few edges per node in all.
        order = ["web", "app", "cache", "db", "queue", "worker", "store"]
        for upper, lower in itertools.pairwise(order):
            inside.extend((a, b) for a in tiers[upper] for b in tiers[lower])
    have = {(e["from"], e["to"]) for e in g.edges}
    spare = [pair for pair in inside if pair not in have]
    rng.shuffle(spare)
    # Services call the next one in their row (app -> its load balancer): rows of
    # ``columns`` services side by side keep the picture near square, not a tall strip.
    for k, (a, b) in enumerate(itertools.pairwise(services)):
        if len(g.edges) < edges and (k + 1) % columns:
            g.edge(rng.choice(a["app"]), b["lb"][0], style="dashed", label="API")
    for source, target in spare:
        if len(g.edges) >= edges:
            break
        g.edge(source, target, style="dotted")
    return g


def _service(g: Graph, s: int, size: int, rng: random.Random) -> dict[str, list[str]]:
    """One service of ``size`` nodes: a cluster of tier clusters."""
    p = f"svc{s}"
    fixed = 4  # lb, cache, primary, queue
    rest = max(0, size - fixed)
    web = max(1, rest * 3 // 10)
    app = max(1, rest * 3 // 10)
    worker = max(1, rest * 2 // 10)
    replicas = max(0, rest - web - app - worker - 1)
    tiers: dict[str, list[str]] = {
        "lb": [g.node(f"{p}-lb", "alb", f"Service {s} LB", f"서비스 {s} LB")],
        "web": [
            g.node(f"{p}-web{i}", "ec2", f"Web {s}.{i}", f"웹 {s}.{i}") for i in range(1, web + 1)
        ],
        "app": [
            g.node(f"{p}-app{i}", rng.choice(APP_KINDS), f"App {s}.{i}", f"앱 {s}.{i}")
            for i in range(1, app + 1)
        ],
        "cache": [g.node(f"{p}-cache", "elasticache", f"Cache {s}", f"캐시 {s}")],
        "db": [g.node(f"{p}-db", rng.choice(DB_KINDS), f"Primary {s}", f"주 DB {s}")]
        + [
            g.node(f"{p}-replica{i}", "rds", f"Replica {s}.{i}", f"부 DB {s}.{i}")
            for i in range(1, replicas + 1)
        ],
        "queue": [g.node(f"{p}-queue", rng.choice(QUEUE_KINDS), f"Queue {s}", f"큐 {s}")],
        "worker": [
            g.node(f"{p}-worker{i}", "ec2", f"Worker {s}.{i}", f"작업 {s}.{i}")
            for i in range(1, worker + 1)
        ],
        "store": [g.node(f"{p}-store", "s3", f"Storage {s}", f"저장소 {s}")] if size > 6 else [],
    }
    if not tiers["store"]:
        tiers["store"] = tiers["db"][:1]
    members = []
    for tier in ("web", "app", "db", "worker"):
        group = g.group(f"{p}-{tier}-tier", f"{tier.capitalize()} tier", TIER_KO[tier], tiers[tier])
        members.append(group)
    members += [tiers["lb"][0], tiers["cache"][0], tiers["queue"][0]]
    if size > 6:
        members.append(tiers["store"][0])
    g.group(p, f"Service {s}", f"서비스 {s}", members)
    return tiers


def write_big_spec(
    path: Path, nodes: int, edges: int, direction: str = "LR", columns: int = 1
) -> tuple[int, int]:
    """Write the big spec; returns its node and edge counts."""
    graph = big_graph(nodes, edges, columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = spec_yaml(
        f"big-{nodes}",
        1,
        (f"{nodes} nodes", f"노드 {nodes}개"),
        graph,
        direction=direction,
        summary=("A large synthetic architecture.", "큰 합성 아키텍처."),
    )
    path.write_text(text, encoding="utf-8")
    return len(graph.nodes), len(graph.edges)
