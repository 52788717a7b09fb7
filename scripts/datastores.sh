#!/usr/bin/env bash
# Debian's PostgreSQL and Redis for the scaled profile (`make run PROFILE=scaled`
# and the scaled pass of `make test`). Only the programs: scripts/datastores.py
# runs its own instances on 127.0.0.1, never the system services.
set -euo pipefail
dir="$(dirname "$0")"
"$dir/install_debian.sh" postgresql pg_ctlcluster postgresql
"$dir/install_debian.sh" redis redis-server redis-server
