"""The diff diagram beside the pictures it compares: `archgen diff BASE HEAD -o DIR` keeps
every node where `archgen build` draws it in the head picture (in the base picture for
a stage that is gone), and draws what was removed as a grey, faint, dotted ghost.

Measured from the SVGs: each node's icon box, each group's outline, the ghost icon's
own pixels (decoded from the data: URI the SVG embeds).
"""

from __future__ import annotations

import base64
import re
import shutil
import statistics
from pathlib import Path

import pytest
from helpers import REPO_SPECS, run_archgen
from icon_files import jpeg, png, svg
from pngpixels import read_png_bytes
from svg_shapes import Box, Part, parts

# How far a node may sit from its place in the head picture, in points (1 pt = 4/3 px),
# once the whole drawing's shift (a taller canvas, a wider legend) is taken out.
TOLERANCE = 2.0
GHOST_GREY = "#9e9e9e"


def _edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, f"{path.name} no longer holds {old!r}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's specs as base; a head that drops a replica from its group
    (stage 5), relabels one, adds a backup bucket, replaces the queue's workers by a
    dead-letter queue (stage 10) and deletes stage 12. Both built, then diffed twice."""
    root = tmp_path_factory.mktemp("pictures")
    base, head = root / "base", root / "head"
    shutil.copytree(REPO_SPECS, base)
    shutil.copytree(REPO_SPECS, head)
    _edit(
        head / "05-database-replication.yaml",
        ("  replica2: {kind: rds, label: {en: Replica 2, ko: 부 DB 2}}\n", ""),
        ("members: [replica1, replica2],", "members: [replica1],"),
        (
            "replica1: {kind: rds, label: {en: Replica 1,",
            "backup: {kind: s3, label: Backups}\n  replica1: {kind: rds, label: {en: Read replica,",
        ),
    )
    _edit(head / "09-data-centers.yaml", ("replica1, replica2,", "replica1,"))
    _edit(
        head / "10-message-queue.yaml",
        (
            '  workers: {kind: ec2, label: {en: "Workers\\n(consumers)", '
            'ko: "작업 서버\\n(소비자)"}}',
            "  dlq: {kind: sqs, label: {en: Dead letters, ko: DLQ}}",
        ),
        ("label: {en: Message queue,", "label: {en: Job queue,"),
        (
            "{id: consume, from: queue, to: workers, label: {en: consume, ko: 소비}}",
            "{id: dead, from: queue, to: dlq, label: {en: failed, ko: 실패}}",
        ),
        ("  - edge: consume", "  - edge: dead"),
    )
    _edit(
        head / "11-logging-metrics-automation.yaml",
        ("from: workers, to: monitoring", "from: dlq, to: monitoring"),
        ("from: workers, to: automation", "from: dlq, to: automation"),
    )
    (head / "12-database-scaling.yaml").unlink()
    for side in ("base", "head"):
        built = run_archgen("build", side, "-o", f"{side}-out", "--lang", "en", cwd=root)
        assert built.code == 0, built.stderr
    for out in ("diff", "again"):
        result = run_archgen(
            "diff", "base", "head", "-o", out, "--image-format", "svg,png", cwd=root
        )
        assert result.code == 1, result.stderr
    return root


def _svg(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _icon_boxes(svg: str) -> dict[str, Box]:
    """Each drawn node's icon box (an edge anchor, an invisible point, has none)."""
    return {node_id: part.icons[0][1] for node_id, part in parts(svg, "node").items() if part.icons}


def _outline(part: Part) -> Box:
    """A group's outline: the box around the points of its first path or polygon."""
    found = re.search(r'<(?:path|polygon)[^>]*\b(?:d|points)="([^"]*)"', part.body)
    assert found, f"group {part.id} has no outline"
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", found.group(1))]
    xs, ys = numbers[0::2], numbers[1::2]
    return Box(min(xs), min(ys), max(xs), max(ys))


@pytest.mark.parametrize(
    ("stage", "picture"),
    [
        ("database-replication", "head-out"),  # a ghost in a group, a relabelled node
        ("message-queue", "head-out"),  # a ghost with its edge, an added node
        ("cache", "head-out"),  # inherits stage 5's change
        ("database-scaling", "base-out"),  # the stage is gone: the base picture's places
    ],
)
def test_nodes_sit_where_the_picture_has_them(drawn: Path, stage: str, picture: str) -> None:
    before = _icon_boxes(_svg(drawn / picture / f"{stage}.svg"))
    after = _icon_boxes(_svg(drawn / "diff" / f"{stage}.diff.svg"))
    common = sorted(set(before) & set(after))
    assert len(common) >= 5
    shift_x = statistics.median(after[n].left - before[n].left for n in common)
    shift_y = statistics.median(after[n].top - before[n].top for n in common)
    moved = {
        node: (
            round(after[node].left - before[node].left - shift_x, 1),
            round(after[node].top - before[node].top - shift_y, 1),
        )
        for node in common
        if abs(after[node].left - before[node].left - shift_x) > TOLERANCE
        or abs(after[node].top - before[node].top - shift_y) > TOLERANCE
    }
    assert not moved, f"nodes moved from their places in {picture}/{stage}.svg: {moved}"


def test_groups_hold_their_members_and_the_ghost(drawn: Path) -> None:
    svg = _svg(drawn / "diff" / "database-replication.diff.svg")
    icons = _icon_boxes(svg)
    groups = {group_id: _outline(part) for group_id, part in parts(svg, "cluster").items()}
    for member, group in [
        ("replica1", "replicas"),
        ("replica2", "replicas"),  # the ghost, in the group it was in
        ("replica2", "data-tier"),
        ("db", "data-tier"),
        ("web1", "web-tier"),
    ]:
        box, around = icons[member], groups[group]
        assert around.left < box.left and box.right < around.right, (member, group)
        assert around.top < box.top and box.bottom < around.bottom, (member, group)
    assert not groups["replicas"].overlaps(groups["web-tier"])


def test_a_ghost_overlaps_nothing(drawn: Path) -> None:
    for stage, ghost in [("database-replication", "replica2"), ("message-queue", "workers")]:
        nodes = parts(_svg(drawn / "diff" / f"{stage}.diff.svg"), "node")
        boxes = [nodes[ghost].icons[0][1], *(line.box for line in nodes[ghost].lines)]
        for other_id, other in nodes.items():
            if other_id == ghost or not other.icons:
                continue
            others = [other.icons[0][1], *(line.box for line in other.lines)]
            assert not any(a.overlaps(b) for a in boxes for b in others), (stage, other_id)


def _symbol_png(svg: str, node: Part) -> bytes:
    symbol = node.icons[0][0]
    found = re.search(
        rf'<symbol id="{re.escape(symbol)}"[^>]*><image [^>]*xlink:href="data:image/png;base64,'
        r'([^"]+)"',
        svg,
    )
    assert found, f"{node.id}'s icon is not an embedded PNG"
    return base64.b64decode(found.group(1))


def _saturations(png: bytes) -> tuple[int, float]:
    """The most saturated visible pixel (max - min of R, G, B) and the mean opacity of
    the visible ones."""
    image = read_png_bytes(png)
    seen = [
        (image.pixel(x, y), image.alpha(x, y))
        for y in range(0, image.height, 2)
        for x in range(0, image.width, 2)
        if image.alpha(x, y) > 8
    ]
    assert seen, "the icon shows nothing"
    return max(max(p) - min(p) for p, _ in seen), statistics.mean(a for _, a in seen)


def test_a_ghost_is_grey_faint_and_dotted(drawn: Path) -> None:
    svg = _svg(drawn / "diff" / "message-queue.diff.svg")
    nodes = parts(svg, "node")
    ghost_saturation, ghost_opacity = _saturations(_symbol_png(svg, nodes["workers"]))
    assert ghost_saturation <= 2, "the removed node's icon keeps its colours"
    assert ghost_opacity < 140, "the removed node's icon is not faint"
    # The same kind of icon drawn for a node that stays is in full colour.
    kept_saturation, kept_opacity = _saturations(_symbol_png(svg, nodes["web1"]))
    assert kept_saturation > 100 and kept_opacity > 200
    assert {
        f'fill="{GHOST_GREY}"' in text for text in re.findall(r"<text[^>]*>", nodes["workers"].body)
    } == {True}
    edge = parts(svg, "edge")["queue--workers"]  # the removed edge, by its ends
    assert edge.attribute("path", "stroke") == GHOST_GREY
    assert edge.attribute("path", "stroke-dasharray") == "1,5"
    # The whole stage gone: every icon grey.
    gone = _svg(drawn / "diff" / "database-scaling.diff.svg")
    for node in parts(gone, "node").values():
        if node.icons:
            assert _saturations(_symbol_png(gone, node))[0] <= 2, node.id


def test_the_diff_pictures_are_the_same_bytes_every_time(drawn: Path) -> None:
    names = sorted(p.name for p in (drawn / "diff").iterdir())
    assert "message-queue.diff.png" in names and "database-scaling.diff.svg" in names
    assert names == sorted(p.name for p in (drawn / "again").iterdir())
    for name in names:
        assert (drawn / "diff" / name).read_bytes() == (drawn / "again" / name).read_bytes(), name
    written = {p.name for p in drawn.iterdir()}
    assert written == {"base", "head", "base-out", "head-out", "diff", "again"}, (
        "the ghost icons are written nowhere but into the pictures"
    )


_OWN_ICONS_SPEC = """\
id: s
order: 1
title: Own icons
direction: LR
splines: ortho
nodes:
  user: {kind: users, label: Users}
  lb: {kind: alb, label: LB}
  app: {kind: ec2, label: App, icon: icons/a.png}
  vec: {kind: ec2, label: Vector, icon: icons/b.svg}
  photo: {kind: ec2, label: Photo, icon: icons/c.jpg}
  db: {kind: rds, label: DB}
groups:
  tier: {label: App tier, members: [app, vec, photo]}
edges:
  - {from: user, to: lb, label: https}
  - {from: lb, to: [app, vec, photo], label: route}
  - {from: [app, vec, photo], to: db, label: sql}
"""


def test_own_icons_of_removed_nodes_are_grey_too(tmp_path: Path) -> None:
    """An author's PNG, SVG and JPEG icons: the removed ones grey (drawn through
    rsvg-convert where archgen does not decode them), the kept one in its colour; and
    a left-to-right, orthogonal stage keeps its places too."""
    for side in ("base", "head"):
        icons = tmp_path / side / "icons"
        icons.mkdir(parents=True)
        (icons / "a.png").write_bytes(png(64, 64, (255, 0, 255)))
        (icons / "b.svg").write_bytes(svg("#00aa00"))
        jpeg(icons / "c.jpg", "#ff8800")
    (tmp_path / "base" / "s.yaml").write_text(_OWN_ICONS_SPEC, encoding="utf-8")
    head = _OWN_ICONS_SPEC.replace("[app, vec, photo]", "[app]").replace("LB}", "Balancer}")
    head = "\n".join(line for line in head.splitlines() if "icons/b" not in line)
    head = "\n".join(line for line in head.splitlines() if "icons/c" not in line)
    (tmp_path / "head" / "s.yaml").write_text(head + "\n", encoding="utf-8")
    built = run_archgen("build", "head", "-o", "built", cwd=tmp_path)
    assert built.code == 0, built.stderr
    result = run_archgen("diff", "base", "head", "-o", "diff", cwd=tmp_path)
    assert result.code == 1, result.stderr
    svg_text = _svg(tmp_path / "diff" / "s.diff.svg")
    nodes = parts(svg_text, "node")
    for ghost in ("vec", "photo"):
        assert _saturations(_symbol_png(svg_text, nodes[ghost]))[0] <= 2, ghost
    assert _saturations(_symbol_png(svg_text, nodes["app"]))[0] > 200
    before = _icon_boxes(_svg(tmp_path / "built" / "s.svg"))
    after = _icon_boxes(svg_text)
    shifts = {
        (round(after[n].left - before[n].left), round(after[n].top - before[n].top))
        for n in ("user", "lb", "app", "db")
    }
    assert len(shifts) == 1, f"the kept nodes moved apart: {shifts}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base", "built", "diff", "head"]


_GROUP_SPEC = """\
id: g
order: 1
title: Groups
direction: TB
nodes:
  web: {kind: ec2, label: Web}
  db: {kind: rds, label: DB}
  cache: {kind: elasticache, label: Cache}
groups:
  cache-tier: {label: Cache tier, members: [cache]}
edges:
  - {from: web, to: db, label: sql}
  - {from: web, to: cache-tier, label: get}
"""


def test_a_removed_group_is_a_ghost_around_its_ghosts(tmp_path: Path) -> None:
    """A group removed with its node and the edge to it: all three drawn as ghosts (the
    edge to the group used to name a group the diagram lacked: a traceback)."""
    for side, spec in [
        ("base", _GROUP_SPEC),
        ("head", _GROUP_SPEC.split("  cache:")[0] + "edges:\n  - {from: web, to: db, label: sql}"),
    ]:
        (tmp_path / side).mkdir()
        (tmp_path / side / "g.yaml").write_text(spec + "\n", encoding="utf-8")
    result = run_archgen("diff", "base", "head", "-o", "diff", cwd=tmp_path)
    assert result.code == 1, result.stderr
    svg_text = _svg(tmp_path / "diff" / "g.diff.svg")
    group = parts(svg_text, "cluster")["cache-tier"]
    assert group.attribute("path", "stroke") == GHOST_GREY
    assert group.attribute("path", "stroke-dasharray")
    cache = _icon_boxes(svg_text)["cache"]
    around = _outline(group)
    assert around.left < cache.left and cache.right < around.right
    assert around.top < cache.top and cache.bottom < around.bottom
    assert _saturations(_symbol_png(svg_text, parts(svg_text, "node")["cache"]))[0] <= 2
    edge = parts(svg_text, "edge")["web--cache-tier"]
    assert edge.attribute("path", "stroke") == GHOST_GREY
    assert [line.text for line in edge.lines] == ["get"]
