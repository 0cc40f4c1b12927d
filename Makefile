# The two commands of the README. Both are idempotent and do the whole setup:
# system packages (apt, with sudo when not root), a virtual environment, archgen.
# Chromium is for the test that screenshots a built documentation site; where apt has
# no chromium package (Ubuntu ships it as a snap) that test says so and skips.
#   make build   set up, then build specs/ into output/
#   make test    set up, then lint (ruff, formatting, mypy, import contracts) and run
#                the test suite: what .ci/run calls

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test bench setup system-packages lint clean

build: setup
	$(BIN)/archgen build specs/

test: setup lint
	$(BIN)/python -m pytest

# archgen against bare Graphviz and plain diagrams scripts (docs/performance.md)
bench: setup
	$(BIN)/python bench/run.py --quick

# ruff's lint and formatter, mypy (strict, configured in pyproject.toml) and the
# import contracts of the pipeline (import-linter, [tool.importlinter]).
lint: setup
	$(BIN)/ruff check archgen tests bench
	$(BIN)/ruff format --check archgen tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

setup: system-packages $(VENV)/.installed

# Install only what is missing, so a set-up machine needs no network and no root.
system-packages:
	@missing=""; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	command -v rsvg-convert >/dev/null 2>&1 || missing="$$missing librsvg2-bin"; \
	fc-list :lang=ko family 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	$(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	command -v chromium >/dev/null 2>&1 || want_chromium=yes; \
	if [ -n "$$missing$$want_chromium" ]; then \
		$(SUDO) apt-get update -qq; \
	fi; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi; \
	if [ -n "$$want_chromium" ]; then \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null 2>&1 \
			|| echo "chromium is not in apt here; the site screenshot test will skip"; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
