#!/usr/bin/env bash
# Idempotent submissions: two attune binaries alternating, one commit per submission against two.
#
# usage: Benchmarks/idempotent.sh [-r ROUNDS] [-d DURATION] [-c CONNECTIONS] [--no-key] BASELINE_BIN CANDIDATE_BIN
#
# Per round and binary (fresh database each time), attune pinned to CPU 1, wrk to CPU 0:
#   POST /v1/submissions of the 24-item profile (version 1, which both builds serve), durable, every
#   request a new client with its own Idempotency-Key. Prints the medians of each and their ratio, and
#   store writes and commits per submission from /metrics (attune_store_writes_total and
#   attune_store_commits_total over the run; group commit puts many writes in one commit).
#   --no-key: the same submissions without Idempotency-Key (submissions.lua), for the plain path.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROUNDS=3
DUR=10s
CONNS=64
LUA="$HERE/submissions-idempotent.lua"
while [ $# -gt 0 ]; do
  case "$1" in
    -r) ROUNDS="$2"; shift 2 ;;
    -d) DUR="$2"; shift 2 ;;
    -c) CONNS="$2"; shift 2 ;;
    --no-key) LUA="$HERE/submissions.lua"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) break ;;
  esac
done
[ $# -eq 2 ] || { echo "usage: $0 [-r N] [-d D] [-c C] BASELINE_BIN CANDIDATE_BIN" >&2; exit 2; }
BINS=("$1" "$2")
command -v wrk >/dev/null && command -v taskset >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk util-linux curl >/dev/null
}
WORK="$(mktemp -d)"
PORT=18293
trap 'pkill -f "serve --port $PORT" 2>/dev/null || true; rm -rf "$WORK"' EXIT
wait_up() { for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.05; done; return 1; }
counter() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -v n="$1" '$1 == n {print $2}'; }

for round in $(seq 1 "$ROUNDS"); do
  for which in 0 1; do
    bin="${BINS[$which]}"
    db="$WORK/r$round-$which.sqlite"
    key="$("$bin" practice create --name bench --json --database "$db" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')"
    taskset -c 1 "$bin" serve --port "$PORT" --database "$db" --access-log off --rate-limit 0 --log-level warning \
      2>"$WORK/attune-$round-$which.log" &
    pid=$!
    wait_up
    curl -sf -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      --data '{"id":"t-bench"}' "http://127.0.0.1:$PORT/v1/therapists" >/dev/null
    export ATTUNE_BENCH_KEY="$key" ATTUNE_BENCH_PREFIX="r$round-$which" ATTUNE_BENCH_VERSION=1
    taskset -c 0 wrk -t1 -c"$CONNS" -d2s "http://127.0.0.1:$PORT/healthz" >/dev/null
    commits0="$(counter attune_store_commits_total)"
    writes0="$(counter attune_store_writes_total)"
    out="$(taskset -c 0 wrk -t1 -c"$CONNS" -d"$DUR" -s "$LUA" "http://127.0.0.1:$PORT/v1/submissions")"
    commits1="$(counter attune_store_commits_total)"
    writes1="$(counter attune_store_writes_total)"
    rps="$(printf '%s\n' "$out" | awk '/Requests\/sec:/ {print $2}')"
    total="$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')"
    non2xx="$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')"
    echo "$which $rps $total $commits0 $commits1 $writes0 $writes1 ${non2xx:-0}" | tee -a "$WORK/results.txt" >&2
    kill -TERM "$pid"; wait "$pid" || true
  done
done

python3 - "$WORK/results.txt" "$CONNS" "$DUR" "${BINS[@]}" "$(basename "$LUA")" <<'PY'
import statistics, sys
rows = {0: [], 1: []}
for line in open(sys.argv[1]):
    which, rps, total, c0, c1, w0, w1, bad = line.split()
    rows[int(which)].append((float(rps), float(total), float(c1) - float(c0), int(bad), float(w1) - float(w0)))
print(f"\nDurable submissions ({sys.argv[6]}): wrk -t1 -c{sys.argv[2]} -d{sys.argv[3]}, medians over {len(rows[0])} rounds\n")
print("| build | submissions/s | store writes per submission | commits per submission | non-2xx |")
print("|---|---:|---:|---:|---:|")
for which, name in ((0, "baseline"), (1, "candidate")):
    r = rows[which]
    print(f"| {name} ({sys.argv[4 + which]}) | {statistics.median(x[0] for x in r):,.0f} "
          f"| {statistics.median(x[4] / x[1] for x in r):.2f} | {statistics.median(x[2] / x[1] for x in r):.3f} "
          f"| {sum(x[3] for x in r)} |")
print(f"\ncandidate / baseline = {statistics.median(x[0] for x in rows[1]) / statistics.median(x[0] for x in rows[0]):.2f}x")
PY
