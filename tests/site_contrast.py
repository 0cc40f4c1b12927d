"""The contrast of every label and icon of the diagrams on a page, as a browser draws them.

For a page open in Playwright, each archgen diagram (an ``<img>`` of an SVG, or an SVG
inlined into the page) is measured twice from one full-page screenshot each: as it is,
and with its texts and icons hidden. The pixels that differ inside a label's box are the
pixels the label painted; the second screenshot has, at the same pixel, what is behind
it (the SVG's card, a group fill, or the page itself through a transparent SVG). The
label's contrast is WCAG 2's ratio between the two at its most contrasting pixel, the
core of a glyph's stroke, where anti-aliasing does not mix in the ground. An icon is
measured the same way in its box. A label that paints nothing measures 1.

The boxes come from the SVG itself: each ``<text>``'s anchor, position and font size
(its width from archgen's font metrics), each ``<use>``'s box, mapped through the root
group's translation and the SVG's viewBox to where the page shows the diagram.

Use: ``readings = measure_page(page, shots_folder, "name")``, then
``[r for r in readings if not r.legible]`` is what a reader cannot see.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archgen.draw.text_metrics import ASCENT, DESCENT, text_width

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
TEXT_MINIMUM = 4.5  # WCAG 2 AA for text
ICON_MINIMUM = 3.0  # WCAG 2.1 non-text contrast: the parts of a graphic a reader must see
_CHANGED = 24  # a pixel differs when a channel moves by more: below, compression noise
_MARGIN = 24  # CSS px of the page kept round the diagrams in the screenshots
_DIAGRAMS = 'img[src$=".svg"], svg[role="img"]'
_HIDE = "text, use { visibility: hidden !important; }"
_TRANSLATE = re.compile(r"translate\(([-\d.]+)[ ,]+([-\d.]+)\)")

# In the page: each diagram's box on the page, its SVG's source, and whether it is inlined.
_FIND = """selector => [...document.querySelectorAll(selector)].map(async e => {
  const r = e.getBoundingClientRect();
  const box = [r.left + scrollX, r.top + scrollY, r.width, r.height];
  if (e.tagName.toLowerCase() === "img")
    return {box, inline: false, svg: await (await fetch(e.src)).text()};
  return {box, inline: true, svg: new XMLSerializer().serializeToString(e)};
})"""
# Hides texts and icons: inlined, by a style sheet of the page; in an <img>, by the same
# rule put into a copy of its SVG, shown from a blob: URL.
_HIDE_ALL = """([selector, rule]) => Promise.all([...document.querySelectorAll(selector)]
  .map(e => {
    if (e.tagName.toLowerCase() !== "img") {
      const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
      style.textContent = rule;
      e.prepend(style);
      return null;
    }
    return fetch(e.src).then(r => r.text()).then(text => new Promise(done => {
      const hidden = text.replace(/<svg\\b[^>]*>/, m => m + "<style>" + rule + "</style>");
      e.onload = done;
      e.src = URL.createObjectURL(new Blob([hidden], {type: "image/svg+xml"}));
    }));
  }))"""


@dataclass(frozen=True)
class Part:
    kind: str  # label or icon
    name: str  # the label's text, or the icon's symbol
    box: tuple[float, float, float, float]  # left, top, right, bottom in viewBox units


@dataclass(frozen=True)
class Reading:
    page: str
    diagram: str  # the SVG's title
    inline: bool
    kind: str
    name: str
    contrast: float

    @property
    def legible(self) -> bool:
        return self.contrast >= (TEXT_MINIMUM if self.kind == "label" else ICON_MINIMUM)


def drawn_parts(svg: str) -> tuple[str, tuple[float, float, float, float], list[Part]]:
    """The SVG's title, its viewBox and the box of every label and icon in it."""
    root = ET.fromstring(svg)
    view_box = tuple(float(v) for v in root.get("viewBox", "").split())
    assert len(view_box) == 4, "an archgen SVG has a viewBox"
    graph = root.find(f"{SVG}g")
    assert graph is not None
    found = _TRANSLATE.search(graph.get("transform", ""))
    dx, dy = (float(found[1]), float(found[2])) if found else (0.0, 0.0)
    parts = []
    for text in graph.iter(f"{SVG}text"):
        content = "".join(text.itertext())
        if not content.strip():
            continue
        size = float(text.get("font-size", "14"))
        width = text_width(content, size)
        x, y = float(text.get("x", "0")) + dx, float(text.get("y", "0")) + dy
        left = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor", ""), x)
        box = (left - 1, y - ASCENT * size - 1, left + width + 1, y + DESCENT * size + 1)
        parts.append(Part("label", content.strip(), box))
    for use in graph.iter(f"{SVG}use"):
        x, y = float(use.get("x", "0")) + dx, float(use.get("y", "0")) + dy
        width = float(use.get("width", "0").removesuffix("px"))
        height = float(use.get("height", "0").removesuffix("px"))
        parts.append(Part("icon", use.get(XLINK_HREF, "?"), (x, y, x + width, y + height)))
    title = root.findtext(f"{SVG}title") or "?"
    return title, (view_box[0], view_box[1], view_box[2], view_box[3]), parts


def measure_page(page: Any, shots: Path, name: str) -> list[Reading]:
    """Every label and icon of every archgen diagram on ``page`` (a Playwright page that
    has loaded), measured; the two screenshots are kept in ``shots`` as ``name``.png and
    ``name``-hidden.png, to be looked at."""
    page.wait_for_load_state("load")
    diagrams = page.evaluate(f"Promise.all(({_FIND})({_DIAGRAMS!r}))")
    assert diagrams, f"{name}: no archgen diagram on the page"
    scale = page.evaluate("devicePixelRatio")
    shots.mkdir(parents=True, exist_ok=True)
    # Only the diagrams' part of the page is taken and read, with a margin of the page
    # round it for whoever looks at the screenshots.
    page_width, page_height = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    left = max(min(d["box"][0] for d in diagrams) - _MARGIN, 0)
    top = max(min(d["box"][1] for d in diagrams) - _MARGIN, 0)
    right = min(max(d["box"][0] + d["box"][2] for d in diagrams) + _MARGIN, page_width)
    bottom = min(max(d["box"][1] + d["box"][3] for d in diagrams) + _MARGIN, page_height)
    clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
    shown, ground = shots / f"{name}.png", shots / f"{name}-hidden.png"
    page.screenshot(path=str(shown), full_page=True, clip=clip)
    page.evaluate(f"({_HIDE_ALL})", [_DIAGRAMS, _HIDE])
    page.screenshot(path=str(ground), full_page=True, clip=clip)
    boxes, named = [], []
    for diagram in diagrams:
        title, view_box, parts = drawn_parts(diagram["svg"])
        x, y, width, height = diagram["box"]
        placed = _placement([x - left, y - top, width, height], view_box, scale)
        boxes += [placed(part.box) for part in parts]
        named += [(title, diagram["inline"], part) for part in parts]
    values = _measure(page, shown, ground, boxes)
    readings = [
        Reading(name, title, inline, part.kind, part.name, value)
        for (title, inline, part), value in zip(named, values, strict=True)
    ]
    return readings


def _placement(box: list[float], view_box: tuple[float, float, float, float], scale: float) -> Any:
    """From viewBox units to screenshot pixels, as preserveAspectRatio's default places
    the viewBox in the element's box: scaled to fit, centred."""
    left, top, width, height = box
    fit = min(width / view_box[2], height / view_box[3])
    left += (width - view_box[2] * fit) / 2
    top += (height - view_box[3] * fit) / 2

    def placed(part: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = part
        return (
            int((left + (x0 - view_box[0]) * fit) * scale),
            int((top + (y0 - view_box[1]) * fit) * scale),
            int((left + (x1 - view_box[0]) * fit) * scale) + 1,
            int((top + (y1 - view_box[1]) * fit) * scale) + 1,
        )

    return placed


def _measure(
    page: Any, shown: Path, ground: Path, boxes: list[tuple[int, int, int, int]]
) -> list[float]:
    """Each box's contrast, computed by the browser (a canvas decodes the PNGs far faster
    than Python would) in a blank page of the same context."""
    scratch = page.context.new_page()
    try:
        return list(
            scratch.evaluate(
                _MEASURE,
                [
                    base64.b64encode(shown.read_bytes()).decode(),
                    base64.b64encode(ground.read_bytes()).decode(),
                    boxes,
                    _CHANGED,
                ],
            )
        )
    finally:
        scratch.close()


# WCAG 2's contrast ratio (relative luminance of sRGB), from 1 (the same) to 21, at the
# most contrasting pixel of each box among those that differ between the two shots.
_MEASURE = """async ([shown, ground, boxes, changed]) => {
  const pixels = async data => {
    const image = new Image();
    image.src = "data:image/png;base64," + data;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext("2d", {colorSpace: "srgb"});
    context.drawImage(image, 0, 0);
    return context.getImageData(0, 0, image.width, image.height);
  };
  const [a, b] = [await pixels(shown), await pixels(ground)];
  const linear = c => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  const lum = (d, i) => 0.2126 * linear(d[i]) + 0.7152 * linear(d[i + 1])
    + 0.0722 * linear(d[i + 2]);
  return boxes.map(([left, top, right, bottom]) => {
    let best = 1;
    for (let y = Math.max(top, 0); y < Math.min(bottom, a.height); y++)
      for (let x = Math.max(left, 0); x < Math.min(right, a.width); x++) {
        const i = (y * a.width + x) * 4;
        if (Math.max(...[0, 1, 2].map(k => Math.abs(a.data[i + k] - b.data[i + k]))) <= changed)
          continue;
        const [one, other] = [lum(a.data, i), lum(b.data, i)];
        best = Math.max(best, (Math.max(one, other) + 0.05) / (Math.min(one, other) + 0.05));
      }
    return best;
  });
}"""
