#!/usr/bin/env bash
# Print the path of a Python interpreter whose version lies in [3.MIN, 3.MAX].
# Looks on PATH first, then in pyenv's versions (pyenv shims on PATH refuse to
# run a version that is installed but not selected, so they are tried and skipped).
set -euo pipefail
min="$1" max="$2"
candidates=()
for ((m = max; m >= min; m--)); do candidates+=("python3.$m"); done
candidates+=(python3)
pyenv_root="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
for ((m = max; m >= min; m--)); do
  for p in "$pyenv_root"/versions/3."$m".*/bin/python3."$m"; do
    [ -x "$p" ] && candidates+=("$p")
  done
done
check="import sys, venv; sys.exit(0 if (3, $min) <= sys.version_info[:2] <= (3, $max) else 1)"
for c in "${candidates[@]}"; do
  if "$c" -c "$check" >/dev/null 2>&1; then
    command -v "$c" 2>/dev/null || echo "$c"
    exit 0
  fi
done
exit 1
