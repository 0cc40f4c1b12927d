"""The rules for each setting of ``[tool.archgen]``: its type, its range, where its paths may
lead. ``config.py`` reads the file and locates what these rules refuse.

A configuration file is part of the project and travels with it, into a pull request
too, so its paths stay inside the project: the folder that holds the file. Paths
elsewhere are for the command line, which is the user's own choice.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from archgen.diagnostics import BadInput, suggest
from archgen.project.languages import language_problem
from archgen.project.options import (
    GRAPHVIZ_TIMEOUT_MAX,
    JOBS_MAX,
    LANGUAGE_PATTERN,
    LANGUAGES_MAX,
    OUTPUT_FORMATS,
    THEMES,
)

# (the key below the setting, or () for the setting itself; the message)
Problem = tuple[tuple[str, ...], str]
Rule = Callable[[str, Any, Path], Any]


class Refused(BadInput):
    """A setting's value breaks its rule; the message names the setting. Caught in
    ``check_settings``, which turns it into a problem to locate."""


def check_settings(table: dict[str, Any], folder: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The settings of ``table`` as archgen uses them, and every problem found."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in table.items():
        if key not in RULES:
            problems.append(((key,), f"unknown archgen setting '{key}'{suggest(key, RULES)}"))
            continue
        try:
            values[key] = RULES[key][0](key, value, folder)
        except Refused as refused:
            problems.append(((key,), str(refused)))
    return values, problems


def _kind(value: Any) -> str:
    """What a TOML value is, in the words of a message."""
    if isinstance(value, bool):
        return "true or false"
    names = {int: "a whole number", float: "a number", str: "a string", list: "a list"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a table" if isinstance(value, dict) else "a date or time"


def _string_list(key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise Refused(f"archgen setting '{key}' must be a non-empty list of strings")
    return list(dict.fromkeys(value))


def _number(key: str, value: Any, low: float, high: float, *, whole: bool) -> Any:
    """A number from ``low`` (excluded, unless ``whole``) to ``high``; never nan or inf."""
    kind = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind):
        expected = "a whole number" if whole else "a number"
        raise Refused(f"archgen setting '{key}' must be {expected}, not {_kind(value)}")
    if not math.isfinite(value) or not (low <= value <= high) or (value == low and not whole):
        span = f"from {low:g} to {high:,g}" if whole else f"above {low:g} and at most {high:,g}"
        raise Refused(f"archgen setting '{key}' must be {span}, not {value}")
    return value


def _inside(key: str, text: Any, folder: Path, *, may_be_folder: bool) -> str:
    """``text``, a path that stays inside ``folder`` lexically and through links."""
    if not isinstance(text, str) or not text or "\0" in text:
        raise Refused(f"archgen setting '{key}' must be a non-empty string naming a path")
    outside = f"archgen setting '{key}' must name a path inside the project ({folder.name}/)"
    path = PurePath(text)
    if path.is_absolute() or path.drive:
        raise Refused(f"{outside}, not the absolute path '{text}'; use the command line")
    try:
        inside = (folder / path).resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):  # outside, or a loop of links
        raise Refused(f"{outside}, and '{text}' leads out of it; use the command line") from None
    if inside == Path() and not may_be_folder:
        raise Refused(
            f"archgen setting '{key}' must name a folder inside the project, not '{text}'"
        )
    return text


def _specs(key: str, value: Any, folder: Path) -> list[str]:
    return [_inside(key, path, folder, may_be_folder=True) for path in _string_list(key, value)]


def _output(key: str, value: Any, folder: Path) -> str:
    # Not the project folder itself: the build removes what it wrote there earlier.
    return _inside(key, value, folder, may_be_folder=False)


def _templates(key: str, value: Any, folder: Path) -> str:
    text = _inside(key, value, folder, may_be_folder=True)
    if not (folder / text).is_dir():
        raise Refused(f"archgen setting '{key}': no such folder '{text}'")
    return text


def _formats(key: str, value: Any, folder: Path) -> list[str]:
    chosen = _string_list(key, value)
    unknown = [fmt for fmt in chosen if fmt not in OUTPUT_FORMATS]
    if unknown:
        raise Refused(
            f"archgen setting '{key}': unknown format '{unknown[0]}'"
            f"{suggest(unknown[0], OUTPUT_FORMATS)}; choose from {', '.join(OUTPUT_FORMATS)}"
        )
    return chosen


def _languages(key: str, value: Any, folder: Path) -> list[str]:
    chosen = _string_list(key, value)
    for code in chosen:
        if not LANGUAGE_PATTERN.fullmatch(code):
            raise Refused(
                f"archgen setting '{key}': '{code}' is not a language code such as 'en' or 'ko'"
            )
        problem = language_problem(code)
        if problem:
            raise Refused(f"archgen setting '{key}': {problem}")
    if len(chosen) > LANGUAGES_MAX:
        raise Refused(f"archgen setting '{key}' names more than {LANGUAGES_MAX} languages")
    return chosen


def _theme(key: str, value: Any, folder: Path) -> str:
    problem = theme_problem(value)
    if problem:
        raise Refused(f"archgen setting '{key}': {problem}")
    return str(value)


def theme_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as a theme's name, if anything; the command line's
    --theme says the same."""
    if isinstance(value, str) and value in THEMES:
        return None
    if not isinstance(value, str):
        return f"the theme must be a name, {' or '.join(THEMES)}, not {_kind(value)}"
    return f"unknown theme '{value}'{suggest(value, THEMES)}; choose from {', '.join(THEMES)}"


def _timeout(key: str, value: Any, folder: Path) -> float:
    return float(_number(key, value, 0, GRAPHVIZ_TIMEOUT_MAX, whole=False))


def _jobs(key: str, value: Any, folder: Path) -> int:
    return int(_number(key, value, 1, JOBS_MAX, whole=True))


def _boolean(key: str, value: Any, folder: Path) -> bool:
    if not isinstance(value, bool):
        raise Refused(f"archgen setting '{key}' must be true or false, not {_kind(value)}")
    return value


# key -> (its rule, what it is); the README and docs/configuration.md document each.
RULES: dict[str, tuple[Rule, str]] = {
    "specs": (_specs, "spec files or folders to build when none are named"),
    "output": (_output, "output folder"),
    "formats": (_formats, "image formats: svg, png"),
    "languages": (_languages, "languages: English goes to the output folder, others to <lang>/"),
    "templates": (_templates, "folder whose templates replace the built-in ones"),
    "graphviz-timeout": (_timeout, "seconds Graphviz may take for one diagram"),
    "jobs": (_jobs, "diagrams rendered at once"),
    "show-title": (_boolean, "each diagram's title drawn at its top, unless its spec says"),
    "theme": (_theme, "the pictures' theme: default, high-contrast"),
    "strict": (_boolean, "any warning fails build and check (exit 1); the files are written"),
}
