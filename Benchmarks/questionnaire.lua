-- wrk script: GET /v1/questionnaires/relationship-profile with a key (pre-encoded bytes, cached key).
local key = os.getenv("ATTUNE_BENCH_KEY") or ""
wrk.headers["Authorization"] = "Bearer " .. key
