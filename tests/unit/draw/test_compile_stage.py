"""Step 3, compile: a resolved stage -> the DOT text a user's Graphviz lays out.

A stage is built here by hand, so the test reads compile alone: ids come from the
spec, icons are named relative to the icon folder, labels are escaped (a backslash
guarded so that Graphviz does not expand ``\\N``), and what is new wears its badge,
colour and bold line, with a legend saying so.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from archgen.catalog.kinds import find_kind
from archgen.draw.compile import compile_stage
from archgen.resolve.stage import Change, Stage, StageEdge, StageGroup, StageNode
from archgen.spec.model import Text

FONT = "Noto Sans CJK KR,Noto Sans KR,Apple SD Gothic Neo,Malgun Gothic,sans-serif"
GUARD = "\u200b"  # after each backslash of a label
NEW_BADGE = '<FONT POINT-SIZE="10"><B>NEW</B></FONT>'


def small_stage() -> Stage:
    """An EC2 web server, and a new ECS service (a diagrams alias path) in a new group."""
    return Stage(
        id="cache",
        order=1,
        source="specs/cache.yaml",
        title=Text.plain("Cache"),
        summary=None,
        direction="LR",
        nodes=(
            StageNode("web", find_kind("ec2"), Text.plain('Web "1" <b>\\N')),
            StageNode("tasks", find_kind("aws.compute.ECS"), Text.plain("Tasks"), Change.NEW),
        ),
        groups=(StageGroup("app", Text.plain("App & co"), ("web", "tasks"), Change.NEW),),
        edges=(
            StageEdge(
                "web->tasks",
                None,
                "web",
                "tasks",
                Text.plain("jobs"),
                step_numbers=(2,),
                change=Change.NEW,
            ),
        ),
        steps=(),
        aws=(),
        notes=(),
    )


def test_compile_stage_writes_the_dot_graphviz_lays_out() -> None:
    # The page's width (1,200 pt less its pad, the label's margins and cell spacing, and
    # the point Graphviz's rounding adds back), then the legend on one line.
    legend = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="0">'
        '<TR><TD FIXEDSIZE="TRUE" WIDTH="1161" HEIGHT="1"></TD></TR><TR><TD>'
        f'<FONT COLOR="#0072B2"><B>━━━▶</B>\u00a0{NEW_BADGE}</FONT>\u00a0New in this stage'
        "</TD></TR></TABLE>>"
    )
    new_label = (
        '<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1"><TR><TD>Tasks</TD></TR>'
        f"<TR><TD>{NEW_BADGE}</TD></TR></TABLE>>"
    )
    expected = [
        "digraph cache {",
        f'\tgraph [compound=true fontcolor="#2D3436" fontname="{FONT}" fontsize=15 '
        f'id="cache.graph" label={legend} labeljust=c labelloc=b nodesep=0.7 pad=0.1 '
        "rankdir=LR ranksep=1.1 splines=spline]",
        f'\tnode [fixedsize=true fontcolor="#2D3436" fontname="{FONT}" fontsize=13 height=1.4 '
        "imagepos=tc imagescale=true labelloc=b shape=box style=rounded width=1.4]",
        '\tedge [color="#7B8894"]',
        "\tsubgraph cluster_app {",
        f'\t\tgraph [bgcolor="#E5F5FD" fontname="{FONT}" fontsize=12 id="cache.group.app" '
        'label=<App &amp; co> labeljust=l labelloc=t pencolor="#0072B2" penwidth=2 '
        "rankdir=LR shape=box style=rounded]",
        f"\t\tweb [label=<Web &quot;1&quot; &lt;b&gt;\\{GUARD}N> height=1.66 "
        'id="cache.node.web" image="resources/aws/compute/ec2.png" shape=none '
        f'tooltip="Web \\"1\\" <b>\\\\{GUARD}N"]',
        f'\t\ttasks [label={new_label} fontcolor="#0072B2" height=1.92 id="cache.node.tasks" '
        'image="resources/aws/compute/elastic-container-service.png" shape=none tooltip=Tasks]',
        "\t}",
        '\tweb -> tasks [label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
        'CELLPADDING="4"><TR><TD><B>(2)</B> jobs</TD></TR></TABLE>> color="#0072B2" dir=forward '
        f'fontcolor="#0072B2" fontname="{FONT}" fontsize=13 id="cache.edge.web--tasks" '
        "style=bold]",
        "}",
    ]
    assert compile_stage(small_stage(), "en").dot_source.splitlines() == expected


def test_compiling_a_stage_imports_nothing_of_diagrams() -> None:
    """The icons and style defaults are archgen's own tables: diagrams' modules, slow
    to import, are never loaded to draw."""
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_compile_stage import small_stage
        from archgen.draw.compile import compile_stage
        from archgen.draw.render import render
        compile_stage(small_stage(), "en")
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("diagrams", "graphviz")))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
