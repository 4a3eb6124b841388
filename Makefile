# treatylab: the two commands are `make lab` and `make test` (see README.md).
# Every target creates .venv from requirements.txt first if it is missing or out of date.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAB_ARGS ?=
NOTEBOOK ?= notebooks/00_start_here.ipynb

.PHONY: lab test exercises outputs data html test-site test-nbgrader test-living test-classroom classroom-venv classroom-proxy my-work clean venv lock

venv: $(STAMP)

# The lock (requirements.txt) pins every package; nothing else is installed. The notebooks find
# the helper package through the `treatylab` link in their own folder, so it is not installed.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "treatylab needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# The images' Jupyter settings (no JupyterLab news pop-up or update check: classrooms are
	@# often offline), from the one script Binder and the hub image run too.
	@NB_PYTHON_PREFIX=$(VENV) bash classroom/image/postBuild
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

## data: rebuild the SIPRI tables and data/datapackage.json from the extract in data/sipri/raw/
##   (SIPRI's full download: make data SIPRI_ARGS="--register new.csv", written there as the
##   course's extract; also --tiv-exports, --tiv-imports, --tiv-vintage YEAR, --accept-revision).
##   Bad input is refused and data/ is left untouched.
SIPRI_ARGS ?=
data: venv
	$(PY) -m treatylab.sipri $(SIPRI_ARGS)

## html: render notebooks/ and solutions/ (stored outputs, not executed) into site/ for reading
html: venv
	$(PY) -m tools.reading_site

## test-site: build the site in a temp folder and open every page in headless Chromium
##   (needs Debian's chromium package: apt-get install -y chromium; skipped with a reason if missing)
test-site: venv
	$(PY) -m pytest -m browser tests/test_site.py -q

## The classroom environment: the hub image's lock (the course's lock plus JupyterHub, nbgitpuller
##   and nbgrader, classroom/image/requirements.txt) in a throw-away venv under /tmp, set up by the
##   image's own postBuild; configurable-http-proxy from npm (pinned by classroom/proxy's lock).
##   Its Python must be one every account can run (the students' servers run as the students):
##   Debian's /usr/bin/python3 (3.11 on Debian 12), not one under /root such as pyenv's.
CLASSROOM_PYTHON ?= /usr/bin/python3
CLASSROOM_LOCK := classroom/image/requirements.txt
CLASSROOM_HASH := $(shell (echo $(CLASSROOM_PYTHON); cat $(CLASSROOM_LOCK) classroom/image/postBuild) 2>/dev/null | sha256sum | cut -c1-12)
CLASSROOM_VENV ?= /tmp/treatylab-classroom-$(CLASSROOM_HASH)
PROXY_HASH := $(shell sha256sum classroom/proxy/package-lock.json 2>/dev/null | cut -c1-12)
PROXY_DIR ?= /tmp/treatylab-proxy-$(PROXY_HASH)
classroom-venv:
	@test -f $(CLASSROOM_VENV)/.installed || { \
	  echo "Creating $(CLASSROOM_VENV) from $(CLASSROOM_LOCK) (about a minute)" && \
	  { $(CLASSROOM_PYTHON) -c 'import ensurepip' 2>/dev/null || \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv; }; } && \
	  rm -rf $(CLASSROOM_VENV) && $(CLASSROOM_PYTHON) -m venv $(CLASSROOM_VENV) && \
	  $(CLASSROOM_VENV)/bin/pip install --quiet --disable-pip-version-check -r $(CLASSROOM_LOCK) && \
	  PATH="$(CLASSROOM_VENV)/bin:$$PATH" NB_PYTHON_PREFIX=$(CLASSROOM_VENV) \
	    bash classroom/image/postBuild > $(CLASSROOM_VENV)/postBuild.log 2>&1 && \
	  touch $(CLASSROOM_VENV)/.installed; }
classroom-proxy:
	@test -x $(PROXY_DIR)/node_modules/.bin/configurable-http-proxy || { \
	  mkdir -p $(PROXY_DIR) && cp classroom/proxy/package.json classroom/proxy/package-lock.json $(PROXY_DIR)/ && \
	  npm ci --prefix $(PROXY_DIR) --no-audit --no-fund --loglevel=error; }

## test-nbgrader: nbgrader over solutions/ (generate, and autograde a known set of answers),
##   with the classroom environment's nbgrader
test-nbgrader: venv classroom-venv
	TREATYLAB_NBGRADER_VENV=$(CLASSROOM_VENV) $(PY) -m pytest -m nbgrader tests/test_nbgrader.py -q

## test-classroom: a real JupyterHub on this machine (local process spawner, two student accounts
##   it creates and removes: needs root; dummy authenticator; configurable-http-proxy) driven
##   through the guide's nbgitpuller links, checks, a teacher's fix and nbgrader's round trip
test-classroom: classroom-venv classroom-proxy
	TREATYLAB_PROXY=$(PROXY_DIR)/node_modules/.bin/configurable-http-proxy \
	  $(CLASSROOM_VENV)/bin/python -m pytest -m classroom tests/test_classroom_pull.py tests/test_classroom_hub.py -q

## test-living: the living course: an older and a newer SIPRI edition through make data, then
##   every notebook re-executed (solutions strict) and checked to state the new coverage and period;
##   with the import's own edition tests (and SIPRI's real exports, when ../shared has them)
test-living: venv
	TREATYLAB_PROGRESS=0 $(PY) -m pytest -m living tests/test_living_course.py tests/test_sipri_import.py -q -p no:cacheprovider

## my-work: copy exercises/ into my-work/ (yours, git-ignored); never overwrites a file there
my-work: venv
	$(PY) -m treatylab.workspace

## lock: regenerate the locks with uv: requirements.txt (the course) from requirements.in, then
##   classroom/image/requirements.txt (the hub image: the course's pins plus the hub's packages)
UV_VERSION := 0.13.9
UV_COMPILE = $(VENV)/bin/uv pip compile --universal --python-version 3.11 --annotation-style line \
  --custom-compile-command "make lock"
lock: venv
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV_COMPILE) requirements.in -o requirements.txt
	cd classroom/image && $(CURDIR)/$(UV_COMPILE) requirements.in -o requirements.txt
	$(PY) -m pip uninstall --quiet --yes uv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis site
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
