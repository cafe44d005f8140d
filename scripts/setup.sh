#!/usr/bin/env bash
# Set-up for the tests on a fresh Debian/Ubuntu machine: the Debian packages (build,
# real window, Chromium), tauri-driver, and the UI's npm packages. Changes nothing in the
# project's sources; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/apt-install.sh test
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
(cd ui && npm ci --no-audit --no-fund)
