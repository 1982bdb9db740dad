# The one entry point. `make` runs the main job; `make test` runs every test. Both bootstrap .venv.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPEC := openapi/metastudio-smart-live.yaml

.DEFAULT_GOAL := all
.PHONY: all bootstrap validate generate check typecheck lint test clean

## all: bootstrap, validate and lint the spec, regenerate generated/, check it, type-check and lint it
all: bootstrap validate generate check typecheck lint

## bootstrap: create .venv and install the pinned tools from pyproject.toml
bootstrap: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## validate: openapi-spec-validator, then our lint rules
validate: bootstrap
	$(BIN)/python -m generator validate --spec $(SPEC)

## generate: regenerate generated/ (atomically; a failure leaves it untouched)
generate: bootstrap
	$(BIN)/python -m generator generate --spec $(SPEC)

## check: fail with a diff when generated/ is stale
check: bootstrap
	$(BIN)/python -m generator check --spec $(SPEC)

## typecheck: mypy --strict on the generator, the generated SDK and the tests
typecheck: bootstrap
	$(BIN)/mypy --strict generator generated/metastudio tests

## lint: ruff on everything we write and generate
lint: bootstrap
	$(BIN)/ruff check generator generated templates/runtime tests
	$(BIN)/ruff format --check generator generated templates/runtime tests

## test: every test
test: bootstrap
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache
