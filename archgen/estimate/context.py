"""What every part of loading an estimate reads: the spec, where each of its values is
written, the units defined so far, and the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field

from archgen.diagnostics import Diagnostic, Location, Severity
from archgen.estimate.formula import FormulaError, parse
from archgen.estimate.loaded import Locate
from archgen.estimate.model import EstimateSpec
from archgen.estimate.unit_reader import UnitRead, UnitReader
from archgen.estimate.units import Vocabulary
from archgen.spec.yaml_source import KeyPath, LocatedDocument


@dataclass
class EstimateContext:
    spec: EstimateSpec
    document: LocatedDocument
    lines: list[str]  # the file's text, to place a problem inside a scalar
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str) -> None:
        self.errors.append(Diagnostic(location, message))

    def warn(self, location: Location, message: str) -> None:
        self.warnings.append(Diagnostic(location, message, Severity.WARNING))

    def locator(self, path: KeyPath, text: str) -> Locate:
        """offset in ``text`` -> file:line:col, for a scalar written on one line."""
        base = self.document.locate(path)
        line = self.lines[base.line - 1] if 0 < base.line <= len(self.lines) else ""
        start = base.column - 1
        if line[start : start + 1] in ("'", '"'):
            start += 1

        def locate(offset: int) -> Location:
            # Only where the line shows the text as it is (no escapes, not folded).
            if offset and line[start : start + offset] == text[:offset]:
                return Location(base.file, base.line, start + offset + 1)
            return base

        return locate

    def value_path(self, section: str, name: str, key: str) -> tuple[str, ...]:
        """Where the value is: under ``key`` in the long form, the entry itself if short."""
        entry = self.document.data[section][name]
        return (section, name, key) if isinstance(entry, dict) else (section, name)

    def read_unit(self, text: str, locate: Locate, what: str, *, scale: bool) -> UnitRead | None:
        """The unit ``text`` spells, or None after reporting why it spells none.

        ``what`` names the value in the message ("unit 'QPS'"); ``scale`` allows number
        words (see ``UnitReader``).
        """
        try:
            return UnitReader(self.vocabulary, scale).read(parse(text, "unit"))
        except FormulaError as error:
            self.error(locate(error.offset), f"{what}: {error.message}")
            return None
