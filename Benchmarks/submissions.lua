-- wrk script: POST /v1/submissions of the 24-item relationship profile, durable.
-- Every request has its own client id (so no two collide on client+session), one registered therapist.
-- The intake or admin key comes from ATTUNE_BENCH_KEY; ATTUNE_BENCH_PREFIX keeps runs apart.
local counter = 0
local key = os.getenv("ATTUNE_BENCH_KEY") or ""
local prefix = os.getenv("ATTUNE_BENCH_PREFIX") or "c"
-- ATTUNE_BENCH_VERSION pins the definition version (to compare builds whose latest versions differ).
local version = os.getenv("ATTUNE_BENCH_VERSION")
local versionMember = version and ('"version":' .. version .. ',') or ""
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. key,
}
local answers = '{"secure_base_1":0,"attunement_1":1,"trust_1":2,"acceptance_1":3,"repair_1":4,"autonomy_1":0,"cultural_humility_1":1,"flexibility_1":2,"secure_base_2":3,"attunement_2":4,"trust_2":0,"acceptance_2":1,"repair_2":2,"autonomy_2":3,"cultural_humility_2":4,"flexibility_2":0,"secure_base_3":1,"attunement_3":2,"trust_3":3,"acceptance_3":4,"repair_3":0,"autonomy_3":1,"cultural_humility_3":2,"flexibility_3":3}'

request = function()
  counter = counter + 1
  local body = '{"questionnaire":"relationship-profile",' .. versionMember .. '"client":"' .. prefix .. "-" .. counter
    .. '","therapist":"t-bench","respondent":"client","session":1,"date":"2026-11-20","answers":' .. answers .. '}'
  return wrk.format("POST", "/v1/submissions", headers, body)
end
