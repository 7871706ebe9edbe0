#!/usr/bin/env bash
# `coursegate import` of a generated CSV (default 100,000 rows) into a fresh SQLite file:
# a dry run, the import, and the same file again (every row unchanged). Prints each run's
# progress (rows/s) and wall time. Release build.
#
#   Benchmarks/import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
swift build -c release --scratch-path .build-release --product coursegate >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
Benchmarks/import_customers.py "$rows" > "$work/customers.csv"
echo "machine: $(nproc) cores, $(uname -sr); release build; $rows rows, $(du -h "$work/customers.csv" | cut -f1) of CSV"
export BENCH_TC_SECRET=x BENCH_SENDOWL_KEY=x BENCH_CHECKOUT_SECRET=x
run() {
    local label="$1"; shift
    echo "== $label"
    local start end
    start=$(date +%s.%N)
    .build-release/release/coursegate import "$work/customers.csv" --config Benchmarks/bench-mapping.yaml \
        --db "$work/bench.sqlite" "$@" 2>&1 | awk 'NR % 20 == 0 || /read and checked|rows (imported|would)|100%/'
    end=$(date +%s.%N)
    echo "wall time: $(echo "$end - $start" | bc) s"
}
run "dry run (empty database)" --dry-run
run "import"
run "the same file again" 
run "dry run (everything imported)" --dry-run
echo "database: $(du -h "$work/bench.sqlite" | cut -f1)"
