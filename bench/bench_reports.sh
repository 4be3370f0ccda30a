#!/usr/bin/env bash
# Runs the reports benchmark (bench/bench_reports.cpp) on the 1,000,000-entry demo ledger, generated once with
# `alliancectl demo --startups 75000 --months 12 --seed 7` (about 16 minutes on a shared 2-core machine) and
# cached in build/bench-data/reports-1m.ledger. Figures: docs/PERFORMANCE.md, "Reports".
#
# Usage: bench/bench_reports.sh [bench_reports options, e.g. --skip-peers, --rows N, --peer-timeout S,
#        --only reports|import|peers]
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release >/dev/null
cmake --build --preset release --target alliancectl bench_reports

mkdir -p build/bench-data
ledger=build/bench-data/reports-1m.ledger
if [[ ! -f "$ledger" ]]; then
    build/release/app/alliancectl/alliancectl demo --ledger "$ledger" --startups 75000 --months 12 --seed 7
fi
exec build/release/bench/bench_reports --ledger "$ledger" --work build/bench-data/work "$@"
