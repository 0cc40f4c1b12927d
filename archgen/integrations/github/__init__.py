"""The GitHub Action's logic (``action.yml`` at the repository root calls it).

``python -m archgen.integrations.github report|comment|verdict``: each step of the
action is one of these commands, configured through environment variables the action
sets from its inputs (``ARCHGEN_*``) and those the runner sets (``GITHUB_*``), so that
``tests/integration/test_github_action.py`` runs the same steps with a recorded event,
a local git remote and a fake REST API.

- ``event``: the pull request, from the event payload the runner wrote.
- ``report``: ``archgen check`` and ``archgen diff`` run on their own (a stale pull
  request still gets its diff), their results in a folder: the report.
- ``body``: the comment's Markdown from a report: marker, verdict, diff, truncation,
  mentions silenced.
- ``api``, ``comment``: the one sticky comment, found by its marker and author, created
  or updated in place through the REST API (urllib; no client library).
- ``assets``: the diff pictures pushed to an assets branch under content-addressed names.

It runs archgen as the installed command (a subprocess), so it imports none of the
commands above it.
"""
