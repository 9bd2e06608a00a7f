-- wrk script: GET /api/v1/agents/{employeeNumber}/status for random agents of the seeded authority.
-- Environment: AILITERACY_API_KEY (X-Api-Key), AILITERACY_IDS_FILE (employee numbers, one per line).
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local ids, headers

setup = common.setup

function init(args)
  ids = common.load_ids()
  headers = common.headers()
  math.randomseed(os.time() * 1000 + (thread_id or 0))
end

function request()
  return wrk.format("GET", "/api/v1/agents/" .. ids[math.random(#ids)] .. "/status", headers)
end

done = common.done("status")
