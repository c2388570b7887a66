-- Requests built from a file of lines (one request per line, each line used once; wraps around if exhausted).
-- env BENCH_LINES: the file; BENCH_KIND: approve | submit | get.
--   approve: "<paymentId> <businessToken>"  -> POST /api/v1/payments/<id>/approve
--   submit:  "<customerToken> <businessId>" -> POST /api/v1/payments with a fresh Idempotency-Key
--   get:     "<path> <token>"               -> GET <path>
package.path = os.getenv("BENCH_DIR") .. "/lua/?.lua;" .. package.path
local common = require("common")
local kind = os.getenv("BENCH_KIND")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())
local lines, n, count

setup = common.setup

function init(args)
  lines = common.read_lines(os.getenv("BENCH_LINES"), tid, nthreads)
  n = 0
  count = #lines
  math.randomseed(os.time() + tid * 7919)
end

function request()
  n = n + 1
  local f = lines[((n - 1) % count) + 1]
  if kind == "approve" then
    return wrk.format("POST", "/api/v1/payments/" .. f[1] .. "/approve", { ["Authorization"] = "Bearer " .. f[2] }, nil)
  elseif kind == "submit" then
    local amount = string.format("%d.%02d", math.random(10, 4999), math.random(0, 99))
    local utr = "9" .. string.format("%05d%06d", math.random(0, 99999), math.random(0, 999999))
    local body = '{"businessId":"' .. f[2] .. '","amount":"' .. amount .. '","utr":"' .. utr .. '","notes":"bench"}'
    return wrk.format("POST", "/api/v1/payments", {
      ["Authorization"] = "Bearer " .. f[1],
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = run_id .. "-" .. tid .. "-" .. n,
    }, body)
  else
    return wrk.format("GET", f[1], { ["Authorization"] = "Bearer " .. f[2] }, nil)
  end
end

done = common.done
