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
# A replica: the demo moved onto a real alliance-registry (test CA, 127.0.0.1), joined by a programme manager
# whose outbox holds one rejected entry (another manager registered the same sponsor first) and one pending.
ctl="$build/app/alliancectl/alliancectl"
registry="$build/app/alliance-registry/alliance-registry"
if [[ -x "$ctl" && -x "$registry" ]] && command -v openssl >/dev/null; then
  r="$work/replica"
  mkdir -p "$r"
  (
    cd "$r"
    "$ctl" demo --ledger demo.ledger --startups 20 --seed 7 --months 3 >/dev/null
    K=demo.ledger.keys P=demo.ledger.keys/passphrase.txt
    "$ctl" keygen --out registry.key --passphrase-file $P >/dev/null
    "$ctl" registry appoint --ledger demo.ledger --key $K/admin.key --passphrase-file $P \
      --registry-key registry.key --url https://127.0.0.1 --yes >/dev/null
    "$registry" init --data data --from demo.ledger --key registry.key --passphrase-file $P >/dev/null
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 \
      -subj "/CN=Screenshot CA" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr \
      -subj "/CN=localhost" 2>/dev/null
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 \
      -extfile <(printf "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE") 2>/dev/null
    "$registry" --listen 127.0.0.1:0 --tls-cert server.pem --tls-key server.key --data data \
      --passphrase-file $P >registry.log 2>&1 &
    echo $! >registry.pid
    for _ in $(seq 100); do grep -q "listening on" registry.log && break; sleep 0.2; done
    url="$(grep -o 'https://127.0.0.1:[0-9]*' registry.log | head -1)"
    [[ -n "$url" ]] || { cat registry.log >&2; exit 1; }
    join() { "$ctl" join --ledger "$1" --registry "$url" --ca ca.pem --key "$2" --passphrase-file $P >/dev/null; }
    join pm.ledger $K/pm-1.key
    join pm2.ledger $K/pm-2.key
    "$ctl" sponsor add --ledger pm2.ledger --key $K/pm-2.key --passphrase-file $P --id kisti \
      --name "KISTI" --kind government --yes >/dev/null
    "$ctl" sync --ledger pm2.ledger --key $K/pm-2.key --passphrase-file $P --ca ca.pem >/dev/null 2>&1
    "$ctl" sponsor add --ledger pm.ledger --key $K/pm-1.key --passphrase-file $P --id kisti \
      --name "KISTI" --kind government --yes >/dev/null
    "$ctl" sync --ledger pm.ledger --key $K/pm-1.key --passphrase-file $P --ca ca.pem >/dev/null 2>&1 || true
    "$ctl" sponsor add --ledger pm.ledger --key $K/pm-1.key --passphrase-file $P --id gwangju-ai \
      --name "Gwangju AI Hub" --kind government --yes >/dev/null
    kill "$(cat registry.pid)"
  )
  for lang in en ko; do
    shots="$work/shots-$lang"
    xvfb-run -a -s "-screen 0 1600x1000x24" \
      "$app" --ledger "$r/pm.ledger" --key "$r/demo.ledger.keys/pm-1.key" --lang "$lang" --screenshot-dir "$shots" \
      >/dev/null
    cp "$shots/$lang-user-sync.png" "$out/$lang-replica-sync.png"
    echo "docs/screenshots/$lang-replica-sync.png"
  done
fi
echo "screenshots.sh: $(ls "$out"/*.png | wc -l) screenshots in docs/screenshots/"
