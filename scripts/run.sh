#!/usr/bin/env bash
# Quick start, part one: set up, build, and run the main job — a generated demo alliance on the embedded
# SQLite store, then its balance summary. Usage: scripts/run.sh [STARTUPS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
ctl=build/release/app/alliancectl/alliancectl
ledger="${ALLIANCE_LEDGER:-demo/alliance.ledger}"
mkdir -p "$(dirname "$ledger")"
if [ ! -f "$ledger" ]; then
  "$ctl" demo --ledger "$ledger" --startups "${1:-200}" --seed "${2:-1}"
fi
"$ctl" verify --quick --ledger "$ledger"
"$ctl" balance --ledger "$ledger"
