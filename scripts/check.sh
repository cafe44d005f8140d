#!/usr/bin/env bash
# Every check of the project, on a machine set up by setup.sh: the UI's type check, lint
# and build (the window embeds it at compile time), formatting, clippy, the SQL query
# cache, the Rust tests (unit, property, contract tests over HTTP on 127.0.0.1, SQLite
# files, the real window through WebDriver under Xvfb), then the UI's tests in headless
# Chromium against the real engine (through the test bridge), then the .deb: built,
# installed, started and removed (scripts/package-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
# A clean build gains nothing from incremental data (1.6 GB of it); a developer may re-enable it.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

echo "== ui: type check, lint, build"
(cd ui && npm run check && npm run lint && npm run build)

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== sqlx query cache"
bash scripts/check-sqlx.sh
echo "== cargo test (real window under Xvfb)"
FLEXITI_E2E_REQUIRED=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 \
  xvfb-run -a -s "-screen 0 1280x800x24" cargo test --workspace --locked
echo "== ui tests (headless Chromium, real engine through the test bridge)"
# target/debug/pos-testbridge was built by `cargo test` above, for its own integration
# test, with the same features: building it again here would recompile half the graph.
test -x target/debug/pos-testbridge
(cd ui && npm test)
echo "== package: build, install, start, remove"
# The debug .deb (`tauri build --debug`: the custom-protocol feature set, so about 2 min of
# recompiling on 2 cores), installed with apt-get, started under Xvfb to the sign-in
# screen, then removed.
FLEXITI_PACKAGE_REQUIRED=1 bash scripts/package-test.sh
