"""A fake GitHub REST API on 127.0.0.1, for the action's test: the few endpoints the
action calls, with GitHub's rules that matter to it (a token's user writes the comment;
only that user may edit it; a read-only token may not write; pages of comments linked by
``Link: rel="next"``), and a record of every request."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

REPOSITORY = "octo-org/architecture"
BOT = "github-actions[bot]"
WRITE_TOKEN = "ghs_write"  # the job's token with pull-requests: write
READ_TOKEN = "ghs_read"  # a fork's pull request: the same bot, read-only
PAGE = 2  # comments per page, whatever per_page asks: the action must follow the pages


@dataclass
class Request:
    method: str
    path: str
    token: str
    body: Any


@dataclass
class FakeGitHub:
    url: str = ""
    comments: list[dict[str, Any]] = field(default_factory=list)
    pulls: dict[int, str] = field(default_factory=dict)  # number -> head sha
    requests: list[Request] = field(default_factory=list)
    next_id: int = 1000

    def add_comment(self, login: str, body: str) -> int:
        self.next_id += 1
        self.comments.append({"id": self.next_id, "user": {"login": login}, "body": body})
        return self.next_id

    def writes(self) -> list[Request]:
        return [r for r in self.requests if r.method != "GET"]

    def by(self, login: str) -> list[dict[str, Any]]:
        return [c for c in self.comments if c["user"]["login"] == login]


def _handler(api: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
            raw = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(raw)

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            url = urlsplit(self.path)
            api.requests.append(Request(self.command, url.path, token, body))
            user = {WRITE_TOKEN: BOT, READ_TOKEN: BOT}.get(token)
            if user is None:
                return self._answer(401, {"message": "Requires authentication"})
            if self.command != "GET" and token == READ_TOKEN:
                return self._answer(403, {"message": "Resource not accessible by integration"})
            repo = f"/repos/{REPOSITORY}"
            if m := re.fullmatch(rf"{repo}/issues/(\d+)/comments", url.path):
                if self.command == "GET":
                    return self._list(int(parse_qs(url.query).get("page", ["1"])[0]), url.path)
                return self._answer(201, self._created(user, body["body"]))
            if m := re.fullmatch(rf"{repo}/issues/comments/(\d+)", url.path):
                return self._edit(int(m[1]), user, body)
            if (m := re.fullmatch(rf"{repo}/pulls/(\d+)", url.path)) and int(m[1]) in api.pulls:
                return self._answer(
                    200, {"number": int(m[1]), "head": {"sha": api.pulls[int(m[1])]}}
                )
            return self._answer(404, {"message": "Not Found"})

        def _list(self, page: int, path: str) -> None:
            items = api.comments[(page - 1) * PAGE : page * PAGE]
            more = len(api.comments) > page * PAGE
            link = f'<{api.url}{path}?per_page=100&page={page + 1}>; rel="next"'
            self._answer(200, items, {"Link": link} if more else None)

        def _created(self, user: str, text: str) -> dict[str, Any]:
            api.add_comment(user, text)
            return {**api.comments[-1], "html_url": f"{api.url}/comment/{api.next_id}"}

        def _edit(self, number: int, user: str, body: Any) -> None:
            comment = next((c for c in api.comments if c["id"] == number), None)
            if comment is None:
                return self._answer(404, {"message": "Not Found"})
            if comment["user"]["login"] != user:
                return self._answer(403, {"message": "Must have admin rights to Repository."})
            comment["body"] = body["body"]
            self._answer(200, {**comment, "html_url": f"{api.url}/comment/{number}"})

        do_GET = do_POST = do_PATCH = _serve

    return Handler


@contextmanager
def fake_github() -> Iterator[FakeGitHub]:
    api = FakeGitHub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
