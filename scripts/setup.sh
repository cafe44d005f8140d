#!/usr/bin/env bash
# Set-up for the tests on a fresh Debian/Ubuntu machine: the Debian packages (build,
# real window, Chromium), tauri-driver, and the UI's npm packages. Changes nothing in the
# project's sources; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/apt-install.sh test
# Pinned: the WebDriver proxy the real-window test was written against (review F17).
command -v tauri-driver >/dev/null || cargo install tauri-driver --version 2.1.0 --locked
(cd ui && npm ci --no-audit --no-fund)
