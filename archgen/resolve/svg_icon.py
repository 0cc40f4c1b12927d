"""An SVG icon, parsed as hostile input: its size, or why it may not be drawn.

An SVG is a document that can run code and fetch things: a ``<script>``, an ``onload``,
a ``<foreignObject>`` holding HTML, a link to ``javascript:``, an ``<image>`` or a CSS
``url()`` naming a local file or a server, an entity expanding to gigabytes or naming
``/etc/passwd``. archgen embeds an icon into every SVG it draws and hands it to
``rsvg-convert`` for the PNG, so it refuses all of that, whatever a browser or librsvg
would do with it. The rule: an SVG icon holds no script, event handler, foreign object,
document type, entity or processing instruction, and refers only to its own parts
(``#id``) or to PNG, JPEG and GIF ``data:`` images.

It is parsed with expat, which fetches nothing and expands no entity here: a document
type (where entities are declared) stops the parse before anything is expanded.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from collections.abc import Callable
from typing import Any, NamedTuple
from xml.parsers import expat

from archgen.diagnostics import BadInput
from archgen.spec.strings import shown

SVG_RULE = (
    "an SVG icon may hold no script, event handler, <foreignObject>, DOCTYPE or entity, "
    "and may refer only to its own parts ('#id') or to data: images"
)
_XHTML = "http://www.w3.org/1999/xhtml"
# Elements that run code or hold another kind of document, in any namespace.
_ACTIVE_ELEMENTS = frozenset({"script", "foreignObject", "handler", "listener"})
_ANIMATIONS = frozenset({"set", "animate", "animateTransform", "animateMotion"})
_SAFE_HREF = re.compile(r"(?i)^(?:#.*|data:image/(?:png|jpeg|gif)[;,].*)?$", re.DOTALL)
_CSS_URL = re.compile(r"(?i)url\(\s*(['\"]?)(.*?)\1\s*\)")
_CSS_IMPORT = re.compile(r"(?i)@import")
# SVG lengths: a number and an absolute unit, in CSS pixels per unit.
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*")
_UNITS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54}
_UNITS["in"] = 96.0


class SvgProblem(BadInput):
    """Why bytes are not an SVG icon; the message completes "icon 'x' ..."."""


class SvgIcon(NamedTuple):
    size: tuple[float, float]  # its viewBox's, else its width and height
    images: list[bytes]  # the data: images it holds, decoded, for their sizes to be checked


def read_svg(data: bytes) -> SvgIcon:
    """The SVG icon ``data``, once it is known to be safe; ``SvgProblem`` otherwise."""
    checker = _Checker()
    try:
        checker.parser.Parse(data, True)
    except _Refused as refused:
        raise SvgProblem(f"is an SVG that {refused}; {SVG_RULE}") from None
    except _NotSvg as other:
        raise SvgProblem(str(other)) from None
    except expat.ExpatError as error:
        if checker.root is not None:
            raise SvgProblem(
                f"is an SVG that is not well-formed XML ({expat.ErrorString(error.code)} "
                f"at line {error.lineno}, column {error.offset + 1})"
            ) from None
        raise SvgProblem(
            "is not a PNG, JPEG or SVG image (archgen tells them by their first bytes, "
            "not by the file's name)"
        ) from None
    if checker.root is None:
        raise SvgProblem("is not a PNG, JPEG or SVG image")
    return SvgIcon(_size(checker.root), [_decoded(uri) for uri in checker.data_uris])


class _Refused(BadInput):
    """Raised from an expat handler to stop the parse at the first thing refused."""


class _NotSvg(BadInput):
    """Raised from an expat handler when the document is XML of another kind."""


class _Checker:
    """The expat handlers: every element and attribute looked at as it is read."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.root: dict[str, str] | None = None
        self.in_style = 0
        self.data_uris: list[str] = []
        self.parser.StartDoctypeDeclHandler = self.refuse("has a DOCTYPE")
        self.parser.EntityDeclHandler = self.refuse("declares an entity")
        self.parser.UnparsedEntityDeclHandler = self.refuse("declares an entity")
        self.parser.ProcessingInstructionHandler = self.refuse("has a processing instruction")
        self.parser.ExternalEntityRefHandler = self.refuse("refers to an external entity")
        self.parser.StartElementHandler = self.element
        self.parser.EndElementHandler = self.end_element
        self.parser.CharacterDataHandler = self.text

    @staticmethod
    def refuse(what: str) -> Callable[..., Any]:
        def handler(*_: object) -> None:
            raise _Refused(what)

        return handler

    def element(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if self.root is None:
            if local != "svg":
                raise _NotSvg(f"is XML whose root is <{local}>, not an SVG image")
            self.root = {key.rpartition(" ")[2]: value for key, value in attributes.items()}
        if local in _ACTIVE_ELEMENTS or namespace == _XHTML:
            raise _Refused(f"holds <{local}>")
        for key, value in attributes.items():
            self.data_uris += _check_attribute(local, key.rpartition(" ")[2], value)
        self.in_style += local == "style"

    def end_element(self, name: str) -> None:
        self.in_style -= name.rpartition(" ")[2] == "style"

    def text(self, data: str) -> None:
        if self.in_style:
            self.data_uris += _check_css(data, "<style>")


def _check_attribute(element: str, name: str, value: str) -> list[str]:
    """The data: URIs the attribute holds, once it is known to run and fetch nothing."""
    if name.lower().startswith("on"):
        raise _Refused(f"has an event handler ({name} on <{element}>)")
    target = value.strip()
    if name == "href" and not _SAFE_HREF.match(target):
        raise _Refused(f"refers to another file or address (href on <{element}>)")
    if element in _ANIMATIONS and name == "attributeName" and _links_or_runs(target):
        raise _Refused(f"holds <{element}> changing {target}")
    data_uris = [target] if name == "href" and target[:5].lower() == "data:" else []
    return data_uris + _check_css(value, f"{name} on <{element}>")


def _links_or_runs(attribute: str) -> bool:
    return attribute.rpartition(":")[2] == "href" or attribute.lower().startswith("on")


def _check_css(text: str, where: str) -> list[str]:
    """The data: URIs a style holds, once it is known to import and fetch nothing."""
    if _CSS_IMPORT.search(text):
        raise _Refused(f"imports a style sheet ({where})")
    targets = [match.group(2).strip() for match in _CSS_URL.finditer(text)]
    for target in targets:
        if not _SAFE_HREF.match(target):
            raise _Refused(f"refers to another file or address (url() in {where})")
    return [target for target in targets if target[:5].lower() == "data:"]


def _decoded(uri: str) -> bytes:
    """The bytes of a ``data:`` URI: base64, or percent-escaped text."""
    header, _, payload = uri.partition(",")
    if header.lower().endswith(";base64"):
        try:
            return base64.b64decode("".join(payload.split()), validate=True)
        except binascii.Error:
            raise SvgProblem("is an SVG holding a data: image that is not base64") from None
    return urllib.parse.unquote_to_bytes(payload)


def _size(root: dict[str, str]) -> tuple[float, float]:
    view_box = root.get("viewBox")
    if view_box is not None:
        size = _view_box_size(view_box)
        if size is None:
            raise SvgProblem(f"is an SVG whose viewBox {shown(view_box)} has no size")
        return size
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width is None or height is None:
        raise SvgProblem(
            "is an SVG without a size: give its <svg> a viewBox, or a width and a height in pixels"
        )
    return width, height


def _view_box_size(view_box: str) -> tuple[float, float] | None:
    """The width and height of 'min-x min-y width height', when both are sizes."""
    parts = view_box.replace(",", " ").split()
    try:
        width, height = float(parts[2]), float(parts[3])
    except (IndexError, ValueError):
        return None
    if len(parts) != 4 or not (0 < width < 1e9 and 0 < height < 1e9):
        return None
    return width, height


def _length(value: str | None) -> float | None:
    match = _LENGTH.fullmatch(value or "")
    if match is None:
        return None
    length = float(match.group(1)) * _UNITS[match.group(2)]
    return length if 0 < length < 1e9 else None
