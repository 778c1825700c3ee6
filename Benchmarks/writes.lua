-- wrk script: durable writes. Each request creates a therapist with a unique id
-- (POST /v1/therapists), so every request is one committed row plus its audit event.
-- The admin key comes from the ATTUNE_BENCH_KEY environment variable.
local counter = 0
local key = os.getenv("ATTUNE_BENCH_KEY") or ""
local prefix = os.getenv("ATTUNE_BENCH_PREFIX") or "w"
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. key,
}

request = function()
  counter = counter + 1
  return wrk.format("POST", "/v1/therapists", headers, '{"id":"' .. prefix .. "-" .. counter .. '"}')
end
