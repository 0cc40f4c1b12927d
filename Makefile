# The two commands of the README. Both are idempotent and do the whole setup:
# system packages (apt, with sudo when not root), a virtual environment, archgen.
#   make build   set up, then build specs/ into output/
#   make test    set up, then run the test suite (what .ci/run calls)

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := graphviz fonts-noto-cjk python3-venv

.PHONY: build test setup system-packages lint clean

build: setup
	$(BIN)/archgen build specs/

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check archgen tests bench

setup: system-packages $(VENV)/.installed

# Install only what is missing, so a set-up machine needs no network and no root.
system-packages:
	@missing=""; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	fc-list :lang=ko family 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	$(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
