#!/bin/sh
# A full member joining a registry over HTTPS (issue 3): builds a demo alliance of about 13 entries per
# startup, moves it onto a local alliance-registry (TLS, a throwaway CA from openssl), times
# `alliancectl join` for a programme manager, and prints the rate next to the Ed25519 verify rate of all
# cores measured in the same run (`openssl speed -multi`). Not run by CTest. See docs/PERFORMANCE.md.
#   bench/join_bench.sh BUILD_DIR [STARTUPS] [WORKDIR]
set -eu
B=${1:?build dir, e.g. build/release}
N=${2:-7500}
W=${3:-$(mktemp -d)}
CTL=$B/app/alliancectl/alliancectl
REG=$B/app/alliance-registry/alliance-registry
CORES=$(nproc)
cd "$W"
[ -f demo.ledger ] || "$CTL" demo --ledger demo.ledger --startups "$N" --seed 7 >/dev/null
K=demo.ledger.keys
P=$K/passphrase.txt
if [ ! -d data ]; then
  "$CTL" keygen --out registry.key --passphrase-file "$P" >/dev/null
  "$CTL" registry appoint --ledger demo.ledger --key $K/admin.key --passphrase-file "$P" \
    --registry-key registry.key --url https://127.0.0.1 --yes >/dev/null
  "$REG" init --data data --from demo.ledger --key registry.key --passphrase-file "$P" >/dev/null
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
    -days 2 -subj /CN=bench-ca 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr \
    -subj /CN=127.0.0.1 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 \
    -extfile san.ext 2>/dev/null
fi
"$REG" --listen 127.0.0.1:0 --tls-cert server.pem --tls-key server.key --data data --passphrase-file "$P" \
  > registry.log 2>&1 &
RPID=$!
trap 'kill $RPID 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q 'listening on' registry.log && break; sleep 0.1; done
URL=$(grep -o 'https://[0-9.]*:[0-9]*' registry.log | head -1)
rm -f member.ledger member.ledger.partial*
START=$(date +%s.%N)
"$CTL" join --registry "$URL" --ca ca.pem --ledger member.ledger --key $K/pm-1.key --passphrase-file "$P" \
  2>/dev/null | head -1
END=$(date +%s.%N)
ENTRIES=$(sqlite3 member.ledger 'SELECT COUNT(*) FROM log')
RATE=$(echo "$ENTRIES / ($END - $START)" | bc)
VERIFY=$(openssl speed -multi "$CORES" -seconds 3 ed25519 2>/dev/null | awk '/^ *253 bits EdDSA/ {print $NF}' | tail -1)
echo "join: $ENTRIES entries in $(echo "$END - $START" | bc) s = $RATE entries/s"
echo "openssl speed -multi $CORES ed25519 verify: $VERIFY /s; ratio $(echo "scale=2; $RATE / $VERIFY" | bc)"
