"""The pull request the action reviews, read from the event payload the runner wrote
(``GITHUB_EVENT_PATH``) and the variables it sets.

In ``report`` and ``single`` mode the event is ``pull_request`` (or
``pull_request_target``); in ``comment`` mode it is ``workflow_run``, whose payload names
the head commit the report was made for but, for a pull request from a fork, not the pull
request (GitHub leaves ``workflow_run.pull_requests`` empty then): the report carries the
number and ``comment`` checks it against that head commit.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archgen.diagnostics import BadInput

MAX_EVENT_BYTES = 25 * 1024 * 1024  # GitHub's webhook payloads are at most 25 MB


class ActionError(BadInput):
    """A setting or payload the action cannot work with: one line, exit 2."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    base_sha: str
    head_sha: str
    base_ref: str
    from_fork: bool  # the head is in another repository: the token cannot write


@dataclass(frozen=True)
class Run:
    """Where the job runs: the repository, its web and API addresses, the run."""

    repository: str  # owner/name
    server_url: str
    api_url: str
    run_id: str

    @property
    def run_url(self) -> str:
        return f"{self.server_url}/{self.repository}/actions/runs/{self.run_id}"


def environment(env: dict[str, str] | None = None) -> Run:
    env = dict(os.environ if env is None else env)
    repository = env.get("GITHUB_REPOSITORY", "")
    if repository.count("/") != 1:
        raise ActionError("GITHUB_REPOSITORY is not owner/name: not run by GitHub Actions?")
    return Run(
        repository=repository,
        server_url=env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/"),
        api_url=env.get("GITHUB_API_URL", "https://api.github.com").rstrip("/"),
        run_id=env.get("GITHUB_RUN_ID", ""),
    )


def payload(env: dict[str, str] | None = None) -> dict[str, Any]:
    env = dict(os.environ if env is None else env)
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        raise ActionError("GITHUB_EVENT_PATH is not set: not run by GitHub Actions?")
    raw = Path(path).read_bytes()[: MAX_EVENT_BYTES + 1]
    if len(raw) > MAX_EVENT_BYTES:
        raise ActionError(f"{path}: the event payload is larger than {MAX_EVENT_BYTES} bytes")
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ActionError(f"{path}: the event payload is not a JSON object")
    return data


def pull_request(event: dict[str, Any]) -> PullRequest:
    """The pull request of a ``pull_request`` event's payload."""
    pr = event.get("pull_request")
    if not isinstance(pr, dict):
        raise ActionError(
            "the event has no pull request: run the action `on: pull_request` "
            "(or mode: comment `on: workflow_run`)"
        )
    base, head = _object(pr, "base"), _object(pr, "head")
    base_repo = _object(base, "repo").get("full_name")
    head_repo = (head.get("repo") or {}).get("full_name")  # a deleted fork: null
    return PullRequest(
        number=_integer(pr, "number"),
        base_sha=_sha(base),
        head_sha=_sha(head),
        base_ref=str(base.get("ref", "")),
        from_fork=head_repo != base_repo,
    )


def workflow_run_head(event: dict[str, Any]) -> str:
    """The head commit of the run a ``workflow_run`` event reports on."""
    run = event.get("workflow_run")
    if not isinstance(run, dict):
        raise ActionError("mode: comment runs `on: workflow_run`; this event has no workflow_run")
    return _sha(run, "head_sha")


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ActionError(f"the event payload has no '{key}' object")
    return value


def _integer(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ActionError(f"the event payload's '{key}' is not a positive number")
    return value


def _sha(data: dict[str, Any], key: str = "sha") -> str:
    value = data.get(key)
    if not is_sha(value):
        raise ActionError(f"the event payload's '{key}' is not a commit id")
    return str(value)


def is_sha(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) in (40, 64)
        and all(c in "0123456789abcdef" for c in value)
    )


def workflow_run_id(event: dict[str, Any]) -> str:
    """The id of the run a ``workflow_run`` event reports on (its artifacts are there)."""
    run = event.get("workflow_run")
    number = run.get("id") if isinstance(run, dict) else None
    if not isinstance(number, int) or isinstance(number, bool):
        raise ActionError("the workflow_run event has no run id")
    return str(number)
