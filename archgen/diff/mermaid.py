"""A diff as a Mermaid flowchart: what a pull-request comment can show with no image hosting.

GitHub renders a ```mermaid block in a comment, so the diff diagram travels as text. The
flowchart is drawn from the stage ``diff_stage_graph`` returns (head's parts and the
removed ones as ghosts, each part's ``change`` set), so it shows what the Graphviz diff
diagram shows: added parts in blue, changed ones in orange, removed ones grey and dashed.
Colour is never the only sign: a label carries a marker and a word ("+ added"), and an
edge's line says it too (added and changed thick, removed dotted).

Only syntax Mermaid has read since version 9 is written (``flowchart``, ``subgraph``,
``classDef``, ``class``, ``linkStyle``), since GitHub's Mermaid may lag the newest.
Every id is generated (``n0``, ``g0``), since a spec id like ``end`` or ``o-x`` reads as
Mermaid syntax; every text is quoted, with every character that is not a letter, a
digit or plain punctuation written as Mermaid's entity code (``#60;``), which Mermaid
turns into an HTML character reference: a label can neither end its string nor make
markup (GitHub renders Mermaid with ``securityLevel: strict`` as well).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from archgen.diff.compare import StageDiff, diff_stage_graph
from archgen.draw.style import CHANGE_STYLES
from archgen.resolve.stage import Change, Stage, StageEdge, StageGroup
from archgen.spec.model import Text

Translate = Callable[[str], str]

# Mermaid refuses a diagram over maxTextSize characters (50,000 by default, as on
# GitHub) and draws no edges past maxEdges (500); stay well inside both.
MAX_TEXT = 40_000
MAX_EDGES = 400
LABEL_CHARACTERS = 80  # a label longer than this is cut, with an ellipsis

# Characters that mean nothing to Mermaid inside a quoted string. Not among them: ':'
# and ';' (Mermaid's entity pass reads 'style...:...#...;' on one line as a style, and
# 'fa:fa-car' is an icon), '$' ('$$x$$' is KaTeX), '*', '_', '~' (Markdown strings).
_PLAIN = frozenset(" .,-/!?+=@'")
# Mermaid writes an entity code as 'ﬂ°°NNN¶ß' while it parses, and turns every such
# run into '&#NNN;' at the end: a label's own 'ﬂ' and '¶' are written as codes, so no
# label can spell a character reference.
_PLACEHOLDER = frozenset("\ufb02\u00b6")


@dataclass(frozen=True)
class Look:
    """How one kind of change is written: its class, its marker, its word, its line."""

    css_class: str
    marker: str
    word: str  # the report's own word (messages.yaml), as its tables say it
    arrow: str  # forward; the other directions are made from it
    fill: str
    text: str  # dark text on a light fill reads on GitHub's light and dark themes


_LOOKS = {
    Change.NEW: Look("added", "+", "added", "==>", "#E1F0FA", "#00334F"),
    Change.CHANGED: Look("changed", "~", "changed", "==>", "#FCE9DE", "#6B2F00"),
    Change.REMOVED: Look("removed", "\u2212", "removed", "-.->", "#F2F2F2", "#555555"),
}
_PLAIN_ARROW = "-->"


def mermaid_text(text: str, limit: int = LABEL_CHARACTERS) -> str:
    """``text`` as it may stand between a Mermaid string's quotes, shown as written.

    Letters (of any script), digits and plain punctuation stay; a line break becomes
    ``<br>``; every other character becomes Mermaid's ``#NNN;`` code, quotes, ``#``,
    brackets, ``<``, ``>``, ``&``, ``|``, backticks and ``%`` (a ``%%{`` directive)
    included; control characters are dropped.
    """
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return "".join(_character(c) for c in text)


def _character(c: str) -> str:
    if c == "\n":
        return "<br>"
    if c == "\t":
        return " "
    if (c.isalnum() or c in _PLAIN) and c not in _PLACEHOLDER:
        return c
    category = unicodedata.category(c)
    if category[0] == "C":  # control, format (bidi overrides), unassigned
        return ""
    # No Mermaid syntax is outside ASCII.
    if ord(c) > 127 and category[0] in "LMNPS" and c not in _PLACEHOLDER:
        return c
    return f"#{ord(c)};"


def flowchart(stage: Stage, language: str, words: Translate) -> str:
    """The stage as one Mermaid flowchart: within Mermaid's limits, context left out first."""
    text = _Writer(stage, language, words).text()
    if len(text) <= MAX_TEXT and len(stage.edges) <= MAX_EDGES:
        return text
    trimmed = _changes_only(stage)
    text = _Writer(trimmed, language, words).text()
    if len(text) <= MAX_TEXT and len(trimmed.edges) <= MAX_EDGES:
        return text
    note = words("Too large for Mermaid; the Markdown report lists every change.")
    return f'flowchart {stage.direction}\n    n0["{mermaid_text(note, 200)}"]\n'


def _changes_only(stage: Stage) -> Stage:
    """The changed parts and the nodes at their ends: the context a large stage can spare."""
    edges = [e for e in stage.edges if e.change in _LOOKS]
    kept = {e.source for e in edges} | {e.target for e in edges}
    kept |= {n.id for n in stage.nodes if n.change in _LOOKS}
    kept |= {g.id for g in stage.groups if g.change in _LOOKS}
    while True:  # a group holding a kept part is kept, and so on outwards
        holding = {g.id for g in stage.groups if g.id not in kept and kept & set(g.members)}
        if not holding:
            break
        kept |= holding
    groups = [g for g in stage.groups if g.id in kept]
    return replace(
        stage,
        nodes=tuple(n for n in stage.nodes if n.id in kept),
        groups=tuple(replace(g, members=tuple(m for m in g.members if m in kept)) for g in groups),
        edges=tuple(edges),
    )


class _Writer:
    """Writes one stage's flowchart: nodes and groups, edges, then the styles."""

    def __init__(self, stage: Stage, language: str, words: Translate) -> None:
        self.stage = stage
        self.language = language
        self.words = words
        self.ids = {node.id: f"n{i}" for i, node in enumerate(stage.nodes)}
        self.ids |= {group.id: f"g{i}" for i, group in enumerate(stage.groups)}
        self.groups = {group.id: group for group in stage.groups}
        self.nodes = {node.id: node for node in stage.nodes}
        self.classes: dict[str, list[str]] = {}  # class name -> the Mermaid ids in it
        self.links: dict[Change, list[int]] = {}  # a change -> the indexes of its edges

    def text(self) -> str:
        lines = [f"flowchart {self.stage.direction}"]
        lines += self._parts()
        lines += self._edges()
        lines += self._styles()
        return "\n".join(lines) + "\n"

    def _parts(self) -> Iterator[str]:
        """Each group as a subgraph holding its members, nested ones nested; then the
        nodes that are in no group. A part listed twice is drawn where it is listed first."""
        placed: set[str] = set()
        inside = {member for group in self.stage.groups for member in group.members}
        for group in self.stage.groups:
            if group.id not in inside:
                yield from self._subgraph(group, placed, 1)
        for node in self.stage.nodes:
            if node.id not in placed:
                yield self._node(node.id, 1)

    def _subgraph(self, group: StageGroup, placed: set[str], depth: int) -> Iterator[str]:
        placed.add(group.id)
        pad = "    " * depth
        label = self._label(group.label, group.change, inline=True)
        yield f'{pad}subgraph {self.ids[group.id]}["{label}"]'
        if group.direction:
            yield f"{pad}    direction {group.direction}"
        for member in group.members:
            if member in placed or member not in self.ids:
                continue
            if member in self.groups:
                yield from self._subgraph(self.groups[member], placed, depth + 1)
            else:
                placed.add(member)
                yield self._node(member, depth + 1)
        yield f"{pad}end"
        self._classify(group.id, group.change)

    def _node(self, node_id: str, depth: int) -> str:
        node = self.nodes[node_id]
        self._classify(node.id, node.change)
        label = self._label(node.label, node.change, fallback=node.id)
        return f'{"    " * depth}{self.ids[node.id]}["{label}"]'

    def _label(
        self, text: Text | None, change: Change, fallback: str = "", inline: bool = False
    ) -> str:
        """A part's label in the report's language, with its change's marker and word
        on a line of their own, or ``inline`` in brackets (a subgraph's title has room
        for one line only: a second would run into its members)."""
        shown = mermaid_text(text.get(self.language) if text else "") or mermaid_text(fallback)
        look = _LOOKS.get(change)
        if look is None:
            return shown or " "
        badge = mermaid_text(f"{look.marker} {self.words(look.word)}")
        if not shown:
            return badge
        return f"{shown} #40;{badge}#41;" if inline else f"{shown}<br>{badge}"

    def _classify(self, mermaid_id: str, change: Change) -> None:
        look = _LOOKS.get(change)
        if look is not None:
            self.classes.setdefault(look.css_class, []).append(self.ids[mermaid_id])

    def _edges(self) -> Iterator[str]:
        index = 0
        for edge in self.stage.edges:
            if edge.source not in self.ids or edge.target not in self.ids:
                continue
            yield "    " + self._edge(edge)
            if edge.change in _LOOKS:
                self.links.setdefault(edge.change, []).append(index)
            index += 1

    def _edge(self, edge: StageEdge) -> str:
        look = _LOOKS.get(edge.change)
        arrow = look.arrow if look else _PLAIN_ARROW
        source, target = self.ids[edge.source], self.ids[edge.target]
        if edge.direction == "back":  # Mermaid has no arrow at the start alone
            source, target = target, source
        elif edge.direction == "both":
            arrow = "<" + arrow
        elif edge.direction == "none":
            arrow = arrow[:-1] + arrow[-2]  # '-->' -> '---', '==>' -> '===', '-.->' -> '-.-'
        label = edge.label.get(self.language) if edge.label else ""
        text = mermaid_text(label)
        if look:
            marker = mermaid_text(f"{look.marker} {self.words(look.word)}")
            text = f"{text} #40;{marker}#41;" if text else marker
        return f'{source} {arrow}|"{text}"| {target}' if text else f"{source} {arrow} {target}"

    def _styles(self) -> Iterator[str]:
        for change, look in _LOOKS.items():
            color = CHANGE_STYLES[change].color
            dash = ",stroke-dasharray:5 4" if change is Change.REMOVED else ""
            width = "2px" if change is Change.REMOVED else "3px"
            if look.css_class in self.classes:
                yield (
                    f"    classDef {look.css_class} fill:{look.fill},stroke:{color},"
                    f"stroke-width:{width},color:{look.text}{dash}"
                )
                yield f"    class {','.join(self.classes[look.css_class])} {look.css_class}"
            if change in self.links:
                indexes = ",".join(map(str, self.links[change]))
                yield f"    linkStyle {indexes} stroke:{color},stroke-width:{width}"


def diff_flowcharts(
    diffs: Sequence[StageDiff],
    base: Iterable[Stage],
    head: Iterable[Stage],
    language: str,
    words: Translate,
) -> dict[str, str]:
    """The flowchart of each stage that made a change, by stage id; a removed stage is
    drawn all ghosts. A stage that only inherits its changes gets none: the change is
    drawn once, at the stage that made it (its children's summary lines name it)."""
    before = {stage.id: stage for stage in base}
    after = {stage.id: stage for stage in head}
    return {
        diff.id: flowchart(
            diff_stage_graph(diff, before.get(diff.id), after.get(diff.id)), language, words
        )
        for diff in diffs
        if diff.changes
    }


def mermaid_report(diffs: Sequence[StageDiff], flowcharts: dict[str, str]) -> str:
    """``archgen diff --format mermaid``: each diagram after a ``%% <id>: <status>`` line,
    a blank line between them; one stage's output is a .mmd file as it is."""
    return "\n".join(
        f"%% {diff.id}: {diff.status.value}\n{flowcharts[diff.id]}"
        for diff in diffs
        if diff.id in flowcharts
    )
