# Longtang — the two entry points are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# One test process per core (pytest-xdist); XDIST= runs the suite in one process.
XDIST  ?= -n auto --dist loadgroup

.PHONY: install run test lint format messages migrate demo bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when requirements.txt changes.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_content

# The embedded default: SQLite, eager tasks, console email.
run: demo
	$(MANAGE) runserver 127.0.0.1:8000

messages: install
	$(MANAGE) makemessages --locale zh_Hans --ignore ".venv/*" --ignore "tests/*" --no-obsolete
	$(MANAGE) compilemessages --locale zh_Hans --ignore ".venv/*"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The whole suite, in parallel (pytest-xdist, one process per core). Exit code 5 (no
# tests collected) counts as a failure.
test: install
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(MANAGE) compilemessages --locale zh_Hans --ignore ".venv/*"; \
	else echo "msgfmt not found: using the committed .mo files"; fi
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS); status=$$?; \
		if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; \
		if [ $$status -ne 0 ]; then exit $$status; fi

bench: install
	$(BIN)/python bench/run.py

# Search latency on PostgreSQL over 100,000 listings and 5,000 venues (bench/search/).
# Smaller or kept: make bench-search BENCH_SEARCH_ARGS="--listings 20000 --venues 1000 --keepdb"
.PHONY: bench-search
bench-search: install
	$(BIN)/python bench/search/latency.py $(BENCH_SEARCH_ARGS)

# Page throughput under gunicorn with the production settings, page cache off and on,
# against a bare Django view (bench/pages.py; needs wrk, PostgreSQL and Redis).
# Longer or kept: make bench-pages BENCH_PAGES_ARGS="--duration 10 --rounds 3 --keepdb"
.PHONY: bench-pages
bench-pages: install
	$(BIN)/python bench/pages.py $(BENCH_PAGES_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media-test static_collected
