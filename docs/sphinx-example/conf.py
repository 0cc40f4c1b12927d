# An example Sphinx project that shows this repository's own specs with archgen:
#   pip install 'archgen[sphinx]'
#   sphinx-build docs/sphinx-example /tmp/archgen-sphinx            (alabaster, Sphinx's default)
#   sphinx-build -D html_theme=furo docs/sphinx-example /tmp/archgen-sphinx-furo
project = "archgen example"
extensions = ["archgen.sphinx", "myst_parser"]  # myst_parser: the .md pages

archgen_specs = "../../specs"  # relative to this file
archgen_languages = ["en", "ko"]  # the first is the directives' default

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
