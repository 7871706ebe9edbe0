#!/usr/bin/env bash
# Outbound deliveries: signed access.granted events from CurlClient to the mock course site on
# loopback, one reused libcurl handle per worker versus a new handle per request, at 1 and 4
# workers. Prints deliveries/s, p50/p99 and the connections the site accepted per run, then
# checks the site stored exactly one event per delivery (exits 1 if not). Release build.
#
#   Benchmarks/delivery.sh [--seconds S] [--workers N,N,...]      (default: --seconds 5 --workers 1,4)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps
swift build -c release --scratch-path .build-release --product delivery-bench >/dev/null
echo "machine: $(nproc) cores, $(uname -sr); curl $(curl-config --version 2>/dev/null | awk '{print $2}'); release build"
.build-release/release/delivery-bench "$@"
