"""Templates translate with in_language() and translate(), or their short names t() and _()."""

from __future__ import annotations

from pathlib import Path

from helpers import write_spec

from archgen.pages.markdown import PageRenderer
from archgen.resolve.resolver import resolve_all
from archgen.spec.load import load_spec

SPEC = """
    id: cache
    title: {en: Cache, ko: 캐시}
    nodes: {web: {kind: ec2}}
    """


def test_user_templates_may_use_the_long_names_or_the_short_ones(tmp_path: Path) -> None:
    (stage,), problems = resolve_all([load_spec(write_spec(tmp_path, "cache.yaml", SPEC))])
    assert problems == []
    short, long = tmp_path / "short", tmp_path / "long"
    short.mkdir()
    long.mkdir()
    (short / "stage.md.j2").write_text('# {{ t(stage.title) }}: {{ _("Components") }}\n')
    (long / "stage.md.j2").write_text(
        '# {{ in_language(stage.title) }}: {{ translate("Components") }}\n'
    )
    for folder in (short, long):
        page = PageRenderer(folder).stage_page(stage, "ko", "")
        assert page.text == "# 캐시: 구성 요소\n"
