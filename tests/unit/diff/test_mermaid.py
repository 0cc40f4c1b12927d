"""diff.mermaid: a diff as a Mermaid flowchart. Every text escaped so that Mermaid reads
it as text and shows it as written, every id generated, the changes marked in colour,
words and line styles, and the diagram kept within Mermaid's limits.

tests/integration/test_mermaid_browser.py renders what this writes with Mermaid itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import TESTS, resolve_specs

from archgen.diff.compare import Status, diff_stage_graph, diff_stages
from archgen.diff.mermaid import MAX_TEXT, diff_flowcharts, flowchart, mermaid_text
from archgen.pages.markdown import PageRenderer
from archgen.resolve.stage import Stage
from archgen.spec.load import load_spec

BASE = """
    id: shop
    title: Shop
    direction: TB
    nodes:
      users: {kind: users, label: Users}
      web: {kind: ec2, label: Web}
      db: {kind: rds, label: Database}
      old: {kind: ec2, label: Old batch}
    groups:
      app: {label: App, members: [web, data]}
      data: {label: Data, members: [db, old]}
    edges:
      - {from: users, to: web, label: request}
      - {from: web, to: db, label: writes}
      - {from: old, to: db}
      - {from: db, to: web, label: reads, style: dashed}
    """
HEAD = (
    BASE.replace("label: Database}", "label: Main DB}\n      cache: {kind: elasticache}")
    .replace("      old: {kind: ec2, label: Old batch}\n", "")
    .replace("[db, old]", "[db, cache]")
    .replace("      - {from: old, to: db}\n", "      - {from: web, to: cache, direction: both}\n")
    .replace("label: reads, style: dashed}", "label: reads, style: dotted}")
)
WORDS = PageRenderer().messages.words


def shop(tmp_path: Path, language: str = "en") -> str:
    base, _ = resolve_specs(tmp_path / "base", BASE)
    head, _ = resolve_specs(tmp_path / "head", HEAD)
    return diff_flowcharts(
        diff_stages(base, head, language), base, head, language, WORDS(language)
    )["shop"]


def ids(text: str) -> dict[str, str]:
    """Each node's Mermaid id by its label's first line."""
    return {
        label.split("<br>")[0]: node
        for node, label in re.findall(r'^\s*(n\d+)\["([^"]*)"\]$', text, re.M)
    }


def test_a_text_mermaid_would_read_as_syntax_is_written_as_entity_codes() -> None:
    assert mermaid_text('a "b" [c] {d} (e) #f; g|h <i> & `j` %%{init} k:l') == (
        "a #34;b#34; #91;c#93; #123;d#125; #40;e#41; #35;f#59; g#124;h #60;i#62; #38; "
        "#96;j#96; #37;#37;#123;init#125; k#58;l"
    )
    assert mermaid_text("end") == "end", "a quoted 'end' is text"
    assert mermaid_text("데이터베이스 — ok") == "데이터베이스 — ok", "no syntax outside ASCII"
    assert mermaid_text("two\nlines") == "two<br>lines"
    assert mermaid_text("tab\there\x00\u202e") == "tab here", "control and bidi characters go"
    assert mermaid_text("$$x$$ fa:fa-car") == "#36;#36;x#36;#36; fa#58;fa-car", "no KaTeX, no icon"
    # Mermaid's own stand-in for '&#' while it parses: written as a code too.
    assert mermaid_text("\ufb02\u00b0\u00b060\u00b6\u00df") == "#64258;\u00b0\u00b060#182;\u00df"
    assert mermaid_text("x" * 200) == "x" * 79 + "\u2026"


def test_groups_are_subgraphs_nested_and_ids_are_generated(tmp_path: Path) -> None:
    text = shop(tmp_path)
    lines = text.splitlines()
    assert lines[0] == "flowchart TB"
    app = lines.index('    subgraph g0["App"]')
    data = lines.index(
        '    subgraph g1["Data #40;#126; changed#41;"]'.replace("    s", "        s")
    )
    assert app < data < lines.index("        end") < lines.index("    end")
    assert set(ids(text).values()) == {"n0", "n1", "n2", "n3", "n4"}


def test_added_changed_and_removed_parts_are_marked_in_colour_words_and_lines(
    tmp_path: Path,
) -> None:
    text = shop(tmp_path)
    node = ids(text)
    assert f'{node["Main DB"]}["Main DB<br>#126; changed"]' in text
    assert f'{node["cache"]}["cache<br>+ added"]' in text, "no label: the id"
    assert f'{node["Old batch"]}["Old batch<br>\u2212 removed"]' in text
    assert f'{node["Users"]}["Users"]' in text, "context is drawn plainly"
    edges = re.findall(r"^    ([ng]\d+ \S+ .*)$", text, re.M)
    assert edges == [
        f'{node["Users"]} -->|"request"| {node["Web"]}',
        f'{node["Web"]} -->|"writes"| {node["Main DB"]}',
        f'{node["Web"]} <==>|"+ added"| {node["cache"]}',
        f'{node["Main DB"]} ==>|"reads #40;#126; changed#41;"| {node["Web"]}',
        f'{node["Old batch"]} -.->|"\u2212 removed"| {node["Main DB"]}',
    ]
    assert "    linkStyle 2 stroke:#0072B2,stroke-width:3px" in text
    assert "    linkStyle 3 stroke:#D55E00,stroke-width:3px" in text
    assert "    linkStyle 4 stroke:#9E9E9E,stroke-width:2px" in text
    assert re.search(r"^    classDef removed .*stroke:#9E9E9E.*stroke-dasharray", text, re.M)
    assert f"    class {node['cache']} added" in text
    assert f"    class {node['Main DB']},g1 changed" in text
    assert f"    class {node['Old batch']} removed" in text


def test_the_words_are_the_reports_language(tmp_path: Path) -> None:
    text = shop(tmp_path, "ko")
    assert "+ 추가됨" in text and "#126; 변경됨" in text and "\u2212 제거됨" in text


def test_a_removed_stage_is_all_ghosts(tmp_path: Path) -> None:
    base, _ = resolve_specs(tmp_path, BASE)
    (diff,) = diff_stages(base, [], "en")
    assert diff.status is Status.REMOVED
    text = flowchart(diff_stage_graph(diff, base[0], None), "en", WORDS("en"))
    assert "==>" not in text and " --> " not in text and text.count("-.->") == 4
    (ghosts,) = re.findall(r"^    class (\S+) removed$", text, re.M)
    assert sorted(ghosts.split(",")) == ["g0", "g1", "n0", "n1", "n2", "n3"]


# What a line of the flowchart may be; a quoted text holds codes, letters and plain
# punctuation only, and '<br>' is the one tag.
QUOTED = r'"(?:[^"<>&`|#%;:\[\]{}()\\]|#\d+;|<br>)*"'
LINE = re.compile(
    r"flowchart (?:LR|RL|TB|BT)|\s*direction (?:LR|RL|TB|BT)|\s*end"
    rf"|\s*subgraph g\d+\[{QUOTED}\]|\s*n\d+\[{QUOTED}\]"
    rf"|\s*[ng]\d+ <?(?:-->|==>|-\.->|---|===|-\.-)(?:\|{QUOTED}\|)? [ng]\d+"
    r"|\s*classDef (?:added|changed|removed) [a-z-]+:[#\w]+(?:,[a-z-]+:[#\w ]+)*"
    r"|\s*class [ng]\d+(?:,[ng]\d+)* (?:added|changed|removed)"
    r"|\s*linkStyle \d+(?:,\d+)* stroke:#\w+,stroke-width:\dpx"
)


@pytest.mark.parametrize("spec", sorted((TESTS / "hostile_specs").glob("*.yaml")), ids=str)
def test_a_hostile_spec_writes_only_flowchart_lines(spec: Path) -> None:
    from archgen.resolve.resolver import resolve_all

    stages, problems = resolve_all([load_spec(spec)])
    assert not problems
    for language in ("en", "ko"):
        for text in diff_flowcharts(
            diff_stages([], stages, language), [], stages, language, WORDS(language)
        ).values():
            for line in text.splitlines():
                assert LINE.fullmatch(line), line


def big_stage(tmp_path: Path, nodes: int) -> list[Stage]:
    """A stage of ``nodes`` nodes with long labels, in tiers of ten, each linked to the
    next tier: an architecture, not a random graph."""
    label = "Application server in the primary region " * 2
    lines = ["id: big", "title: Big", "nodes:"]
    lines += [f"  s{i}: {{kind: ec2, label: '{label}{i}'}}" for i in range(nodes)]
    lines += ["edges:"] + [f"  - {{from: s{i}, to: s{i + 10}}}" for i in range(nodes - 10)]
    lines += ["  - {from: s0, to: s1}"]
    stages, problems = resolve_specs(tmp_path, "\n".join(lines))
    assert not problems
    return stages


def test_a_large_stage_keeps_within_mermaids_limits_leaving_context_out(tmp_path: Path) -> None:
    base = big_stage(tmp_path / "base", 600)
    head = big_stage(tmp_path / "head", 601)
    text = diff_flowcharts(diff_stages(base, head, "en"), base, head, "en", WORDS("en"))["big"]
    assert len(text) <= MAX_TEXT
    cut = ("Application server in the primary region " * 2)[:79] + "\u2026"
    assert re.findall(r'\["([^"]*)"\]', text) == [cut, f"{cut}<br>+ added"]
    assert re.findall(r"^    n\d+ ([-=.<>]+)", text, re.M) == ["==>"], "the change and its ends"


def test_a_stage_too_large_even_so_says_so(tmp_path: Path) -> None:
    base = big_stage(tmp_path / "base", 10)
    head = big_stage(tmp_path / "head", 1000)
    text = diff_flowcharts(diff_stages(base, head, "en"), base, head, "en", WORDS("en"))["big"]
    assert text == (
        "flowchart LR\n"
        '    n0["Too large for Mermaid#59; the Markdown report lists every change."]\n'
    )


def test_an_edge_drawn_back_or_without_arrows_keeps_its_meaning(tmp_path: Path) -> None:
    spec = """
        id: pair
        title: Pair
        nodes:
          a: {kind: ec2}
          b: {kind: ec2}
        edges:
          - {from: a, to: b, direction: back, label: answer}
          - {from: a, to: b, direction: none}
        """
    head, _ = resolve_specs(tmp_path, spec)
    text = diff_flowcharts(diff_stages([], head, "en"), [], head, "en", WORDS("en"))["pair"]
    assert re.findall(r"^    (n\d+ \S+ .*)$", text, re.M) == [
        'n1 ==>|"answer #40;+ added#41;"| n0',
        'n0 ===|"+ added"| n1',
    ]
