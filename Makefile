# MedInfo: `make run` serves the demo site, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
MANAGE := $(BIN)/python manage.py
DEV := DJANGO_SETTINGS_MODULE=medinfo.settings.dev
TEST := DJANGO_SETTINGS_MODULE=medinfo.settings.test

.PHONY: run test tools lint check migrate demo serve e2e-deps bench backup restore clean

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

# What the suite needs from the OS: npm, Java (vnu.jar), Chromium, PostgreSQL's initdb,
# redis-server and varnishd with the xkey vmod (the fault tests' private servers).
# Installed with apt as root on Debian or Ubuntu; anywhere else bin/ensure-tools stops
# with one line saying what to install.
tools:  ## Check for (and as root on Debian/Ubuntu install) the programs the tests need
	@PYTHON=$(PYTHON) bin/ensure-tools python npm java chromium postgresql redis varnish

# The task worker (e-mails, retried side effects) runs in the background beside the
# server and is stopped with it, however the server ends (Ctrl+C included).
run: $(STAMP)  ## Set up and serve the demo site on http://127.0.0.1:8000 with a task worker (SQLite unless DATABASE_URL is set)
	mkdir -p var
	$(DEV) $(MANAGE) migrate --no-input
	$(DEV) $(MANAGE) refresh_public_names
	$(DEV) $(MANAGE) load_demo --print-passwords
	$(DEV) $(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(MANAGE) runserver 127.0.0.1:8000

lint: $(STAMP)  ## ruff, bandit over the project's own code (tests and migrations aside), mypy, the import rule
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r common medinfo drugs conditions website ads demo bench -x '*/migrations/*'
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

check: $(STAMP)
	$(TEST) $(MANAGE) check --fail-level WARNING
	$(TEST) $(MANAGE) makemigrations --check --dry-run

# Prerequisites run left to right: tools first, then the venv (lint), then npm.
# The suite runs in one process per core (at most 4): each process has its own test
# database, browser and private servers on free ports. Tests are handed out one by one
# in pytest-django's order, so in every process the tests that flush the database (and
# with it the role groups a migration made) run after all the others, as in one process.
TEST_PROCESSES ?= auto
test: tools lint check $(NODE_STAMP)  ## Every check and the whole test suite (PostgreSQL when DATABASE_URL is set)
	$(TEST) $(BIN)/pytest -n $(TEST_PROCESSES) --maxprocesses 4 --dist load

bench: $(STAMP)  ## Load-test the article page against hello-world with wrk (see bench/README.md)
	bash bench/run.sh

# Backups use DJANGO_SETTINGS_MODULE from the environment (production: medinfo.settings.prod).
SETTINGS_OR_DEV := DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-medinfo.settings.dev}
BACKUP_DIR ?= backups/$(shell date -u +%Y%m%d-%H%M%S)

backup: $(STAMP)  ## Database (pg_dump or SQLite backup) and media into BACKUP_DIR, default backups/<UTC time>
	$(SETTINGS_OR_DEV) $(MANAGE) backup $(BACKUP_DIR)

restore: $(STAMP)  ## Restore BACKUP_DIR=backups/… into an empty database (see README, Deploying)
	@case "$(origin BACKUP_DIR)" in command*|environment*) ;; \
	  *) echo "Usage: make restore BACKUP_DIR=backups/<folder>"; exit 2;; esac
	$(SETTINGS_OR_DEV) $(MANAGE) restore $(BACKUP_DIR)

clean:
	rm -rf $(VENV) node_modules var staticfiles .pytest_cache .ruff_cache
