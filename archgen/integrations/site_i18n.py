"""Where the generated files go when mkdocs-static-i18n builds the site.

static-i18n builds the site once per language, each build holding that language's files
only, at ``<language>/...`` but the default language's at the top. Its ``on_files`` (at
priority -100) rebuilds every file from ``docs_dir``, where the plugin's files are not
(they are built outside it), so the plugin adds its files after it, and only the current
language's, placed as static-i18n places the author's: a Korean stage page at
``ko/architecture/database/`` beside the author's Korean pages, reached from them by the
same relative link as the English one. Its names follow the configured
``docs_structure``: ``ko/architecture/database.md`` with ``folder`` (the author's pages
are ``docs/ko/...``), ``architecture/database.md`` with ``suffix`` (static-i18n finds
``index.ko.md`` or ``index.md`` for a link to ``index.md``). An archgen language that
static-i18n does not build keeps its ``architecture/<language>/`` folder in the default
language's build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from archgen.project.layout import language_dir


@dataclass(frozen=True)
class I18nBuild:
    """What static-i18n's plugin says of the build under way."""

    current: str
    default: str
    languages: tuple[str, ...]  # those it builds
    folders: bool  # docs_structure: folder (else suffix)

    @property
    def is_default(self) -> bool:
        return self.current == self.default


def i18n_build(config: MkDocsConfig) -> I18nBuild | None:
    """static-i18n's view of this build, when its plugin is configured."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.split(".")[0] != "mkdocs_static_i18n":
            continue
        default = getattr(plugin, "default_language", None)
        current = getattr(plugin, "current_language", None) or default
        languages = tuple(getattr(plugin, "build_languages", ()))
        structure = getattr(getattr(plugin, "config", None), "docs_structure", "suffix")
        if isinstance(default, str) and isinstance(current, str):
            return I18nBuild(current, default, languages, structure == "folder")
    return None


def placement(
    name: str,
    language: str,
    folder: PurePosixPath,
    i18n: I18nBuild | None,
    config: MkDocsConfig,
) -> tuple[str, str | None] | None:
    """``name`` (inside the output folder, ``ko/x.md``) as (src_uri, dest_uri, None for
    MkDocs' own) in this build; None when it belongs to another language's build."""
    if i18n is None or language not in i18n.languages:
        if i18n is not None and not i18n.is_default:
            return None  # a language static-i18n does not build: in the default build
        return (folder / name).as_posix(), None
    if language != i18n.current:
        return None
    plain = (folder / name.removeprefix(language_dir(language))).as_posix()
    source = f"{language}/{plain}" if i18n.folders else plain
    dest = File(plain, None, "", config.use_directory_urls).dest_uri
    return source, dest if i18n.is_default else f"{i18n.current}/{dest}"
