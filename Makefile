# The two commands of the README. Both are idempotent and do the whole setup they need:
# system packages (apt, with sudo when not root), a virtual environment, archgen.
#   make build   Graphviz, a CJK font and archgen; then build specs/ into output/
#   make test    that, and what only the tests need: rsvg-convert (SVG icons), Chromium
#                with --no-install-recommends (the tests that look at built documentation
#                sites; where apt has no chromium package, as Ubuntu ships it as a snap,
#                those tests say so and skip) and the test extras (pytest, MkDocs, Material,
#                mkdocs-static-i18n, Sphinx, pre-commit, Playwright's Python package, which drives the system
#                Chromium: no browser is downloaded), Node.js and npm (apt) and, with npm,
#                the pinned Mermaid library into .cache/mermaid (the test that renders
#                `archgen diff --format mermaid` in Chromium), the wheels of archgen's
#                dependencies into .cache/wheels (the pre-commit test); then lint (ruff,
#                formatting, mypy, import contracts) and run the test suite, which then
#                fails rather than skips where Mermaid is missing: what .ci/run calls

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The Mermaid the diff's flowcharts are rendered with in the tests: an exact version,
# so that a new release cannot change what the test sees unnoticed.
MERMAID_VERSION := 11.17.2
MERMAID_DIR     := .cache/mermaid
# The wheels of archgen's dependencies and build backend, from which the pre-commit test
# installs the hooks' environment with pip's index turned off: the test downloads nothing.
WHEELS          := .cache/wheels

.PHONY: build test bench setup setup-test build-packages test-packages test-mermaid lint clean

build: setup
	$(BIN)/archgen build specs/

test: setup-test lint
	ARCHGEN_MERMAID_REQUIRED=1 $(BIN)/python -m pytest

# archgen against bare Graphviz and plain diagrams scripts (docs/performance.md)
bench: setup-test
	$(BIN)/python bench/run.py --quick

# ruff's lint and formatter, mypy (strict, configured in pyproject.toml) and the
# import contracts of the pipeline (import-linter, [tool.importlinter]).
lint: setup-test
	$(BIN)/ruff check archgen tests bench
	$(BIN)/ruff format --check archgen tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# What a build needs: Graphviz, the CJK font, a virtual environment with archgen.
setup: build-packages $(VENV)/.installed
# What the tests need on top: rsvg-convert (SVG icons), Chromium (the site screenshot),
# Node.js, npm and Mermaid (the diff's flowcharts), the test extras (pytest, ruff,
# mypy, mkdocs, ...) and a folder of wheels for the pre-commit test.
setup-test: setup test-packages test-mermaid $(VENV)/.installed-test $(WHEELS)/.done

# Install only what is missing, so a set-up machine needs no network and no root.
build-packages:
	@missing=""; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	fc-list :lang=ko family 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	$(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

test-packages:
	@missing=""; \
	command -v rsvg-convert >/dev/null 2>&1 || missing="$$missing librsvg2-bin"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v chromium >/dev/null 2>&1 || want_chromium=yes; \
	if [ -n "$$missing$$want_chromium" ]; then \
		$(SUDO) apt-get update -qq; \
	fi; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages for the tests:$$missing"; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi; \
	if [ -n "$$want_chromium" ]; then \
		echo "installing system packages for the tests: chromium"; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			chromium >/dev/null 2>&1 \
			|| echo "chromium is not in apt here; the site screenshot test will skip"; \
	fi

# Mermaid from npm, only when the pinned version is not there yet: a set-up machine
# needs no network. --no-save: no package.json or lock file is written into the tree.
test-mermaid: test-packages
	@if ! grep -qs '"version": "$(MERMAID_VERSION)"' $(MERMAID_DIR)/node_modules/mermaid/package.json; then \
		echo "installing mermaid $(MERMAID_VERSION) with npm into $(MERMAID_DIR)"; \
		npm install --no-save --no-audit --no-fund --prefix $(MERMAID_DIR) mermaid@$(MERMAID_VERSION); \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(WHEELS)/.done: $(VENV)/.installed
	@echo "collecting the wheels of archgen's dependencies into $(WHEELS) (the pre-commit test)"
	$(BIN)/python -m pip wheel --quiet --wheel-dir $(WHEELS) . hatchling
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
