#!/usr/bin/env bash
# Builds the release configuration and runs the ledger benchmark (bench/bench_ledger.cpp) on a 1,000,000-entry
# ledger kept in build/bench-data/ (built through the Sequencer on the first run, about 5 minutes; reused
# afterwards). Prints the figures of docs/PERFORMANCE.md as ratios to limits measured in the same run.
#
# Usage: scripts/bench.sh [bench_ledger options]
#   --fresh            rebuild the 1M ledger (and time sequencing over the whole build)
#   --seq-entries N    when reusing it, sequence N more entries onto a copy of it (default 50000)
#   --seconds S        duration of each `openssl speed` reference run (default 3)
#   --samples N        startups queried for the balance latency (default 100)
#
# Wall-clock figures need the CPUs. On a machine shared with other work (e.g. parallel builds in other
# sessions, which the kernel's autogroup scheduling gives an equal share each), the run gets its own session
# with autogroup nice -10 when it is allowed to (root); BENCH_PRIORITY=0 turns that off. The references are
# measured inside the same session, so ratios compare like with like either way.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release >/dev/null
cmake --build --preset release --target bench_ledger

mkdir -p build/bench-data
run=(build/release/bench/bench_ledger all --ledger build/bench-data/ledger-1m.db "$@")

if [[ "${BENCH_PRIORITY:-1}" == 1 ]] && command -v setsid >/dev/null; then
    # A new session is a new autogroup; lowering its nice value needs privileges, and failing is harmless.
    exec setsid --wait bash -c 'echo -10 > /proc/$$/autogroup 2>/dev/null || true; exec "$@"' bash "${run[@]}"
fi
exec "${run[@]}"
