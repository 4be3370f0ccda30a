#!/usr/bin/env bash
# Quick start, part one: set up, build, and run the main job. With a display, that is the desktop app on the
# demo alliance (`alliance-portal --demo`, generated on first use); without one, a generated demo alliance on
# the embedded SQLite store, verified, then its balance summary from the command line.
# Usage: scripts/run.sh [STARTUPS] [SEED]   (ALLIANCE_CLI=1 forces the command-line job)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
bin=build/release/app
if [ -z "${ALLIANCE_CLI:-}" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec "$bin/alliance-portal/alliance-portal" --demo
fi
echo "run: no display; running the command-line demo (on a desktop, scripts/run.sh opens alliance-portal)"
ctl=$bin/alliancectl/alliancectl
ledger="${ALLIANCE_LEDGER:-demo/alliance.ledger}"
mkdir -p "$(dirname "$ledger")"
if [ ! -f "$ledger" ]; then
  "$ctl" demo --ledger "$ledger" --startups "${1:-200}" --seed "${2:-1}"
fi
"$ctl" verify --quick --ledger "$ledger"
"$ctl" balance --ledger "$ledger"
