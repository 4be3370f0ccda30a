#!/usr/bin/env bash
# Installs everything Alliance Portal needs to build and test on Debian 12, without prompts. Idempotent:
# when every package is already there it does nothing. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  qt6-base-dev qt6-base-dev-tools
  libsqlite3-dev sqlite3 libssl-dev openssl libcurl4-openssl-dev
  # Ed25519 signature checks (ledger/crypto): libsodium verifies about twice as fast as OpenSSL 3.0
  libsodium-dev
  # the desktop app: widgets, charts (needs the OpenGL dev files), SVG icons, translations, a CJK font
  qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n fonts-noto-cjk
  # the registry's HTTP server (QHttpServer's CMake package also needs the WebSockets one)
  qt6-httpserver-dev qt6-websockets-dev
  # reports: XLSX writer (its pkg-config links -lz, but the package does not pull in zlib1g-dev); ledger and
  # hledger read our journal, unzip opens our XLSX, in the tests
  libxlsxwriter-dev zlib1g-dev ledger hledger unzip
  # screenshots and GUI checks under a virtual display
  xvfb xauth
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root (or install sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
