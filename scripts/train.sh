#!/usr/bin/env bash
# Train the Rasa model, but only when the training data, domain or config
# changed: a hash of those files is kept beside the model.
# --force retrains from scratch, bypassing Rasa's component cache too.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

model="models/wegwijzer.tar.gz"
stamp="models/wegwijzer.inputs"
# Endpoints and credentials say where services run; they do not change the model.
want="$(find bot data -name '*.yml' -type f ! -name 'endpoints*.yml' ! -name 'credentials.yml' | LC_ALL=C sort \
  | xargs sha256sum | sha256sum | cut -d' ' -f1)"
force=()
[ "${1:-}" = "--force" ] && force=(--force)
if [ ${#force[@]} -eq 0 ] && [ -f "$model" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

mkdir -p models var/log
say "Training the Rasa model (about 3 minutes on 2 cores; log: var/log/train.log)"
start=$(date +%s)
if ! "$RASA_VENV/bin/rasa" train --config bot/config.yml --domain bot/domain --data data \
    --out models --fixed-model-name wegwijzer "${force[@]}" >var/log/train.log 2>&1; then
  tail -n 40 var/log/train.log >&2
  die "training failed; see var/log/train.log"
fi
echo "$want" > "$stamp"
echo "Trained in $(( $(date +%s) - start )) s: $model"
