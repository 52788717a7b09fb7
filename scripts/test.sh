#!/usr/bin/env bash
# Every check Wegwijzer has: lint, Rasa data validation, the action server's
# unit tests (Rasa environment), then the gateway's unit tests and the
# end-to-end tests against the three real services (gateway environment).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
mkdir -p var/log

say "ruff"
"$WEB_VENV/bin/ruff" check .

say "rasa data validate"
if ! "$RASA_VENV/bin/rasa" data validate --config bot/config.yml --domain bot/domain --data data \
    >var/log/validate.log 2>&1; then
  cat var/log/validate.log >&2
  die "rasa data validate found errors"
fi

# The conversation stories (tests/stories): real NLU, real policies. School
# names and towns come from the demo profiles, as on a fresh `make run`.
say "conversation stories (rasa test)"
rm -f var/test-sop.db
"$RASA_VENV/bin/python" -m actions.sop import knowledge/sop/demo-scholen.json --db var/test-sop.db >/dev/null
if ! WEGWIJZER_SOP_DB=var/test-sop.db "$RASA_VENV/bin/rasa" test core --e2e --model models/wegwijzer.tar.gz --stories tests/stories \
    --out var/rasa-test --fail-on-prediction-errors >var/log/stories.log 2>&1; then
  grep -v -E "Warning|warn\(|^\s*$" var/log/stories.log | tail -60 >&2
  die "a conversation story failed (full log: var/log/stories.log)"
fi

# pytest exits 5 when it collects no test; set -e turns that into a failure.
say "action server tests (Rasa environment)"
"$RASA_VENV/bin/python" -m pytest tests/actions

scripts/browser.sh
# PostgreSQL and Redis for the scaled profile. Where they cannot be installed
# (no root, no sudo, no package mirror) the tests that need them say so and skip.
scripts/datastores.sh || echo "PostgreSQL or Redis is missing: the tests that need them will skip" >&2

say "gateway, end-to-end and browser tests (gateway environment; gateway tests on SQLite and PostgreSQL)"
"$WEB_VENV/bin/python" -m pytest tests --ignore=tests/actions

# The end-to-end suite once more on the scaled profile: PostgreSQL tracker store
# and gateway data, Redis lock store, two Rasa processes behind the gateway.
say "end-to-end tests on the scaled profile (PostgreSQL, Redis, two Rasa processes)"
WEGWIJZER_TEST_PROFILE=scaled "$WEB_VENV/bin/python" -m pytest tests/e2e -m "not model_only"
