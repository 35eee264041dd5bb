-- wrk script for bench/cache_design.sh: random paths from CACHE_MIX_PATHS (one per line),
-- counting how many responses the whole-page cache did not answer (X-Bench-Rendered: 1,
-- bench/cachemark.py). At the end one JSON line sums up the run.
local paths = {}
local threads = {}
rendered, answered = 0, 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("CACHE_MIX_PATHS")) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  answered = answered + 1
  if headers["X-Bench-Rendered"] == "1" then rendered = rendered + 1 end
end

function done(summary, latency, requests)
  local total_rendered, total = 0, 0
  for _, thread in ipairs(threads) do
    total_rendered = total_rendered + thread:get("rendered")
    total = total + thread:get("answered")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "requests_per_second": %.1f, "p50_ms": %.2f, "p99_ms": %.2f, ' ..
    '"rendered": %d, "answered": %d, "errors": %d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    total_rendered, total, e.connect + e.read + e.write + e.timeout + e.status))
end
