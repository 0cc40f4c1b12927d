"""Every check of a laid-out diagram, run in one pass over its SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from archgen.draw import page
from archgen.inspect.edge_checks import lines_through_icons, lines_through_labels, own_labels
from archgen.inspect.label_checks import (
    labels_cut_by_borders,
    labels_off_the_drawing,
    labels_too_wide,
    overlapping_labels,
    small_text,
)
from archgen.inspect.problems import LayoutProblem
from archgen.inspect.scene import read_scene
from archgen.inspect.steps import steps_out_of_order
from archgen.resolve.stage import Stage

# px: a book's or a documentation site's text column, at its widest; the page the
# drawings are made for (draw/page.py) is measured at the same width.
PAGE_WIDTH = page.READING_WIDTH_PX


def inspect_svg(svg: bytes, stage: Stage, *, page_width: int = PAGE_WIDTH) -> list[LayoutProblem]:
    """What a reader would notice in the stage's drawing: each problem names the part of
    the stage it is about; docs/layout-warnings.md gives every rule and threshold."""
    try:
        scene = read_scene(svg, stage)
    except ET.ParseError as error:  # not archgen's SVG: nothing in it is followed
        return [LayoutProblem("diagram", "", f"the drawing cannot be read back: {error}")]
    problems = [
        *overlapping_labels(scene),
        *labels_cut_by_borders(scene),
        *labels_off_the_drawing(scene),
        *labels_too_wide(scene),
        *own_labels(scene),
        *lines_through_labels(scene),
        *lines_through_icons(scene),
        *steps_out_of_order(scene),
        *small_text(scene, page_width),
    ]
    return list(dict.fromkeys(problems))  # one of each, in the order found
