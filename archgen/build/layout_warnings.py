"""A stage's layout problems as the build tells them: located at the spec line of the
part each is about, once per stage whatever the number of languages drawn.

The same problem found in every language's diagram is one warning; one found in some
says which (``ko diagram only``). A part inherited from a parent is located in the
parent's spec, and the warning names the stage whose picture it is in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from archgen.build.drawing import Drawn
from archgen.incremental.replay import part_kind
from archgen.incremental.warnings import RecordedWarning
from archgen.resolve.locations import part_location
from archgen.resolve.stage import Stage


def recorded_warnings(
    stage: Stage, drawn: Iterable[Drawn], output: Path
) -> tuple[RecordedWarning, ...]:
    """Every problem found in the stage's diagrams, once, in the languages it was found
    in, at the line of its part (the file relative to ``output``, as the manifest names
    files)."""
    languages: dict[tuple[str, str, str], list[str]] = {}
    for diagram in drawn:
        for problem in diagram.problems:
            found_in = languages.setdefault((problem.part, problem.part_id, problem.message), [])
            if diagram.language not in found_in:
                found_in.append(diagram.language)
    warnings = []
    for (part, part_id, message), found_in in languages.items():
        location = part_location(stage, part_kind(part), part_id)
        file = Path(os.path.relpath(location.file, output)).as_posix()
        warnings.append(
            RecordedWarning(
                part, part_id, message, tuple(found_in), file, location.line, location.column
            )
        )
    return tuple(sorted(warnings, key=lambda w: (w.file, w.line, w.column, w.message)))
