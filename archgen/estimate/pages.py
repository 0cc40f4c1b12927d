"""An evaluated estimate -> its page (Markdown, through ``estimate.md.j2``) and its text
for the terminal (``archgen estimate FILE``). Both say the same: the assumptions, each
formula with its numbers put in, and the results, rounded and exact.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from archgen.estimate.evaluate import EstimateResult
from archgen.estimate.formula import Name, Number, expression_text
from archgen.estimate.humanize import Shown, digits_text, show_exact, to_decimal
from archgen.estimate.loaded import Figure
from archgen.estimate.units import SCALE
from archgen.pages.markdown import Page, PageRenderer
from archgen.project.layout import estimate_page
from archgen.project.templates import ESTIMATE_TEMPLATE
from archgen.spec.model import text_or_empty


@dataclass(frozen=True)
class AssumptionRow:
    name: str
    label: str
    value: str
    note: str
    disagreeing: tuple[str, ...]  # other figures written for it that do not agree


@dataclass(frozen=True)
class Calculation:
    """One derived value: its formula, the formula with numbers, and the result."""

    name: str
    label: str
    formula: str  # 'dau × tweets_per_user'
    numbers: str  # '150 million users × 2 tweets/user/day'
    result: Shown
    expected: str | None  # the figure the spec expects, if any
    agrees: bool | None
    note: str


@dataclass(frozen=True)
class EstimateView:
    """What the template and the terminal show, in one language."""

    id: str
    title: str
    summary: str
    assumptions: list[AssumptionRow]
    steps: list[Calculation]  # named so for the templates, which loop over estimate.steps
    notes: list[str]
    uses_bytes: bool
    binary: bool


def view(result: EstimateResult, language: str) -> EstimateView:
    loaded = result.loaded
    spec = loaded.spec
    rows = [
        AssumptionRow(
            name,
            text_or_empty(a.label, language),
            _exact(result, name, language),
            text_or_empty(a.note, language),
            a.disagreeing,
        )
        for name, a in loaded.assumptions.items()
    ]
    steps = [
        _calculation(result, name, language) for name in loaded.derived if name in result.units
    ]
    uses_bytes = any("[information]" in value.dimensionality for value in result.values.values())
    return EstimateView(
        spec.id,
        spec.title.get(language),
        text_or_empty(spec.summary, language),
        rows,
        steps,
        [note.get(language) for note in spec.notes],
        uses_bytes,
        spec.bytes == "binary",
    )


def _exact(result: EstimateResult, name: str, language: str) -> str:
    return show_exact(result.values[name], result.units[name], language)


def _calculation(result: EstimateResult, name: str, language: str) -> Calculation:
    definition = result.loaded.derived[name]
    check = result.checks.get(name)
    return Calculation(
        name,
        text_or_empty(definition.label, language),
        expression_text(definition.expr, lambda leaf: (_as_written(leaf), False)),
        expression_text(definition.expr, lambda leaf: _with_numbers(result, leaf, language)),
        result.shown(name, language),
        _expected(definition.expect, language),
        check,
        text_or_empty(definition.note, language),
    )


def _expected(stated: Figure | None, language: str) -> str | None:
    """The figure the spec expects, written in the page's language: 1.5억 명."""
    return show_exact(stated.quantity, stated.unit, language) if stated else None


def _as_written(leaf: Number | Name) -> str:
    return leaf.name if isinstance(leaf, Name) else leaf.text


def _with_numbers(result: EstimateResult, leaf: Number | Name, language: str) -> tuple[str, bool]:
    """A name replaced by its value ('150 million users'), a unit by its name ('day')."""
    if isinstance(leaf, Number):
        return digits_text(to_decimal(leaf.value)), False
    if leaf.name in result.values:
        text = _exact(result, leaf.name, language)
        return text, "/" in text or "·" in text
    word = result.loaded.vocabulary.lookup(leaf.name)
    if word is None or word.kind == SCALE:
        return leaf.name, False
    return word.name(language), False


def render_estimate_page(result: EstimateResult, language: str, renderer: PageRenderer) -> Page:
    """The estimate's page, ``estimates/<id>.md`` relative to the language's folder."""
    text = renderer.render(ESTIMATE_TEMPLATE, language, estimate=view(result, language))
    return Page(estimate_page(result.loaded.id), text)


_TERMINAL_WORDS = {
    "en": ("Assumptions", "Estimates", "expected", "agrees", "does not agree", "Notes", "exact"),
    "ko": ("가정", "추정", "예상", "일치", "불일치", "참고 사항", "정확한 값"),
}


def format_for_terminal(result: EstimateResult, language: str = "en") -> str:
    """Plain text for ``archgen estimate FILE``: what the page says, aligned for a terminal.

    Warnings are not included; they are diagnostics, printed by the caller to stderr.
    """
    estimate = view(result, language)
    words = _TERMINAL_WORDS.get(language, _TERMINAL_WORDS["en"])
    lines = [estimate.title, "=" * _width(estimate.title), ""]
    if estimate.assumptions:
        lines += [words[0], ""]
        name_width = max(_width(row.name) for row in estimate.assumptions)
        value_width = max(_width(row.value) for row in estimate.assumptions)
        for row in estimate.assumptions:
            lines.append(
                f"  {_pad(row.name, name_width)}  {_pad(row.value, value_width)}  "
                f"{row.label}".rstrip()
            )
        lines.append("")
    if estimate.steps:
        lines += [words[1], ""]
        for step in estimate.steps:
            lines += _calculation_lines(step, words)
    for index, note in enumerate(estimate.notes):
        lines += ([words[5], ""] if index == 0 else []) + [f"  - {note}"]
    return "\n".join(lines).rstrip() + "\n"


def _calculation_lines(step: Calculation, words: tuple[str, ...]) -> list[str]:
    indent = " " * (_width(step.name) + 1)  # under the '=' of 'name = formula'

    lines = [f"  {step.label}" if step.label else "", f"  {step.name} = {step.formula}"]
    if step.numbers != step.formula:
        lines.append(f"  {indent}= {step.numbers}")
    result = step.result
    if result.approximate:
        lines.append(f"  {indent}≈ {result.rounded}   ({words[6]}: {result.exact})")
    else:
        lines.append(f"  {indent}= {result.rounded}")
    if step.expected is not None:
        verdict = words[3] if step.agrees else words[4]
        lines.append(f"  {indent}  {words[2]}: {step.expected} ({verdict})")
    return [line for line in lines if line] + [""]


def _width(text: str) -> int:
    """Columns a text takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
