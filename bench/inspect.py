#!/usr/bin/env python3
"""What the layout checks cost: inspecting each drawn stage against drawing it.

    python bench/inspect.py [SPECS] [--repeat N]      # default: specs/, 3 cold builds

Every stage of SPECS is compiled and rendered (SVG and PNG, as a build draws them) in
English and Korean, one after another in this thread, and its SVG inspected by
``archgen.inspect.inspect_svg``; then ``archgen build SPECS`` is timed from nothing
(median of N cold builds into an empty folder). All in the same run, judged by ratios:
inspecting every diagram against rendering them, and against the whole cold build.
"""

from __future__ import annotations

import os
import sys

# This file is named like the standard library's inspect, which dataclasses and typing
# import: its folder must not be on the module path when they do.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(_HERE).parent
LANGUAGES = ("en", "ko")  # the repository's own configuration builds both


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("specs", nargs="?", type=Path, default=ROOT / "specs")
    parser.add_argument("--repeat", type=int, default=3, help="cold builds timed")
    args = parser.parse_args()

    from archgen import pipeline
    from archgen.draw.compile import compile_stage
    from archgen.draw.render import render
    from archgen.inspect import inspect_svg
    from archgen.pages.markdown import PageRenderer

    stages, _ = pipeline.load_and_resolve([args.specs])
    messages = PageRenderer(None).messages
    rendering = inspecting = 0.0
    problems = diagrams = 0
    for stage in stages:
        for language in LANGUAGES:
            start = time.perf_counter()
            diagram = compile_stage(stage, language, messages.words(language))
            svg = render(diagram, ("svg", "png"))["svg"]
            middle = time.perf_counter()
            problems += len(inspect_svg(svg, stage))
            rendering += middle - start
            inspecting += time.perf_counter() - middle
            diagrams += 1
    build = statistics.median(_cold_build(args.specs) for _ in range(args.repeat))

    print(f"{diagrams} diagrams ({len(stages)} stages x {len(LANGUAGES)} languages)")
    print(f"  compile + render (dot, SVG and PNG)  {rendering:8.3f} s")
    print(f"  inspect (every check)                {inspecting:8.3f} s  {problems} problems")
    print(f"  per diagram: inspect {1000 * inspecting / diagrams:.1f} ms")
    print(f"  inspect / render                     {inspecting / rendering:8.1%}")
    print(f"  cold build (median of {args.repeat})              {build:8.3f} s")
    print(f"  inspect / cold build                 {inspecting / build:8.1%}  (target < 10 %)")
    return 0


def _cold_build(specs: Path) -> float:
    """Seconds of one `archgen build SPECS` into an empty folder, as a user runs it."""
    with tempfile.TemporaryDirectory(prefix="archgen-bench-") as folder:
        command = [sys.executable, "-m", "archgen", "build", str(specs), "-o", folder]
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
        return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
