"""archgen inside other tools: the MkDocs plugin, the Sphinx extension (`archgen.sphinx`) and
the GitHub Action's steps (`github/`, which `action.yml` at the repository root runs)."""
