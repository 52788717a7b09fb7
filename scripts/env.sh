# Shared shell settings for the Wegwijzer scripts. Sourced, not run.
# Keeps Rasa quiet and private wherever it is started from.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RASA_VENV="$ROOT/.venv/rasa"
WEB_VENV="$ROOT/.venv/web"
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL=3
export LOG_LEVEL_LIBRARIES=ERROR
export PYTHONWARNINGS=ignore
export SQLALCHEMY_SILENCE_UBER_WARNING=1
# Two cores: one thread per TensorFlow op pool keeps training from starving the machine.
export TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-2}"
export TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
# Training embeds its examples with E5 on every core, and keeps the embeddings
# (bot/embedding_cache.py): a retraining embeds only new examples.
export WEGWIJZER_E5_THREADS="${WEGWIJZER_E5_THREADS:-$(nproc)}"
export WEGWIJZER_E5_CACHE="${WEGWIJZER_E5_CACHE:-$ROOT/models/e5-cache}"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
