#!/usr/bin/env bash
# Loopback load test of the webhook over TLS with keep-alive (a report, not a test).
#   bash bench/Kubeguard.Webhook.Benchmarks/run-load.sh [wrk|dotnet] [CONNECTIONS] [SECONDS] [SCENARIO]
# Builds nothing: run `dotnet build src/Kubeguard.Cli -c Release` (and, for the .NET generator,
# `dotnet build bench/Kubeguard.Webhook.Benchmarks -c Release`) first. wrk is Debian's `wrk` package.
# Prints the load average before and after, since the generator shares the machine with the server.
set -euo pipefail
generator="${1:-wrk}"; connections="${2:-100}"; seconds="${3:-10}"; scenario="${4:-pod-create-denied-restricted}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
port="${KUBEGUARD_LOAD_PORT:-18443}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -keyout "$work/tls.key" -out "$work/tls.crt" \
  -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
"$root/src/Kubeguard.Cli/bin/Release/net10.0/kubeguard" webhook --listen "127.0.0.1:$port" \
  --tls-cert-file "$work/tls.crt" --tls-private-key-file "$work/tls.key" \
  --namespaces-file "$root/tests/fixtures/admission/namespaces.yaml" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -sf --cacert "$work/tls.crt" "https://127.0.0.1:$port/healthz" > /dev/null && break
  sleep 0.2
done

cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
echo "before: $(uptime)"
case "$generator" in
  wrk)
    # Warm-up (JIT, tiered PGO), then the measured run.
    KUBEGUARD_REVIEW="$root/tests/fixtures/admission/$scenario.request.json" \
      wrk -t1 -c"$connections" -d"${KUBEGUARD_LOAD_WARMUP:-8}s" -s "$root/bench/Kubeguard.Webhook.Benchmarks/wrk-post.lua" "https://127.0.0.1:$port/validate" > /dev/null
    before=$(cpu)
    KUBEGUARD_REVIEW="$root/tests/fixtures/admission/$scenario.request.json" \
      wrk -t1 -c"$connections" -d"${seconds}s" -s "$root/bench/Kubeguard.Webhook.Benchmarks/wrk-post.lua" "https://127.0.0.1:$port/validate" | tail -1 | tee "$work/result"
    ;;
  dotnet)
    # The .NET generator warms up its connections itself; its CPU time includes that warm-up.
    before=$(cpu)
    dotnet "$root/bench/Kubeguard.Webhook.Benchmarks/bin/Release/net10.0/Kubeguard.Webhook.Benchmarks.dll" load \
      --url "https://127.0.0.1:$port/validate" --ca "$work/tls.crt" --connections "$connections" --seconds "$seconds" --scenario "$scenario" | tee "$work/result"
    ;;
  *) echo "generator: wrk or dotnet" >&2; exit 2 ;;
esac
after=$(cpu)
echo "after:  $(uptime)"
# Server CPU time per review: what the server costs, whatever else the machine is doing.
requests=$(grep -o 'requests=[0-9]*' "$work/result" | cut -d= -f2)
awk -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
  'BEGIN { us = t / hz * 1e6 / n; printf "server CPU per review: %.0f us (%.0f reviews/s per fully used core)\n", us, 1e6 / us }'
grep -c '"LogLevel":"Information"' "$work/server.log" | sed 's/^/server info log lines: /'
