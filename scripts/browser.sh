#!/usr/bin/env bash
# Debian's chromium for the browser tests (Playwright drives it; it never
# downloads a browser of its own). Installed once; later runs only check.
set -euo pipefail
source "$(dirname "$0")/env.sh"

CHROMIUM="${WEGWIJZER_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
say "Installing Debian's chromium for the browser tests (once)"
sudo_cmd=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "chromium is missing and this user cannot install it: apt-get install chromium"
  sudo_cmd="sudo"
fi
if ! $sudo_cmd apt-get install -y --no-install-recommends chromium >var/log/chromium-install.log 2>&1; then
  # A fresh machine may not have the package lists yet.
  $sudo_cmd apt-get update >>var/log/chromium-install.log 2>&1 || true
  $sudo_cmd apt-get install -y --no-install-recommends chromium >>var/log/chromium-install.log 2>&1 \
    || die "could not install chromium (log: var/log/chromium-install.log)"
fi
[ -x "$CHROMIUM" ] || die "chromium was installed but $CHROMIUM is missing"
