-- wrk script: POST /api/v1/completions, each request a new completion (unique external id) of a random agent and
-- module of the reference curriculum, dated in 2025.
-- Environment: AILITERACY_API_KEY, AILITERACY_IDS_FILE, AILITERACY_RUN (a run id keeping external ids unique).
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local modules = { "TC-01", "TC-02", "TC-03", "TC-04", "METIER-RH-01", "METIER-COM-01", "METIER-URBA-01", "METIER-AG-01",
  "METIER-FIN-01", "METIER-SI-01", "REF-01", "MANAGER-01" }
local outcomes = { "completed", "passed", "failed" }
local ids, headers, run
local sequence = 0

setup = common.setup

function init(args)
  ids = common.load_ids()
  headers = common.headers({ ["Content-Type"] = "application/json" })
  run = os.getenv("AILITERACY_RUN") or tostring(os.time())
  math.randomseed(os.time() * 1000 + (thread_id or 0))
end

function request()
  sequence = sequence + 1
  local body = string.format(
    '{"employeeNumber":"%s","moduleId":"%s","date":"2025-%02d-%02d","outcome":"%s","source":"lms","externalId":"wrk-%s-%d-%d"}',
    ids[math.random(#ids)], modules[math.random(#modules)], math.random(12), math.random(28),
    outcomes[math.random(#outcomes)], run, thread_id or 0, sequence)
  return wrk.format("POST", "/api/v1/completions", headers, body)
end

done = common.done("completions")
