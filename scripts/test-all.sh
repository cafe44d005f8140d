#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian/Ubuntu machine: set-up (Debian and npm
# packages, tauri-driver) then every check (scripts/check.sh says which). The command the
# README gives and .ci/run calls; on a machine already set up, scripts/check.sh alone.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
exec bash scripts/check.sh
