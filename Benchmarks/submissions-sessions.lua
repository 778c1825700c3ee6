-- wrk script: POST /v1/submissions of the 24-item relationship profile, durable, as a practice's
-- traffic looks once it is running: 1,000 clients (ATTUNE_BENCH_CLIENTS) across 40 therapists
-- (t-bench-1 … t-bench-40, registered by the caller), each request the next weekly session of the next
-- client in turn. After the first 1,000 requests every submission extends an existing client's history,
-- so the rollups, rupture episodes and client activity of that client are updated, not created.
-- The key comes from ATTUNE_BENCH_KEY; ATTUNE_BENCH_PREFIX keeps runs apart (clients are PREFIX-next-N, apart
-- from submissions.lua's PREFIX-N on the same server).
local counter = 0
local key = os.getenv("ATTUNE_BENCH_KEY") or ""
local prefix = os.getenv("ATTUNE_BENCH_PREFIX") or "c"
local clients = tonumber(os.getenv("ATTUNE_BENCH_CLIENTS") or "1000")
local therapists = 40
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. key,
}
-- Two answer sets that alternate by client and session, so scores move between sessions.
local answers = {
  '{"secure_base_1":3,"trust_3":1,"attunement_1":3,"acceptance_1":4,"autonomy_3":1,"repair_1":3,"cultural_humility_1":3,"flexibility_3":1,"trust_1":3,"acceptance_2":0,"secure_base_3":4,"autonomy_1":3,"attunement_2":3,"cultural_humility_3":1,"flexibility_1":3,"repair_2":3,"attunement_3":4,"trust_2":3,"secure_base_2":3,"acceptance_3":1,"flexibility_2":4,"autonomy_2":3,"repair_3":3,"cultural_humility_2":4}',
  '{"secure_base_1":2,"trust_3":2,"attunement_1":3,"acceptance_1":3,"autonomy_3":1,"repair_1":2,"cultural_humility_1":3,"flexibility_3":2,"trust_1":2,"acceptance_2":1,"secure_base_3":3,"autonomy_1":2,"attunement_2":3,"cultural_humility_3":2,"flexibility_1":2,"repair_2":3,"attunement_3":3,"trust_2":2,"secure_base_2":3,"acceptance_3":1,"flexibility_2":3,"autonomy_2":2,"repair_3":2,"cultural_humility_2":3}',
}
-- Session 1 of every client is on this Monday; session n is (n - 1) weeks later.
local firstSession = os.time({ year = 2024, month = 1, day = 1, hour = 12 })

request = function()
  local client = counter % clients
  local session = math.floor(counter / clients) + 1
  counter = counter + 1
  local date = os.date("!%Y-%m-%d", firstSession + (session - 1) * 7 * 86400)
  local body = '{"questionnaire":"relationship-profile","client":"' .. prefix .. "-next-" .. client
    .. '","therapist":"t-bench-' .. (client % therapists + 1) .. '","respondent":"client","session":' .. session
    .. ',"date":"' .. date .. '","answers":' .. answers[(client + session) % 2 + 1] .. '}'
  return wrk.format("POST", "/v1/submissions", headers, body)
end
