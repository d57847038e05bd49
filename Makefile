# Bootstrap only: make the virtualenv, install the pinned dependencies, then
# hand over to invoke (tasks.py), where the real work is described.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
INVOKE := $(BIN)/invoke
NPM := $(shell command -v npm 2>/dev/null)

.PHONY: audit screenshots
.PHONY: serve build test clean check publish new bench

# The browser editor (/admin/) is copied from node_modules: with npm, the site's
# builds install it first; without, they build the site without it and say so.
EDITOR := $(if $(NPM),node_modules/.test)

serve: $(VENV)/.build $(EDITOR)
	$(INVOKE) serve

build: $(VENV)/.build $(EDITOR)
	$(INVOKE) build

test: $(VENV)/.test $(if $(NPM),node_modules/.test)
	$(INVOKE) test

clean: $(VENV)/.build
	$(INVOKE) clean

# Builds against stock Pelican, preview latency, page reading; BENCH_SIZES=100,1000 for
# a quick run. Figures in .bench/results.json.
bench: $(VENV)/.build
	$(INVOKE) bench

# Strict check of all the content (kirby-format.md §6): the task exits 1 on any error
# (make itself then says 2, as for any failed recipe).
check: $(VENV)/.build
	$(INVOKE) check

# Check and production build (SITEURL=https://…); output/ is replaced only on success.
publish: $(VENV)/.build $(EDITOR)
	$(INVOKE) publish

# make new TITRE="Logement": make passes TITRE to the task in the environment.
new: $(VENV)/.build
	$(INVOKE) new

# Every page type measured: axe-core, Nu HTML Checker, gzip weight, Lighthouse.
audit: $(VENV)/.test node_modules/.audit
	$(INVOKE) audit

# Desktop and mobile screenshots of the home and the seed page, in docs/screenshots/.
screenshots: $(VENV)/.test
	$(INVOKE) screenshots

# axe-core and vnu.jar for the browser tests; Lighthouse too for `make audit`
# (package-lock.json pins them all). Chromium and Java come from apt-get (.ci/run).
node_modules/.test: package-lock.json
	npm ci --omit=dev --no-audit --no-fund
	touch $@

node_modules/.audit: package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules/.test $@

# Reinstalled whenever a requirements file changes. The project's folder and its
# plugins/ folder are put on the virtualenv's import path with a .pth file (the
# standard `site` mechanism), so that the tools, the benchmark and the settings
# files import `kirby`, `tools`… with no sys.path edits of their own.
$(VENV)/.build: requirements.txt
	@test -n "$(PYTHON)" || { echo "Il faut Python 3.11 ou plus récent (python3 --version)." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -c 'import pathlib, sys, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "cf92-site.pth").write_text("".join(p + "\n" for p in sys.argv[1:]))' "$(CURDIR)" "$(CURDIR)/plugins"
	touch $@

$(VENV)/.test: $(VENV)/.build requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@
