# Thin wrappers: the logic lives in scripts/ (see each script's header).
#   make test PYTEST_ARGS='-m "not browser" -x'    passes arguments on to pytest
.PHONY: run test lint fmt

VENV_BIN := .venv/bin

run: ## the app on http://127.0.0.1:8000: SQLite, Celery inline, demo accounts
	scripts/run.sh

test: ## what CI checks: ruff, migrations, pytest on PostgreSQL + Redis + a celery worker + chromium
	scripts/test.sh $(PYTEST_ARGS)

lint: ## ruff lint and format check, no services
	scripts/venv.sh requirements-dev.txt
	$(VENV_BIN)/ruff check .
	$(VENV_BIN)/ruff format --check .

fmt: ## rewrite: format, then apply ruff's safe fixes
	scripts/venv.sh requirements-dev.txt
	$(VENV_BIN)/ruff format .
	$(VENV_BIN)/ruff check --fix .
