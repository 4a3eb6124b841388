# treatylab: the two commands are `make lab` and `make test` (see README.md).
# Every target creates .venv from requirements.txt first if it is missing or out of date.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAB_ARGS ?=
NOTEBOOK ?= notebooks/00_start_here.ipynb

.PHONY: lab test exercises outputs data html test-site test-nbgrader my-work clean venv lock

venv: $(STAMP)

# The lock (requirements.txt) pins every package; nothing else is installed. The notebooks find
# the helper package through the `treatylab` link in their own folder, so it is not installed.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "treatylab needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# No news pop-up and no update check in JupyterLab: classrooms are often offline.
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@printf '%s\n' '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' > $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $(STAMP)

## lab: open the course in JupyterLab (on a server: make lab LAB_ARGS="--no-browser --ip=127.0.0.1")
##   As root (a container), Jupyter refuses to start without --allow-root: it is added, with a note.
ROOT_ARGS := $(shell [ "$$(id -u 2>/dev/null)" = 0 ] && echo --allow-root)
lab: venv
	@[ -z "$(ROOT_ARGS)" ] || echo "Running as root: starting JupyterLab with --allow-root."
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/$(NOTEBOOK) $(ROOT_ARGS) $(LAB_ARGS)

## test: lint, builder and data checks, unit tests, and the three nbval runs
test: venv
	$(PY) -m tools.testsuite

## exercises: set solutions/' nbgrader metadata (points, locks) and rebuild exercises/ from it
exercises: venv
	$(PY) -m treatylab.exercises

## outputs: re-execute notebooks/ and solutions/ (strict) in place, written as Jupyter saves them
##   (tools/outputs.py: nbclient, no timings, no Python patch version); review the diff, commit
outputs: venv
	$(PY) -m tools.outputs notebooks solutions
	$(PY) -m treatylab.exercises

## data: rebuild the SIPRI tables from SIPRI's export files and refresh data/datapackage.json
##   (newer download: make data SIPRI_ARGS="--register new.csv --tiv-exports e.csv --tiv-imports i.csv")
SIPRI_ARGS ?=
data: venv
	$(PY) -m treatylab.sipri $(SIPRI_ARGS)
	$(PY) -m treatylab.datapackage

## html: render notebooks/ and solutions/ (stored outputs, not executed) into site/ for reading
html: venv
	$(PY) -m tools.reading_site

## test-site: build the site in a temp folder and open every page in headless Chromium
##   (needs Debian's chromium package: apt-get install -y chromium; skipped with a reason if missing)
test-site: venv
	$(PY) -m pytest -m browser tests/test_site.py -q

## test-nbgrader: nbgrader generate_assignment on solutions/, in a throw-away venv under /tmp
NBGRADER_VERSION := 0.9.6
NBGRADER_VENV ?= /tmp/treatylab-nbgrader-$(NBGRADER_VERSION)
test-nbgrader: venv
	@test -f $(NBGRADER_VENV)/.installed || { \
	  $(PYTHON) -m venv $(NBGRADER_VENV) && \
	  $(NBGRADER_VENV)/bin/pip install --quiet nbgrader==$(NBGRADER_VERSION) && \
	  touch $(NBGRADER_VENV)/.installed; }
	TREATYLAB_NBGRADER_VENV=$(NBGRADER_VENV) $(PY) -m pytest -m nbgrader tests/test_nbgrader.py -q

## my-work: copy exercises/ into my-work/ (yours, git-ignored); never overwrites a file there
my-work: venv
	$(PY) -m treatylab.workspace

## lock: regenerate requirements.txt (every package pinned) from requirements.in, with uv
UV_VERSION := 0.13.9
lock: venv
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile --universal --python-version 3.11 --annotation-style line \
	  --custom-compile-command "make lock" requirements.in -o requirements.txt
	$(PY) -m pip uninstall --quiet --yes uv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis site
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
