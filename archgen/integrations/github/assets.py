"""The diff pictures on an assets branch: each file named by the SHA-256 of its bytes
(the same picture is stored once, and a link never changes what it shows), committed
on top of the branch and pushed, from a temporary repository of its own: the job's
checkout (a pull request's code, or none at all in ``comment`` mode) is not touched.

The links are the repository's raw files at that commit, under ``GITHUB_SERVER_URL``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from archgen.integrations.github.event import ActionError, Run

ATTEMPTS = 3  # another pull request's job may push between our fetch and our push
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


def content_name(data: bytes, suffix: str) -> str:
    return f"{hashlib.sha256(data).hexdigest()}{suffix}"


def publish(
    pictures: list[Path], branch: str, remote: str, token: str, run: Run, message: str
) -> dict[str, str]:
    """Push ``pictures`` to ``branch`` of ``remote``; each picture's name -> its URL."""
    files = {content_name(p.read_bytes(), p.suffix): p for p in pictures}
    with tempfile.TemporaryDirectory(prefix="archgen-assets-") as folder:
        git = _Git(Path(folder), remote, token)
        git("init", "--quiet", "--bare")
        for attempt in range(ATTEMPTS):
            commit = _commit(git, branch, files, message)
            pushed = git.run("push", "--quiet", git.remote, f"{commit}:refs/heads/{branch}")
            if pushed.returncode == 0:
                break
            if attempt == ATTEMPTS - 1:
                raise ActionError(f"cannot push to {branch}: {pushed.stderr.strip()}")
    base = f"{run.server_url}/{run.repository}/raw/{commit}"
    return {path.name: f"{base}/{name}" for name, path in files.items()}


def _commit(git: _Git, branch: str, files: dict[str, Path], message: str) -> str:
    """A commit of the branch's tree (fetched anew) with ``files`` added."""
    fetched = git.run("fetch", "--quiet", "--depth=1", git.remote, f"+refs/heads/{branch}:refs/tip")
    parent = ["-p", "refs/tip"] if fetched.returncode == 0 else []  # else: a new branch
    entries = git("ls-tree", "refs/tip").splitlines() if parent else []
    known = {line.split("\t", 1)[1] for line in entries}
    for name, path in sorted(files.items()):
        if name not in known:
            blob = git("hash-object", "-w", "--", str(path)).strip()
            entries.append(f"100644 blob {blob}\t{name}")
    tree = git("mktree", stdin="\n".join(entries) + "\n" if entries else "").strip()
    return git("commit-tree", tree, *parent, "-m", message).strip()


class _Git:
    """git in the temporary repository, with the token as an HTTP header (as
    actions/checkout passes it), never in a URL or on a command line shown."""

    def __init__(self, folder: Path, remote: str, token: str) -> None:
        if remote.startswith("-"):
            raise ActionError(f"assets-remote: '{remote}' is not a repository")
        self.folder = folder
        self.remote = remote
        name, email = BOT
        self.env = {
            **os.environ,
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_TERMINAL_PROMPT": "0",
        }
        if token and remote.startswith(("https://", "http://")):
            basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
            self.env |= {
                "GIT_CONFIG_COUNT": "1",
                "GIT_CONFIG_KEY_0": "http.extraheader",
                "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}",
            }

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "-C", str(self.folder), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
        )

    def __call__(self, *args: str, stdin: str | None = None) -> str:
        done = self.run(*args, stdin=stdin)
        if done.returncode != 0:
            raise ActionError(f"git {args[0]} failed: {done.stderr.strip()}")
        return done.stdout
