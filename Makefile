# Two commands do all the set-up: `make run` and `make test`.
# Each creates .venv when missing and installs what it needs itself.

PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SAMPLE ?= app_inventories/sample_vietnam.xlsx
PORT ?= 8501
# Without sign-in configured the app must serve this machine only; a deployment with
# accounts or OpenID Connect sets ADDRESS=0.0.0.0 (see README, Workspace).
ADDRESS ?= 127.0.0.1

.PHONY: run test lint bench bench-app fuzz screenshots system-deps samples clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --upgrade --quiet pip

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(VENV)/.runtime $@

# Debian packages the tests need: Chromium for the browser tests,
# LibreOffice to prove the roadmap workbook converts cleanly, DejaVu fonts
# for the briefing PDF's Vietnamese letters, poppler-utils to render it,
# PostgreSQL for the workspace tests (they start their own server).
system-deps:
	@command -v chromium >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 && \
	  command -v pdftoppm >/dev/null 2>&1 && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && \
	  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -qq && \
	   DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium libreoffice-calc-nogui \
	     fonts-dejavu-core poppler-utils postgresql >/dev/null)

run: $(VENV)/.runtime
	CLOUDFIT_INVENTORY=$(SAMPLE) $(BIN)/streamlit run streamlit_app.py --server.port $(PORT) \
	  --server.address $(ADDRESS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.dev system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

bench-app: $(VENV)/.dev system-deps
	$(BIN)/python -m benchmarks.app --size 10000
	$(BIN)/python -m benchmarks.app_uploads --size 10000 --sessions 10 --memory-sessions 50

bench: $(VENV)/.dev
	$(BIN)/python -m benchmarks.run --sizes 1000 10000 100000 --out docs/performance.md

# 10,000 seeded hostile uploads: each read or refused with a message, in bounded time and memory.
fuzz: $(VENV)/.dev
	$(BIN)/python -m benchmarks.fuzz --inputs 10000

screenshots: $(VENV)/.dev system-deps
	CLOUDFIT_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser -q

samples: $(VENV)/.dev
	$(BIN)/python app_inventories/make_samples.py
	$(BIN)/python app_inventories/make_readiness_sample.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
