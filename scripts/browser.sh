#!/usr/bin/env bash
# Debian's chromium for the browser tests (Playwright drives it; it never
# downloads a browser of its own).
set -euo pipefail
exec "$(dirname "$0")/install_debian.sh" chromium "${WEGWIJZER_CHROMIUM:-/usr/bin/chromium}" chromium
