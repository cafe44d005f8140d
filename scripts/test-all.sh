#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian/Ubuntu machine: installs what the
# build and the tests need (Debian packages, npm packages, tauri-driver), builds the UI
# (the window embeds it at compile time), then formatting, lints, type checks, Rust
# tests (unit, property, contract tests over HTTP on 127.0.0.1, SQLite files, the real
# window through WebDriver under Xvfb) and the UI's tests in headless Chromium.
# The command the README gives and .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

packages=(build-essential pkg-config file libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev
  libayatana-appindicator3-dev libssl-dev libxdo-dev webkit2gtk-driver xvfb xauth chromium)
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

echo "== ui: npm ci, type check, build"
(cd ui && npm ci --no-audit --no-fund && npm run check && npm run build)

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
bash scripts/check-sqlx.sh
echo "== cargo test (real window under Xvfb)"
FLEXITI_E2E_REQUIRED=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 \
  xvfb-run -a -s "-screen 0 1280x800x24" cargo test --workspace --locked
echo "== ui tests (headless Chromium)"
(cd ui && npm test)
