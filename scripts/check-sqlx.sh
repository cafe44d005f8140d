#!/usr/bin/env bash
# Checks that pos-store's committed query data (crates/pos-store/.sqlx, what the sqlx macros
# read in every build, since .cargo/config.toml sets SQLX_OFFLINE) is what the crate's
# queries and the schema of migrations/ give today. It builds a throwaway SQLite file from
# migrations/*.sql, recompiles pos-store's library against it with the macros writing their
# query data into a temporary directory, and compares that with the committed files: a
# stale, missing or extra file fails the check, by name.
#   scripts/check-sqlx.sh            check (CI runs it right after clippy)
#   scripts/check-sqlx.sh --update   replace crates/pos-store/.sqlx with the fresh data
# This is `cargo sqlx prepare [--check]` without installing sqlx-cli: the macros write the
# files themselves. Either way a database is needed even just to check (sqlx#4297); here
# it is a temporary file, so no server and no DATABASE_URL to set.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

crate=crates/pos-store
committed=$crate/.sqlx
update=false
case "${1:-}" in
  "") ;;
  --update) update=true ;;
  *) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/sqlx"

# The schema as it stands right after migrating (drafts_unsealed, which legacy.rs reads,
# included), from migrations/*.sql in order; the macros look at nothing else. python3 is on
# every machine the project's set-up provisions (Debian's libglib2.0-dev-bin, pulled in by
# libwebkit2gtk-4.1-dev, depends on it), and its sqlite3 module is all this needs.
python3 - "$work/schema.db" migrations/*.sql <<'PY'
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1], isolation_level=None)
# sqlx's own table, exactly as sqlx-sqlite 0.8's migrator creates it: diagnostics reads it.
db.execute("""
CREATE TABLE _sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    success BOOLEAN NOT NULL,
    checksum BLOB NOT NULL,
    execution_time BIGINT NOT NULL
)""")
for path in sys.argv[2:]:
    if path.endswith(".down.sql"):
        continue
    with open(path, encoding="utf-8") as migration:
        db.executescript(migration.read())
db.close()
PY

# The macros run again only if pos-store recompiles, and cargo does not see their
# environment change: touching the crate root makes it recompile.
touch "$crate/src/lib.rs"
if ! SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$work/sqlx" \
  DATABASE_URL="sqlite://$work/schema.db?mode=ro" \
  cargo check -p pos-store --lib --locked --quiet; then
  echo "check-sqlx: pos-store's queries do not compile against the schema of migrations/ (above)" >&2
  exit 1
fi
fresh=("$work/sqlx"/query-*.json)
if [ ! -e "${fresh[0]}" ]; then
  echo "check-sqlx: the build wrote no query data: did pos-store really recompile?" >&2
  exit 1
fi

if $update; then
  rm -rf "$committed"
  mkdir -p "$committed"
  cp "$work/sqlx"/query-*.json "$committed/"
  echo "check-sqlx: wrote ${#fresh[@]} files to $committed; commit them"
  exit 0
fi

# The query a data file is for, on one line and shortened, so a reader knows which it is.
query_of() {
  python3 -c 'import json, sys; q = " ".join(json.load(open(sys.argv[1]))["query"].split())
print(q if len(q) <= 80 else q[:77] + "...")' "$1"
}
problems=()
for file in "${fresh[@]}"; do
  name=$(basename "$file")
  if [ ! -e "$committed/$name" ]; then
    problems+=("missing  $committed/$name   ($(query_of "$file"))")
  elif ! cmp -s "$file" "$committed/$name"; then
    problems+=("stale    $committed/$name   ($(query_of "$file"))")
  fi
done
for file in "$committed"/*; do
  [ -e "$file" ] || continue
  name=$(basename "$file")
  if [ ! -e "$work/sqlx/$name" ]; then
    problems+=("extra    $committed/$name   ($(query_of "$file"))")
  fi
done
if [ ${#problems[@]} -gt 0 ]; then
  echo "check-sqlx: $committed does not match the queries in $crate/src and migrations/:" >&2
  printf '  %s\n' "${problems[@]}" >&2
  echo "Run scripts/check-sqlx.sh --update and commit $committed." >&2
  exit 1
fi
echo "check-sqlx: $committed is up to date (${#fresh[@]} queries)"
