#!/usr/bin/env bash
# The SDK's overhead against plain curl, over one reused connection to a local `attune serve`:
# N sequential GET /v1/questionnaires/relationship-checkin (the SDK downloads and decodes each one)
# and N POST /v1/submissions (each with its own Idempotency-Key, new clients), once through one curl
# process given the N requests (-K config, `next` between the POSTs) and once through AttuneClient.
#
# usage: Benchmarks/sdk.sh [--count N] [--no-reuse]   (release builds of attune and attune-sdk-benchmark)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
COUNT=1000
SDK_FLAGS=()
while [ $# -gt 0 ]; do
    case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --no-reuse) SDK_FLAGS+=(--no-reuse); shift ;;
    *) echo "usage: $0 [--count N] [--no-reuse]" >&2; exit 2 ;;
    esac
done
cd "$ROOT"
swift build -c release --product attune >/dev/null
swift build -c release --product attune-sdk-benchmark >/dev/null
BIN="$(swift build -c release --show-bin-path)"
WORK="$(mktemp -d /tmp/attune-sdk-bench.XXXXXX)"
SERVER_PID=""
cleanup() { [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN/attune" practice create --name bench --json --database "$WORK/b.sqlite" >"$WORK/p.json"
KEY="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["key"])' "$WORK/p.json")"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$PORT"
"$BIN/attune" serve --host 127.0.0.1 --port "$PORT" --database "$WORK/b.sqlite" --rate-limit 0 --access-log off \
    >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "$URL/healthz" && break; sleep 0.1; done
curl -fs -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"id":"t-1"}' \
    "$URL/v1/therapists"

# The curl configs: one URL per GET; per POST its own body and key, `next` between them.
python3 - "$WORK" "$URL" "$KEY" "$COUNT" <<'PY'
import sys
work, url, key, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(f"{work}/get.cfg", "w") as f:
    f.write(f'header = "Authorization: Bearer {key}"\n')
    for _ in range(count):
        f.write(f'url = "{url}/v1/questionnaires/relationship-checkin"\noutput = "/dev/null"\n')
items = ["secure_base", "attunement", "trust", "acceptance", "repair", "autonomy", "cultural_humility", "flexibility"]
answers = ",".join(f'\\"{i}\\":{v}' for i, v in zip(items, [3, 4, 2, 3, 4, 3, 2, 1]))
with open(f"{work}/post.cfg", "w") as f:
    for n in range(count):
        body = (f'{{\\"questionnaire\\":\\"relationship-checkin\\",\\"client\\":\\"bench-curl-{n}\\",'
                f'\\"therapist\\":\\"t-1\\",\\"respondent\\":\\"client\\",\\"session\\":1,'
                f'\\"date\\":\\"2026-11-20\\",\\"answers\\":{{{answers}}}}}')
        f.write(f'url = "{url}/v1/submissions"\nheader = "Authorization: Bearer {key}"\n'
                f'header = "Content-Type: application/json"\nheader = "Idempotency-Key: curl-{n}"\n'
                f'data = "{body}"\noutput = "/dev/null"\n')
        if n < count - 1:
            f.write("next\n")
PY
now_ns() { date +%s%N; }
curl -s -o /dev/null -H "Authorization: Bearer $KEY" "$URL/v1/questionnaires/relationship-checkin"  # warm-up
start=$(now_ns); curl -s -K "$WORK/get.cfg"; curl_get=$(( ($(now_ns) - start) / 1000 / COUNT ))
start=$(now_ns); curl -s -K "$WORK/post.cfg"; curl_post=$(( ($(now_ns) - start) / 1000 / COUNT ))
stored=$(curl -s -H "Authorization: Bearer $KEY" "$URL/v1/submissions?limit=500" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["submissions"]))')
[ "$stored" -gt 0 ] || { echo "curl's submissions were not stored" >&2; exit 1; }
sdk="$("$BIN/attune-sdk-benchmark" "$URL" "$KEY" "$COUNT" "${SDK_FLAGS[@]}")"
sdk_get=$(sed -E 's/^get_us=([0-9]+).*/\1/' <<<"$sdk")
sdk_raw=$(sed -E 's/.*raw_get_us=([0-9]+).*/\1/' <<<"$sdk")
sdk_post=$(sed -E 's/.*post_us=([0-9]+).*/\1/' <<<"$sdk")
echo "requests: $COUNT sequential each; sdk: $sdk"
printf '%-28s %10s %10s %8s\n' "per request" "curl µs" "SDK µs" "ratio"
printf '%-28s %10d %10d %8s\n' "GET questionnaire (decoded)" "$curl_get" "$sdk_get" \
    "$(python3 -c "print(f'{$sdk_get/$curl_get:.2f}')")"
printf '%-28s %10d %10d %8s\n' "GET questionnaire (bytes)" "$curl_get" "$sdk_raw" \
    "$(python3 -c "print(f'{$sdk_raw/$curl_get:.2f}')")"
printf '%-28s %10d %10d %8s\n' "POST submission" "$curl_post" "$sdk_post" \
    "$(python3 -c "print(f'{$sdk_post/$curl_post:.2f}')")"
