#!/usr/bin/env bash
# Screenshots of every main view of alliance-portal, in English and Korean, for docs/screenshots/ and the
# README. Runs the real app under Xvfb on the demo alliance (generated once into a scratch folder) with the
# hidden --screenshot-dir option, which walks the pages of the opened identity and grabs the window.
#
#   scripts/screenshots.sh [build-dir]      (default build/release; needs xvfb-run)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build/release}"
app="$build/app/alliance-portal/alliance-portal"
out="$here/docs/screenshots"
[[ -x "$app" ]] || { echo "screenshots.sh: build alliance-portal first ($app missing)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run is not installed" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
mkdir -p "$out"
rm -f "$out"/*.png

for lang in en ko; do
  for role in pm reviewer startup sponsor; do
    xvfb-run -a -s "-screen 0 1600x1000x24" \
      "$app" --demo --demo-dir "$work/demo" --as "$role" --lang "$lang" --screenshot-dir "$out" \
      | sed "s|^$here/||"
  done
done
echo "screenshots.sh: $(ls "$out"/*.png | wc -l) screenshots in docs/screenshots/"
