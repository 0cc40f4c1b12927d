"""Where the parts a reference layout lacks go: a removed node near its old neighbours.

The diff diagram pins every part the head picture has where the head picture has it
(draw/pinned.py). A removed node (a ghost) has no place there; it had one in the diff
graph's own layout, beside the neighbours it had before. So it is placed where it
stood relative to them there (moved by their mean displacement between the two
layouts), then at the nearest free spot: clear of every other node, of groups it is not
in and of their labels, and such that the groups it is in, grown to hold it, still hold
nothing else. An invisible point (a group's edge anchor) keeps its place relative to
its group's box.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from archgen.draw.placed import Box, Placed

# Clear space around a ghost, in points: about the gap dot leaves between two nodes.
_GAP = 18.0
# The room a group's box leaves around its members (dot's cluster margin), and the strip
# at its top where its label is drawn.
CLUSTER_MARGIN = 8.0
_LABEL_STRIP = 24.0
# The search for a free spot: a grid this fine, out to this many steps every way.
_STEP = 9.0
_RINGS = 80
# How far the search looks for a spot whose lines to its neighbours cross no node and no
# label, before it takes the nearest free spot.
_CLEAN_RINGS = 30


class Places:
    """Final boxes of nodes and clusters, filled from the reference, then the ghosts."""

    def __init__(self, reference: Placed, own: Placed) -> None:
        self.own = own
        self.labels = list(reference.labels)
        self.nodes: dict[str, Box] = {}
        self.clusters = {
            name: _label_room(cluster.box, own.clusters[name].label_height - cluster.label_height)
            for name, cluster in reference.clusters.items()
            if name in own.clusters
        }
        self.shift: dict[str, float] = {}  # how far a pinned node's bottom moved
        for name, node in own.nodes.items():
            if name in reference.nodes:
                self.nodes[name] = _pinned(reference.nodes[name].box, node.box)
                self.shift[name] = self.nodes[name].bottom - reference.nodes[name].box.bottom
        self.offsets = {name: _offset(self.nodes[name], own.nodes[name].box) for name in self.nodes}
        self._hold_members()

    def _hold_members(self) -> None:
        """Each group's box grown where a member grew out of it (a badge line more under
        its label), innermost first, so that the groups around it grow too."""
        for cluster in sorted(self.clusters, key=self._depth, reverse=True):
            inside = [self.nodes[n] for n in self.own.clusters[cluster].nodes if n in self.nodes]
            inside += [
                self.clusters[c]
                for c, placed in self.own.clusters.items()
                if placed.parent == cluster and c in self.clusters
            ]
            for box in inside:
                if not _is_point(box):
                    grown = self.clusters[cluster].union(box.grown(CLUSTER_MARGIN))
                    self.clusters[cluster] = grown

    def place_the_rest(self) -> None:
        missing = [name for name in self.own.nodes if name not in self.nodes]
        for name in sorted(missing, key=lambda n: _is_point(self.own.nodes[n].box)):
            if _is_point(self.own.nodes[name].box) and self.own.nodes[name].cluster:
                self.nodes[name] = self._in_its_cluster(name)
            else:
                self.nodes[name] = self._free_spot(name)
                self._grow_clusters(name)
        for name in sorted(self.own.clusters, key=self._depth, reverse=True):
            if name not in self.clusters:  # a group only ghosts are in
                around = self._around_members(name)
                if around is not None:
                    self.clusters[name] = around

    def _free_spot(self, name: str) -> Box:
        box = self.own.nodes[name].box
        dx, dy = self._neighbours_offset(name)
        wanted = box.moved(dx, dy)
        fallback = None
        for ring, candidate in _around(wanted):
            if ring > _CLEAN_RINGS and fallback is not None:
                return fallback
            if self._fits(name, candidate):
                if self._clean_lines(name, candidate):
                    return candidate
                fallback = fallback or candidate
        if fallback is not None:
            return fallback
        bottom = min(b.bottom for b in [*self.nodes.values(), *self.clusters.values()])
        return wanted.moved(0, bottom - _GAP - wanted.top)  # under everything

    def _neighbours_offset(self, name: str) -> tuple[float, float]:
        """The mean displacement of the node's pinned neighbours (by edges, or in its
        group), or of every pinned node."""
        linked = {a if b == name else b for a, b in self.own.links if name in (a, b)}
        cluster = self.own.nodes[name].cluster
        if cluster:
            linked |= self.own.clusters[cluster].nodes
        moves = [self.offsets[n] for n in sorted(linked) if n in self.offsets]
        moves = moves or list(self.offsets.values())
        if not moves:
            return 0.0, 0.0
        return (
            sum(m[0] for m in moves) / len(moves),
            sum(m[1] for m in moves) / len(moves),
        )

    def _fits(self, name: str, candidate: Box) -> bool:
        clear = candidate.grown(_GAP)
        ancestors = set(self._ancestors(name))
        if any(not _is_point(box) and clear.overlaps(box) for box in self.nodes.values()):
            return False
        for cluster, box in self.clusters.items():
            if cluster in ancestors:
                if clear.overlaps(_label_strip(box)):
                    return False
            elif clear.overlaps(box):
                return False
        return all(self._grown_fits(cluster, candidate) for cluster in ancestors)

    def _clean_lines(self, name: str, candidate: Box) -> bool:
        """Whether the straight lines from the candidate to its pinned neighbours miss
        every other node and every edge label."""
        linked = {a if b == name else b for a, b in self.own.links if name in (a, b)}
        ends = [self.nodes[n] for n in sorted(linked) if n in self.nodes]
        centre = candidate.centre
        for end in ends:
            others = [b for b in self.nodes.values() if b != end and not _is_point(b)]
            for box in [*others, *self.labels]:
                if _crosses(centre, end.centre, box.grown(2.0)):
                    return False
        return True

    def label_fits(self, box: Box) -> bool:
        """Whether a ghost edge's label may go at ``box``: clear of every node, label
        and group label, and of every group's border (wholly inside or outside)."""
        clear = box.grown(2.0)
        if any(clear.overlaps(b) for b in self.labels):
            return False
        if any(not _is_point(b) and clear.overlaps(b) for b in self.nodes.values()):
            return False
        for group in self.clusters.values():
            inside = group.left < clear.left and clear.right < group.right
            inside = inside and group.bottom < clear.bottom and clear.top < group.top
            if clear.overlaps(_label_strip(group)) or (clear.overlaps(group) and not inside):
                return False
        return True

    def _grown_fits(self, cluster: str, candidate: Box) -> bool:
        """Whether the cluster, grown to hold the candidate, holds nothing else."""
        if cluster not in self.clusters:
            return True
        grown = self.clusters[cluster].union(candidate.grown(CLUSTER_MARGIN))
        inside = self.own.clusters[cluster].nodes
        for other, box in self.nodes.items():
            if other not in inside and not _is_point(box) and grown.overlaps(box):
                return False
        related = {cluster, *self._ancestors_of_cluster(cluster)}
        for other, box in self.clusters.items():
            nested = self._ancestors_of_cluster(other)
            if other not in related and cluster not in nested and grown.overlaps(box):
                return False
        return True

    def _grow_clusters(self, name: str) -> None:
        for cluster in self._ancestors(name):
            if cluster in self.clusters:
                room = self.nodes[name].grown(CLUSTER_MARGIN)
                self.clusters[cluster] = self.clusters[cluster].union(room)

    def _in_its_cluster(self, name: str) -> Box:
        """An anchor point where it stood in its group's box, in the group's new box."""
        cluster = self.own.nodes[name].cluster
        assert cluster is not None
        before, after = self.own.clusters[cluster].box, self.clusters.get(cluster)
        x, y = self.own.nodes[name].box.centre
        if after is None:
            return Box(x, y, x, y)
        fx = (x - before.left) / max(before.right - before.left, 1.0)
        fy = (y - before.bottom) / max(before.top - before.bottom, 1.0)
        nx = after.left + fx * (after.right - after.left)
        ny = after.bottom + fy * (after.top - after.bottom)
        return Box(nx, ny, nx, ny)

    def _around_members(self, cluster: str) -> Box | None:
        boxes = [self.nodes[n] for n in sorted(self.own.clusters[cluster].nodes)]
        boxes += [
            self.clusters[c]
            for c, placed in self.own.clusters.items()
            if placed.parent == cluster and c in self.clusters
        ]
        if not boxes:
            return None
        around = boxes[0]
        for box in boxes[1:]:
            around = around.union(box)
        # As wide as its own layout drew it, at least: its label (with its badge) fits.
        width = self.own.clusters[cluster].box.right - self.own.clusters[cluster].box.left
        width = max(width, around.right - around.left + 2 * CLUSTER_MARGIN)
        left = (around.left + around.right) / 2 - width / 2
        right = left + width
        return Box(left, around.bottom - CLUSTER_MARGIN, right, around.top + _LABEL_STRIP)

    def _ancestors(self, name: str) -> Iterator[str]:
        cluster = self.own.nodes[name].cluster
        if cluster:
            yield cluster
            yield from self._ancestors_of_cluster(cluster)

    def _ancestors_of_cluster(self, cluster: str) -> list[str]:
        found = []
        parent = self.own.clusters[cluster].parent
        while parent and parent not in found:
            found.append(parent)
            parent = self.own.clusters[parent].parent
        return found

    def _depth(self, cluster: str) -> int:
        return len(self._ancestors_of_cluster(cluster))


def _pinned(reference: Box, own: Box) -> Box:
    """The node where the reference has it, its own size, its top edge kept: the icon
    stays in place when a badge line comes or goes under it."""
    x = (reference.left + reference.right) / 2
    half = (own.right - own.left) / 2
    return Box(x - half, reference.top - (own.top - own.bottom), x + half, reference.top)


def _label_room(box: Box, more: float) -> Box:
    """A group's box grown up by what its label takes more than in the reference (a
    badge beside it, or a badge that is its only label)."""
    return Box(box.left, box.bottom, box.right, box.top + more) if more > 0.5 else box


def _offset(after: Box, before: Box) -> tuple[float, float]:
    return after.left - before.left, after.top - before.top


def _is_point(box: Box) -> bool:
    return box.right - box.left < 1 and box.top - box.bottom < 1


def _label_strip(box: Box) -> Box:
    return Box(box.left, box.top - _LABEL_STRIP, box.right, box.top)


def _crosses(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Whether the segment a-b passes through ``box`` (sampled: boxes are large)."""
    steps = max(2, int(math.dist(a, b) / 4))
    for i in range(steps + 1):
        x = a[0] + (b[0] - a[0]) * i / steps
        y = a[1] + (b[1] - a[1]) * i / steps
        if box.left < x < box.right and box.bottom < y < box.top:
            return True
    return False


def _around(wanted: Box) -> Iterator[tuple[int, Box]]:
    """``wanted``, then the boxes on ever wider square rings of the search grid around
    it, each ring nearest first, each with the number of its ring."""
    yield 0, wanted
    for ring in range(1, _RINGS + 1):
        steps = [
            (dx, dy)
            for dx, dy in itertools.product(range(-ring, ring + 1), repeat=2)
            if max(abs(dx), abs(dy)) == ring
        ]
        steps.sort(key=lambda s: (s[0] ** 2 + s[1] ** 2, s))
        for dx, dy in steps:
            yield ring, wanted.moved(dx * _STEP, dy * _STEP)
