#!/usr/bin/env bash
# curl with the registry's request signature (docs/SYNC-PROTOCOL.md, "Authentication").
#
#   scripts/registry-curl.sh --key KEYFILE [--passphrase-file F] [--ca CA.pem] METHOD URL [BODYFILE] [-- CURL-OPTIONS...]
#
# KEYFILE is an alliancectl key file (encrypted PKCS#8, with KEYFILE.pub beside it). The passphrase comes from
# --passphrase-file or $ALLIANCE_PASSPHRASE_FILE. Signing uses `openssl pkeyutl` (OpenSSL 3). Everything after
# "--" goes to curl as it is (e.g. -- -i -s -w '%{http_code}'). The body, if any, is sent as application/json.
set -euo pipefail

key="" pass="${ALLIANCE_PASSPHRASE_FILE:-}" ca="" curlopts=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --key) key="$2"; shift 2 ;;
    --passphrase-file) pass="$2"; shift 2 ;;
    --ca) ca="$2"; shift 2 ;;
    *) break ;;
  esac
done
if [[ $# -lt 2 || -z "$key" || -z "$pass" ]]; then
  sed -n '2,9p' "$0" >&2
  exit 1
fi
method="$1" url="$2" body=""
shift 2
if [[ $# -gt 0 && "$1" != "--" ]]; then body="$1"; shift; fi
if [[ $# -gt 0 && "$1" == "--" ]]; then shift; curlopts=("$@"); fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -n "$body" ]]; then cp "$body" "$tmp/body"; else : > "$tmp/body"; fi

# PATH_AND_QUERY: the URL without scheme and authority.
rest="${url#*://}"
target="/${rest#*/}"
[[ "$rest" == */* ]] || target="/"
now=$(date +%s%3N)
bodyhash=$(sha256sum "$tmp/body" | cut -c1-64)
printf 'alliance-request/v1\n%s\n%s\n%s\n%s' "$method" "$target" "$bodyhash" "$now" > "$tmp/message"
openssl pkeyutl -sign -rawin -inkey "$key" -passin "file:$pass" -in "$tmp/message" -out "$tmp/sig"
keyid=$(base64 -d "$key.pub" | sha256sum | cut -c1-32)
sig=$(base64 -w0 "$tmp/sig")

args=(-sS -X "$method" -H "X-Alliance-Key: $keyid" -H "X-Alliance-Time: $now" -H "X-Alliance-Signature: $sig")
[[ -n "$ca" ]] && args+=(--cacert "$ca")
[[ -n "$body" ]] && args+=(-H "Content-Type: application/json" --data-binary "@$tmp/body")
status=0
curl "${args[@]}" "${curlopts[@]}" "$url" || status=$?
exit $status
