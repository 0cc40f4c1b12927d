"""The ``derived:`` section: each formula parsed, its names resolved, its display unit and
expected figure read, and the order to compute them in, refusing cycles."""

from __future__ import annotations

from archgen.diagnostics import Location, suggest
from archgen.estimate.context import EstimateContext
from archgen.estimate.figures import read_figures, scalar_text
from archgen.estimate.formula import Expr, FormulaError, Name, names, parse
from archgen.estimate.humanize import DisplayUnit
from archgen.estimate.loaded import DerivedDef, Figure, Locate


def read_derived(context: EstimateContext) -> dict[str, DerivedDef]:
    found = {}
    known = {*context.spec.assumptions, *context.spec.derived}  # built once: the pass stays linear
    for name, derived in context.spec.derived.items():
        path = context.value_path("derived", name, "formula")
        text = scalar_text(derived.formula)
        locate = context.locator(path, text)
        try:
            expr = parse(text)
        except FormulaError as error:
            context.error(locate(error.offset), f"formula of '{name}': {error.message}")
            continue
        _check_references(context, name, expr, locate, known)
        found[name] = DerivedDef(
            name,
            derived.label,
            derived.note,
            text,
            expr,
            context.document.locate(path),
            *_display_unit(context, name),
            _expectation(context, name),
            locate,
        )
    return found


def _check_references(
    context: EstimateContext, name: str, expr: Expr, locate: Locate, known: set[str]
) -> None:
    """Each name in a formula is an assumption, a derived value or a unit."""
    vocabulary = context.vocabulary
    for reference in names(expr):
        if reference.name in known or vocabulary.lookup(reference.name):
            continue
        hint = suggest(reference.name, known) or suggest(reference.name, vocabulary.spellings())
        context.error(
            locate(reference.start),
            f"formula of '{name}': unknown name '{reference.name}'{hint}",
        )


def _display_unit(
    context: EstimateContext, name: str
) -> tuple[DisplayUnit | None, Location | None]:
    """The unit the spec asks the value to be shown in (``unit:``), and where it says so."""
    text = context.spec.derived[name].unit
    if text is None:
        return None, None
    path = ("derived", name, "unit")
    found = context.read_unit(text, context.locator(path, text), f"unit of '{name}'", scale=False)
    location = context.document.locate(path)
    return (DisplayUnit(found[2], found[0]) if found else None), location


def _expectation(context: EstimateContext, name: str) -> Figure | None:
    """The figure the source states for the value (``expect:``), to check the result by."""
    value = context.spec.derived[name].expect
    if value is None:
        return None
    text, path = scalar_text(value), ("derived", name, "expect")
    figures = read_figures(context, text, path, f"'expect' of '{name}'")
    if len(figures) > 1:
        context.error(context.document.locate(path), "'expect' takes one value")
    return figures[0] if figures else None


def evaluation_order(context: EstimateContext, derived: dict[str, DerivedDef]) -> tuple[str, ...]:
    """Each derived value after those it uses; a cycle is an error where it closes."""
    ordering = _Ordering(context, derived)
    for start in derived:
        ordering.visit(start)
    return tuple(ordering.ordered)


class _Ordering:
    def __init__(self, context: EstimateContext, derived: dict[str, DerivedDef]) -> None:
        self.context = context
        self.derived = derived
        self.uses = {
            name: [r for r in names(d.expr) if r.name in derived] for name, d in derived.items()
        }
        self.state: dict[str, str] = {}  # 'open' while its uses are visited, then 'done'
        self.ordered: list[str] = []

    def visit(self, start: str) -> None:
        # Depth first without recursion: a long chain of values cannot overflow the stack.
        if start in self.state:
            return
        stack: list[tuple[str, int]] = [(start, 0)]
        self.state[start] = "open"
        while stack:
            name, index = stack.pop()
            if index < len(self.uses[name]):
                stack.append((name, index + 1))
                reference = self.uses[name][index]
                target = reference.name
                if self.state.get(target) == "open":
                    self.report_cycle(name, reference, [n for n, _ in stack])
                elif target not in self.state:
                    self.state[target] = "open"
                    stack.append((target, 0))
            else:
                self.state[name] = "done"
                self.ordered.append(name)

    def report_cycle(self, name: str, reference: Name, path: list[str]) -> None:
        cycle = path[path.index(reference.name) :]
        chain = " -> ".join([*cycle, reference.name])
        self.context.error(
            self.derived[name].locate(reference.start),
            f"cyclic definition: {chain}; a value cannot depend on itself",
        )
