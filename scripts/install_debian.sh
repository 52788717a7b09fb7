#!/usr/bin/env bash
# Install Debian packages the tests need, once; later runs only check.
#   scripts/install_debian.sh NAME PROGRAM PACKAGE...
# Exits 0 when PROGRAM exists (a path, or a name on PATH) or was installed.
set -euo pipefail
source "$(dirname "$0")/env.sh"

name="$1" program="$2"
shift 2
present() { [ -x "$program" ] || command -v "$program" >/dev/null 2>&1; }
present && exit 0

log="$ROOT/var/log/install-$name.log"
mkdir -p "$(dirname "$log")"
say "Installing Debian's $* for $name (once)"
sudo_cmd=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "$program is missing and this user cannot install it: apt-get install $*"
  sudo_cmd="sudo"
fi
if ! $sudo_cmd apt-get install -y --no-install-recommends "$@" >"$log" 2>&1; then
  # A fresh machine may not have the package lists yet.
  $sudo_cmd apt-get update >>"$log" 2>&1 || true
  $sudo_cmd apt-get install -y --no-install-recommends "$@" >>"$log" 2>&1 \
    || die "could not install $* (log: $log)"
fi
present || die "$* installed but $program is missing"
