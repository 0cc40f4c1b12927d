"""The GitHub Action (action.yml), its steps run as a runner runs them: each `run:`
script of the file, with bash, its `env:` expressions filled in from the inputs and the
job (the test knows a handful of expressions and fails on any other, so the file keeps
them simple), in a checkout of a local bare remote whose base commit has a built output/
and whose head changes a spec; the event is a recorded payload
(tests/fixtures/github/), and the REST API a fake server on 127.0.0.1 (tests/fake_github.py).

Not run: the `install` step (apt-get and pip, which need the network: the machine has
Graphviz and the font, and the steps run this checkout's archgen through PYTHONPATH), and
the `uses:` steps, GitHub's artifact actions: a test of comment mode copies the report
folder from the report job's runner to the comment job's, as the upload and the
download do.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from fake_github import BOT, READ_TOKEN, REPOSITORY, WRITE_TOKEN, FakeGitHub, fake_github
from helpers import GIT_ENV, REPO, copy_repo_specs

pytestmark = pytest.mark.slow  # integration: git, archgen and a server, whole jobs

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
FIXTURES = REPO / "tests" / "fixtures" / "github"
SKIPPED = {"install"}  # apt-get and pip: see the module's docstring
SERVER = "https://git.example.com"  # GITHUB_SERVER_URL: no host of archgen's own
SPEC = "specs/12-database-scaling.yaml"
MARKER = "<!-- archgen-diff -->"


def add_backups(text: str) -> str:
    """Head's change: a node whose label mentions someone and links an address."""
    node = '  backups: {kind: s3, label: "Backups for @octocat, see https://evil.example"}\n'
    return text.replace("nodes:\n", "nodes:\n" + node, 1)


def rename_backups(text: str) -> str:
    return text.replace("Backups for @octocat, see https://evil.example", "Nightly backups")


@dataclass
class Job:
    """What a job run of the action left: each step's exit code, the summary."""

    codes: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    log: str = ""

    @property
    def failed(self) -> bool:
        return any(self.codes.values())


def sh(cwd: Path, *command: str) -> str:
    done = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def archgen(cwd: Path, *args: str) -> str:
    return sh(cwd, sys.executable, "-m", "archgen", *args)


class Project:
    """A repository on a bare remote: main with the twelve stages built; a pull
    request branch on top."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.remote = root / "remote.git"
        self.work = root / "work"
        copy_repo_specs(self.work)
        settings = (REPO / "pyproject.toml").read_text(encoding="utf-8")
        table = re.search(r"^\[tool\.archgen\]\n.*?(?=^\[)", settings, re.M | re.S)
        assert table, "pyproject.toml has a [tool.archgen] table"
        (self.work / "pyproject.toml").write_text(table[0], encoding="utf-8")
        archgen(self.work, "build", "-q")
        sh(root, "git", "init", "-q", "--bare", "-b", "main", str(self.remote))
        for command in (
            ("init", "-q", "-b", "main"),
            ("add", "."),
            ("commit", "-q", "-m", "base"),
            ("remote", "add", "origin", str(self.remote)),
            ("push", "-q", "origin", "main"),
            ("checkout", "-q", "-b", "add-backups"),
        ):
            sh(self.work, "git", *command)
        self.base = sh(self.work, "git", "rev-parse", "HEAD")

    def push(self, edit: Callable[[str], str], build: bool) -> str:
        """A commit on the branch that edits the spec (and rebuilds output/ or not)."""
        spec = self.work / SPEC
        spec.write_text(edit(spec.read_text(encoding="utf-8")), encoding="utf-8")
        if build:
            archgen(self.work, "build", "-q")
        sh(self.work, "git", "add", ".")
        sh(self.work, "git", "commit", "-q", "-m", "change")
        sh(self.work, "git", "push", "-q", "origin", "add-backups")
        return sh(self.work, "git", "rev-parse", "HEAD")

    def checkout(self, sha: str) -> Path:
        """The workspace, as actions/checkout with fetch-depth: 0 leaves it."""
        workspace = self.root / f"workspace-{sha[:8]}"
        if not workspace.exists():
            sh(self.root, "git", "clone", "-q", str(self.remote), str(workspace))
            sh(workspace, "git", "checkout", "-q", sha)
        return workspace

    def pull_request_event(self, head: str, fork: bool = False) -> dict[str, Any]:
        event = json.loads((FIXTURES / "pull_request.json").read_text())
        event["pull_request"]["base"]["sha"] = self.base
        event["pull_request"]["head"]["sha"] = head
        if fork:
            event["pull_request"]["head"]["repo"]["full_name"] = "contributor/architecture"
            event["pull_request"]["head"]["repo"]["fork"] = True
        return event


def expression(name: str, inputs: dict[str, str], job: dict[str, str]) -> str:
    """The value of ``${{ name }}`` as the runner computes it, for the few names the
    action uses; anything else fails the test (keep action.yml's expressions simple)."""
    if name.startswith("inputs."):
        key = name.removeprefix("inputs.")
        assert key in ACTION["inputs"], f"action.yml reads an undeclared input {key}"
        value = inputs.get(key, str(ACTION["inputs"][key].get("default", "")))
        return substitute(value, inputs, job)
    assert name in job, f"action.yml uses ${{{{ {name} }}}}, which this test does not know"
    return job[name]


def substitute(text: str, inputs: dict[str, str], job: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: expression(m[1], inputs, job), text)


def run_action(
    workspace: Path,
    runner: Path,
    api: FakeGitHub,
    event: dict[str, Any],
    event_name: str,
    token: str,
    **inputs: str,
) -> Job:
    """Every `run:` step of action.yml in order, until one fails (as a runner stops)."""
    runner.mkdir(parents=True, exist_ok=True)
    (runner / "event.json").write_text(json.dumps(event))
    job_values = {
        "github.token": token,
        "runner.temp": str(runner),
        "github.event.workflow_run.id": str(event.get("workflow_run", {}).get("id", "")),
    }
    base_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "ARCHGEN_"))},
        **GIT_ENV,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
        "HOME": str(runner),
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": event_name,
        "GITHUB_EVENT_PATH": str(runner / "event.json"),
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_API_URL": api.url,
        "GITHUB_SERVER_URL": SERVER,
        "GITHUB_RUN_ID": "5550001",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(REPO),
        "RUNNER_TEMP": str(runner),
    }
    job = Job()
    for number, step in enumerate(ACTION["runs"]["steps"]):
        if "run" not in step or step.get("id") in SKIPPED:
            continue
        assert "if" not in step, "a run step decides in Python, so this test runs it as is"
        files = {name: runner / f"{name}-{number}" for name in ("summary", "output", "path")}
        env = {k: substitute(str(v), inputs, job_values) for k, v in step.get("env", {}).items()}
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={
                **base_env,
                **env,
                "GITHUB_STEP_SUMMARY": str(files["summary"]),
                "GITHUB_OUTPUT": str(files["output"]),
                "GITHUB_PATH": str(files["path"]),
            },
        )
        job.codes[step["id"]] = done.returncode
        job.log += f"--- {step['id']}: exit {done.returncode}\n{done.stdout}{done.stderr}"
        if files["summary"].exists():
            job.summary += files["summary"].read_text(encoding="utf-8")
        if files["output"].exists():
            for line in files["output"].read_text().splitlines():
                name, _, value = line.partition("=")
                job.outputs[f"{step['id']}.{name}"] = value
        if done.returncode:
            break
    return job


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


@pytest.fixture
def api() -> Iterator[FakeGitHub]:
    with fake_github() as server:
        yield server


def single(project: Project, api: FakeGitHub, head: str, name: str, **inputs: str) -> Job:
    api.pulls[7] = head
    return run_action(
        project.checkout(head),
        project.root / name,
        api,
        project.pull_request_event(head),
        "pull_request",
        WRITE_TOKEN,
        **inputs,
    )


def test_the_comment_is_created_once_then_updated_in_place(
    project: Project, api: FakeGitHub
) -> None:
    # Someone pasted the marker, another bot comments too: neither is the action's.
    human = api.add_comment("reviewer", f"{MARKER}\nI copied this from the bot")
    other_bot = api.add_comment("other-bot[bot]", f"{MARKER}\n### Architecture changes")
    before = [dict(c) for c in api.comments]

    first = single(project, api, project.push(add_backups, build=True), "run1")
    assert not first.failed, first.log
    ours = api.by(BOT)
    assert len(ours) == 1, first.log
    body = ours[0]["body"]
    assert body.startswith(MARKER + "\n")
    assert "✅ `output/` is current" in body
    assert "- **Database scaling** (`database-scaling`): changed — 1 × node added" in body
    # Spec text links nothing and mentions no one; it still reads the same.
    assert (
        "| node | `backups` | added | Backups for @&#8203;octocat, see https:&#8203;//evil" in body
    )
    # A Mermaid block is code: GitHub draws it and links or mentions nothing in it.
    assert "```mermaid\n" in body
    prose = re.sub(r"^```mermaid\n.*?^```$", "", body, flags=re.M | re.S)
    assert "@octocat" not in prose and "https://evil" not in prose
    assert first.summary.strip() == body.strip()  # the job summary holds the same

    second = single(project, api, project.push(rename_backups, build=True), "run2")
    assert not second.failed, second.log
    assert [r.method for r in api.writes()] == ["POST", "PATCH"]
    assert api.writes()[1].path == f"/repos/{REPOSITORY}/issues/comments/{ours[0]['id']}"
    assert len(api.by(BOT)) == 1
    assert "| node | `backups` | added | Nightly backups |" in api.by(BOT)[0]["body"]
    assert [c for c in api.comments if c["id"] in (human, other_bot)] == before


@pytest.mark.parametrize("fail_on_stale", ["true", "false"])
def test_a_stale_output_is_reported_with_the_fix(
    project: Project, api: FakeGitHub, fail_on_stale: str
) -> None:
    head = project.push(add_backups, build=False)  # the spec changed, output/ did not
    job = single(project, api, head, "run", **{"fail-on-stale": fail_on_stale})
    (comment,) = api.by(BOT)
    assert "❌ **`output/` is stale**" in comment["body"]
    assert "Run `archgen build` and commit `output/`." in comment["body"]
    assert "output/database-scaling.svg: out of date" in comment["body"]
    # The diff is there all the same.
    assert "| node | `backups` | added |" in comment["body"]
    assert job.outputs["report.stale"] == "true"
    assert job.codes["comment"] == 0
    assert job.codes["verdict"] == (1 if fail_on_stale == "true" else 0), job.log
    if fail_on_stale == "true":
        assert "::error::❌ **`output/` is stale**" in job.log


def test_a_fork_gets_the_summary_without_a_write_token(project: Project, api: FakeGitHub) -> None:
    """Report mode in the pull request's workflow: no token, no API write, the
    summary; then comment mode on workflow_run posts what the report says."""
    head = project.push(add_backups, build=True)
    workspace, report_runner = project.checkout(head), project.root / "report-runner"
    event = project.pull_request_event(head, fork=True)
    report = run_action(workspace, report_runner, api, event, "pull_request", "", mode="report")
    assert not report.failed, report.log
    assert api.requests == []
    assert "| node | `backups` | added |" in report.summary
    assert "is current" in report.summary
    upload = [s for s in ACTION["runs"]["steps"] if s.get("if") == "inputs.mode == 'report'"]
    assert upload[0]["uses"].startswith("actions/upload-artifact@")

    # The workflow_run job: the artifact downloaded, no checkout of the pull request.
    comment_runner = project.root / "comment-runner"
    shutil.copytree(report_runner / "archgen-report", comment_runner / "archgen-report")
    run = json.loads((FIXTURES / "workflow_run.json").read_text())
    run["workflow_run"]["head_sha"] = head
    api.pulls[7] = head
    empty = project.root / "empty"
    empty.mkdir()
    job = run_action(empty, comment_runner, api, run, "workflow_run", WRITE_TOKEN, mode="comment")
    assert not job.failed, job.log
    (comment,) = api.by(BOT)
    assert comment["body"].strip() == report.summary.strip().replace("5550001", "9876543210")
    assert job.summary.strip() == comment["body"].strip()


def test_comment_mode_refuses_a_report_that_names_another_pull_request(
    project: Project, api: FakeGitHub
) -> None:
    head = project.push(add_backups, build=True)
    runner = project.root / "report-runner"
    event = project.pull_request_event(head, fork=True)
    assert not run_action(
        project.checkout(head), runner, api, event, "pull_request", "", mode="report"
    ).failed
    meta = runner / "archgen-report" / "meta.json"
    meta.write_text(meta.read_text().replace('"pull_request": 7', '"pull_request": 8'))
    api.pulls[8] = project.base  # someone else's pull request, at another head
    run = json.loads((FIXTURES / "workflow_run.json").read_text())
    run["workflow_run"]["head_sha"] = head
    job = run_action(runner, runner, api, run, "workflow_run", WRITE_TOKEN, mode="comment")
    assert job.codes["comment"] == 2
    assert "the report names #8, whose head is not" in job.log
    assert api.writes() == []


def test_single_mode_on_a_fork_warns_and_writes_nothing(project: Project, api: FakeGitHub) -> None:
    head = project.push(add_backups, build=True)
    event = project.pull_request_event(head, fork=True)
    job = run_action(
        project.checkout(head), project.root / "r", api, event, "pull_request", READ_TOKEN
    )
    assert not job.failed, job.log
    assert api.writes() == []
    assert "::warning::a pull request from a fork gets a read-only token" in job.log
    assert "| node | `backups` | added |" in job.summary


def test_pictures_on_an_assets_branch_are_linked_by_their_content(
    project: Project, api: FakeGitHub
) -> None:
    head = project.push(add_backups, build=True)
    job = single(
        project,
        api,
        head,
        "run",
        **{"assets-branch": "archgen-assets", "assets-remote": str(project.remote)},
    )
    assert not job.failed, job.log
    pictures = project.root / "run" / "archgen-report" / "pictures"
    svg = (pictures / "database-scaling.diff.svg").read_bytes()
    png = (pictures / "database-scaling.diff.png").read_bytes()
    commit = sh(project.remote, "git", "rev-parse", "archgen-assets")
    names = sh(project.remote, "git", "ls-tree", "--name-only", "archgen-assets").split()
    svg_name = hashlib.sha256(svg).hexdigest() + ".svg"
    png_name = hashlib.sha256(png).hexdigest() + ".png"
    assert sorted(names) == sorted([svg_name, png_name])
    raw = f"{SERVER}/{REPOSITORY}/raw/{commit}"
    (comment,) = api.by(BOT)
    assert (
        f"[![Diff diagram: Database scaling]({raw}/{png_name})]({raw}/{svg_name})"
        in (comment["body"])
    )
    assert "database-scaling.diff.svg)" not in comment["body"]


def test_every_run_script_is_valid_bash_the_install_step_too() -> None:
    """The install step does not run here (apt and pip need the network): bash reads it."""
    scripts = [s["run"] for s in ACTION["runs"]["steps"] if "run" in s]
    assert len(scripts) == 4
    for script in scripts:
        checked = subprocess.run(["bash", "-n", "-c", script], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
    (install,) = [s for s in ACTION["runs"]["steps"] if s.get("id") == "install"]
    assert 'pip install --quiet "$GITHUB_ACTION_PATH"' in install["run"]
    makefile = (REPO / "Makefile").read_text()
    for package in ("graphviz", "fonts-noto-cjk"):
        assert f'missing="$$missing {package}"' in makefile  # the same as make build's
        assert f'missing="$missing {package}"' in install["run"]


def _workflows_in_the_docs() -> list[dict[Any, Any]]:
    text = (REPO / "docs" / "github-actions.md").read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def _trigger(workflow: dict[Any, Any]) -> Any:
    return workflow.get(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true


def _action_steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    return [s for s in steps if re.fullmatch(r"[\w-]+/archgen@[\w.]+", s.get("uses", ""))]


def test_the_documented_workflows_are_the_example_files_and_use_the_action_as_declared() -> None:
    report, comment, single_job = _workflows_in_the_docs()
    examples = REPO / "docs" / "examples"
    assert report == yaml.safe_load((examples / "archgen-pr.yml").read_text())
    assert comment == yaml.safe_load((examples / "archgen-pr-comment.yml").read_text())
    for workflow in (report, comment, single_job):
        assert "group" in workflow["concurrency"]
        (step,) = _action_steps(workflow)
        assert set(step.get("with", {})) <= set(ACTION["inputs"])
    # The untrusted half writes nothing; the other never checks out the pull request.
    assert "pull_request" in _trigger(report) and report["permissions"] == {"contents": "read"}
    (checkout,) = [s for s in report["jobs"]["archgen"]["steps"] if "checkout" in s["uses"]]
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert _trigger(comment)["workflow_run"]["workflows"] == [report["name"]]
    comment_steps = comment["jobs"]["comment"]["steps"]
    assert not [s for s in comment_steps if "checkout" in s.get("uses", "")]
    assert comment["permissions"]["pull-requests"] == "write"
    modes = [
        _action_steps(w)[0].get("with", {}).get("mode", "single") for w in _workflows_in_the_docs()
    ]
    assert modes == ["report", "comment", "single"]
