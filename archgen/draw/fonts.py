"""Whether this machine has a font for the scripts the labels are written in.

Graphviz draws the PNG with the fonts fontconfig finds, falling back through
``style.FONT_STACK`` to any font that has the glyphs. With no font for Hangul, kana or
Chinese characters it draws empty boxes and exits 0: a Korean PNG that nobody can read.
The SVG is drawn by the viewer's fonts and does not suffer.

Which scripts a diagram needs is read from its DOT text (its labels); whether a font
covers one is asked of fontconfig (``fc-list :lang=ko``) once per process, and only
when a label needs it: a build of English diagrams, or one that draws nothing, never
runs it.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Iterable

FONT_HINT = "apt-get install fonts-noto-cjk (or brew install --cask font-noto-sans-cjk)"

# fontconfig's language, the script's name, and the characters that need it.
_SCRIPTS = (
    ("ko", "Hangul", re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]")),
    ("ja", "kana", re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")),
    ("zh", "Chinese characters", re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
)


def missing_font_warning(dot_sources: Iterable[str]) -> str | None:
    """A warning naming the scripts of these diagrams' labels that no installed font
    has, and how to install one; None when every label can be drawn (or fontconfig
    cannot be asked)."""
    texts = list(dot_sources)
    needed = [
        (language, script)
        for language, script, characters in _SCRIPTS
        if any(characters.search(text) for text in texts)
    ]
    missing = [script for language, script in needed if not has_font_for(language)]
    if not missing:
        return None
    return (
        f"no installed font has {' or '.join(missing)}: the PNG diagrams show empty boxes "
        f"for those labels; install a CJK font: {FONT_HINT}"
    )


@functools.cache
def has_font_for(language: str) -> bool:
    """Whether fontconfig lists a font for ``language``; True when it cannot be asked,
    so that a machine without fontconfig's tools is not warned about on a guess."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True
    try:
        listed = subprocess.run(
            [fc_list, f":lang={language}", "family"],
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return True
    return listed.returncode != 0 or bool(listed.stdout.strip())
