#!/usr/bin/env bash
# Customer search on a million customers: fills a fresh SQLite store (direct SQL, benchmark
# only), builds the trigram search index through the store's own migration, then times
# SQLiteStore.searchCustomers per kind of query and prints p50/p99 as a Markdown table.
# Release build.
#
#   Benchmarks/search.sh [--customers N] [--runs R] [--db PATH]     (default: 1000000 customers, 200 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --scratch-path .build-release --product search-bench >/dev/null
echo "machine: $(nproc) cores, $(uname -sr); SQLite $(sqlite3 --version 2>/dev/null | awk '{print $1}'); release build"
.build-release/release/search-bench "$@"
