"""The few REST calls the action makes, through urllib (the standard library: the
action installs nothing beyond archgen). ``GITHUB_API_URL`` names the server, so a
GitHub Enterprise Server works, and so does the test's fake one on 127.0.0.1."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any

from archgen.diagnostics import BadEnvironment

MAX_PAGES = 50  # 5,000 comments: a pull request with more is not worth a longer wait
TIMEOUT = 30


class ApiError(BadEnvironment):
    """GitHub's API refused or failed a request: the token's rights, the network, or
    GitHub itself, none of which the specs can fix."""

    def __init__(self, status: int, method: str, path: str, message: str) -> None:
        super().__init__(f"{method} {path}: HTTP {status}: {message}")
        self.status = status


class GitHub:
    def __init__(self, api_url: str, repository: str, token: str) -> None:
        self.base = api_url.rstrip("/")
        self.repository = repository
        self.token = token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data, _ = self._request(method, f"{self.base}{path}", body)
        return data

    def pages(self, path: str) -> list[Any]:
        """Every item of a listed resource, following the ``Link: rel="next"`` pages."""
        items: list[Any] = []
        url: str | None = f"{self.base}{path}?per_page=100"
        for _ in range(MAX_PAGES):
            if url is None:
                break
            data, link = self._request("GET", url, None)
            items.extend(data if isinstance(data, list) else [])
            url = _next_page(link, self.base)
        return items

    def _request(self, method: str, url: str, body: dict[str, Any] | None) -> tuple[Any, str]:
        request = urllib.request.Request(url, method=method, headers=self._headers())
        if body is not None:
            request.data = json.dumps(body).encode()
            request.add_header("Content-Type", "application/json")
        path = url[len(self.base) :]
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                raw = response.read()
                link = response.headers.get("Link", "")
        except urllib.error.HTTPError as error:
            raise ApiError(error.code, method, path, _message(error.read())) from None
        except OSError as error:
            raise ApiError(0, method, path, str(error)) from None
        return (json.loads(raw) if raw else None), link

    def _headers(self) -> dict[str, str]:
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "archgen-action",
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers


def _next_page(link: str, base: str) -> str | None:
    """The next page's address, if it is on the API's server: the token goes with it."""
    match = re.search(r'<([^>]+)>;\s*rel="next"', link)
    return match[1] if match and match[1].startswith(base + "/") else None


def _message(raw: bytes) -> str:
    try:
        data = json.loads(raw)
    except ValueError:
        return raw[:200].decode("utf-8", errors="replace")
    return str(data.get("message", "")) if isinstance(data, dict) else ""
