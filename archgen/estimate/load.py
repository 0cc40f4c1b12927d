"""An estimate spec file -> ``LoadedEstimate``: every value parsed, every name resolved.

What can be known without arithmetic is checked here, each problem located at the
character it is about: the shape (pydantic), the words of every unit, the syntax of
every formula, unknown names and cyclic definitions. A quantity written in two units
that disagree (``20,000 ns = 10 µs``) is a warning; the first one written is used.

This module reads the units and the assumptions and composes the rest: ``context.py``
holds what every part reads, ``figures.py`` reads written figures, ``derived.py`` the
formulas and their order, ``loaded.py`` the values all this gives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from archgen.diagnostics import Diagnostic, SpecError
from archgen.estimate.bounds import MAX_VALUES
from archgen.estimate.context import EstimateContext
from archgen.estimate.derived import evaluation_order, read_derived
from archgen.estimate.figures import check_agreement, read_figures, scalar_text
from archgen.estimate.loaded import AssumptionDef, LoadedEstimate
from archgen.estimate.model import EstimateSpec
from archgen.project.specs import read_spec_bytes
from archgen.spec.load import read_spec_file, validation_diagnostics
from archgen.spec.yaml_source import parse_yaml

KIND = "estimate"


def is_estimate_spec(data: Any) -> bool:
    """Whether parsed YAML is an estimate spec (``kind: estimate``); stage specs have no kind."""
    return isinstance(data, dict) and data.get("kind") == KIND


def load_estimate(
    path: Path, display_name: str | None = None, read: Callable[[Path], bytes] = read_spec_bytes
) -> LoadedEstimate:
    """Read and check one estimate spec; raise ``SpecError`` listing every problem found."""
    name = display_name or str(path)
    return load_estimate_text(name, read_spec_file(path, name, read))


def load_estimate_text(name: str, raw: bytes) -> LoadedEstimate:
    document = parse_yaml(name, raw)
    if not is_estimate_spec(document.data):
        raise SpecError(
            [
                Diagnostic(
                    document.locate(("kind",)),
                    "not an estimate spec: an estimate starts with 'kind: estimate'",
                )
            ]
        )
    try:
        spec = EstimateSpec.model_validate(document.data)
    except ValidationError as exc:
        raise SpecError(validation_diagnostics(exc, document, EstimateSpec)) from None
    return _load(EstimateContext(spec, document, raw.decode("utf-8").splitlines()))


def _load(context: EstimateContext) -> LoadedEstimate:
    """The units first (every figure and formula is read in them), then the values."""
    _check_size(context)
    _define_counts(context)
    _define_units(context)
    assumptions = _read_assumptions(context)
    _check_names(context)
    derived = read_derived(context)
    order = evaluation_order(context, derived)
    if context.errors:
        raise SpecError(context.errors)
    return LoadedEstimate(
        context.spec,
        context.document,
        context.vocabulary,
        assumptions,
        derived,
        order,
        tuple(context.warnings),
    )


def _check_size(context: EstimateContext) -> None:
    """At most ``MAX_VALUES`` names, refused before any is read: the time an estimate
    takes grows with them (each is a few pint operations), and no envelope needs more."""
    spec = context.spec
    keys = [
        (s, name)
        for s in ("counts", "units", "assumptions", "derived")
        for name in getattr(spec, s)
    ]
    if len(keys) > MAX_VALUES:
        raise SpecError(
            [
                Diagnostic(
                    context.document.locate(keys[MAX_VALUES], key=True),
                    f"more than {MAX_VALUES:,} names (counts, units, assumptions and derived "
                    "values together); split the estimate",
                )
            ]
        )


def _define_counts(context: EstimateContext) -> None:
    for key, label in context.spec.counts.items():
        if context.vocabulary.lookup(key):
            context.error(
                context.document.locate(("counts", key), key=True),
                f"'{key}' is already a unit; a count needs a word of its own",
            )
        else:
            context.vocabulary.add_count(key, label)


def _define_units(context: EstimateContext) -> None:
    for key, text in context.spec.units.items():
        path = ("units", key)
        if context.vocabulary.lookup(key):
            context.error(context.document.locate(path, key=True), f"'{key}' is already a unit")
            continue
        found = context.read_unit(text, context.locator(path, text), f"unit '{key}'", scale=True)
        if found is not None:
            context.vocabulary.add_unit(key, found[0] * found[1])


def _read_assumptions(context: EstimateContext) -> dict[str, AssumptionDef]:
    found = {}
    for name, assumption in context.spec.assumptions.items():
        path = context.value_path("assumptions", name, "value")
        figures = read_figures(context, scalar_text(assumption.value), path, f"'{name}'")
        if figures:
            found[name] = AssumptionDef(
                name,
                assumption.label,
                assumption.note,
                tuple(figures),
                context.document.locate(path),
                check_agreement(context, name, figures),
            )
    return found


def _check_names(context: EstimateContext) -> None:
    """A value's name is neither the other section's nor a unit's: formulas name both."""
    spec = context.spec
    for section in ("assumptions", "derived"):
        for name in getattr(spec, section):
            where = context.document.locate((section, name), key=True)
            if section == "derived" and name in spec.assumptions:
                context.error(where, f"'{name}' is both an assumption and a derived value")
            unit = context.vocabulary.lookup(name)
            if unit is not None:
                context.error(
                    where,
                    f"'{name}' is also a unit ({unit.key}); choose another "
                    "name so formulas stay unambiguous",
                )
