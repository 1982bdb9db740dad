# The one entry point. `make` runs the main job; `make test` runs every test. Both bootstrap .venv.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPEC := openapi/metastudio-smart-live.yaml
PRISM := tools/prism/node_modules/.bin/prism
WRK := tools/wrk/root/usr/bin/wrk
PY_SOURCES := speccore sdkbuild specreview generator mockserver fuzz benchmarks tests

# Each step of the main job leaves a stamp in build/make/ and runs again only when one of its
# inputs is newer (a folder counts too: adding or removing a file changes its time), so a no-op
# `make` runs nothing. Stamps are not results: `make clean` or deleting build/make/ runs all again.
DONE := build/make
files = $(shell find $(abspath $(1)) \( -name __pycache__ -o -name '*.egg-info' \) -prune -o -print)
SPEC_INPUTS = $(SPEC) $(call files,speccore)
GENERATOR_INPUTS = $(SPEC_INPUTS) pyproject.toml $(call files,sdkbuild generator templates)
GENERATED_FILES = $(call files,generated)
PY_FILES = $(call files,$(PY_SOURCES)) pyproject.toml

.DEFAULT_GOAL := all
.PHONY: all bootstrap lock validate generate check typecheck lint demo test prism wrk mock fuzz \
	fuzz-live bench load doc-diff review clean

## all: bootstrap, validate and lint the spec, regenerate generated/, check it, type-check and lint
## it, then start the mock in-process and walk one job's life through the generated client
all: bootstrap validate generate check typecheck lint demo

## bootstrap: create .venv and install the pinned tools from pyproject.toml
bootstrap: $(STAMP)

$(STAMP): pyproject.toml requirements.lock generated/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . -e ./generated
	touch $@

## lock: re-resolve requirements.lock from pyproject.toml's pins (uv pip compile)
lock: bootstrap
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --quiet \
		--custom-compile-command "make lock" --output-file requirements.lock
	@echo "requirements.lock written; make bootstrap installs it"

## validate: openapi-spec-validator, then our lint rules
validate: $(DONE)/validate
$(DONE)/validate: $(STAMP) $(SPEC_INPUTS) pyproject.toml
	$(BIN)/python -m generator validate --spec $(SPEC)
	@mkdir -p $(@D) && touch $@

## generate: regenerate generated/ (atomically; a failure leaves it untouched)
# generated/ is an input too: a hand edit there is undone by the next `make`.
generate: $(DONE)/generate
$(DONE)/generate: $(STAMP) $(GENERATOR_INPUTS) $(GENERATED_FILES)
	$(BIN)/python -m generator generate --spec $(SPEC)
	@mkdir -p $(@D) && touch $@

## check: fail with a diff when generated/ is stale
check: $(DONE)/check
$(DONE)/check: $(STAMP) $(GENERATOR_INPUTS) $(GENERATED_FILES)
	$(BIN)/python -m generator check --spec $(SPEC)
	@mkdir -p $(@D) && touch $@

## typecheck: mypy --strict on the generator, the generated SDK and the tests
typecheck: $(DONE)/typecheck
$(DONE)/typecheck: $(STAMP) $(PY_FILES) $(GENERATED_FILES)
	$(BIN)/mypy --strict $(PY_SOURCES) generated/metastudio
	@mkdir -p $(@D) && touch $@

## lint: ruff on everything we write and generate
lint: $(DONE)/lint
$(DONE)/lint: $(STAMP) $(PY_FILES) $(GENERATED_FILES) $(call files,templates/runtime)
	$(BIN)/ruff check $(PY_SOURCES) generated templates/runtime
	$(BIN)/ruff format --check $(PY_SOURCES) generated templates/runtime
	@mkdir -p $(@D) && touch $@

## doc-diff: does the spec still say what the committed doc page says? (exit 1 on drift)
doc-diff: bootstrap
	$(BIN)/python -m generator doc-diff openapi/doc/start-smart-live.zh.txt --spec $(SPEC)

## review: one pull-request report against BASE (default HEAD~1): spec diff, doc drift, lint,
## SDK public surface, API reference diff; written to build/review/review.md
BASE ?= HEAD~1
# FAIL_ON=breaking,drift,stale,lint makes it a gate (exit 1 when one of them is present).
FAIL_ON ?=
review: bootstrap
	$(BIN)/python -m generator review --base $(BASE) --output build/review/review.md \
		$(if $(FAIL_ON),--fail-on $(FAIL_ON))
	@echo "report: build/review/review.md"

## demo: start the mock in-process and walk one job's life through the generated client
demo: $(DONE)/demo
$(DONE)/demo: $(STAMP) $(SPEC) $(call files,mockserver) $(GENERATED_FILES)
	$(BIN)/python -m mockserver.demo
	@mkdir -p $(@D) && touch $@

## test: the gates (check, typecheck, lint), then every test (installs Prism, the peer mock, and
## wrk, the benchmarks' load generator, first)
# The main job's gates run first and fail fast: a stale generated/, a type error or a lint error
# fails `make test` (and so CI) before any test runs.
test: bootstrap check typecheck lint prism wrk
	$(BIN)/python -m pytest

## prism: install the pinned Prism (tools/prism/package-lock.json) with npm ci
prism: $(PRISM)

$(PRISM): tools/prism/package.json tools/prism/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make test needs Node.js and npm: Prism, the peer \
	mock, is an npm package (tools/prism). Install Node.js with npm, then run make test again." >&2; \
	exit 2; }
	npm ci --prefix tools/prism --no-audit --no-fund --loglevel=error
	touch $@

## wrk: install the pinned wrk (tools/wrk/packages.txt, Debian's package) into tools/wrk/root
# wrk, not a Python or Node client: the floor answers faster than either can ask (benchmarks/wrk.py).
wrk: $(WRK)

$(WRK): tools/wrk/packages.txt tools/wrk/install.sh
	bash tools/wrk/install.sh
	touch $@

## mock: serve the spec on 127.0.0.1:4010 (MOCK_ARGS="--aksk AK:SK --token T --seed N --port P
## --state jobs.db --lenient ...")
mock: bootstrap
	$(BIN)/python -m mockserver $(MOCK_ARGS)

## fuzz: schemathesis against a mock over HTTP, bigger budget; JUnit report in build/fuzz/
fuzz: bootstrap
	$(BIN)/python -m fuzz mock $(FUZZ_ARGS)

## fuzz-live: schemathesis against the real endpoint, requests it must reject only; every start
## it accepts is stopped, and no run leaves a job running (FUZZ_ARGS="--max-accepted N ...");
## needs METASTUDIO_ENDPOINT, CLOUD_SDK_AK, CLOUD_SDK_SK, METASTUDIO_PROJECT_ID, METASTUDIO_ROOM_ID
fuzz-live: bootstrap
	$(BIN)/python -m fuzz live $(FUZZ_ARGS)

## bench: every goal of the report, each a ratio in one run: request validation (ours vs
## openapi-core), throughput and latency at 1-64 connections (the mock vs the floor and Prism, wrk),
## AK/SK verification and signing, the SDK's cost per call (vs raw httpx and the official SDK), the
## generator (vs openapi-python-client) and a no-op make; written to build/bench/ (JSON, Markdown,
## PNG). BENCH_ARGS="--seconds 5 --section throughput --out DIR" (python -m benchmarks --help)
bench: bootstrap prism wrk
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

## load: Locust (benchmarks/locustfile.py, headless) against the mock in its own process, valid and
## invalid requests mixed, bounded in time and in requests; fails on any 5xx or dropped connection;
## report in build/load/. LOAD_ARGS="--seconds 120 --workers 2 --connections 64 --max-requests N"
## (--workers N: one Locust master and N local workers on loopback)
load: bootstrap
	$(BIN)/python -m benchmarks.load $(LOAD_ARGS)

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache tools/prism/node_modules tools/wrk/root
