#!/usr/bin/env bash
# Measures cold start of the release app to its first loaded page (the sign-in screen)
# under Xvfb, RUNS times, and the memory (RSS and PSS) of the whole process tree once
# loaded. Prints numbers. Needs a release build: cargo build --release -p flexiti-pos --features custom-protocol
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
APP=${APP:-target/release/flexiti-pos}
export WEBKIT_DISABLE_COMPOSITING_MODE=1
Xvfb :91 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
tree_memory() {  # RSS and PSS (KiB) of a process and its descendants
  local pids; pids=$(pstree -p -T "$1" | grep -o '([0-9]*)' | tr -d '()')
  local rss=0 pss=0
  for p in $pids; do
    r=$(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    s=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    rss=$((rss + ${r:-0})); pss=$((pss + ${s:-0}))
  done
  echo "$rss $pss $(echo $pids | wc -w)"
}
for i in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d); ready="$dir/ready"
  t0=$(date +%s%3N)
  DISPLAY=:91 FLEXITI_POS_DATA_DIR="$dir" FLEXITI_POS_READY_FILE="$ready" "$APP" >/dev/null 2>&1 &
  app=$!
  until [ -s "$ready" ]; do sleep 0.005; done
  t1=$(cat "$ready")
  sleep 2
  read -r rss pss n < <(tree_memory "$app")
  echo "run $i: start to loaded page $((t1 - t0)) ms; process tree ($n processes) RSS $((rss / 1024)) MiB, PSS $((pss / 1024)) MiB"
  kill "$app"; wait "$app" 2>/dev/null || true
  rm -rf "$dir"
done
