"""The plane geometry the checks measure with: how deep a line reaches into a box, how
far it stays from one, and a Bézier piece sampled close to its curve."""

from __future__ import annotations

import math

import pytest

from archgen.inspect.shapes import Box, Stroke, depth_inside, distance_to_line

BOX = Box(0, 0, 10, 4)


def test_a_line_through_a_box_reaches_its_middle() -> None:
    assert depth_inside(((-5, 2), (15, 2)), BOX) == pytest.approx(2)  # the middle, 2 from top
    assert depth_inside(((-5, 1), (15, 1)), BOX) == pytest.approx(1)


def test_a_line_past_a_box_does_not_enter_it() -> None:
    assert depth_inside(((-5, 5), (15, 5)), BOX) < 0
    assert distance_to_line(((-5, 5), (15, 5)), BOX) == pytest.approx(1)


def test_the_distance_to_a_line_is_to_its_nearest_point_not_its_ends() -> None:
    # A long diagonal passing the box's corner (10, 0): the ends are far, the line near.
    line = ((0, -30), (40, 10))
    assert distance_to_line(line, BOX) == pytest.approx(20 / math.sqrt(2))


def test_a_bezier_piece_is_sampled_close_to_its_curve() -> None:
    # A quarter circle of radius 100 as a cubic (the usual 0.5523 control distance).
    k = 0.5523 * 100
    stroke = Stroke(((100, 0), (100, k), (k, 100), (0, 100)), curved=True)
    radii = [math.hypot(x, y) for x, y in stroke.points]
    assert max(abs(r - 100) for r in radii) < 0.1
    for (ax, ay), (bx, by) in zip(stroke.points, stroke.points[1:], strict=False):
        middle = math.hypot((ax + bx) / 2, (ay + by) / 2)
        assert 100 - middle < 0.1, "a chord cuts the curve by more than 0.1 pt"
