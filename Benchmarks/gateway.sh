#!/usr/bin/env bash
# Gateway throughput: GET /health, signed-and-valid ThriveCart webhooks with unique orders
# (verified and durably committed before the 200), and access checks, all through wrk at
# 64 connections against a release build on loopback. Prints requests/s and p50/p99.
#
#   Benchmarks/gateway.sh [DURATION]      (default 15s per phase)
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_DIR="$PWD/Benchmarks"
duration="${1:-15s}"
port="${BENCH_PORT:-18080}"
command -v wrk >/dev/null || { scripts/install-deps; apt-get install -y -qq wrk >/dev/null; }
scripts/install-deps
swift build -c release --scratch-path .build-release --product coursegate >/dev/null
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
export BENCH_TC_SECRET="$(sed -n 's/.*thrivecart_secret=\([^&]*\).*/\1/p' Mocks/Fixtures/thrivecart/order.success.form)"
secret() { python3 -c 'import json,sys; print(next(iter(json.load(open(sys.argv[1]))["secrets"].values())))' "$1"; }
export BENCH_SENDOWL_KEY="$(secret Mocks/Fixtures/sendowl/instance.json)"
export BENCH_CHECKOUT_SECRET="$(secret Mocks/Fixtures/native_checkout/instance.json)"
.build-release/release/coursegate serve --config Benchmarks/bench-mapping.yaml --db "$work/bench.sqlite" --port "$port" \
  > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
key="$(grep -o 'cg_read_[0-9a-f]*' "$work/serve.log" | head -1)"

run() { # name, wrk arguments...
  local name="$1"; shift
  local out; out="$(wrk -t2 -c64 -d"$duration" --latency "$@")"
  local rate p50 p99 errors
  rate="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' || true)"
  total="$(awk '/requests in/ {print $1}' <<<"$out")"
  printf '%-24s %10s req/s   p50 %8s   p99 %8s   (%s requests) %s\n' "$name" "$rate" "$p50" "$p99" "$total" "$errors"
}
echo "machine: $(nproc) cores, $(uname -sr); wrk -t2 -c64 -d$duration; release build"
run "GET /health" "http://127.0.0.1:$port/health"
run "ThriveCart webhook" -s Benchmarks/thrivecart-webhook.lua "http://127.0.0.1:$port/webhooks/tc-bench" \
  -- "$PWD/Mocks/Fixtures/thrivecart/order.success.form"
python3 Benchmarks/signed_bodies.py sendowl "${BENCH_BODIES:-60000}" 2 "$work/sendowl-"
run "SendOwl webhook" -s Benchmarks/signed-webhook.lua "http://127.0.0.1:$port/webhooks/shop" \
  -- "$work/sendowl-" X-SENDOWL-HMAC-SHA256
python3 Benchmarks/signed_bodies.py native_checkout "${BENCH_BODIES:-60000}" 2 "$work/native-"
run "Native checkout webhook" -s Benchmarks/signed-webhook.lua "http://127.0.0.1:$port/webhooks/checkout" \
  -- "$work/native-" Stripe-Signature
run "GET /v1/access" -s Benchmarks/access-check.lua "http://127.0.0.1:$port/" -- "$key"
echo "facts recorded per instance (one per webhook request, so no duplicates inflated a figure): $(sqlite3 "$work/bench.sqlite" 'SELECT instance, COUNT(*) FROM facts GROUP BY instance' 2>/dev/null | tr '\n' ' ')"
