"""Custom icons (``icon:``) through the CLI: PNG, JPEG and SVG icons drawn into the SVG
and the PNG, embedded once, named without an absolute path, and hashed into the
manifest so that an icon edit makes `archgen check` fail and `archgen build` rebuild.
The refused icons are the corpus's category ``icons/`` (tests/bad_specs/)."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import REPO, git, run_archgen, write_spec
from icon_files import jpeg, png, svg
from pngpixels import read_png

SVG_NS = {"svg": "http://www.w3.org/2000/svg"}
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
MAGENTA, GREEN = (230, 0, 170), "#10a050"

SPEC = """\
id: custom
title: Custom icons
nodes:
  users: {kind: users}
  app: {icon: icons/app.png, label: Our app}
  worker: {icon: icons/app.png, label: Worker}
  photo: {kind: ec2, icon: icons/photo.jpg}
  mark: {kind: custom.Custom, icon: icons/mark.svg, label: Mark}
edges:
  - {from: users, to: [app, worker, photo, mark]}
"""


def _project(root: Path) -> Path:
    icons = root / "specs" / "icons"
    icons.mkdir(parents=True)
    (icons / "app.png").write_bytes(png(64, 32, MAGENTA))
    (icons / "mark.svg").write_bytes(svg(GREEN))
    jpeg(icons / "photo.jpg", "#e0c000")
    write_spec(root / "specs", "custom.yaml", SPEC)
    return root


def _build(root: Path, *options: str) -> str:
    result = run_archgen("build", "specs", "-o", "out", *options, cwd=root)
    assert result.code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(tmp_path_factory.mktemp("project"))
    _build(root, "--format", "svg,png,dot")
    return root


def _uses(svg_root: ET.Element) -> dict[str, ET.Element]:
    """Node id -> the <use> that draws its icon."""
    uses = {}
    for group in svg_root.iter("{http://www.w3.org/2000/svg}g"):
        node = re.fullmatch(r"custom\.node\.(.+)", group.get("id", ""))
        if node:
            uses[node[1]] = group.find(".//svg:use", SVG_NS)
    return uses


def test_each_icon_is_embedded_once_as_written(built: Path) -> None:
    root = ET.parse(built / "out" / "custom.svg").getroot()
    symbols = {s.get("id"): s for s in root.iter("{http://www.w3.org/2000/svg}symbol")}
    uses = _uses(root)
    # users' icon, the PNG (two nodes), the JPEG and the SVG: four symbols.
    assert len(symbols) == 4
    assert uses["app"].get(XLINK_HREF) == uses["worker"].get(XLINK_HREF)
    assert len({use.get(XLINK_HREF) for use in uses.values()}) == 4
    icons = built / "specs" / "icons"
    expected = {
        "app": ("image/png", icons / "app.png"),
        "photo": ("image/jpeg", icons / "photo.jpg"),
        "mark": ("image/svg+xml", icons / "mark.svg"),  # the SVG itself, not a PNG of it
    }
    for node, (mime, path) in expected.items():
        symbol = symbols[uses[node].get(XLINK_HREF).removeprefix("#")]
        image = symbol.find("svg:image", SVG_NS)
        data = base64.b64encode(path.read_bytes()).decode()
        assert image.get(XLINK_HREF) == f"data:{mime};base64,{data}"
    # Nothing but data: URIs and the symbols' ids: the SVG is self-contained.
    hrefs = [e.get(XLINK_HREF) for e in root.iter() if e.get(XLINK_HREF)]
    assert all(h.startswith(("data:", "#")) for h in hrefs), hrefs


def test_icons_are_drawn_in_the_png(built: Path) -> None:
    """The middle of each icon's box, from the SVG's geometry, has the icon's colour."""
    root = ET.parse(built / "out" / "custom.svg").getroot()
    graph = root.find("svg:g", SVG_NS)
    dx, dy = map(
        float, re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", graph.get("transform")).groups()
    )
    image = read_png(built / "out" / "custom.png")
    colours = {
        "app": MAGENTA,
        "worker": MAGENTA,
        "mark": (0x10, 0xA0, 0x50),
        "photo": (0xE0, 0xC0, 0),
    }
    for node, use in _uses(root).items():
        if node not in colours:
            continue
        x = float(use.get("x")) + float(use.get("width").rstrip("px")) / 2
        y = float(use.get("y")) + float(use.get("height").rstrip("px")) / 2
        pixel = image.pixel(round((x + dx) * 96 / 72), round((y + dy) * 96 / 72))
        assert all(abs(a - b) <= 12 for a, b in zip(pixel, colours[node], strict=True)), (
            node,
            pixel,
        )


def test_no_output_names_an_absolute_path(built: Path) -> None:
    dot = (built / "out" / "custom.dot").read_text(encoding="utf-8")
    images = re.findall(r'image="([^"]*)"', dot)
    digest = hashlib.sha256((built / "specs" / "icons" / "app.png").read_bytes()).hexdigest()
    assert f"{digest}.png" in images  # named by content, not by place
    assert all(not name.startswith("/") for name in images), images
    for name in ("custom.dot", "custom.svg", "custom.png", "custom.md"):
        data = (built / "out" / name).read_bytes()
        assert str(built).encode() not in data
        # No temporary folder (``archgen-...``, tempfile's prefix) is named; the SVG's
        # own classes (``archgen-card``) are words, not paths.
        assert b"/tmp" not in data and b"/archgen-" not in data, name


def test_same_inputs_same_bytes_wherever_the_project_is(built: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere"
    shutil.copytree(built / "specs", moved / "specs")
    _build(moved, "--format", "svg,png,dot")
    for name in ("custom.dot", "custom.svg", "custom.png", "custom.md"):
        assert (moved / "out" / name).read_bytes() == (built / "out" / name).read_bytes(), name


def test_custom_nodes_are_custom_icons_in_the_page(built: Path) -> None:
    page = (built / "out" / "custom.md").read_text(encoding="utf-8")
    assert "| Our app | `app` | Custom icon |" in page
    assert "| Mark | `mark` | Custom icon |" in page
    assert "| photo | `photo` | [Amazon EC2](https://aws.amazon.com/ec2/) |" in page


CHILD = """\
id: child
title: Child
extends: custom
nodes:
  cache: {kind: elasticache}
edges:
  - {from: app, to: cache}
"""


def test_an_icon_edit_makes_check_fail_and_build_rebuild(tmp_path: Path) -> None:
    root = _project(tmp_path)
    write_spec(root / "specs", "child.yaml", CHILD)
    _build(root)
    assert "0 built, 2 up to date" in _build(root)  # the no-op fast path
    assert run_archgen("check", "specs", "-o", "out", cwd=root).code == 0

    (root / "specs" / "icons" / "app.png").write_bytes(png(64, 32, (0, 0, 255)))
    check = run_archgen("check", "specs", "-o", "out", cwd=root)
    assert check.code == 1, check.stderr
    stale = "out of date: the spec (or a stage it extends) changed since it was built"
    for stage in ("custom", "child"):  # the child draws its parent's icon
        assert f"out/{stage}.svg: {stale} (specs/{stage}.yaml)" in check.stderr
    assert "2 built, 0 up to date" in _build(root)
    assert run_archgen("check", "specs", "-o", "out", cwd=root).code == 0
    svg_text = (root / "out" / "custom.svg").read_text(encoding="utf-8")
    assert base64.b64encode(png(64, 32, (0, 0, 255))).decode() in svg_text


def test_an_unused_file_beside_the_icons_changes_nothing(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _build(root)
    (root / "specs" / "icons" / "unused.png").write_bytes(png(8, 8, (1, 2, 3)))
    assert "0 built, 1 up to date" in _build(root)


def test_the_project_is_the_configuration_folder(tmp_path: Path) -> None:
    """An icon beside the specs' folder is inside the project when archgen.toml is at the
    top; run from the specs' folder without one, the working folder is the project."""
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "logo.png").write_bytes(png(16, 16, MAGENTA))
    specs = tmp_path / "specs"
    specs.mkdir()
    write_spec(specs, "a.yaml", "id: a\ntitle: A\nnodes:\n  app: {icon: ../art/logo.png}\n")
    outside = run_archgen("validate", ".", cwd=specs)
    assert outside.code == 2
    assert outside.stderr.startswith(
        "a.yaml:4:15: icon '../art/logo.png' leads out of the project folder; "
    )
    (tmp_path / "archgen.toml").write_text('languages = ["en"]\n', encoding="utf-8")
    inside = run_archgen("validate", ".", cwd=specs)
    assert inside.code == 0, inside.stderr


def test_an_svg_icon_without_rsvg_convert_is_an_environment_error(tmp_path: Path) -> None:
    root = _project(tmp_path)
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "dot").symlink_to(shutil.which("dot") or "dot")
    result = run_archgen("build", "specs", "-o", "out", cwd=root, env={"PATH": str(bin_folder)})
    assert result.code == 3
    assert "rsvg-convert, which is missing; install librsvg's rsvg-convert" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_icon_is_located(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "specs" / "icons" / "app.png").chmod(0)
    result = run_archgen("validate", "specs", cwd=root)
    assert result.code == 2
    assert "specs/custom.yaml:5:15: cannot read icon 'icons/app.png': Permission denied" in (
        result.stderr
    )


def test_diff_against_a_revision_draws_its_icons_and_names_an_icon_edit(tmp_path: Path) -> None:
    """A revision's icons beside its specs are read from git, inside the revision's own
    folder: the icon edit is a change, and nothing else is."""
    root = _project(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "specs")
    git(root, "commit", "-qm", "icons")
    same = run_archgen("diff", "HEAD", "specs", "-o", "diff", cwd=root)
    assert same.code == 0, same.stderr
    assert "No architecture changes" in same.stdout

    (root / "specs" / "icons" / "app.png").write_bytes(png(64, 32, (0, 0, 255)))
    changed = run_archgen("diff", "HEAD", "specs", "-o", "diff", cwd=root)
    assert changed.code == 1, changed.stderr
    old = hashlib.sha256(png(64, 32, MAGENTA)).hexdigest()[:12]
    new = hashlib.sha256(png(64, 32, (0, 0, 255))).hexdigest()[:12]
    for node in ("app", "worker"):
        assert (
            f"| node | `{node}` | changed | icon: sha256 {old} → sha256 {new} |" in changed.stdout
        )


def test_the_documentation_example_is_what_archgen_draws(tmp_path: Path) -> None:
    """docs/custom-icons/custom-icons.png is the picture its spec builds (on the reference
    platform, where PNG bytes are stable: Debian 12's Graphviz, cairo and fonts)."""
    example = REPO / "docs" / "custom-icons" / "custom-icons.yaml"
    result = run_archgen("build", example, "-o", tmp_path / "out", "--format", "png", cwd=REPO)
    assert result.code == 0, result.stderr
    drawn = (tmp_path / "out" / "custom-icons.png").read_bytes()
    assert drawn == (example.parent / "custom-icons.png").read_bytes(), (
        "rebuild it: archgen build docs/custom-icons/custom-icons.yaml -o DIR --format png"
    )


def test_watch_takes_an_icon_edit_under_the_specs_for_a_build(tmp_path: Path) -> None:
    from watchfiles import Change

    from archgen.commands.watch import WatchedInputs
    from archgen.project.options import BuildOptions

    root = _project(tmp_path)
    inputs = WatchedInputs([root / "specs"], BuildOptions(output=root / "out"))
    for name in ("icons/app.png", "icons/mark.svg", "icons/photo.JPG", "custom.yaml"):
        assert inputs(Change.modified, str(root / "specs" / name)), name
    assert not inputs(Change.modified, str(root / "specs" / "notes.txt"))
    assert not inputs(Change.modified, str(root / "out" / "custom.png"))


def test_a_spec_outside_the_project_is_told_so(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_archgen("validate", root / "specs", cwd=elsewhere)
    assert result.code == 2
    assert (
        "specs/custom.yaml:5:15: icon 'icons/app.png' is not read: the spec lies outside the "
        "project folder (the folder of archgen.toml or of a pyproject.toml with "
        "[tool.archgen], else the working folder); run archgen from the project"
    ) in result.stderr
