"""The checks on an icon's bytes (resolve/icon_image.py, resolve/svg_icon.py) one by one:
what a real icon holds passes, each way an SVG could run code or fetch something fails.
The corpus (tests/bad_specs/icons/) shows the same refusals through `archgen build`."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from icon_files import png, png_header

from archgen.resolve.icon_image import JPEG, PNG, SVG, IconProblem, checked_icon

HERE = Path("icon")
_SMALL_PNG = base64.b64encode(png(4, 4, (9, 9, 9))).decode()
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def _svg(body: str, attributes: str = 'viewBox="0 0 64 64"') -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" {XLINK} {attributes}>{body}</svg>'.encode()


def test_a_png_keeps_its_size() -> None:
    icon = checked_icon(png(64, 32, (1, 2, 3)), HERE)
    assert (icon.media_type, icon.width, icon.height) == (PNG, 64, 32)


def test_a_jpeg_size_comes_from_its_frame_header() -> None:
    frame = b"\xff\xc2\x00\x11\x08\x00\x30\x00\x50\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    icon = checked_icon(b"\xff\xd8" + app0 + b"\xff\xff" + frame + b"\xff\xd9", HERE)
    assert (icon.media_type, icon.width, icon.height) == (JPEG, 80, 48)


@pytest.mark.parametrize(
    ("attributes", "size"),
    [
        ('viewBox="0 0 64 64"', (256, 256)),
        ('viewBox="0,0,200,100"', (256, 128)),
        ('width="48" height="24"', (256, 128)),
        ('width="2in" height="1in"', (256, 128)),
        ('width="100%" height="100%" viewBox="0 0 10 40"', (64, 256)),
    ],
)
def test_an_svg_is_drawn_256_pixels_on_its_longer_side(
    attributes: str, size: tuple[int, int]
) -> None:
    icon = checked_icon(_svg("<rect width='1' height='1'/>", attributes), HERE)
    assert (icon.media_type, (icon.width, icon.height)) == (SVG, size)


@pytest.mark.parametrize(
    "body",
    [
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="9" height="9"/>',
        '<linearGradient id="g"/><rect style="fill:url( \'#g\' )" width="9"/>',
        '<use xlink:href="#r"/><rect id="r" width="9" height="9"/>',
        f'<image width="9" height="9" href="data:image/png;base64,{_SMALL_PNG}"/>',
        f'<rect style="fill: url(data:image/png;base64,{_SMALL_PNG})" width="9"/>',
        '<image href="data:image/gif,GIF89a%01%00%01%00%00%00%00;"/>',
        '<style>rect { fill: #123456 }</style><rect width="9" height="9"/>',
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>',
        '<text font-family="sans-serif" opacity="0.5" offset="1">Logo</text>',
    ],
)
def test_what_real_icons_hold_passes(body: str) -> None:
    assert checked_icon(_svg(body), HERE).media_type == SVG


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('<svg:script xmlns:svg="http://www.w3.org/2000/svg">x</svg:script>', "holds <script>"),
        ('<rect ONCLICK="x()" width="9" height="9"/>', "event handler (ONCLICK on <rect>)"),
        ('<a xlink:href=" javascript:alert(1)"><rect/></a>', "href on <a>"),
        ('<use href="other.svg#x"/>', "href on <use>"),
        ('<feImage href="/etc/passwd"/>', "href on <feImage>"),
        ('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', "href on <image>"),
        ('<image href="data:text/html,&lt;script&gt;"/>', "href on <image>"),
        ("<rect style=\"fill:url('file:///etc/passwd')\"/>", "url() in style on <rect>"),
        ('<rect fill="url(https://x.invalid/#g)"/>', "url() in fill on <rect>"),
        ("<style><![CDATA[@IMPORT url(a.css);]]></style>", "imports a style sheet"),
        ("<style>rect { fill: url(//x.invalid/p) }</style>", "url() in <style>"),
        ('<animate attributeName="xlink:href" to="javascript:x"/>', "holds <animate> changing"),
        ('<set attributeName="onclick" to="x()"/>', "holds <set> changing onclick"),
        ('<handler xmlns="http://www.w3.org/2001/xml-events">x</handler>', "holds <handler>"),
        ('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>', "href"),
    ],
)
def test_active_or_linking_svgs_are_refused(body: str, says: str) -> None:
    with pytest.raises(IconProblem) as refused:
        checked_icon(_svg(body), HERE)
    assert says in str(refused.value)
    assert "an SVG icon may hold no script, event handler" in str(refused.value)


def test_an_svg_is_refused_before_any_entity_is_expanded() -> None:
    laughs = "".join(f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 10}">' for i in range(1, 12))
    data = f'<!DOCTYPE svg [<!ENTITY l0 "lol">{laughs}]>'.encode() + _svg("<text>&l11;</text>")
    with pytest.raises(IconProblem, match="has a DOCTYPE"):
        checked_icon(data, HERE)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (png_header(2_049, 10), "is 2,049 x 10 pixels; an icon may be at most 2,048"),
        (png_header(10, 0), "is 10 x 0 pixels: an image with no pixels"),
        (b"\x89PNG\r\n\x1a\n", "is not a whole PNG image"),
        (b"\xff\xd8\xff\xd9", "is not a whole JPEG image"),
        (b"\xff\xd8\xff\xe0\x00\x01", "is not a whole JPEG image"),  # a length under 2
        (b"RIFF....WEBPVP8 ", "is not a PNG, JPEG or SVG image"),
        (b"<svg", "is not a PNG, JPEG or SVG image"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10em" height="1em"/>',
            "without a size",
        ),
    ],
)
def test_other_bytes_are_refused(data: bytes, says: str) -> None:
    with pytest.raises(IconProblem) as refused:
        checked_icon(data, HERE)
    assert says in str(refused.value)


def _damaged(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (_damaged(png(8, 8, (1, 2, 3)), 45), "(chunk 'IDAT' is damaged)"),
        (_damaged(png(8, 8, (1, 2, 3)), 26), "(chunk 'IHDR' is damaged)"),
        (png(8, 8, (1, 2, 3))[:-12], "(it ends before its last chunk)"),
        (png(8, 8, (1, 2, 3))[:-3], "(it ends before its last chunk)"),
        (png_header(8, 8) + b"\0\0\0\0IEND\xaeB`\x82", "(it has no pixels)"),
    ],
)
def test_a_damaged_png_is_refused_before_graphviz_draws_an_empty_picture(
    data: bytes, says: str
) -> None:
    """cairo given a damaged PNG made Graphviz write an empty picture (exit 3, no icon named)."""
    with pytest.raises(IconProblem) as refused:
        checked_icon(data, HERE)
    assert f"is not a whole PNG image {says}" in str(refused.value)


def test_a_png_whose_pixels_inflate_to_much_is_read_in_pieces() -> None:
    """2,048 x 2,048 of one colour: 12 MB of pixels from a 12 kB file, never held whole."""
    data = png(2_048, 2_048, (9, 9, 9))
    assert len(data) < 64_000
    assert checked_icon(data, HERE).width == 2_048


@pytest.mark.parametrize(
    ("href", "says"),
    [
        (
            f"data:image/png;base64,{base64.b64encode(png_header(60_000, 60_000)).decode()}",
            "holding a data: image that is 60,000 x 60,000 pixels",
        ),
        ("data:image/png;base64,not base64!", "holding a data: image that is not base64"),
        ("data:image/gif;base64,R0lGODlhAAAAAAAAACw=", "holding a data: image that is 0 x 0"),
        ("data:image/jpeg,plain text", "holding a data: image that is not a PNG, JPEG or GIF"),
    ],
)
def test_the_data_images_an_svg_holds_are_held_to_the_icon_sizes(href: str, says: str) -> None:
    """librsvg decodes a data: image as it would a file: a 60,000-pixel one would take
    14 GB, so it is bounded as an icon file is."""
    with pytest.raises(IconProblem) as refused:
        checked_icon(_svg(f'<image width="9" height="9" href="{href}"/>'), HERE)
    assert says in str(refused.value)
