-- Shared by the bench's wrk scripts: per-thread line files and a JSON summary wrk prints at the end.
local M = {}
local threads = {}

-- setup() runs in the main Lua state once per thread: number the threads so each takes its own share of lines.
function M.setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

-- The lines of FILE whose index modulo the number of threads is this thread's id.
function M.read_lines(path, tid, nthreads)
  local lines = {}
  local i = 0
  for line in io.lines(path) do
    if i % nthreads == tid then
      local fields = {}
      for f in string.gmatch(line, "%S+") do table.insert(fields, f) end
      table.insert(lines, fields)
    end
    i = i + 1
  end
  return lines
end

function M.done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"non2xx":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,' ..
    '"lat_mean_us":%.1f,"lat_p50_us":%d,"lat_p90_us":%d,"lat_p99_us":%d,"lat_max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, non2xx, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end

return M
