# Maillage: `make run` serves the demo community, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV := DEBUG=1
PG_URL ?= postgres://postgres@127.0.0.1:5432/maillage
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test check lint messages translations bench clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

messages: $(BIN)/.installed
	$(BIN)/pybabel compile --domain=django --directory=locale --statistics 2>&1 | grep -v "^$$" || true

run: $(BIN)/.installed messages
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run

test: lint messages
	@bash scripts/test-suites

# Re-extract the catalogues after changing user-facing text (needs GNU gettext).
translations: $(BIN)/.installed
	$(DEV) $(BIN)/python manage.py makemessages --locale=fr --locale=en --no-obsolete --ignore=.venv --ignore=tests --ignore=bench --add-location=file
	$(BIN)/python scripts/complete-english-catalogue locale

# Every benchmark, one table (bench/results/latest.md); production settings, DEBUG off.
bench: $(BIN)/.installed messages
	@bash scripts/bench

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
