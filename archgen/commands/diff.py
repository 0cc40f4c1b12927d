"""`archgen diff`: what changed in the architecture between two revisions or folders."""

from __future__ import annotations

import argparse
import json
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archgen.commands import options, terminal
from archgen.diagnostics import ExitCode, UsageError, error_count
from archgen.project.atomic import write_atomically
from archgen.project.options import DEFAULT_THEME

# The pipeline is imported when the command runs: every command's parser is built on
# each start, and a start must stay quick.
if TYPE_CHECKING:
    from archgen.diff.compare import PartChange, StageDiff
    from archgen.diff.sources import SpecSet


_DESCRIPTION = (
    "Compare the stages of BASE and HEAD part by part (texts, diagram settings, "
    "nodes, groups, edges, steps, AWS services), matched by id: an edge by its spec 'id:' "
    "where it has one, so a moved end is a change of that edge (from/to). An added node "
    "or group with the kind, group and edges of a removed one is hinted as "
    "'renamed from'. A change made in a stage is listed there once; the stages "
    "extending it, which only carry it along, say they inherit it. BASE and HEAD are git "
    "revisions of the repository around the working directory, or two folders "
    "of specs; HEAD defaults to the working tree. Prints Markdown fit for a "
    "pull-request comment, with a Mermaid flowchart per changed stage, or JSON, or "
    "the Mermaid flowcharts alone. Exit 1 when something differs, 0 when "
    "nothing does, 2 on bad input, 3 when Graphviz cannot draw the -o diagrams."
)
_FORMAT_HELP = (
    "report format (default: markdown, which holds a Mermaid flowchart per changed stage "
    "for GitHub to draw: added parts blue and '+ added', changed orange and '~ changed', "
    "removed grey, dotted and '− removed'); mermaid: the flowcharts alone, each after a "
    "line '%%%% <stage id>: <status>', a blank line between them (one stage's is a .mmd "
    "file as it is)"
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "diff",
        help="show what changed in the architecture between two revisions",
        description=_DESCRIPTION,
    )
    parser.add_argument("base", metavar="BASE", help="git revision or folder of specs")
    parser.add_argument(
        "head",
        metavar="HEAD",
        nargs="?",
        help="git revision or folder of specs (default: the working tree)",
    )
    parser.add_argument(
        "--specs",
        type=Path,
        action="append",
        metavar="PATH",
        help="spec files or folders, for revisions and the working tree "
        "(default: the configuration's, else specs)",
    )
    parser.add_argument(
        "--format",
        choices=("markdown", "json", "mermaid"),
        default="markdown",
        help=_FORMAT_HELP,
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="also draw a diff diagram per changed stage into DIR "
        "(<id>.diff.svg): added parts blue, changed orange, removed ones grey "
        "dotted ghosts; every node where the head picture has it",
    )
    parser.add_argument(
        "--image-format",
        type=options.formats,
        default=("svg",),
        metavar="LIST",
        help="formats of the diff diagrams (default: svg)",
    )
    parser.add_argument("--lang", default="en", help="language of the report (default: en)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitCode:
    from archgen.diff.compare import diff_stages
    from archgen.diff.mermaid import diff_flowcharts, mermaid_report
    from archgen.diff.sources import working_tree
    from archgen.pages.markdown import PageRenderer

    config = options.project_config()
    paths = args.specs or config.paths("specs") or [Path("specs")]
    with ExitStack() as stack:
        base = _side(args.base, paths, stack)
        head = _side(args.head, paths, stack) if args.head else working_tree(paths)
        problems = [*base.diagnostics, *head.diagnostics]
        terminal.print_diagnostics(problems)
        if error_count(problems):
            return ExitCode.BAD_INPUT
        diffs = diff_stages(base.stages, head.stages, args.lang)
        theme = config.get("theme", DEFAULT_THEME)
        images = _draw(diffs, base, head, args, theme) if args.output and diffs else {}
    pages = PageRenderer(config.path("templates"))
    if args.format == "json":
        terminal.write_report(
            json.dumps(_as_json(base, head, diffs, images), indent=2, ensure_ascii=False) + "\n",
            in_json=True,
        )
        return ExitCode.DIFFERENT if diffs else ExitCode.OK
    words = pages.messages.words(args.lang)
    flowcharts = diff_flowcharts(diffs, base.stages, head.stages, args.lang, words)
    if args.format == "mermaid":
        terminal.write_report(mermaid_report(diffs, flowcharts))
    else:
        terminal.write_report(
            pages.diff_page(base.label, head.label, diffs, images, args.lang, flowcharts)
        )
    return ExitCode.DIFFERENT if diffs else ExitCode.OK


def _side(name: str, paths: list[Path], stack: ExitStack) -> SpecSet:
    from archgen.diff.sources import folder, is_revision, revision

    if Path(name).is_dir():
        return folder(Path(name))
    if is_revision(name):
        return stack.enter_context(revision(name, paths))
    raise UsageError(f"'{name}' is neither a folder nor a git revision")


def _draw(
    diffs: list[StageDiff], base: SpecSet, head: SpecSet, args: argparse.Namespace, theme: str
) -> dict[str, str]:
    """Write one diff diagram per changed stage, in the configuration's theme; return
    stage id -> file name."""
    from archgen.diff.picture import diff_picture
    from archgen.draw.render import render
    from archgen.draw.theme import load_theme
    from archgen.pages.markdown import PageRenderer

    before = {stage.id: stage for stage in base.stages}
    after = {stage.id: stage for stage in head.stages}
    words = PageRenderer().messages.words(args.lang)
    images = {}
    for diff in diffs:
        diagram = diff_picture(
            diff, before.get(diff.id), after.get(diff.id), args.lang, words, load_theme(theme)
        )
        rendered = render(diagram, args.image_format)  # Graphviz missing: exit 3, as build
        for fmt, data in rendered.items():
            write_atomically(args.output / f"{diff.id}.diff.{fmt}", data)
        images[diff.id] = f"{diff.id}.diff.{args.image_format[0]}"
    return images


def _as_json(
    base: SpecSet, head: SpecSet, diffs: list[StageDiff], images: dict[str, str]
) -> dict[str, Any]:
    return {
        "base": base.label,
        "head": head.label,
        "stages": [
            {
                **asdict(diff),
                "status": diff.status.value,
                "changes": [_change_as_json(c) for c in diff.changes],
                "inherited": [_change_as_json(c) for c in diff.inherited],
                "diagram": images.get(diff.id),
            }
            for diff in diffs
        ],
    }


def _change_as_json(change: PartChange) -> dict[str, Any]:
    """A change with its fields; an edge's ``edge_ids``, the pairs it covers; the
    "renamed?" hints and the stage an inherited change was made in, null where none."""
    return {
        **asdict(change),
        "status": change.status.value,
        "fields": [asdict(f) for f in change.fields],
        "edge_ids": list(change.edge_ids),
    }
