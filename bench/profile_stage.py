#!/usr/bin/env python3
"""Where archgen's own time goes: each pipeline step timed on its own, in one thread.

    python bench/profile_stage.py SPEC_OR_FOLDER [--lang en,ko] [--cprofile N]

A build runs the stages in a thread pool, which hides them from cProfile; here every
step runs in this thread, one after another, with Graphviz timed apart from the Python
work around it. ``--cprofile N`` also prints the N most expensive functions.
It calls archgen's internal functions, so it follows their names as they are today.
"""

from __future__ import annotations

import time

_started = time.perf_counter()
# First, as a build that draws imports them: the command, then the pipeline it loads
# (the estimates, and pint, only when there are estimate specs: timed with them).
import archgen.build.run  # noqa: E402
import archgen.cli  # noqa: E402
import archgen.draw.compile  # noqa: E402, F401

_imported = time.perf_counter()

import argparse  # noqa: E402
import cProfile  # noqa: E402
import pstats  # noqa: E402
import sys  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    from archgen import pipeline
    from archgen.draw import render
    from archgen.incremental import fingerprint, manifest
    from archgen.pages.markdown import PageRenderer

    steps: dict[str, float] = defaultdict(float)
    steps["python start + imports (cli, pipeline)"] = _imported - _started
    profile = cProfile.Profile() if args.cprofile else None
    if profile:
        profile.enable()

    def timed(name: str, function, *a, **k):
        start = time.perf_counter()
        value = function(*a, **k)
        steps[name] += time.perf_counter() - start
        return value

    stages, problems = timed("load + resolve specs", pipeline.load_and_resolve, args.paths)
    if hasattr(pipeline, "load_estimates"):
        timed("load + compute estimates", pipeline.load_estimates, args.paths)
    for stage in stages:
        timed("stage digests (manifest)", fingerprint.stage_digest, stage)
    from archgen.draw.compile import compile_stage

    pages = timed("templates (PageRenderer)", PageRenderer, None)
    original_run = render._run

    def run_dot(*a, **k):
        start = time.perf_counter()
        try:
            return original_run(*a, **k)
        finally:
            steps["Graphviz (dot process)"] += time.perf_counter() - start

    render._run = run_dot
    for stage in stages:
        for language in args.lang.split(","):
            words = pages.messages.words(language)
            diagram = timed("compile to DOT (diagrams)", compile_stage, stage, language, words)
            start = time.perf_counter()
            images = render.render(diagram, ("svg", "png"))
            steps["render: around dot (SVG embedding, temp files)"] += time.perf_counter() - start
            timed("pages (Jinja2)", pages.stage_page, stage, language, f"{stage.id}.svg")
            for data in images.values():
                timed("hash outputs", manifest.digest, data)
    steps["render: around dot (SVG embedding, temp files)"] -= steps["Graphviz (dot process)"]
    if profile:
        profile.disable()

    own = sum(v for k, v in steps.items() if not k.startswith("Graphviz"))
    print(f"{len(stages)} stage(s), languages {args.lang}; problems: {len(problems)}")
    for name, value in steps.items():
        print(f"  {name:<50} {value:8.3f} s")
    print(f"  {'archgen own (all but Graphviz)':<50} {own:8.3f} s")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
