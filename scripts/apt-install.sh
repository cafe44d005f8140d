#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages a purpose needs, once: `build` (what Tauri needs to
# compile and run the app) or `test` (that, plus the real window under Xvfb and Chromium
# for the browser tests). Shared by run-app.sh and setup.sh so the lists never drift.
set -euo pipefail

build=(build-essential pkg-config file libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev
  libayatana-appindicator3-dev libssl-dev libxdo-dev libdbus-1-dev)
test_only=(webkit2gtk-driver xvfb xauth chromium)

case "${1:-}" in
  build) packages=("${build[@]}") ;;
  test) packages=("${build[@]}" "${test_only[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
