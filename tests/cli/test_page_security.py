"""Pages and templates as a pull request could write them (docs/hardening.md, "Pages and
templates"): a template cannot run code or take the machine, a page holds no active
content, and a name cannot break a table, through ``archgen build`` and ``archgen diff``.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from helpers import TESTS, run_archgen, write_spec
from markdown_it import MarkdownIt

SPEC = """\
    id: a
    title: A
    nodes:
      web: {kind: ec2}
    """
LOCATED = re.compile(r"tpl/(stage|diff)\.md\.j2:\d+: \S.*")

# Each of these, as a line of tpl/stage.md.j2, must end the build with one located line.
ESCAPES = {
    "self-globals": "{{ self.__init__.__globals__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-os": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "lipsum-globals": "{{ lipsum.__globals__ }}",
    "range-globals": "{{ range.__globals__ }}",
    "private-attribute": "{{ self._TemplateReference__context }}",
    "dunder-dict": "{{ stage.__dict__ }}",
    "format-attribute": "{{ '{0.__class__}'.format(stage) }}",
    "list-append": "{{ [].append(1) }}",
    "include-etc-passwd": "{% include '/etc/passwd' %}",
    "include-parent": "{% include '../../x' %}",
    "import-outside": "{% import '../x.j2' as m %}",
    "extends-outside": "{% extends '../../etc/passwd' %}",
    "nested-ranges": "{% for i in range(99999) %}{% for j in range(99999) %}"
    "{% endfor %}{% endfor %}",
    "huge-range": "{{ range(10**9) | list }}",
    "string-times": "{{ 'x' * 10**9 }}",
    "huge-power": "{{ 2 ** 10000000 }}",
    "format-width": "{{ '{:>999999999}'.format(1) }}",
    "percent-width": "{{ '%999999999d' % 1 }}",
    "percent-star": "{{ '%*d' % (999999999, 1) }}",
    "center-filter": "{{ 'x' | center(999999999) }}",
    "ljust-method": "{{ 'x'.ljust(999999999) }}",
    "doubling": "{% set ns = namespace(s='x' * 1000) %}"
    "{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "macro-recursion": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "self-include": "{% include 'stage.md.j2' %}",
    "literal-script": "<script>alert(1)</script>",
    "javascript-link": "[x](javascript:alert(1))",
    "syntax-error": "{{ foo }",
    "undefined-name": "{{ foo }}",
    "division-by-zero": "{{ 1 / 0 }}",
}


def _project(tmp_path: Path, template: str) -> Path:
    (tmp_path / "specs").mkdir(exist_ok=True)
    if not (tmp_path / "specs" / "a.yaml").exists():
        write_spec(tmp_path / "specs", "a.yaml", SPEC)
    (tmp_path / "tpl").mkdir(exist_ok=True)
    (tmp_path / "tpl" / "stage.md.j2").write_text(f"# Title\n\n{template}\n", encoding="utf-8")
    return tmp_path


def _assert_one_located_line(stderr: str, line: int | None = None) -> None:
    lines = [x for x in stderr.splitlines() if not re.fullmatch(r"\[\d+/\d+\] .*", x)]
    assert len(lines) == 1, stderr
    assert LOCATED.fullmatch(lines[0]), lines[0]
    assert "Traceback" not in stderr
    if line is not None:
        assert lines[0].startswith(f"tpl/stage.md.j2:{line}: ")


@pytest.mark.parametrize("template", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_template_escape_fails_located_and_writes_nothing(tmp_path: Path, template: str) -> None:
    _project(tmp_path, template)
    started = time.monotonic()
    result = run_archgen("build", "specs", "--templates", "tpl", "-o", "out", cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert result.code == 2, result.stderr
    # What the page check finds is located at the template, its line on the page said.
    on_the_page = template in (ESCAPES["literal-script"], ESCAPES["javascript-link"])
    _assert_one_located_line(result.stderr, line=1 if on_the_page else 3)
    assert not list((tmp_path / "out").glob("*.md")) if (tmp_path / "out").exists() else True


def test_the_sandbox_error_names_what_was_refused(tmp_path: Path) -> None:
    _project(tmp_path, "{{ self.__init__.__globals__ }}")
    result = run_archgen("build", "specs", "--templates", "tpl", "-o", "out", cwd=tmp_path)
    assert result.stderr.splitlines()[-1] == (
        "tpl/stage.md.j2:3: not allowed in a template: access to attribute '__init__' "
        "of 'TemplateReference' object is unsafe."
    )


def test_a_failing_template_leaves_earlier_outputs_whole(tmp_path: Path) -> None:
    _project(tmp_path, "{{ in_language(stage.title) }}")
    assert run_archgen("build", "specs", "--templates", "tpl", "-o", "out", cwd=tmp_path).code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}
    write_spec(tmp_path / "specs", "a.yaml", SPEC.replace("title: A", "title: B"))
    _project(tmp_path, "{{ cycler.__init__.__globals__.os.popen('touch pwned').read() }}")
    result = run_archgen("build", "specs", "--templates", "tpl", "-o", "out", cwd=tmp_path)
    assert result.code == 2
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}
    assert after == before
    assert not (tmp_path / "pwned").exists()


def test_a_template_may_not_lead_out_of_its_folder(tmp_path: Path) -> None:
    _project(tmp_path, "{% include 'outside.md.j2' %}")
    (tmp_path / "secret.txt").write_text("secret\n")
    os.symlink(tmp_path / "secret.txt", tmp_path / "tpl" / "outside.md.j2")
    result = run_archgen("build", "specs", "--templates", "tpl", "-o", "out", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.splitlines()[-1] == (
        "tpl/stage.md.j2:3: template 'outside.md.j2' leads out of its template folder"
    )


def test_a_template_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    _project(tmp_path, "{% include 'fifo.md.j2' %}")
    os.mkfifo(tmp_path / "tpl" / "fifo.md.j2")
    result = run_archgen("build", "specs", "--templates", "tpl", "-o", "out", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.splitlines()[-1] == (
        "tpl/stage.md.j2:3: template 'fifo.md.j2' is not a regular file"
    )


def test_the_page_check_says_where_on_the_page(tmp_path: Path) -> None:
    _project(tmp_path, "<script>alert(1)</script>")
    result = run_archgen("build", "specs", "--templates", "tpl", "-o", "out", cwd=tmp_path)
    assert result.stderr.splitlines()[-1] == (
        "tpl/stage.md.j2:1: the page it rendered, line 3: raw HTML ('<script...') is not "
        "allowed in a text: write &lt; for a literal '<', or put it in `code`"
    )


@pytest.mark.parametrize(
    "template",
    [ESCAPES["self-globals"], ESCAPES["undefined-name"], ESCAPES["literal-script"]],
    ids=["self-globals", "undefined-name", "literal-script"],
)
def test_validate_renders_the_pages_with_the_configured_templates(
    tmp_path: Path, template: str
) -> None:
    # validate (the pre-commit hook) must refuse what the build refuses, writing nothing
    _project(tmp_path, template)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.archgen]\ntemplates = "tpl"\nlanguages = ["en", "ko"]\n'
    )
    validated = run_archgen("validate", "specs", cwd=tmp_path)
    built = run_archgen("build", "specs", "-o", "out", cwd=tmp_path)
    assert validated.code == built.code == 2, validated.stderr
    assert validated.stderr.splitlines()[0] == built.stderr.splitlines()[-1]
    assert validated.stderr.splitlines()[1:] == ["1 error(s)"]


def test_archgen_diff_renders_its_template_in_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    write_spec(tmp_path / "base", "a.yaml", SPEC)
    write_spec(tmp_path / "head", "a.yaml", SPEC.replace("title: A", "title: B"))
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "diff.md.j2").write_text("x\n{{ cycler.__init__.__globals__.os }}\n")
    (tmp_path / "pyproject.toml").write_text('[tool.archgen]\ntemplates = "tpl"\n')
    result = run_archgen("diff", "base", "head", cwd=tmp_path)
    assert result.code == 2, result.stderr
    assert result.stderr.splitlines() == [
        "tpl/diff.md.j2:2: not allowed in a template: access to attribute '__init__' "
        "of 'type' object is unsafe."
    ]
    assert result.stdout == ""


# -- pages as Python-Markdown (MkDocs) and GitHub read them ------------------------------


class _Html(HTMLParser):
    """The tables' cells as text, and whatever would be active content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.active: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "style"):
            self.active.append(tag)
        for name, value in attrs:
            if name.startswith("on") or re.match(
                r"\s*(javascript|data|vbscript):", value or "", re.I
            ):
                self.active.append(f"{tag} {name}={value}")
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _read(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    return parser


RENDERERS = {
    # attr_list, common on MkDocs sites, would turn '{: onclick=...}' into an attribute.
    "python-markdown": lambda text: markdown.markdown(text, extensions=["tables", "attr_list"]),
    "gfm": lambda text: MarkdownIt("commonmark", {"html": True}).enable("table").render(text),
}


@pytest.fixture(scope="module")
def tricky_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tables")
    shutil.copy(TESTS / "hostile_specs" / "markdown-tables.yaml", folder)
    result = run_archgen("build", "markdown-tables.yaml", "-o", "out", cwd=folder)
    assert result.code == 0, result.stderr
    return folder / "out"


@pytest.fixture(scope="module")
def tricky_page(tricky_build: Path) -> str:
    return (tricky_build / "markdown-tables.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("reader", RENDERERS, ids=RENDERERS)
def test_the_index_row_keeps_its_three_cells(tricky_build: Path, reader: str) -> None:
    index = (tricky_build / "index.md").read_text(encoding="utf-8")
    html = _read(RENDERERS[reader](index))
    assert html.active == []
    [row] = [row for row in html.rows if row[0] == "1"]
    assert len(row) == 3
    # '#1' keeps a zero-width space after its sign: GitHub would link the issue.
    assert row[1] == 'Pipes | and `ticks` #\u200b1 {: onclick="alert(1)" }'
    assert row[2].startswith("x | y || z. Code <script>alert(1)</script>")


@pytest.mark.parametrize("reader", RENDERERS, ids=RENDERERS)
def test_every_cell_shows_the_label_as_written(tricky_page: str, reader: str) -> None:
    html = _read(RENDERERS[reader](tricky_page))
    components = [row for row in html.rows if len(row) > 1 and row[1] != "Id"]
    assert [len(row) for row in components] == [3] * 8
    assert [(row[0], row[1]) for row in components] == [
        ("a|b", "pipe"),
        ("a||b", "pipes"),
        ("a\\|b", "escaped-pipe"),
        ("`code` | *stars* _under_ [x](y) # hash", "ticks"),
        ("line one\nline | two", "lines"),
        ("# heading-like", "lead"),
        ("<script>alert(1)</script>", "html"),
        ('x {: onclick="alert(1)" } {{ config }}', "attrs"),
    ]


@pytest.mark.parametrize("reader", RENDERERS, ids=RENDERERS)
def test_no_active_content_reaches_the_page(tricky_page: str, reader: str) -> None:
    html = RENDERERS[reader](tricky_page)
    assert _read(html).active == []
    assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" in html
    assert 'href="https://example.invalid/ec2%20%28x%29%22y%22%3Cz%3E"' in html


def test_a_messages_file_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    _project(tmp_path, "{{ in_language(stage.title) }}")
    os.mkfifo(tmp_path / "tpl" / "messages.yaml")
    result = run_archgen("build", "specs", "--templates", "tpl", "-o", "out", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        "tpl/messages.yaml:1:1: template 'messages.yaml' is not a regular file"
    ]


def test_a_translation_cannot_put_html_in_a_page(tmp_path: Path) -> None:
    _project(tmp_path, "{{ translate('Components') }}")
    (tmp_path / "tpl" / "messages.yaml").write_text("ko:\n  Components: <script>x</script>\n")
    result = run_archgen(
        "build", "specs", "--templates", "tpl", "-o", "out", "--lang", "ko", cwd=tmp_path
    )
    assert result.code == 2
    assert result.stderr.splitlines()[-1].startswith(
        "tpl/stage.md.j2:1: the page it rendered, line 3: raw HTML ('<script"
    )


def test_a_template_nested_too_deeply_is_located(tmp_path: Path) -> None:
    _project(tmp_path, "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}")
    result = run_archgen("build", "specs", "--templates", "tpl", "-o", "out", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        "tpl/stage.md.j2:1: the template nests expressions or blocks too deeply"
    ]
