#!/usr/bin/env bash
# Analytics at scale: the demo's fill rate, and p50/p99 of the reads that must not grow with the data.
#
# usage: Benchmarks/analytics.sh [--short] [-n REQUESTS] [--sizes "250 2500 25000"]
#
# Per size (clients with 40 weekly sessions each, 40 therapists, a fresh database each time):
#   fill        attune demo through the store's batch path (durable); submissions per second
#   aggregate   GET /v1/aggregates?…&group_by=therapist,month over the last year (target at 1M: p50 < 20 ms,
#               p99 < 50 ms, and within max(2x its time at 10k, 5 ms))
#   trajectory  GET /v1/clients/{client}/trajectory of a 40-session client (target < 5 ms at every size)
#   clients     GET /v1/clients?attention=true as one clinician (a caseload of about 25)
# The demo adds the therapist's form for about 30% of the clients and some clients stop coming, so a size
# holds about 1.25x clients x 40 submissions; the table prints the real count.
# --short: 250 clients only and fewer requests (for CI).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SIZES="250 2500 25000"
REQUESTS=400
while [ $# -gt 0 ]; do
  case "$1" in
    --short) SIZES="250"; REQUESTS=100; shift ;;
    -n) REQUESTS="$2"; shift 2 ;;
    --sizes) SIZES="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

command -v curl >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
(cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path .build-static --product attune >/dev/null)
BIN="$ROOT/.build-static/release/attune"
WORK="$(mktemp -d)"
PORT=18293
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

wait_up() { for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.05; done; return 1; }

printf '%-8s %-11s %-10s %-22s %-22s %-22s\n' clients submissions fill/s "aggregate p50/p99 ms" "trajectory p50/p99 ms" "clients p50/p99 ms"
for CLIENTS in $SIZES; do
  DB="$WORK/analytics-$CLIENTS.sqlite"
  PRACTICE="$("$BIN" practice create --name Bench --json --database "$DB" 2>/dev/null)"
  PID="$(printf '%s' "$PRACTICE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["practice"])')"
  KEY="$(printf '%s' "$PRACTICE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')"
  FILL="$("$BIN" demo --practice "$PID" --clients "$CLIENTS" --sessions 40 --therapists 40 --database "$DB")"
  SUBMISSIONS="$(printf '%s' "$FILL" | sed -E 's/.*: ([0-9]+) submissions.*/\1/')"
  RATE="$(printf '%s' "$FILL" | sed -E 's/.*\(([0-9]+) submissions\/s\).*/\1/')"
  CLINICIAN="$("$BIN" key create --practice "$PID" --role clinician --therapist t-01 --json --database "$DB" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')"
  ATTUNE_RATE_LIMIT=0 ATTUNE_ACCESS_LOG=off "$BIN" serve --port "$PORT" --database "$DB" >/dev/null 2>&1 &
  SERVER=$!
  wait_up
  ROW="$(python3 - "$PORT" "$KEY" "$CLINICIAN" "$REQUESTS" <<'PY'
import datetime, http.client, json, sys, time
port, key, clinician, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
conn = http.client.HTTPConnection("127.0.0.1", port)
def get(path, token):
    conn.request("GET", path, headers={"Authorization": "Bearer " + token})
    r = conn.getresponse(); body = r.read(); return r.status, body
def measure(path, token):
    status, _ = get(path, token)
    if status != 200: return "n/a (%d)" % status
    for _ in range(20): get(path, token)
    times = []
    for _ in range(n):
        t = time.perf_counter(); get(path, token); times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return "%.2f / %.2f" % (times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))])
today = datetime.datetime.now(datetime.timezone.utc).date()
year = (today - datetime.timedelta(days=365)).isoformat()
aggregate = ("/v1/aggregates?questionnaire=relationship-checkin&scale=total&group_by=therapist,month"
             "&from=%s&to=%s" % (year, today.isoformat()))
# A client with all 40 sessions: the first one listed whose last session is 40.
status, body = get("/v1/clients?limit=50", key)
client = next((c["client"] for c in json.loads(body)["clients"] if c["lastSession"] == 40), "c-00001")
trajectory = "/v1/clients/%s/trajectory?questionnaire=relationship-checkin&scale=total" % client
print("%-22s %-22s %-22s" % (measure(aggregate, key), measure(trajectory, key),
                             measure("/v1/clients?attention=true", clinician)))
PY
)"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  printf '%-8s %-11s %-10s %s\n' "$CLIENTS" "$SUBMISSIONS" "$RATE" "$ROW"
  rm -f "$DB" "$DB-wal" "$DB-shm"
done
