-- wrk script for bench/load.sh: every request picks a random path from the file named by
-- LOAD_PATHS (one path per line); at the end one JSON line sums up the run.
local paths = {}

function init(args)
  for line in io.lines(os.getenv("LOAD_PATHS")) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  -- Each thread has its own Lua state; its table address tells the threads apart.
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "requests_per_second": %.1f, "p50_ms": %.2f, ' ..
    '"p99_ms": %.2f, "max_ms": %.2f, "socket_errors": %d, "non_2xx_3xx": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
