#!/usr/bin/env bash
# HTTP benchmark: attune against nginx on GET /healthz, in the same run.
#
# usage: Benchmarks/http.sh [options]
#   -r N          rounds (default 3); attune and nginx alternate within each
#                 round (A B, then B A, ...) so drift on a shared machine hits
#                 both alike
#   -d DUR        measured wrk duration (default 10s)
#   -w DUR        wrk warm-up before each measurement, discarded (default 2s)
#   -c N          wrk connections (default 64)
#   --only NAME   run one server only: attune or nginx
#   --bin PATH    benchmark this attune binary (skips the release build)
#   --static      build with --static-swift-stdlib (as the Docker image does)
#                 into .build-static/ instead of the default dynamic build
#   --strict      exit 1 when a target below is missed
#
# Per server and round: start it pinned with `taskset -c 1` (attune with
# --access-log off --rate-limit 0 --database <temp file>; nginx with the config
# in Benchmarks/nginx/, one worker, access_log off), time start to the first
# 200 on /healthz, check the body is exactly {"status":"ok"}, run a warm-up and
# then `taskset -c 0 wrk -t1 -c64 -d10s --latency` against /healthz while
# sampling the server's thread count (/proc/PID/status Threads, summed over
# its processes), read peak RSS (VmHWM, summed likewise), stop it.
# Prints medians over the rounds and the targets:
#   req/s >= 0.9x nginx, p99 <= 2x nginx, peak RSS < 20 MiB,
#   <= 8 threads at 64 connections, first response within 50 ms of start.
# Raw wrk output, server logs and a TSV go to Benchmarks/run/<stamp>/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
. "$HERE/../scripts/lib.sh"

ROUNDS=3
DUR=10s
WARM=2s
CONNS=64
ONLY=""
BIN=""
STRICT=0
STATIC=0
while [ $# -gt 0 ]; do
    case "$1" in
        -r) ROUNDS="$2"; shift 2 ;;
        -d) DUR="$2"; shift 2 ;;
        -w) WARM="$2"; shift 2 ;;
        -c) CONNS="$2"; shift 2 ;;
        --only) ONLY="$2"; shift 2 ;;
        --bin) BIN="$2"; shift 2 ;;
        --strict) STRICT=1; shift ;;
        --static) STATIC=1; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$ONLY" in "" | attune | nginx) ;; *) echo "--only takes attune or nginx" >&2; exit 2 ;; esac
[ "$(nproc)" -ge 2 ] || { echo "needs 2 cores (server on core 1, wrk on core 0)" >&2; exit 1; }

# ---- tools ---------------------------------------------------------------------
ensure_packages wrk curl procps util-linux python3
command -v nginx >/dev/null 2>&1 || ensure_packages nginx-light
PY="$(command -v python3)"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# ---- attune binary -----------------------------------------------------------
if [ "$ONLY" != nginx ]; then
    if [ -z "$BIN" ]; then
        ensure_swift
        ensure_packages "${ATTUNE_BUILD_PACKAGES[@]}"
        if [ "$STATIC" = 1 ]; then
            echo "== building release with the Swift runtime linked statically (.build-static)" >&2
            swift build -c release --product attune --package-path "$ATTUNE_ROOT" \
                --static-swift-stdlib --scratch-path "$ATTUNE_ROOT/.build-static" >&2
            BIN="$ATTUNE_ROOT/.build-static/release/attune"
        else
            echo "== building release" >&2
            swift build -c release --product attune --package-path "$ATTUNE_ROOT" >&2
            BIN="$ATTUNE_ROOT/.build/release/attune"
        fi
    fi
    [ -x "$BIN" ] || { echo "no attune binary at $BIN" >&2; exit 1; }
fi

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN="$HERE/run/$STAMP"
mkdir -p "$RUN"
TSV="$RUN/results.tsv"
DBDIR="$(mktemp -d)"
EXPECTED='{"status":"ok"}'
echo -e "round\tserver\trps\tp50_ms\tp99_ms\terrors\tpeak_rss_kb\tthreads\tfirst_ms" > "$TSV"

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---- process helpers ---------------------------------------------------------
CUR_PID=""
session_pids() { ps -o pid= --sid "$1" 2>/dev/null | tr -d ' ' || true; }

stop_server() { # pid: TERM the process group, wait up to 5 s, then KILL
    local pid="$1" i
    [ -n "$pid" ] || return 0
    kill -TERM -- "-$pid" 2>/dev/null || return 0
    for i in $(seq 1 100); do
        [ -n "$(session_pids "$pid")" ] || return 0
        [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && return 0
        sleep 0.05
    done
    echo "  pid $pid did not stop on TERM; sending KILL" >&2
    kill -KILL -- "-$pid" 2>/dev/null || true
}
cleanup() { stop_server "$CUR_PID"; CUR_PID=""; rm -rf "$DBDIR"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

status_field() { # field pid...: sum a numeric /proc/PID/status field over pids
    local field="$1" total=0 p k v _
    shift
    for p in "$@"; do
        while read -r k v _; do
            if [ "$k" = "$field:" ]; then total=$((total + v)); break; fi
        done < "/proc/$p/status" 2>/dev/null || true
    done
    echo "$total"
}

sample_threads() { # out pid...: write the peak thread count seen every 100 ms until killed
    local out="$1" max=0 t
    shift
    trap 'echo "$max" > "$out"; exit 0' TERM
    while :; do
        t="$(status_field Threads "$@")"
        [ "$t" -gt "$max" ] && max="$t"
        sleep 0.1 &
        wait $! || true
    done
}

run_wrk() { # port duration logfile -> prints "rps p50ms p99ms errors"
    local out
    out="$(taskset -c 0 wrk -t1 "-c$CONNS" "-d$2" --latency "http://127.0.0.1:$1/healthz" 2>&1)"
    printf '%s\n' "$out" >> "$3"
    printf '%s\n' "$out" | "$PY" -c '
import re, sys
t = sys.stdin.read()
def ms(v, u):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[u]
rps = re.search(r"Requests/sec:\s+([\d.]+)", t)
p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", t, re.M)
p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", t, re.M)
err = 0
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
if m: err += sum(int(x) for x in m.groups())
m = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
if m: err += int(m.group(1))
print(rps.group(1) if rps else "nan",
      "%.3f" % ms(*p50.groups()) if p50 else "nan",
      "%.3f" % ms(*p99.groups()) if p99 else "nan", err)
'
}

server_command() { # name port -> sets CMD (array)
    case "$1" in
        attune)
            CMD=("$BIN" serve --host 127.0.0.1 --port "$2" --database "$DBDIR/bench-$2.sqlite"
                --access-log off --rate-limit 0 --log-level warning) ;;
        nginx)
            # As root, nginx's worker would run as nobody, which cannot read the
            # body file when the clone sits in a private folder (mktemp -d):
            # keep the worker as the user running the benchmark.
            {
                [ "$(id -u)" -ne 0 ] || echo "user root;"
                sed "s/listen 127\.0\.0\.1:[0-9]*/listen 127.0.0.1:$2/" "$HERE/nginx/nginx.conf"
            } > "$HERE/run/nginx.conf"
            CMD=("$NGINX" -p "$HERE/" -c run/nginx.conf -e "run/$STAMP/nginx-error.log") ;;
    esac
}

bench_one() { # round name
    local round="$1" name="$2" port pid first body pids res rss threads
    port="$(free_port)"
    server_command "$name" "$port"
    echo "== round $round/$ROUNDS: $name (port $port)" >&2
    read -r pid first < <("$PY" "$HERE/launch.py" "$port" "$RUN/$name.log" 30 -- taskset -c 1 "${CMD[@]}" || true)
    CUR_PID="$pid"
    if [ "${first:--1}" = -1 ]; then
        echo "  $name did not answer 200 on /healthz within 30 s; see ${RUN#"$ATTUNE_ROOT"/}/$name.log" >&2
        stop_server "$pid"; CUR_PID=""
        echo -e "$round\t$name\tnan\tnan\tnan\t0\tnan\tnan\tnan" >> "$TSV"
        return 0
    fi
    body="$(curl -s "http://127.0.0.1:$port/healthz")"
    if [ "$body" != "$EXPECTED" ]; then
        echo "  warning: $name /healthz body is '$body', expected '$EXPECTED'" >&2
    fi
    run_wrk "$port" "$WARM" "$RUN/wrk-$name.log" > /dev/null
    # shellcheck disable=SC2207
    pids=($(session_pids "$pid"))
    sample_threads "$RUN/threads" "${pids[@]}" &
    local sampler=$!
    res="$(run_wrk "$port" "$DUR" "$RUN/wrk-$name.log")"
    kill -TERM "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    threads="$(cat "$RUN/threads" 2>/dev/null || echo nan)"
    rss="$(status_field VmHWM "${pids[@]}")"
    stop_server "$pid"; CUR_PID=""
    read -r rps p50 p99 err <<< "$res"
    echo "  first response ${first} ms; $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $err," \
        "peak RSS $((rss / 1024)) MiB, $threads threads" >&2
    echo -e "$round\t$name\t$rps\t$p50\t$p99\t$err\t$rss\t$threads\t$first" >> "$TSV"
}

SERVERS=(attune nginx)
[ -z "$ONLY" ] || SERVERS=("$ONLY")
echo "# wrk -t1 -c$CONNS -d$DUR --latency GET /healthz, warm-up $WARM, $ROUNDS round(s)" >&2
for round in $(seq 1 "$ROUNDS"); do
    order=("${SERVERS[@]}")
    if [ $((round % 2)) -eq 0 ] && [ "${#SERVERS[@]}" -eq 2 ]; then order=("${SERVERS[1]}" "${SERVERS[0]}"); fi
    for name in "${order[@]}"; do bench_one "$round" "$name"; done
done

# ---- report --------------------------------------------------------------------
echo >&2
status=0
"$PY" - "$TSV" "$STRICT" "$(uname -r)" "$(nproc)" <<'PY' || status=$?
import csv, math, statistics, sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
strict = sys.argv[2] == "1"

def num(v):
    try:
        return float(v)
    except ValueError:
        return math.nan

def med(name, key):
    vals = [num(r[key]) for r in rows if r["server"] == name and not math.isnan(num(r[key]))]
    return statistics.median(vals) if vals else math.nan

def fmt(v, spec):
    return "n/a" if math.isnan(v) else format(v, spec)

names = [n for n in ("attune", "nginx") if any(r["server"] == n for r in rows)]
stats = {n: {k: med(n, k) for k in ("rps", "p50_ms", "p99_ms", "errors", "peak_rss_kb", "threads", "first_ms")}
         for n in names}
ng = stats.get("nginx")
print("| server | req/s (median) | p50 ms | p99 ms | peak RSS MiB | threads under load | first response ms "
      "| req/s ratio to nginx | p99 ratio to nginx | errors |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in names:
    s = stats[n]
    rr = s["rps"] / ng["rps"] if ng else math.nan
    pr = s["p99_ms"] / ng["p99_ms"] if ng else math.nan
    print(f"| {n} | {fmt(s['rps'], ',.0f')} | {fmt(s['p50_ms'], '.3f')} | {fmt(s['p99_ms'], '.3f')} "
          f"| {fmt(s['peak_rss_kb'] / 1024, '.1f')} | {fmt(s['threads'], '.0f')} | {fmt(s['first_ms'], '.1f')} "
          f"| {fmt(rr, '.2f')}{'x' if ng else ''} | {fmt(pr, '.2f')}{'x' if ng else ''} | {fmt(s['errors'], '.0f')} |")

missed = 0
if "attune" in stats:
    a = stats["attune"]
    checks = [("peak RSS < 20 MiB", a["peak_rss_kb"] / 1024, lambda v: v < 20, ".1f"),
              ("<= 8 threads at 64 connections", a["threads"], lambda v: v <= 8, ".0f"),
              ("first response <= 50 ms", a["first_ms"], lambda v: v <= 50, ".1f"),
              ("no errors under load", a["errors"], lambda v: v == 0, ".0f")]
    if ng:
        checks[:0] = [("req/s >= 0.9x nginx", a["rps"] / ng["rps"], lambda v: v >= 0.9, ".2f"),
                      ("p99 <= 2x nginx", a["p99_ms"] / ng["p99_ms"], lambda v: v <= 2, ".2f")]
    print()
    print("| target (attune) | measured | |")
    print("| --- | ---: | --- |")
    for label, v, ok, spec in checks:
        good = not math.isnan(v) and ok(v)
        missed += not good
        print(f"| {label} | {fmt(v, spec)} | {'met' if good else 'MISSED'} |")
print()
print(f"median of {len({r['round'] for r in rows})} round(s); kernel {sys.argv[3]}, {sys.argv[4]} cores; "
      "compare ratios within one run, not absolute numbers across runs")
sys.exit(1 if strict and missed else 0)
PY
echo "raw: ${RUN#"$ATTUNE_ROOT"/}/ (results.tsv, wrk-*.log, server logs)" >&2
exit "$status"
