"""A built page as HTML for the Sphinx extension (``page_html``), and the minimal
``embed.linked_page``: what a reader of the site gets from a page's Markdown."""

from __future__ import annotations

from archgen.integrations.embed import linked_page
from archgen.integrations.page_html import headings_lower, page_html, placed

PAGE = """\
# Database

Text with <script>alert(1)</script> and <b>bold</b>.

![Architecture diagram: Database.](database.svg)

Starts from: [Single server](single-server.md), not [a page](notes.md),
[an estimate](estimates/twitter.md), [bad](javascript:alert(1)) or [out](../../etc.md).

| Component | Service |
| --- | --- |
| Database | [Amazon RDS](https://aws.amazon.com/rds/) |

![outside](../../secret.png) ![absolute](/etc/passwd.png) ![missing](gone.svg)
"""


def render(page: str = PAGE, folder: str = "") -> str:
    files = {"database.svg", "ko/database.svg"}
    return page_html(page, folder, {"single-server", "database"}.__contains__, files.__contains__)


def test_raw_html_is_text_and_tables_are_tables() -> None:
    html = render()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html
    assert "<table>" in html and '<a href="https://aws.amazon.com/rds/">Amazon RDS</a>' in html


def test_links_to_stages_become_placeholders_and_other_relative_links_their_text() -> None:
    html = render()
    assert '<a href="archgen-stage:single-server">Single server</a>' in html
    for text in ("a page", "an estimate", "bad", "out"):
        assert f">{text}</a>" not in html and text in html
    assert 'href="javascript' not in html and 'href="notes.md' not in html


def test_images_inside_the_build_become_placeholders_the_others_their_alt_text() -> None:
    html = render()
    assert '<img src="archgen-file:database.svg"' in html
    assert html.count("<img") == 1
    assert "outside" in html and "secret" not in html and "passwd" not in html
    korean = render("![다이어그램](database.svg)\n", folder="ko")
    assert '<img src="archgen-file:ko/database.svg"' in korean


def test_placed_links_and_files_then_the_svg_inlined() -> None:
    html = placed(
        render(),
        {"single-server": "first.html#archgen-single-server"}.get,
        lambda name: f"_images/archgen/{name}",
    )
    assert '<a href="first.html#archgen-single-server">Single server</a>' in html
    assert '<img src="_images/archgen/database.svg"' in html
    dropped = placed(render(), lambda stage: None, lambda name: name)
    assert "Single server" in dropped and "archgen-stage:" not in dropped
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg width="100pt" height="10pt" '
        'viewBox="0 0 100 10"><title>t</title><g id="database.graph" class="graph">'
        '<text font-size="12.00">x</text></g></svg>'
    )
    inlined = linked_page(html, {"_images/archgen/database.svg": svg}.get)
    assert "<img" not in inlined and 'viewBox="0 0 100 10"' in inlined
    assert "<?xml" not in inlined and "DOCTYPE" not in inlined
    assert linked_page(html, lambda src: None) == html  # an unknown src keeps its <img>


def test_headings_go_below_the_sections_around() -> None:
    html = headings_lower(render("# A\n\n## B\n\n###### F\n\nx <h1> y\n"), 2)
    assert "<h3>A</h3>" in html and "<h4>B</h4>" in html and "<h6>F</h6>" in html
    assert "x &lt;h1&gt; y" in html
