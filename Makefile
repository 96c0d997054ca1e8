# Saisaat: `make run` serves the demo province, `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve worker test install lint format messages bench load clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "ต้องใช้ Python 3.11 ขึ้นไป (needs $(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

run: install
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py seed_demo
	@echo "Saisaat: open http://$(HOST):$(PORT)/ and log in with one of the demo logins above"
	@# No worker beside runserver: background jobs run inside their request. runserver starts
	@# a thread per request, so kept-open database connections would pile up (PostgreSQL).
	DEBUG=$${DEBUG:-true} SAISAAT_JOBS_SYNC=$${SAISAAT_JOBS_SYNC:-true} \
		DATABASE_CONN_MAX_AGE=$${DATABASE_CONN_MAX_AGE:-0} $(BIN)/python manage.py runserver $(HOST):$(PORT)

# `make serve`: production (DEBUG off). Needs SECRET_KEY and ALLOWED_HOSTS; see the README.
serve: install
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python -m saisaat.serve

# `make worker`: the background worker (exports, the daily reminders), beside `make serve`
# and with the same environment. The queue is the database, or Redis when REDIS_URL is set.
worker: install
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py schedule_jobs
	$(BIN)/python manage.py qcluster

test: install
	@bash scripts/ensure-test-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format src bench
	$(BIN)/ruff check --fix src bench

messages: install
	cd src/saisaat && DEBUG=true ../../$(BIN)/python ../../manage.py makemessages -l th --no-obsolete --add-location file
	cd src/saisaat && DEBUG=true ../../$(BIN)/python ../../manage.py compilemessages -l th

clean:
	rm -rf $(VENV) data staticfiles .pytest_cache

# `make bench`: the national data set (76 provinces, ~50,000 assignments) on SQLite and on
# PostgreSQL, generated once per database, then the dashboard timings (see bench/README.md).
BENCH_DATA_DIR ?= data/bench
BENCH_PG_SERVER ?= postgres://postgres@127.0.0.1:5432
BENCH_PG_DB ?= saisaat_bench
BENCH_DATABASE_URL ?= $(BENCH_PG_SERVER)/$(BENCH_PG_DB)
BENCH_GENERATE ?= --provinces 76 --districts-per-province 11.5
BENCH_ENV = SAISAAT_DATA_DIR=$(BENCH_DATA_DIR) SECRET_KEY=$${SECRET_KEY:-bench-only-not-secret} DEBUG=false SAISAAT_STATIC_MANIFEST=false

bench: install
	@echo "== SQLite ($(BENCH_DATA_DIR)) =="
	$(BENCH_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(BENCH_ENV) $(BIN)/python manage.py generate_national $(BENCH_GENERATE)
	$(BENCH_ENV) $(BIN)/python bench/dashboard.py
	@echo "== PostgreSQL ($(BENCH_DATABASE_URL)) =="
	@psql "$(BENCH_DATABASE_URL)" -tAc 'SELECT 1' >/dev/null 2>&1 || \
		psql "$(BENCH_PG_SERVER)/postgres" -c 'CREATE DATABASE $(BENCH_PG_DB)'
	$(BENCH_ENV) DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py migrate --noinput -v 0
	$(BENCH_ENV) DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python manage.py generate_national $(BENCH_GENERATE)
	$(BENCH_ENV) DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python bench/dashboard.py

# `make load`: the department-scale load scenario (bench/locustfile.py) against `make serve`
# on PostgreSQL, then the count of what was saved (bench/README.md, "Load scenario").
# Small first try: make load LOAD_USERS=20 LOAD_TIME=30s LOAD_PROVINCES=3
LOAD_PG_DB ?= saisaat_load
LOAD_DATABASE_URL ?= $(BENCH_PG_SERVER)/$(LOAD_PG_DB)
LOAD_USERS ?= 250
# Two users a second: every officer signs in first (a deliberately slow password hash), and
# a faster ramp spends the first minute on sign-ins; 5 minutes leave 3 at full load.
LOAD_SPAWN_RATE ?= 2
LOAD_TIME ?= 5m
# serve: gunicorn as `make serve` runs it; dev: the development server, for comparison.
LOAD_SERVER ?= serve
LOAD_PROVINCES ?= 76
LOAD_WORKERS ?= 5
LOAD_THREADS ?= 4

load: install
	$(BIN)/python -c 'import locust' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@psql "$(LOAD_DATABASE_URL)" -tAc 'SELECT 1' >/dev/null 2>&1 || \
		psql "$(BENCH_PG_SERVER)/postgres" -c 'CREATE DATABASE $(LOAD_PG_DB)'
	DATABASE_URL="$(LOAD_DATABASE_URL)" $(BIN)/python bench/load.py --users $(LOAD_USERS) \
		--spawn-rate $(LOAD_SPAWN_RATE) --run-time $(LOAD_TIME) --provinces $(LOAD_PROVINCES) \
		--workers $(LOAD_WORKERS) --threads $(LOAD_THREADS) --server $(LOAD_SERVER)
