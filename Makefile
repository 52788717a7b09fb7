# The verbs humans and CI share. `make` alone lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help setup train run test lint validate bench clean

help: ## List the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

setup: ## Build both Python environments and the Dutch spaCy pipeline (skipped when up to date)
	@scripts/setup.sh

train: setup ## Train the Rasa model if training data, domain or config changed
	@scripts/train.sh

# single: SQLite files in var/. scaled: PostgreSQL + Redis + two Rasa processes.
PROFILE ?= single

run: train ## Set up and train if needed, start all services, print the URL (PROFILE=scaled: see README)
	@if [ "$(PROFILE)" = scaled ]; then scripts/datastores.sh; fi
	@WEGWIJZER_PROFILE=$(PROFILE) .venv/web/bin/python scripts/services.py

test: train ## Lint, validate the Rasa data, run every test
	@scripts/test.sh

lint: setup ## Only ruff
	@.venv/web/bin/ruff check .

bench: train ## Latency by layer: gateway, Rasa, NLU alone (bench/latency.py; the other benchmarks: README)
	@.venv/web/bin/python bench/latency.py

clean: ## Remove environments, models and local data (var/)
	rm -rf .venv models var .rasa
