# Bootstrap only: make the virtualenv, install the pinned dependencies, then
# hand over to invoke (tasks.py), where the real work is described.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
INVOKE := $(BIN)/invoke

.PHONY: serve build test clean

serve: $(VENV)/.build
	$(INVOKE) serve

build: $(VENV)/.build
	$(INVOKE) build

test: $(VENV)/.test
	$(INVOKE) test

clean: $(VENV)/.build
	$(INVOKE) clean

# Reinstalled whenever a requirements file changes.
$(VENV)/.build: requirements.txt
	@test -n "$(PYTHON)" || { echo "Il faut Python 3.11 ou plus récent (python3 --version)." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: $(VENV)/.build requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@
