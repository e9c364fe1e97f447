# Lean L&D Playbook: `make site` builds the site, `make test` runs every test.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check lint format pdf kit benchmark clean

# One virtual environment; each stamp records which extras it holds, so that building the
# site installs only what the site needs, and testing adds the test tools.
$(VENV)/.site: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.site

site: $(VENV)/.site  ## build site/ with every check on
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.site  ## live preview at http://127.0.0.1:8000, reloading on YAML edits
	$(BIN)/mkdocs serve --livereload

properdocs: $(VENV)/.test  ## the same site built by ProperDocs, into site-properdocs/
	$(BIN)/properdocs build --strict -d site-properdocs

zensical: $(VENV)/.test  ## the same site built by Zensical from `playbook render`, into site-zensical/
	rm -rf build/markdown
	$(BIN)/playbook render -f mkdocs.yml --out build/markdown
	$(BIN)/zensical build --strict --clean -f zensical.yml

check: $(VENV)/.site  ## validate the content without building
	$(BIN)/playbook check

lint: $(VENV)/.test
	$(BIN)/ruff check playbook tests benchmarks
	$(BIN)/ruff format --check playbook tests benchmarks
	$(BIN)/mypy

format: $(VENV)/.test
	$(BIN)/ruff format playbook tests benchmarks

test: $(VENV)/.test  ## every test, browser tests included when Chromium is present
	$(BIN)/playbook check
	$(BIN)/playbook schema --check
	$(BIN)/ruff check playbook tests benchmarks
	$(BIN)/ruff format --check playbook tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

pdf: $(VENV)/.test site  ## every worksheet and pack of site/ as PDF in pdf/ (PAPER=a4 or letter), with Debian's Chromium
	$(BIN)/playbook pdf --site site --out pdf --paper $(or $(PAPER),a4)

kit: $(VENV)/.test  ## one zip for a room with no network: the site to open from disk, every PDF on A4 and Letter, a README
	$(BIN)/playbook kit --out dist/playbook-kit.zip

benchmark: $(VENV)/.site  ## a quick scale benchmark (about a minute); the full run is in benchmarks/README.md
	$(BIN)/python benchmarks/run.py --quick

clean:
	rm -rf site site-properdocs site-zensical build/markdown out pdf dist
