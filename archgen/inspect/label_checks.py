"""The labels' problems: over one another or an icon, cut by a group's border, too wide
for their node, too small to read on the page."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.draw import page
from archgen.inspect.labels import TextLine
from archgen.inspect.problems import LayoutProblem
from archgen.inspect.scene import TOUCH, OwnedLabel, Owner, Scene, px, quote
from archgen.inspect.shapes import PX_PER_PT, Box

# At the page width: below it, a printed figure's text is hard to read; draw/page.py
# sizes the smallest text to it.
SMALLEST_TEXT_PX = float(page.SMALLEST_TEXT_PX)


def overlapping_labels(scene: Scene) -> Iterator[LayoutProblem]:
    """Two labels whose text boxes overlap by more than a touch both across and down,
    reported once, at the first label drawn; and a label over any node's icon."""
    for first, second in _overlapping_pairs(scene.labels):
        overlap = _largest_overlap(first.label.lines, [line.box for line in second.label.lines])
        if overlap:
            across, down = overlap
            yield _problem(
                first.owner,
                f"{first} overlaps the {second} of {second.owner} by {px(across)} x {px(down)}",
            )
    for owned in scene.labels:
        for owner, icon in scene.icons:
            if not _near(owned.label.box, icon):
                continue
            overlap = _largest_overlap(owned.label.lines, [icon])
            if overlap:
                across, down = overlap
                whose = "its own icon" if owner == owned.owner else f"the icon of {owner}"
                yield _problem(
                    owned.owner, f"{owned} overlaps {whose} by {px(across)} x {px(down)}"
                )


def _overlapping_pairs(labels: list[OwnedLabel]) -> Iterator[tuple[OwnedLabel, OwnedLabel]]:
    """The pairs of labels of different parts whose whole boxes overlap, in drawing
    order; swept left to right, so that labels far apart are never compared."""
    placed = sorted(
        ((owned.label.box, order) for order, owned in enumerate(labels) if owned.label.box),
        key=lambda entry: entry[0].x0,
    )
    pairs = []
    for index, (box, order) in enumerate(placed):
        for other_box, other in placed[index + 1 :]:
            if other_box.x0 >= box.x1 - TOUCH:
                break
            if labels[order].owner != labels[other].owner and _near(box, other_box):
                pairs.append((min(order, other), max(order, other)))
    for first, second in sorted(pairs):
        yield labels[first], labels[second]


def _near(first: Box | None, second: Box | None) -> bool:
    """Whether two boxes overlap by more than a touch (the whole labels, before their lines)."""
    if first is None or second is None:
        return False
    across, down = first.overlap(second)
    return across > TOUCH and down > TOUCH


def _largest_overlap(lines: tuple[TextLine, ...], boxes: list[Box]) -> tuple[float, float] | None:
    best: tuple[float, float] | None = None
    for line in lines:
        for box in boxes:
            across, down = line.box.overlap(box)
            larger = best is None or across * down > best[0] * best[1]
            if across > TOUCH and down > TOUCH and larger:
                best = (across, down)
    return best


def labels_cut_by_borders(scene: Scene) -> Iterator[LayoutProblem]:
    """A label with a group's border running through its text."""
    for owned in scene.labels:
        for group, box in scene.groups:
            if not _near(owned.label.box, box):
                continue
            cuts = [_cut(line.box, box) for line in owned.label.lines]
            cut = max((found for found in cuts if found is not None), default=None)
            if cut is not None:
                amount, side, inside = cut
                how = "sticks out of" if inside else "reaches into"
                yield _problem(
                    owned.owner,
                    f"{owned} {how} {group} by {px(amount)} across its {side} border",
                )


def _cut(text: Box, group: Box) -> tuple[float, str, bool] | None:
    """How far the text crosses one of the group's sides, that side, and whether the
    text lies mostly inside the group; None when no side runs through it."""
    x, y = text.center
    inside = group.contains((x, y))
    across, down = text.overlap(group)
    if across <= TOUCH or down <= TOUCH:
        return None
    crossings = [
        (group.x0 - text.x0, text.x1 - group.x0, "left"),
        (text.x1 - group.x1, group.x1 - text.x0, "right"),
        (group.y0 - text.y0, text.y1 - group.y0, "top"),
        (text.y1 - group.y1, group.y1 - text.y0, "bottom"),
    ]
    found = None
    for outside_part, inside_part, side in crossings:
        if outside_part > TOUCH and inside_part > TOUCH:
            amount = outside_part if inside else inside_part
            if found is None or amount > found[0]:
                found = (amount, side, inside)
    return found


def labels_off_the_drawing(scene: Scene) -> Iterator[LayoutProblem]:
    """A label running past the edge of the picture: a viewer cuts it off there."""
    page = Box(0.0, 0.0, scene.drawing.width_pt, scene.drawing.height_pt)
    for owned in scene.labels:
        box = owned.label.box
        if box is None:
            continue
        past = [
            (page.x0 - box.x0, "left"),
            (box.x1 - page.x1, "right"),
            (page.y0 - box.y0, "top"),
            (box.y1 - page.y1, "bottom"),
        ]
        amount, side = max(past)
        if amount > TOUCH:
            yield _problem(
                owned.owner, f"{owned} runs {px(amount)} past the drawing's {side} edge, cut off"
            )


def labels_too_wide(scene: Scene) -> Iterator[LayoutProblem]:
    """A node's label line wider than the node's fixed-size box: Graphviz kept room for
    the box only, so the text runs into whatever lies beside it."""
    for owner, box, label in scene.node_boxes:
        widest = max(label.lines, key=lambda line: line.box.width, default=None)
        if widest is None or widest.box.width <= box.width + 2 * TOUCH:
            continue
        yield _problem(
            owner,
            f"label {quote(widest.text)} is {px(widest.box.width)} wide, "
            f"{px(widest.box.width - box.width)} wider than its node's {px(box.width)} box",
        )


def small_text(scene: Scene, page_width: int) -> Iterator[LayoutProblem]:
    """Text under ``SMALLEST_TEXT_PX`` once the drawing is scaled to ``page_width`` px."""
    drawing = scene.drawing
    if drawing.width_pt <= 0:
        return
    px_per_pt = page_width / drawing.width_pt
    sizes: dict[float, OwnedLabel] = {}
    for owned in scene.labels:
        for line in owned.label.lines:
            if line.size_pt * px_per_pt < SMALLEST_TEXT_PX:
                sizes.setdefault(round(line.size_pt, 1), owned)
    if not sizes:
        return
    shown = ", ".join(
        f"{size:g} pt text ({sizes[size]}) at {size * px_per_pt:.1f} px" for size in sorted(sizes)
    )
    natural = drawing.width_pt * PX_PER_PT
    widest = page_width * min(sizes) / (SMALLEST_TEXT_PX / PX_PER_PT)
    yield LayoutProblem(
        "diagram",
        "",
        f"at {page_width} px wide, text is under {SMALLEST_TEXT_PX:g} px: {shown}; the "
        f"drawing is {natural:.0f} px wide at its natural size, at most "
        f"{widest:.0f} px keeps its {min(sizes):g} pt text readable",
    )


def _problem(owner: Owner, message: str) -> LayoutProblem:
    return LayoutProblem(owner.part, owner.id, message)
