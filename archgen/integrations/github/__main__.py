"""``python -m archgen.integrations.github report|comment|verdict``: the action's steps.

Kept off the ``archgen`` command: these commands read a runner's environment, not a
user's command line, and are no use outside GitHub Actions.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from archgen.integrations.github import body, event, runner
from archgen.integrations.github.api import ApiError, GitHub
from archgen.integrations.github.assets import publish
from archgen.integrations.github.comment import upsert
from archgen.integrations.github.report import make_report, read_report
from archgen.integrations.github.settings import Settings, from_environment

PICTURES_ARTIFACT = "archgen-diff-pictures"  # action.yml uploads the pictures under it
FORK = (
    "a pull request from a fork gets a read-only token, so no comment is written here; "
    "the report is in the job summary. docs/github-actions.md shows the two workflows "
    "that comment on forks' pull requests safely."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m archgen.integrations.github")
    parser.add_argument("step", choices=("report", "comment", "verdict"))
    step = parser.parse_args(argv).step
    try:
        settings = from_environment()
        run = {"report": report_step, "comment": comment_step, "verdict": verdict_step}[step]
        return run(settings)
    except (event.ActionError, ApiError) as error:
        runner.annotate("error", str(error))
        return 2


def report_step(settings: Settings) -> int:
    """Check and diff; in report mode, the job summary too (single mode writes it with
    the comment, once the pictures' links are known)."""
    if settings.mode == "comment":
        return 0
    pr = event.pull_request(event.payload())
    report = make_report(settings, pr)
    stale, changed = report.check_code == 1, report.diff_code == 1
    runner.set_outputs(stale=str(stale).lower(), changed=str(changed).lower())
    print(f"archgen check: exit {report.check_code}; archgen diff: exit {report.diff_code}")
    if settings.mode == "report":
        _, meta = read_report(settings.report_dir)
        runner.add_summary(_body(settings, report, meta.pictures, {}, _run_url(), True))
    return 0


def comment_step(settings: Settings) -> int:
    """The sticky comment (single and comment mode), and the job summary."""
    if settings.mode == "report":
        return 0
    report, meta = read_report(settings.report_dir)
    run, payload = event.environment(), event.payload()
    github = GitHub(run.api_url, run.repository, settings.token)
    if settings.mode == "comment":
        _same_pull_request(github, meta.pull_request, event.workflow_run_head(payload))
        from_fork, run_url = False, _run_url(event.workflow_run_id(payload))
    else:
        pr = event.pull_request(payload)
        if pr.number != meta.pull_request:
            raise event.ActionError(f"the report is of #{meta.pull_request}, not #{pr.number}")
        from_fork, run_url = pr.from_fork, _run_url()
    urls = {}
    if settings.assets_branch and meta.pictures and not from_fork:
        pictures = [settings.report_dir / "pictures" / name for name in meta.pictures]
        remote = settings.assets_remote or f"{run.server_url}/{run.repository}.git"
        message = f"archgen: diff pictures of #{meta.pull_request} at {meta.head_sha[:12]}"
        try:
            urls = publish(pictures, settings.assets_branch, remote, settings.token, run, message)
        except event.ActionError as error:  # the comment is worth more than its pictures
            runner.annotate("warning", f"{error}; the comment shows no pictures")
    runner.add_summary(_body(settings, report, meta.pictures, urls, run_url, True))
    if from_fork or not settings.token:
        runner.annotate("warning", FORK if from_fork else "no github-token: no comment written")
        return 0
    text = _body(settings, report, meta.pictures, urls, run_url, False)
    return _post(github, settings, meta.pull_request, text, report.working_directory)


def _post(github: GitHub, settings: Settings, number: int, text: str, folder: str) -> int:
    try:
        posted = upsert(github, number, text, body.marker(folder), settings.comment_author)
    except ApiError as error:
        if error.status != 403 or settings.mode != "single":
            raise
        runner.annotate("warning", f"the token may not comment ({error}): {FORK}")
        return 0
    print(f"comment {posted.id} {posted.action}: {posted.url}")
    runner.set_outputs(comment_id=str(posted.id))
    return 0


def verdict_step(settings: Settings) -> int:
    """The job's result, last, so that the comment is written whatever it is."""
    if settings.mode == "comment":
        return 0
    report, _ = read_report(settings.report_dir)
    if report.check_code >= 2 or report.diff_code >= 2:
        runner.annotate("error", "archgen could not read the specs: see the job summary")
        return 1
    if report.check_code == 1 and settings.fail_on_stale:
        runner.annotate("error", body.verdict(report, settings.fix_command).split("\n")[0])
        return 1
    return 0


def _body(
    settings: Settings,
    report: body.Report,
    names: list[str],
    urls: dict[str, str],
    run_url: str,
    summary: bool,
) -> str:
    linked = replace(report, diff_markdown=body.link_pictures(report.diff_markdown, names, urls))
    artifact = PICTURES_ARTIFACT if settings.pictures else ""
    note = body.pictures_note(names, artifact, run_url)
    limit = body.SUMMARY_LIMIT if summary else body.COMMENT_LIMIT
    return body.compose(linked, settings.fix_command, note, run_url, limit)


def _same_pull_request(github: GitHub, number: int, head_sha: str) -> None:
    """The report names its pull request, but a pull request's workflow could write any
    number there: it must be the pull request whose head the reported run ran on."""
    pr = github.call("GET", f"/repos/{github.repository}/pulls/{number}")
    if not isinstance(pr, dict) or (pr.get("head") or {}).get("sha") != head_sha:
        raise event.ActionError(
            f"the report names #{number}, whose head is not {head_sha}, the commit its run ran on"
        )


def _run_url(run_id: str | None = None) -> str:
    run = event.environment()
    return replace(run, run_id=run_id).run_url if run_id else run.run_url


if __name__ == "__main__":
    sys.exit(main())
