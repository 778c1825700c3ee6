#!/usr/bin/env bash
# The API's hot paths, measured against references in the same run.
#
# usage: Benchmarks/api.sh [-r ROUNDS] [-d DURATION] [-c CONNECTIONS] [--hummingbird PATH]
#
# Per round (fresh database each time), attune pinned to CPU 1, wrk to CPU 0:
#   healthz        GET /healthz                                   (reference for the next line)
#   questionnaire  GET /v1/questionnaires/relationship-profile    pre-encoded (9.8 KB), with a key; target >= 0.9x healthz
#   checkin        GET /v1/questionnaires/relationship-checkin    the same for the 10-item check-in (3.4 KB)
#   submit         POST /v1/submissions, 24-item profile, every request a new client, durable (synchronous=FULL)
#   sessions       the same, each request the next weekly session of one of 1,000 clients across 40 therapists
#                  (existing clients' histories grow: rollups, episodes and activity are updated, not created)
# With --hummingbird PATH (the HBPeer binary built from ../shared/bench/peers/hummingbird), the same run also
# measures Hummingbird 2's POST /v1/echo-score (decode 24 answers, sum, encode; stores nothing), alternating
# with attune; target: attune's durable submit >= 2x that.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
ROUNDS=3
DUR=10s
CONNS=64
HB=""
while [ $# -gt 0 ]; do
  case "$1" in
    -r) ROUNDS="$2"; shift 2 ;;
    -d) DUR="$2"; shift 2 ;;
    -c) CONNS="$2"; shift 2 ;;
    --hummingbird) HB="$2"; shift 2 ;;
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
PORT=18291  # below the ephemeral range (32768+), where a client socket in TIME_WAIT could hold it
HB_PORT=18292
PEER_LUA="$ROOT/../shared/bench/peers/post-score.lua"
trap 'pkill -f "attune serve --port $PORT" 2>/dev/null || true; [ -n "$HB" ] && pkill -f "$HB" 2>/dev/null; rm -rf "$WORK"' EXIT

wait_up() { for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.05; done; return 1; }

wrk_row() { # label url [lua] -> "label rps p50 p99 non2xx"
  local label="$1" url="$2" lua="${3:-}" out args=(-t1 -c"$CONNS" -d"$DUR" --latency)
  [ -n "$lua" ] && args+=(-s "$lua")
  out="$(taskset -c 0 wrk "${args[@]}" "$url")"
  printf '%s\n' "$out" | python3 -c '
import re, sys
t = sys.stdin.read()
def ms(v, u): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[u]
rps = re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)
p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)
p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)
err = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
print(sys.argv[1], rps, "%.2f" % ms(*p50.groups()), "%.2f" % ms(*p99.groups()), err.group(1) if err else 0)
' "$label"
}

RESULTS="$WORK/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  db="$WORK/r$round.sqlite"
  key="$("$BIN" practice create --name bench --json --database "$db" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')"
  taskset -c 1 "$BIN" serve --port "$PORT" --database "$db" --access-log off --rate-limit 0 --log-level warning \
    2>"$WORK/attune-$round.log" &
  pid=$!
  wait_up "$PORT"
  for t in t-bench $(seq -f 't-bench-%g' 1 40); do
    curl -sf -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      --data "{\"id\":\"$t\"}" "http://127.0.0.1:$PORT/v1/therapists" >/dev/null
  done
  export ATTUNE_BENCH_KEY="$key" ATTUNE_BENCH_PREFIX="r$round"
  taskset -c 0 wrk -t1 -c"$CONNS" -d2s "http://127.0.0.1:$PORT/healthz" >/dev/null  # warm-up
  wrk_row healthz "http://127.0.0.1:$PORT/healthz" | tee -a "$RESULTS" >&2
  wrk_row questionnaire "http://127.0.0.1:$PORT/v1/questionnaires/relationship-profile" "$HERE/questionnaire.lua" \
    | tee -a "$RESULTS" >&2
  wrk_row checkin "http://127.0.0.1:$PORT/v1/questionnaires/relationship-checkin" "$HERE/questionnaire.lua" \
    | tee -a "$RESULTS" >&2
  wrk_row submit "http://127.0.0.1:$PORT/v1/submissions" "$HERE/submissions.lua" | tee -a "$RESULTS" >&2
  wrk_row sessions "http://127.0.0.1:$PORT/v1/submissions" "$HERE/submissions-sessions.lua" | tee -a "$RESULTS" >&2
  per="$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^attune_store_writes_total /{w=$2} /^attune_store_commits_total /{c=$2} END{printf "%.2f", (c > 0 ? w / c : 0)}')"
  echo "writes_per_commit $per" | tee -a "$RESULTS" >&2
  kill -TERM "$pid"; wait "$pid" || true
  if [ -n "$HB" ]; then
    PORT="$HB_PORT" QUESTIONNAIRE_JSON="$ROOT/../shared/bench/peers/data/questionnaire.json" \
      taskset -c 1 "$HB" >"$WORK/hb-$round.log" 2>&1 &
    hpid=$!
    wait_up "$HB_PORT"
    taskset -c 0 wrk -t1 -c"$CONNS" -d2s "http://127.0.0.1:$HB_PORT/healthz" >/dev/null
    wrk_row hb_echo_score "http://127.0.0.1:$HB_PORT/v1/echo-score" "$PEER_LUA" | tee -a "$RESULTS" >&2
    kill -TERM "$hpid"; wait "$hpid" || true
  fi
done

python3 - "$RESULTS" "$CONNS" "$DUR" <<'PY'
import statistics, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    parts = line.split()
    rows[parts[0]].append([float(x) for x in parts[1:]])
def med(name, i): return statistics.median(r[i] for r in rows[name])
print(f"\nAttune API hot paths: wrk -t1 -c{sys.argv[2]} -d{sys.argv[3]}, medians over {len(rows['healthz'])} rounds\n")
print("| endpoint | req/s | p50 ms | p99 ms | non-2xx |")
print("|---|---:|---:|---:|---:|")
labels = {"healthz": "GET /healthz", "questionnaire": "GET /v1/questionnaires/relationship-profile (9.8 KB)",
          "checkin": "GET /v1/questionnaires/relationship-checkin (3.4 KB)",
          "submit": "POST /v1/submissions (24 items, durable)",
          "sessions": "POST /v1/submissions, next sessions of 1,000 clients / 40 therapists", "hb_echo_score": "Hummingbird 2 POST /v1/echo-score"}
for name in ("healthz", "questionnaire", "checkin", "submit", "sessions", "hb_echo_score"):
    if rows[name]:
        print(f"| {labels[name]} | {med(name,0):,.0f} | {med(name,1):.2f} | {med(name,2):.2f} | {sum(r[3] for r in rows[name]):.0f} |")
print(f"\nquestionnaire / healthz = {med('questionnaire',0)/med('healthz',0):.2f}x, "
      f"check-in / healthz = {med('checkin',0)/med('healthz',0):.2f}x (target >= 0.9x)")
if rows["hb_echo_score"]:
    print(f"submit / Hummingbird echo-score = {med('submit',0)/med('hb_echo_score',0):.2f}x (floor >= 1.25x)")
    print(f"sessions / Hummingbird echo-score = {med('sessions',0)/med('hb_echo_score',0):.2f}x (floor >= 1.25x)")
print(f"writes per commit during submit (median): {statistics.median(r[0] for r in rows['writes_per_commit']):.1f}")
PY
