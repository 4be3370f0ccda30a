#!/usr/bin/env bash
# Quick start, part two: set up, build, and run the whole test suite. Usage: scripts/test.sh [PRESET]
# PRESET is release (default) or asan (AddressSanitizer + UndefinedBehaviorSanitizer).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
preset="${1:-release}"
scripts/build.sh "$preset"
ctest --preset "$preset"
