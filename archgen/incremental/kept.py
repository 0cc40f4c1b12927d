"""Files kept for a language or a format a build is no longer asked for: the note that
names them, said by every build (the full one and the no-op fast path alike) until
``--prune`` deletes them. Standard library only, as the fast path is."""

from __future__ import annotations

from pathlib import Path

from archgen.project.layout import ESTIMATE_FOLDER
from archgen.project.options import DEFAULT_LANGUAGE, OUTPUT_FORMATS, BuildOptions


def kept_note(output: Path, kept: dict[str, str], options: BuildOptions) -> str:
    """The note that names the files kept and the option that would delete them."""
    reasons = sorted({_asked_by(name, options) for name in kept})
    return (
        f"kept {len(kept)} file(s) that earlier builds made for {' and '.join(reasons)}, "
        f"not asked for now, such as {output / min(kept)}; build with --prune to delete them"
    )


def _asked_by(name: str, options: BuildOptions) -> str:
    """The option an earlier build was given that made ``name``."""
    folder, _, rest = name.partition("/")
    language = folder if rest and folder != ESTIMATE_FOLDER else DEFAULT_LANGUAGE
    if language not in options.languages:
        return f"--lang {language}"
    suffix = name.rsplit(".", 1)[-1]
    if suffix in OUTPUT_FORMATS and suffix not in options.formats:
        return f"--format {suffix}"
    return "an earlier build's options"
