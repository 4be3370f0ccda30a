#!/bin/sh
# A full member joining a registry over HTTPS (issue 3): moves an alliance onto a local alliance-registry
# (TLS, a throwaway CA from openssl), times `alliancectl join` for a programme manager, and prints the rate
# next to the Ed25519 verify rate of all cores measured in the same run (`openssl speed -multi`, and the
# ledger's own verifier, libsodium, through bench_ledger verify-rate), with the
# CPU time and peak memory of both processes. Not run by CTest. See docs/PERFORMANCE.md, "Sync client".
#
#   bench/join_bench.sh BUILD_DIR [STARTUPS | LEDGER] [WORKDIR]
#
# STARTUPS (default 7500): a demo alliance of about 13 entries per startup (`alliancectl demo`).
# LEDGER: a copy of the sequencing benchmark's ledger (build/bench-data/ledger-1m.db of bench_ledger): its
# keys are derived from fixed labels (bench_ledger.cpp, makeKey), so this script writes them as key files.
# The ledger is copied (VACUUM INTO by `alliance-registry init`), never changed.
# JOIN_ARGS adds options to `alliancectl join` (e.g. JOIN_ARGS="--page 1000").
set -eu
B=$(cd "${1:?build dir, e.g. build/release}" && pwd)
SRC=${2:-7500}
W=${3:-$(mktemp -d)}
CTL=$B/app/alliancectl/alliancectl
REG=$B/app/alliance-registry/alliance-registry
CORES=$(nproc)
case "$SRC" in /*) ;; *[!0-9]*) SRC=$(pwd)/$SRC ;; esac
mkdir -p "$W"
cd "$W"

# A bench_ledger key as an encrypted PKCS#8 file: seed = SHA-256("alliance-bench\n" ROLE "\n" INDEX).
benchkey() {
  seed=$(printf 'alliance-bench\n%s\n%s' "$1" "$2" | openssl dgst -sha256 -binary | od -An -tx1 | tr -d ' \n')
  perl -e 'print pack("H*", $ARGV[0])' "302e020100300506032b657004220420$seed" > key.der
  openssl pkcs8 -topk8 -inform DER -in key.der -v2 aes-256-cbc -passout "file:$P" -out "$3"
  rm -f key.der
  chmod 600 "$3"
}

if [ ! -d data ]; then
  case "$SRC" in
  *[!0-9]*)
    mkdir -p keys
    P=keys/passphrase.txt
    echo 'join-bench passphrase' > $P
    chmod 600 $P
    benchkey root 0 keys/admin.key
    benchkey pm 0 keys/pm.key
    cp "$SRC" source.ledger
    ;;
  *)
    "$CTL" demo --ledger source.ledger --startups "$SRC" --seed 7 >/dev/null
    rm -rf keys
    mv source.ledger.keys keys
    P=keys/passphrase.txt
    cp keys/pm-1.key keys/pm.key
    ;;
  esac
  "$CTL" keygen --out registry.key --passphrase-file "$P" >/dev/null
  "$CTL" registry appoint --ledger source.ledger --key keys/admin.key --passphrase-file "$P" \
    --registry-key registry.key --url https://127.0.0.1 --yes >/dev/null
  "$REG" init --data data --from source.ledger --key registry.key --passphrase-file "$P" >/dev/null
  rm -f source.ledger source.ledger-wal source.ledger-shm
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
    -days 2 -subj /CN=bench-ca 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr \
    -subj /CN=127.0.0.1 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 \
    -extfile san.ext 2>/dev/null
fi
P=keys/passphrase.txt

"$REG" --listen 127.0.0.1:0 --tls-cert server.pem --tls-key server.key --data data --passphrase-file "$P" \
  > registry.log 2>&1 &
RPID=$!
# Waits for the registry to stop: a run right after this one truncates registry.log, and a registry still
# writing its last lines would leave a hole of NUL bytes in it.
trap 'kill $RPID 2>/dev/null; wait $RPID 2>/dev/null' EXIT
for _ in $(seq 300); do grep -aq 'listening on' registry.log && break; sleep 0.1; done
URL=$(grep -ao 'https://[0-9.]*:[0-9]*' registry.log | head -1)
# CPU seconds (user + system) of a process so far.
cpu() { awk -v t="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / t}' "/proc/$1/stat"; }
RCPU0=$(cpu $RPID)
rm -f member.ledger member.ledger-wal member.ledger-shm member.ledger.partial*
echo "load before: $(uptime | sed 's/.*load average: //')"
START=$(date +%s.%N)
# shellcheck disable=SC2086
/usr/bin/time -f '%e %U %S %M' -o join.time "$CTL" join --registry "$URL" --ca ca.pem --ledger member.ledger \
  --key keys/pm.key --passphrase-file "$P" ${JOIN_ARGS:-} 2>join.err | tail -1
END=$(date +%s.%N)
RCPU=$(echo "$(cpu $RPID) - $RCPU0" | bc)
RRSS=$(awk '/VmHWM/ {print $2}' "/proc/$RPID/status")
echo "load after: $(uptime | sed 's/.*load average: //')"
ENTRIES=$(sqlite3 member.ledger 'SELECT COUNT(*) FROM log')
SECS=$(echo "$END - $START" | bc)
RATE=$(echo "$ENTRIES / $SECS" | bc)
read -r _ CU CS CRSS < join.time
VERIFY=$(openssl speed -multi "$CORES" -seconds 5 ed25519 2>/dev/null | awk '/^ *253 bits EdDSA/ {print $NF}' | tail -1)
echo "join: $ENTRIES entries in $SECS s = $RATE entries/s"
echo "client: $(echo "$CU + $CS" | bc) s CPU (user $CU, sys $CS), peak RSS $((CRSS / 1024)) MiB"
echo "registry: $RCPU s CPU, peak RSS $((RRSS / 1024)) MiB"
echo "openssl speed -multi $CORES ed25519 verify: $VERIFY /s; ratio $(echo "scale=2; $RATE / $VERIFY" | bc)"
# The verifier the ledger uses (libsodium since session 6) is about twice as fast as OpenSSL's: the join's
# ratio against its own floor.
OWN=$("$B/bench/bench_ledger" verify-rate --seconds 5 | sed 's/.* threads \([0-9]*\)\/s/\1/')
echo "libsodium verify, $CORES threads: $OWN /s; ratio $(echo "scale=2; $RATE / $OWN" | bc)"
