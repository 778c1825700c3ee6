#!/usr/bin/env bash
# Durable writes over HTTP with 64 connections: what group commit buys, independent of the disk.
#
# usage: Benchmarks/writes.sh [-r ROUNDS] [-d DURATION] [-c CONNECTIONS]
#
# For each round, alternating A and B on a fresh database each time:
#   A  durable:  synchronous=FULL (what production runs)
#   B  no-sync:  the same server with ATTUNE_UNSAFE_NO_SYNC=1 (benchmark-only: SQLite never fsyncs)
# The server is pinned to CPU 1 and wrk to CPU 0. Each run POSTs /v1/therapists with unique ids
# (every request = one row + its audit event in one savepoint) and reads, from /metrics, how many
# writes shared each commit. Prints medians and the durable/no-sync ratio.
# Targets: writes per commit >= 8 on average; durable rate >= 0.8x no-sync; p99 < 20 ms.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
ROUNDS=3
DUR=10s
CONNS=64
while [ $# -gt 0 ]; do
  case "$1" in
    -r) ROUNDS="$2"; shift 2 ;;
    -d) DUR="$2"; shift 2 ;;
    -c) CONNS="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need taskset || ! need curl; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk util-linux curl >/dev/null
fi
(cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null)
BIN="$ROOT/.build-static/release/attune"
WORK="$(mktemp -d)"
PORT=18290  # below the ephemeral range (32768+), where a client socket in TIME_WAIT could hold it
trap 'pkill -f "attune serve --port $PORT" 2>/dev/null || true; rm -rf "$WORK"' EXIT

run_one() { # mode round -> "rps p50 p99 writes_per_commit errors"
  local mode="$1" round="$2" db="$WORK/$1-$2.sqlite" key pid out env=()
  key="$("$BIN" practice create --name bench --json --database "$db" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')"
  [ "$mode" = nosync ] && env=(ATTUNE_UNSAFE_NO_SYNC=1)
  env "${env[@]}" taskset -c 1 "$BIN" serve --port "$PORT" --database "$db" --access-log off --rate-limit 0 \
    --log-level warning 2>"$WORK/$mode-$round.log" &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.05; done
  out="$(ATTUNE_BENCH_KEY="$key" ATTUNE_BENCH_PREFIX="$mode$round" taskset -c 0 \
    wrk -t1 -c"$CONNS" -d"$DUR" --latency -s "$HERE/writes.lua" "http://127.0.0.1:$PORT/v1/therapists")"
  local per
  per="$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^attune_store_writes_total /{w=$2} /^attune_store_commits_total /{c=$2} END{printf "%.2f", (c > 0 ? w / c : 0)}')"
  kill -TERM "$pid"; wait "$pid" || true
  printf '%s\n' "$out" | python3 -c '
import re, sys
t = sys.stdin.read()
def ms(v, u): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[u]
rps = re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)
p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)
p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)
err = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
print(rps, "%.2f" % ms(*p50.groups()), "%.2f" % ms(*p99.groups()), sys.argv[1], err.group(1) if err else 0)
' "${per:-nan}"
}

declare -a DUR_RES NOSYNC_RES
for round in $(seq 1 "$ROUNDS"); do
  DUR_RES+=("$(run_one durable "$round")")
  NOSYNC_RES+=("$(run_one nosync "$round")")
  echo "round $round: durable ${DUR_RES[-1]} | no-sync ${NOSYNC_RES[-1]}  (rps p50 p99 writes/commit non-2xx)" >&2
done

python3 - "$CONNS" "$DUR" "${DUR_RES[@]}" -- "${NOSYNC_RES[@]}" <<'PY'
import statistics, sys
conns, dur = sys.argv[1], sys.argv[2]
rest = sys.argv[3:]
split = rest.index("--")
def parse(rows): return [list(map(float, r.split())) for r in rows]
durable, nosync = parse(rest[:split]), parse(rest[split + 1:])
def med(rows, i): return statistics.median(r[i] for r in rows)
print(f"\nDurable writes: POST /v1/therapists, {conns} connections, {dur} per run, {len(durable)} rounds (medians)\n")
print("| mode | writes/s | p50 ms | p99 ms | writes per commit | non-2xx |")
print("|---|---:|---:|---:|---:|---:|")
for name, rows in (("durable (synchronous=FULL)", durable), ("no-sync (benchmark only)", nosync)):
    print(f"| {name} | {med(rows,0):,.0f} | {med(rows,1):.2f} | {med(rows,2):.2f} | {med(rows,3):.1f} | {sum(r[4] for r in rows):.0f} |")
ratio = med(durable, 0) / med(nosync, 0)
print(f"\ndurable / no-sync = {ratio:.2f}x   (target >= 0.8x); writes per commit target >= 8; p99 target < 20 ms")
PY
