#!/usr/bin/env bash
# Makes a signed ledger entry and prints a POST /v1/entries body holding it (for curl examples and tests by
# hand; the apps sign entries themselves). Formats: docs/ENTRY-FORMAT.md.
#
#   scripts/registry-entry.sh --key KEYFILE [--passphrase-file F] TYPE 'BODY-JSON' > batch.json
#
# BODY-JSON is the entry body as JSON (integers only, no floats). The entry is serialised as canonical JSON
# (RFC 8785; python3 sorts the keys), signed over "alliance-ledger/v1\n" || TYPE || "\n" || entry with
# `openssl pkeyutl` (Ed25519), with created_at = now and a fresh nonce.
set -euo pipefail

key="" pass="${ALLIANCE_PASSPHRASE_FILE:-}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --key) key="$2"; shift 2 ;;
    --passphrase-file) pass="$2"; shift 2 ;;
    *) break ;;
  esac
done
if [[ $# -ne 2 || -z "$key" || -z "$pass" ]]; then
  sed -n '2,9p' "$0" >&2
  exit 1
fi
type="$1" body="$2"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
author=$(base64 -d "$key.pub" | sha256sum | cut -c1-32)
ENTRY_TYPE="$type" ENTRY_BODY="$body" ENTRY_AUTHOR="$author" python3 - > "$tmp/entry" <<'PY'
import json, os, secrets, sys, time
body = json.loads(os.environ["ENTRY_BODY"])
def check(v):
    if isinstance(v, float): sys.exit("floats are not allowed in entries")
    if isinstance(v, dict): [check(x) for x in v.values()]
    if isinstance(v, list): [check(x) for x in v]
check(body)
entry = {"type": os.environ["ENTRY_TYPE"], "author": os.environ["ENTRY_AUTHOR"],
         "created_at": int(time.time() * 1000), "nonce": secrets.token_hex(16), "body": body}
sys.stdout.write(json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
PY
printf 'alliance-ledger/v1\n%s\n' "$type" > "$tmp/message"
cat "$tmp/entry" >> "$tmp/message"
openssl pkeyutl -sign -rawin -inkey "$key" -passin "file:$pass" -in "$tmp/message" -out "$tmp/sig"
printf '{"entries":[{"author_key":"%s","entry":"%s","sig":"%s"}]}\n' \
  "$(tr -d '\n' < "$key.pub")" "$(base64 -w0 "$tmp/entry")" "$(base64 -w0 "$tmp/sig")"
