"""The one sticky comment: found among the pull request's comments by its hidden marker
(its first line) and its author, then updated in place (PATCH), or created once when
there is none. A comment by anyone else is never touched, marker or not: a user can
paste the marker, and another bot's comments are its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archgen.integrations.github.api import GitHub


@dataclass(frozen=True)
class Posted:
    id: int
    url: str
    action: str  # created, updated, unchanged


def upsert(github: GitHub, number: int, body: str, marker: str, author: str) -> Posted:
    repo = github.repository
    ours = find(github.pages(f"/repos/{repo}/issues/{number}/comments"), marker, author)
    if ours is None:
        made = github.call("POST", f"/repos/{repo}/issues/{number}/comments", {"body": body})
        return Posted(int(made["id"]), str(made.get("html_url", "")), "created")
    if ours.get("body") == body:  # a re-run: no edit, no notification
        return Posted(int(ours["id"]), str(ours.get("html_url", "")), "unchanged")
    path = f"/repos/{repo}/issues/comments/{int(ours['id'])}"
    edited = github.call("PATCH", path, {"body": body})
    return Posted(int(edited["id"]), str(edited.get("html_url", "")), "updated")


def find(comments: list[Any], marker: str, author: str) -> dict[str, Any] | None:
    """The first comment that ``author`` wrote and that starts with ``marker``'s line."""
    for comment in comments:
        if not isinstance(comment, dict) or not isinstance(comment.get("id"), int):
            continue
        login = (comment.get("user") or {}).get("login")
        text = str(comment.get("body") or "")
        if login == author and text.split("\n", 1)[0].strip() == marker:
            return comment
    return None
