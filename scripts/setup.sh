#!/usr/bin/env bash
# Build what Wegwijzer needs to run: the Rasa environment (Python 3.10), the
# gateway environment (Python >= 3.11) and the Dutch spaCy pipeline.
# Idempotent: every step records a hash of its inputs and is skipped when
# they have not changed, so a second run does nothing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

# This machine's pip configuration names local indexes that may be absent;
# pip warns about each one. Keep real warnings, drop that noise.
pip_install() { "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }

inputs_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }

# build_venv NAME VENV MIN MAX REQUIREMENTS CONSTRAINTS
build_venv() {
  local name="$1" venv="$2" min="$3" max="$4" req="$5" con="$6"
  local stamp="$venv/.wegwijzer-inputs" want
  want="$(inputs_hash "$req" "$con")"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  local py
  if ! py="$(scripts/find_python.sh "$min" "$max")"; then
    die "the $name environment needs Python 3.$min$([ "$min" != "$max" ] && echo "–3.$max") with the venv module.
       Install it, for example: pyenv install 3.$min   (or: apt-get install python3.$min python3.$min-venv)"
  fi
  say "Building the $name environment with $py (a few minutes the first time)"
  rm -rf "$venv"
  "$py" -m venv "$venv"
  pip_install "$venv/bin/python" -m pip install --quiet --upgrade "pip==24.3.1"
  pip_install "$venv/bin/python" -m pip install --quiet -r "$req" -c "$con"
  "$venv/bin/python" -m pip check >/dev/null || die "pip check failed in $venv"
  echo "$want" > "$stamp"
}

build_venv "Rasa" "$RASA_VENV" 10 10 requirements/rasa.in constraints/rasa.txt
build_venv "gateway" "$WEB_VENV" 11 13 requirements/web.in constraints/web.txt

# The Dutch spaCy pipeline: a blank "nl" model with spaCy's lookup lemmatiser,
# saved to disk so Rasa loads it by path and nothing is downloaded at run time.
spacy_dir="models/spacy/nl-lookup-v1"
if [ ! -f "$spacy_dir/meta.json" ]; then
  say "Building the Dutch spaCy pipeline in $spacy_dir"
  "$RASA_VENV/bin/python" scripts/build_spacy_nl.py "$spacy_dir"
fi
