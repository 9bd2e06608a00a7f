-- Shared by status.lua and completions.lua: the API key, the employee numbers of the seeded authority, one random
-- generator per wrk thread, and a one-line RESULT summary that run.sh parses.
local M = {}

local counter = 0

-- Gives every wrk thread a distinct id (setup runs in the main thread, once per thread).
function M.setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

-- Reads the employee numbers (one per line) named by AILITERACY_IDS_FILE.
function M.load_ids()
  local path = os.getenv("AILITERACY_IDS_FILE") or error("AILITERACY_IDS_FILE is not set")
  local ids = {}
  for line in io.lines(path) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no employee number in " .. path) end
  return ids
end

function M.headers(extra)
  local headers = { ["X-Api-Key"] = os.getenv("AILITERACY_API_KEY") or error("AILITERACY_API_KEY is not set") }
  for k, v in pairs(extra or {}) do headers[k] = v end
  return headers
end

function M.done(name)
  return function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format(
      "RESULT %s requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
      name, summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      summary.errors.status, errors))
  end
end

return M
