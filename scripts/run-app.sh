#!/usr/bin/env bash
# Runs the desktop app in Sandbox mode (the embedded Flexiti emulator; no account
# needed) on a fresh Debian/Ubuntu machine: installs the system packages Tauri needs,
# builds the UI, then builds and starts the app (release build).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential pkg-config file libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev
  libayatana-appindicator3-dev libssl-dev libxdo-dev)
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
(cd ui && npm ci --no-audit --no-fund && npm run build)
exec cargo run --release --locked -p flexiti-pos --features custom-protocol
