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
-- The answers in the order of the definition's items, as a client that walks the definition sends them
-- (version 1 and version 2 order their items differently; the scorer reads either order).
local answersV1 = '{"secure_base_1":0,"attunement_1":1,"trust_1":2,"acceptance_1":3,"repair_1":4,"autonomy_1":0,"cultural_humility_1":1,"flexibility_1":2,"secure_base_2":3,"attunement_2":4,"trust_2":0,"acceptance_2":1,"repair_2":2,"autonomy_2":3,"cultural_humility_2":4,"flexibility_2":0,"secure_base_3":1,"attunement_3":2,"trust_3":3,"acceptance_3":4,"repair_3":0,"autonomy_3":1,"cultural_humility_3":2,"flexibility_3":3}'
local answersV2 = '{"secure_base_1":0,"trust_3":1,"attunement_1":2,"acceptance_1":3,"autonomy_3":4,"repair_1":0,"cultural_humility_1":1,"flexibility_3":2,"trust_1":3,"acceptance_2":4,"secure_base_3":0,"autonomy_1":1,"attunement_2":2,"cultural_humility_3":3,"flexibility_1":4,"repair_2":0,"attunement_3":1,"trust_2":2,"secure_base_2":3,"acceptance_3":4,"flexibility_2":0,"autonomy_2":1,"repair_3":2,"cultural_humility_2":3}'
local answers = (version == "1") and answersV1 or answersV2

request = function()
  counter = counter + 1
  local body = '{"questionnaire":"relationship-profile",' .. versionMember .. '"client":"' .. prefix .. "-" .. counter
    .. '","therapist":"t-bench","respondent":"client","session":1,"date":"2026-11-20","answers":' .. answers .. '}'
  return wrk.format("POST", "/v1/submissions", headers, body)
end
