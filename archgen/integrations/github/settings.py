"""The action's inputs, as its steps pass them: ``ARCHGEN_*`` environment variables
(action.yml maps each input to one), read and checked in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from archgen.integrations.github.event import ActionError

MODES = ("single", "report", "comment")
DEFAULT_AUTHOR = "github-actions[bot]"  # who writes a comment with the job's GITHUB_TOKEN


@dataclass(frozen=True)
class Settings:
    mode: str  # single: report and comment in one job; report / comment: the fork-safe pair
    working_directory: Path
    fail_on_stale: bool
    pictures: bool  # draw the diff pictures (for the artifact, the assets branch or both)
    assets_branch: str
    assets_remote: str  # where the assets branch is pushed (default: the repository)
    fix_command: str
    comment_author: str
    report_dir: Path
    token: str

    @property
    def draws(self) -> bool:
        return self.pictures or bool(self.assets_branch)


def from_environment(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    mode = env.get("ARCHGEN_MODE", "single").strip() or "single"
    if mode not in MODES:
        raise ActionError(f"mode: '{mode}' is not one of {', '.join(MODES)}")
    temp = Path(env.get("RUNNER_TEMP") or "/tmp")
    return Settings(
        mode=mode,
        working_directory=Path(env.get("ARCHGEN_WORKING_DIRECTORY") or "."),
        fail_on_stale=_flag(env, "ARCHGEN_FAIL_ON_STALE", True),
        pictures=_flag(env, "ARCHGEN_UPLOAD_PICTURES", False),
        assets_branch=_branch(env.get("ARCHGEN_ASSETS_BRANCH", "").strip()),
        assets_remote=env.get("ARCHGEN_ASSETS_REMOTE", "").strip(),
        fix_command=env.get("ARCHGEN_FIX_COMMAND", "").strip() or "archgen build",
        comment_author=env.get("ARCHGEN_COMMENT_AUTHOR", "").strip() or DEFAULT_AUTHOR,
        report_dir=Path(env.get("ARCHGEN_REPORT_DIR") or temp / "archgen-report"),
        token=env.get("ARCHGEN_TOKEN", ""),
    )


def _flag(env: dict[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("true", "false"):
        return value == "true"
    raise ActionError(f"{name}: '{value}' is neither true nor false")


def _branch(name: str) -> str:
    """A branch name git takes and that cannot pass for an option."""
    bad = name.startswith(("-", "/")) or ".." in name or any(c in name for c in " ~^:?*[\\")
    if bad:
        raise ActionError(f"assets-branch: '{name}' is not a branch name")
    return name
