# Lean L&D Playbook: `make site` builds the site, `make test` runs every test.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check lint pdf clean

$(BIN)/playbook: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/playbook  ## build site/ with every check on
	$(BIN)/mkdocs build --strict

serve: $(BIN)/playbook  ## live preview at http://127.0.0.1:8000, reloading on YAML edits
	$(BIN)/mkdocs serve --livereload

check: $(BIN)/playbook  ## validate the content without building
	$(BIN)/playbook check

lint: $(BIN)/playbook
	$(BIN)/ruff check playbook tests benchmarks
	$(BIN)/ruff format --check playbook tests benchmarks

test: $(BIN)/playbook  ## every test, browser tests included when Chromium is present
	$(BIN)/playbook check
	$(BIN)/ruff check playbook tests benchmarks
	$(BIN)/python -m pytest

pdf: site  ## every worksheet and pack of site/ as PDF in pdf/ (PAPER=a4 or letter), with Debian's Chromium
	$(BIN)/playbook pdf --site site --out pdf --paper $(or $(PAPER),a4)

clean:
	rm -rf site out pdf
