"""HTML read into tokens that keep their place in the text, so that a page is rewritten
only where it must be: every token's text is a slice of the input, and joining the
slices gives the input back byte for byte.

The standard library's ``html.parser`` reads the markup (as a browser's tokenizer
would, far closer than any regular expression); it reports where each token starts,
and a token ends where the next one starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Token:
    kind: str  # start, end, empty (<x/>), data, comment, other (doctype, pi, cdata)
    tag: str = ""  # lower case, as the parser gives it
    attrs: dict[str, str] = field(default_factory=dict)
    text: str = ""  # comment's text; data's text
    start: int = 0
    end: int = 0


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.tokens: list[Token] = []
        self._line_starts = [0]
        for number, char in enumerate(source):
            if char == "\n":
                self._line_starts.append(number + 1)

    def _add(self, token: Token) -> None:
        line, column = self.getpos()
        token.start = self._line_starts[line - 1] + column
        self.tokens.append(token)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add(Token("start", tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add(Token("empty", tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        self._add(Token("end", tag))

    def handle_data(self, data: str) -> None:
        self._add(Token("data", text=data))

    def handle_entityref(self, name: str) -> None:
        self._add(Token("data", text=f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._add(Token("data", text=f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self._add(Token("comment", text=data))

    def handle_decl(self, decl: str) -> None:
        self._add(Token("other"))

    def handle_pi(self, data: str) -> None:
        self._add(Token("other"))

    def unknown_decl(self, data: str) -> None:
        self._add(Token("other"))


def tokens_of(source: str) -> list[Token]:
    """``source`` as tokens, each with its ``start`` and ``end`` in ``source``."""
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    tokens = reader.tokens
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        token.end = following.start if following else len(source)
    return tokens


def rewritten(source: str, tokens: list[Token], edits: dict[int, str]) -> str:
    """``source`` with the text of token ``n`` replaced by ``edits[n]``."""
    parts, at = [], 0
    for number in sorted(edits):
        token = tokens[number]
        parts += [source[at : token.start], edits[number]]
        at = token.end
    return "".join([*parts, source[at:]])


def opening(token: Token, source: str, extra: str) -> str:
    """A start tag's own text with ``extra`` (attributes, escaped) added before its end."""
    text = source[token.start : token.end]
    close = len(text) - (2 if text.endswith("/>") else 1)
    return text[:close].rstrip() + extra + text[close:]
