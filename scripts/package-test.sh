#!/usr/bin/env bash
# The package as a store terminal gets it: builds the .deb with Tauri's bundler (the CLI
# from npm, pinned), checks what it carries (binary, desktop entry, icon, version, only
# /usr paths, nothing from the build machine), installs it with apt-get (so its declared
# dependencies are proven), starts the installed binary under Xvfb until the sign-in
# screen has loaded (cold start measured), stops it, removes the package and checks it is
# gone. Prints the .deb size, the installed size and the cold start.
#
# CI bundles the debug build (`tauri build --debug`: the production feature set, debug
# profile) to stay within its time; IT builds the release package (README, "Deploying to
# a store"). The UI must be built first (ui/dist is embedded at compile time).
# Installing needs root or passwordless sudo; without either the install/start/remove part
# is skipped with a message, or fails if FLEXITI_PACKAGE_REQUIRED=1.
# PROFILE=release builds and tests the release package instead.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TERM_COLOR=never

TAURI_CLI_VERSION=2.12.5   # the same minor as the tauri crate and @tauri-apps/api
PACKAGE=flexiti-pos
BIN=/usr/bin/flexiti-pos
PROFILE=${PROFILE:-debug}
START_TIMEOUT_S=60

fail() { echo "package test: FAILED: $*" >&2; exit 1; }

test -f ui/dist/index.html || fail "ui/dist is missing: build the UI first (cd ui && npm run build)"
version=$(node -p 'require("./src-tauri/tauri.conf.json").version')

# --- 1. Build ---------------------------------------------------------------------------
build_flag=(); [ "$PROFILE" = debug ] && build_flag=(--debug)
bundle_dir="target/$PROFILE/bundle/deb"
rm -rf "$bundle_dir"
t_build=$(date +%s)
(cd src-tauri && npm exec --yes --package="@tauri-apps/cli@$TAURI_CLI_VERSION" -- \
  tauri build "${build_flag[@]}" --bundles deb --ci)
echo "package: tauri build ($PROFILE) took $(($(date +%s) - t_build)) s"
shopt -s nullglob
debs=("$bundle_dir"/*.deb)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb in $bundle_dir, found ${#debs[@]}"
# The bundler names the file after the product name ("Flexiti POS_<version>_amd64.deb");
# a package repository and apt expect Debian's <package>_<version>_<arch>.deb.
deb="$root/$bundle_dir/$(dpkg-deb -f "${debs[0]}" Package)_$(dpkg-deb -f "${debs[0]}" Version)_$(dpkg-deb -f "${debs[0]}" Architecture).deb"
mv "${debs[0]}" "$deb"
echo "package: $deb"

# --- 2. What the package carries ----------------------------------------------------------
[ "$(dpkg-deb -f "$deb" Package)" = "$PACKAGE" ] || fail "package name is '$(dpkg-deb -f "$deb" Package)', not $PACKAGE"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version '$(dpkg-deb -f "$deb" Version)' is not tauri.conf.json's $version"
dpkg-deb -f "$deb" Depends | grep -q libwebkit2gtk-4.1 || fail "Depends does not name libwebkit2gtk-4.1"
paths=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -e 's|^\./||' -e 's|/$||' | grep -v '^$')
outside=$(echo "$paths" | grep -vE '^usr(/|$)' || true)
[ -z "$outside" ] || fail "files outside /usr: $outside"
echo "$paths" | grep -qx "usr/bin/$PACKAGE" || fail "no /usr/bin/$PACKAGE"
echo "$paths" | grep -qE '^usr/share/applications/[^/]+\.desktop$' || fail "no desktop entry"
echo "$paths" | grep -qE "^usr/share/icons/hicolor/[0-9]+x[0-9]+/apps/$PACKAGE\.png$" || fail "no icon"
work=$(mktemp -d)
cleanup_work() { rm -rf "$work"; }
trap cleanup_work EXIT
dpkg-deb -x "$deb" "$work/x"
dpkg-deb -e "$deb" "$work/control"
desktops=("$work"/x/usr/share/applications/*.desktop)
desktop=${desktops[0]}
grep -qx "Exec=$PACKAGE" "$desktop" || fail "desktop entry: Exec is not '$PACKAGE': $(grep ^Exec= "$desktop")"
grep -qx "Icon=$PACKAGE" "$desktop" || fail "desktop entry: Icon is not '$PACKAGE'"
# Nothing from the build machine in the entry or the control files.
if grep -nE "$root|/work/|/tmp/|/root/|/home/" "$desktop" "$work"/control/*; then
  fail "a path from the build machine is in the desktop entry or the control files"
fi
deb_size=$(stat -c %s "$deb")
echo "package: contents checked (binary, desktop entry, icon, version $version, only /usr)"

# --- 3. Install, start, remove ------------------------------------------------------------
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo="sudo"
  elif [ "${FLEXITI_PACKAGE_REQUIRED:-0}" = 1 ]; then
    fail "installing needs root or passwordless sudo (FLEXITI_PACKAGE_REQUIRED=1)"
  else
    echo "package: SKIPPED install/start/remove: needs root or passwordless sudo (set FLEXITI_PACKAGE_REQUIRED=1 to make this an error)"
    echo "package: .deb $((deb_size / 1024)) KiB"
    exit 0
  fi
fi
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'install ok installed'; then
  fail "$PACKAGE is already installed on this machine; this test installs and removes it, so remove it first"
fi

app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill -TERM "$app_pid" 2>/dev/null || true; fi
  if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'install ok installed'; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q "$PACKAGE" >/dev/null 2>&1 || true
  fi
  cleanup_work
}
trap cleanup EXIT

$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb"
[ -x "$BIN" ] || fail "$BIN is not there after apt-get install"
installed_kib=$(dpkg-query -W -f='${Installed-Size}' "$PACKAGE")

# The start time is taken inside the X session, just before exec, so Xvfb's own start-up
# is not counted (as in scripts/measure-startup.sh).
ready="$work/ready"; data="$work/data"; started="$work/started"; pidfile="$work/pid"
WEBKIT_DISABLE_COMPOSITING_MODE=1 FLEXITI_POS_DATA_DIR="$data" FLEXITI_POS_READY_FILE="$ready" \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  bash -c 'echo $$ > "$1"; date +%s%3N > "$2"; exec "$3"' _ "$pidfile" "$started" "$BIN" \
  >"$work/app.out" 2>&1 &
xvfb_pid=$!
deadline=$(($(date +%s) + START_TIMEOUT_S))
until [ -s "$ready" ]; do
  if ! kill -0 "$xvfb_pid" 2>/dev/null; then
    cat "$work/app.out" >&2; fail "the installed app exited before its first page loaded"
  fi
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$work/app.out" >&2; fail "no page loaded within ${START_TIMEOUT_S} s"; }
  sleep 0.05
done
app_pid=$(cat "$pidfile")
cold_ms=$(($(cat "$ready") - $(cat "$started")))
sleep 2
kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.out" >&2; fail "the app exited after its page loaded"; }
# The sign-in screen, not the start-up error screen: the engine started on the data
# directory (its database and log are there) and logged no error.
ls "$data"/logs/*.log >/dev/null 2>&1 || fail "no log file in $data/logs"
if grep -h " ERROR " "$data"/logs/*.log "$work/app.out"; then
  fail "the app logged an error on start-up (the start-up error screen, not the sign-in screen)"
fi
kill -TERM "$app_pid"
for _ in $(seq 1 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$app_pid" 2>/dev/null && fail "the app did not stop on SIGTERM within 10 s"
wait "$xvfb_pid" 2>/dev/null || true
app_pid=""

$sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q "$PACKAGE"
[ ! -e "$BIN" ] || fail "$BIN is still there after apt-get remove"
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'install ok installed'; then
  fail "$PACKAGE is still installed after apt-get remove"
fi

echo "package: .deb $((deb_size / 1024)) KiB ($PROFILE build); installed size ${installed_kib} KiB;" \
  "cold start of the installed app to the sign-in screen ${cold_ms} ms"
