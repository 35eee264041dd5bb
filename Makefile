# MedInfo: `make run` serves the demo site, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
MANAGE := $(BIN)/python manage.py
DEV := DJANGO_SETTINGS_MODULE=medinfo.settings.dev
TEST := DJANGO_SETTINGS_MODULE=medinfo.settings.test

.PHONY: run test lint check migrate demo serve e2e-deps bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

# axe-core and the Nu HTML Checker (vnu.jar, run with the system Java) for the accessibility tests.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

e2e-deps: $(NODE_STAMP)  ## Install the npm tools the browser tests use (chromium comes from apt)

run: $(STAMP)  ## Set up and serve the demo site on http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set)
	mkdir -p var
	$(DEV) $(MANAGE) migrate --no-input
	$(DEV) $(MANAGE) load_demo --print-passwords
	$(DEV) $(MANAGE) runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(STAMP)
	$(TEST) $(MANAGE) check --fail-level WARNING
	$(TEST) $(MANAGE) makemigrations --check --dry-run

test: lint check $(NODE_STAMP)  ## Every check and the whole test suite (PostgreSQL when DATABASE_URL is set)
	$(TEST) $(BIN)/pytest

bench: $(STAMP)  ## Load-test the article page against hello-world with wrk (see bench/README.md)
	bash bench/run.sh

clean:
	rm -rf $(VENV) node_modules var staticfiles .pytest_cache .ruff_cache
