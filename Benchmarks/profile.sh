#!/usr/bin/env bash
# Where a request's instructions go, counted by valgrind's callgrind (repeatable on a noisy machine).
#
# usage: Benchmarks/profile.sh [submit|sessions|questionnaire|healthz] [-d DURATION]
#
# `submit` posts new clients' first sessions; `sessions` posts existing clients' next sessions across 40
# therapists (Benchmarks/submissions-sessions.lua), the write that moves rollups, episodes and activity.
#
# Builds the static release binary, strips its debug info (valgrind 3.19 can't read the toolchain's
# DWARF 5), runs it under callgrind with ATTUNE_UNSAFE_NO_SYNC (fsync time is not instructions), drives
# it with wrk (8 connections: valgrind runs the server ~50x slower) and prints the inclusive
# instructions per request of the functions that matter for that endpoint. The whole profile stays in
# Benchmarks/run/profile-<endpoint>.out for callgrind_annotate.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
WHAT="${1:-submit}"
DUR=15s
[ "${2:-}" = "-d" ] && DUR="$3"
case "$WHAT" in submit | sessions | questionnaire | healthz) ;; *) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 2 ;; esac

need() { command -v "$1" >/dev/null 2>&1; }
if ! need valgrind || ! need wrk || ! need curl; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind wrk curl >/dev/null
fi
(cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path .build-static >/dev/null)
mkdir -p "$HERE/run"
WORK="$(mktemp -d)"
BIN="$WORK/attune"
cp "$ROOT/.build-static/release/attune" "$BIN" && strip --strip-debug "$BIN"
PORT=18293  # below the ephemeral port range
OUT="$HERE/run/profile-$WHAT.out"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$WORK"' EXIT

key="$("$BIN" practice create --name bench --json --database "$WORK/db.sqlite" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')"
ATTUNE_UNSAFE_NO_SYNC=1 valgrind --tool=callgrind --callgrind-out-file="$OUT" "$BIN" serve --port "$PORT" \
  --database "$WORK/db.sqlite" --access-log off --rate-limit 0 --log-level warning 2>"$WORK/server.log" &
pid=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  --data '{"id":"t-bench"}' "http://127.0.0.1:$PORT/v1/therapists" >/dev/null
if [ "$WHAT" = sessions ]; then
  for t in $(seq 1 40); do
    curl -sf -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      --data "{\"id\":\"t-bench-$t\"}" "http://127.0.0.1:$PORT/v1/therapists" >/dev/null
  done
fi
export ATTUNE_BENCH_KEY="$key" ATTUNE_BENCH_PREFIX="prof"
case "$WHAT" in
  submit) args=(-s "$HERE/submissions.lua" "http://127.0.0.1:$PORT/v1/submissions") ;;
  sessions) args=(-s "$HERE/submissions-sessions.lua" "http://127.0.0.1:$PORT/v1/submissions") ;;
  questionnaire) args=(-s "$HERE/questionnaire.lua" "http://127.0.0.1:$PORT/v1/questionnaires/relationship-profile") ;;
  healthz) args=("http://127.0.0.1:$PORT/healthz") ;;
esac
requests="$(wrk -t1 -c8 -d"$DUR" "${args[@]}" | awk '/requests in/{print $1}')"
kill -TERM "$pid"; wait "$pid" || true

callgrind_annotate --inclusive=yes "$OUT" 2>/dev/null | python3 -c '
import re, subprocess, sys
requests = int(sys.argv[1])
text = sys.stdin.read()
lines = [l for l in text.splitlines() if re.match(r"^\s*[\d,]+ \(", l)]
names = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(lines),
                       capture_output=True, text=True).stdout.splitlines()
wanted = [
    ("whole process", r"PROGRAM TOTALS"),
    ("connection: read, parse, route, respond", r"Connection\.onReadable\(\)"),
    ("  request parser", r"RequestParser\.advance\(\)"),
    ("  routing", r"RequestDispatch\.route"),
    ("  response: encode, account, log", r"Connection\.complete\("),
    ("  authorization", r"APIContext\.authorize"),
    ("submission: decode, score, encode (worker)", r"SubmissionRoutes\.validateAndWrite"),
    ("  decode", r"SubmissionJSON\.decode\(body:"),
    ("  answer sheet", r"ScoringPlan\.answerSheet"),
    ("  score", r"ScoringPlan\.score\("),
    ("  validate", r"ScoringPlan\.validate\("),
    ("group commit (writer thread)", r"GroupCommitWriter\.drain\(\)"),
    ("  the submission write", r"closure #1 in SQLiteStore\.createSubmission"),
    ("    insert row", r"WriteContext\.insert\(_:idempotencyKey:\)"),
    ("    insert audit event", r"WriteContext\.insertAudit"),
    ("    rollups", r"RollupRules\.record"),
    ("    rupture episodes", r"EpisodeRules\.recompute"),
    ("    client activity", r"ClientActivityRules\.apply"),
    ("  sqlite3_step, all statements", r"sqlite3_step "),
]
print(f"\n{requests} requests; inclusive instructions per request\n")
print("| part | instructions |")
print("|---|---:|")
for label, pattern in wanted:
    for line, name in zip(lines, names):
        if re.search(pattern, name):
            count = int(name.split()[0].replace(",", ""))
            print(f"| {label} | {count / requests:,.0f} |")
            break
' "$requests"
echo
echo "full profile: callgrind_annotate --inclusive=yes $OUT | swift demangle --simplified | less"
