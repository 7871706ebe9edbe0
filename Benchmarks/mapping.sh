#!/usr/bin/env bash
# Mapping edits at scale: a 10,000-route mapping over 100,000 customers. Times
#   - checking (parsing) the mapping file,
#   - a live reload of the served file (POST /v1/mapping/reload, the edit swapped in),
#   - `coursegate mapping diff` of the edit (every customer derived under it),
#   - `coursegate mapping apply --backfill` of the edit.
# Release build; the customers are loaded with `coursegate import` first.
#
#   Benchmarks/mapping.sh [ROUTES] [CUSTOMERS]
set -euo pipefail
cd "$(dirname "$0")/.."
routes="${1:-10000}"
customers="${2:-100000}"
swift build -c release --scratch-path .build-release --product coursegate >/dev/null
bin=.build-release/release/coursegate
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
Benchmarks/mapping_files.py "$work" "$routes" "$customers"
export BENCH_TC_SECRET=x
echo "machine: $(nproc) cores, $(uname -sr); release build; $routes routes, $customers customers"
seconds() { echo "$(date +%s.%N)"; }
elapsed() { echo "$(echo "$(seconds) - $1" | bc) s"; }

start=$(seconds); $bin mapping check "$work/mapping.yaml" >/dev/null; echo "mapping check (parse, $routes routes): $(elapsed "$start")"
$bin mapping apply "$work/mapping.yaml" --new-purchases-only --db "$work/db.sqlite" >/dev/null
start=$(seconds)
$bin import "$work/customers.csv" --config "$work/mapping.yaml" --db "$work/db.sqlite" >/dev/null 2>&1
echo "import of $customers customers: $(elapsed "$start")"

cp "$work/mapping.yaml" "$work/served.yaml"
$bin serve --config "$work/served.yaml" --db "$work/db.sqlite" --port 0 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do grep -q 'listening on' "$work/serve.log" && break; sleep 0.1; done
port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/serve.log" | grep -o '[0-9]*$')
key=$($bin keys create --name bench --scope admin --db "$work/db.sqlite" 2>/dev/null | grep -o 'cg_admin_[0-9a-f]*' | head -1)
cp "$work/edited.yaml" "$work/served.yaml"
curl -s -o /dev/null -w "live reload (POST /v1/mapping/reload, $routes routes, edit swapped in): %{time_total} s\n" \
    -X POST -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/mapping/reload"
curl -s -o /dev/null -w "live reload again (file unchanged): %{time_total} s\n" \
    -X POST -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/mapping/reload"
kill "$server"; wait "$server" 2>/dev/null || true; server=""

start=$(seconds)
$bin mapping diff "$work/edited.yaml" --db "$work/db.sqlite" --sample 0 | head -3
echo "mapping diff over $customers customers: $(elapsed "$start")"
start=$(seconds)
$bin mapping apply "$work/edited.yaml" --backfill --batch-size 1000 --db "$work/db.sqlite" 2>/dev/null | tail -1
echo "mapping apply --backfill: $(elapsed "$start")"
