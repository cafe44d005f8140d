#!/usr/bin/env bash
# Runs the desktop app in Sandbox mode (the embedded Flexiti emulator; no account
# needed) on a fresh Debian/Ubuntu machine: installs the system packages Tauri needs,
# builds the UI, then builds and starts the app (release build).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/apt-install.sh build
(cd ui && npm ci --no-audit --no-fund && npm run build)
exec cargo run --release --locked -p flexiti-pos --features custom-protocol
