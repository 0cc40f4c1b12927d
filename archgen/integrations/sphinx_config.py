"""The Sphinx extension's ``archgen_*`` settings of ``conf.py``, checked by the rules of
``[tool.archgen]`` (``project/settings.py``): a bad value stops ``sphinx-build`` with a
``ConfigError`` naming the setting. The paths are the exception: like the MkDocs plugin's, they are
relative to ``conf.py`` and may lead out of its folder (``../specs``), as a site's
configuration usually sits in ``docs/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from sphinx.errors import ConfigError

from archgen.diagnostics import printable
from archgen.project.options import IMAGE_FORMATS, BuildOptions
from archgen.project.paths import relative_to_working_folder
from archgen.project.settings import RULES, Refused


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
        formats=_formats(config.archgen_formats),
        languages=tuple(_checked("languages", config.archgen_languages)),
        templates=templates,
        graphviz_timeout=_checked("graphviz-timeout", config.archgen_graphviz_timeout),
        theme=_checked("theme", config.archgen_theme),
        show_title=_checked("show-title", config.archgen_show_title),
        # The cache is archgen's alone: what a dropped language left must not be published.
        prune=True,
    )
    return specs, options


def _checked(name: str, value: Any) -> Any:
    """``value`` of ``conf.py``'s ``archgen_<name>`` by the rule of ``[tool.archgen]``'s
    ``name`` (a tuple read as the list TOML would give)."""
    try:
        return RULES[name][0](f"archgen_{name.replace('-', '_')}", _listed(value), Path())
    except Refused as refused:
        _stop(str(refused))


def _listed(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _formats(value: Any) -> tuple[str, ...]:
    formats = tuple(_checked("formats", value))
    if not set(formats) <= set(IMAGE_FORMATS):  # 'dot' is the command line's, for timing
        _stop(f"archgen_formats: choose from {', '.join(IMAGE_FORMATS)}, not {formats}")
    return formats


def _shown(path: Path) -> Path:
    """Relative to the working folder when inside it, so warnings read `specs/x.yaml:3:5`."""
    return relative_to_working_folder(path.resolve())


def _stop(message: str) -> NoReturn:
    prefixed = message if message.startswith("archgen") else f"archgen: {message}"
    raise ConfigError(printable(prefixed))
