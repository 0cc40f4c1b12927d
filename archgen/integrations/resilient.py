"""A build that one bad spec cannot stop, for the docs-site plugins.

A problem archgen knows of (a bad spec, Graphviz failing on one diagram) already costs
only that spec's pages: the build reports it and builds the others. An exception it
does not know of is a bug, which ``archgen build`` shows as a traceback to be fixed;
a docs site must still be built, and ``mkdocs serve`` must keep answering.

So when a whole build fails that way, each spec is built on its own, with the specs it
``extends``, in a folder of its own, to find the ones that fail; the others are built
together into a folder beside the usual one, index included, and each spec that failed
is reported in one line naming its file. The probes' folders are kept, as the usual
one is, so that a server rebuilding on every save draws again only what changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archgen.build.report import BuildReport
from archgen.build.run import INDEX_KEPT_NOTE, build
from archgen.diagnostics import ArchgenError, ExitCode, Severity, UsageError, printable
from archgen.project.options import BuildOptions
from archgen.project.specs import find_spec_files
from archgen.resolve.stage import Stage

Tell = Callable[[str], None]


@dataclass
class SiteBuild:
    """What a site publishes: the folder its files are in, the index to show instead of
    the one there (name -> bytes), and what went wrong."""

    output: Path
    report: BuildReport
    failed: dict[Path, str] = field(default_factory=dict)  # spec file -> one-line reason
    index: dict[str, bytes] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """Every error of this build, one line each, as the log shows them."""
        lines = [str(d) for d in self.report.diagnostics if d.severity is Severity.ERROR]
        lines += [printable(problem) for problem in self.report.environment_errors]
        return lines + self.left_out()

    def left_out(self) -> list[str]:
        """One line per spec left out after an unexpected exception, naming its file."""
        return [
            printable(f"{path}: this spec was left out of the site: {reason}")
            for path, reason in self.failed.items()
        ]


def build_for_site(specs: Path, options: BuildOptions, tell: Tell) -> SiteBuild:
    """Build ``specs`` for a site: every stage that builds, and an index of those.

    ``archgen build`` leaves the index alone after a build with problems (it keeps
    listing the stages that failed, whose last good files stay); a site gets an index
    of the stages it shows, rendered here in memory.
    """
    built = _build_what_builds(specs, options, tell)
    if built.failed or built.report.errors_code is not ExitCode.OK:
        # Not so here: the site's index is the one rendered below.
        built.report.notes = [n for n in built.report.notes if n != INDEX_KEPT_NOTE]
        try:
            built.index = _index_of(built.report.stages, specs, built.failed, options)
        except ArchgenError:
            raise
        except Exception as error:  # the index is the last thing; the pages still go out
            built.failed[specs] = f"no index: {reason_of(error)}"
    return built


def _index_of(
    stages: list[Stage], specs: Path, failed: dict[Path, str], options: BuildOptions
) -> dict[str, bytes]:
    from archgen.build.outputs import index_files
    from archgen.pages.markdown import PageRenderer
    from archgen.pipeline import load_estimates

    estimates, _ = load_estimates([p for p in find_spec_files([specs]) if p not in failed])
    return index_files(stages, options, PageRenderer(options.templates), estimates)


def _build_what_builds(specs: Path, options: BuildOptions, tell: Tell) -> SiteBuild:
    """Build ``specs`` into ``options.output``; if an exception stops that, build every
    spec that does not fail into ``<output>.partial`` and say which failed.

    When every spec fails on its own as well, the problem is not one spec's (a broken
    templates folder, a bug on every stage): the first exception is raised again.
    """
    try:
        return SiteBuild(options.output, build([specs], options, tell=tell))
    except UsageError:
        raise  # no spec files at all: nothing to tell apart
    except Exception as error:  # one spec's problem must cost that spec only, not the site
        stopped = error
        tell(f"the build stopped ({reason_of(error)}); building each spec on its own")
    files = find_spec_files([specs])
    failed = _probe_each(files, options)
    good = [path for path in files if path not in failed]
    if not good and len(files) > 1:
        raise stopped
    partial = dataclasses.replace(options, output=_beside(options.output, "partial"))
    try:
        report = build(good, options=partial, tell=tell) if good else BuildReport()
    except Exception as error:  # the specs fail only together: publish none of them
        return SiteBuild(partial.output, BuildReport(), {specs: reason_of(error)})
    return SiteBuild(partial.output, report, failed)


def _probe_each(files: Sequence[Path], options: BuildOptions) -> dict[Path, str]:
    """The spec files whose build, with their ancestors, raises: file -> reason."""
    ancestry = _Ancestry(files)
    failed: dict[Path, str] = {}
    for number, path in enumerate(files, 1):
        probe = dataclasses.replace(options, output=_beside(options.output, f"probe-{number}"))
        try:
            build(ancestry.chain(path), probe)
        except Exception as error:  # what this probe is for
            failed[path] = reason_of(error)
    return failed


class _Ancestry:
    """Which spec file each spec ``extends``, read from the files without resolving them."""

    def __init__(self, files: Sequence[Path]) -> None:
        from archgen.spec.load import load_spec

        self.file_of: dict[str, Path] = {}
        self.parent_of: dict[Path, str] = {}
        for path in files:
            try:
                spec = load_spec(path).spec
            except Exception:  # a spec that cannot load has no ancestry
                continue
            self.file_of.setdefault(spec.id, path)
            if spec.extends is not None:
                self.parent_of[path] = spec.extends

    def chain(self, path: Path) -> list[Path]:
        """``path`` and the files of its ancestors, as far as they are known, each once."""
        chain = [path]
        while (parent := self.file_of.get(self.parent_of.get(chain[-1], ""))) is not None:
            if parent in chain:
                break  # a cycle: the build reports it
            chain.append(parent)
        return chain


def _beside(output: Path, suffix: str) -> Path:
    return output.with_name(f"{output.name}.{suffix}")


def reason_of(error: BaseException) -> str:
    """The exception in one line: its type and its first line."""
    text = str(error).strip().splitlines()
    return printable(f"{type(error).__name__}: {text[0]}" if text else type(error).__name__)
