"""The Sphinx extension's ``archgen_*`` settings of ``conf.py``, checked: a bad value
stops ``sphinx-build`` with one line naming the setting."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, NoReturn

from sphinx.errors import ConfigError

from archgen.diagnostics import printable
from archgen.project.languages import language_problem
from archgen.project.options import (
    GRAPHVIZ_TIMEOUT_MAX,
    IMAGE_FORMATS,
    LANGUAGE_PATTERN,
    THEMES,
    BuildOptions,
)
from archgen.project.paths import relative_to_working_folder


def site_options(config: Any, confdir: Path, output: Path) -> tuple[Path, BuildOptions]:
    """The specs path (shown relative to the working folder, as warnings name it) and
    the build's options, writing into ``output``."""
    specs = _shown(confdir / config.archgen_specs)
    if not specs.exists():
        _stop(
            f"archgen_specs: {config.archgen_specs!r} not found (looked for {specs}, "
            "relative to conf.py)"
        )
    templates = None
    if config.archgen_templates is not None:
        templates = _shown(confdir / config.archgen_templates)
        if not templates.is_dir():
            _stop(f"archgen_templates: folder {templates} not found")
    options = BuildOptions(
        output=output,
        formats=_formats(list(config.archgen_formats)),
        languages=_languages(list(config.archgen_languages)),
        templates=templates,
        graphviz_timeout=_timeout(config.archgen_graphviz_timeout),
        theme=_choice("archgen_theme", config.archgen_theme, THEMES),
        show_title=bool(config.archgen_show_title),
        # The cache is archgen's alone: what a dropped language left must not be published.
        prune=True,
    )
    return specs, options


def _languages(languages: list[Any]) -> tuple[str, ...]:
    if not languages:
        _stop("archgen_languages must name at least one language")
    for language in languages:
        problem = (
            "not a language code such as en or ko"
            if not isinstance(language, str) or not LANGUAGE_PATTERN.fullmatch(language)
            else language_problem(language)
        )
        if problem:
            _stop(f"archgen_languages: {language!r}: {problem}")
    return tuple(languages)


def _formats(formats: list[Any]) -> tuple[str, ...]:
    if not formats:
        _stop("archgen_formats must name at least one of svg, png")
    for value in formats:
        _choice("archgen_formats", value, IMAGE_FORMATS)
    return tuple(formats)


def _choice(name: str, value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        _stop(f"{name}: {value!r} is not one of {', '.join(choices)}")
    return str(value)


def _timeout(seconds: Any) -> float:
    # nan and inf pass the type check; both would make Graphviz's timeout meaningless.
    if isinstance(seconds, bool) or not (
        math.isfinite(seconds) and 0 < seconds <= GRAPHVIZ_TIMEOUT_MAX
    ):
        _stop(
            f"archgen_graphviz_timeout must be above 0 and at most "
            f"{GRAPHVIZ_TIMEOUT_MAX:,.0f} seconds, not {seconds}"
        )
    return float(seconds)


def _shown(path: Path) -> Path:
    """Relative to the working folder when inside it, so warnings read `specs/x.yaml:3:5`."""
    return relative_to_working_folder(path.resolve())


def _stop(message: str) -> NoReturn:
    raise ConfigError(printable(f"archgen: {message}"))
