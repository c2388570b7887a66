-- POST /api/v1/auth/login with one bench user's phone and password (env BENCH_PHONE, BENCH_PASSWORD).
package.path = os.getenv("BENCH_DIR") .. "/lua/?.lua;" .. package.path
local common = require("common")
wrk.method = "POST"
wrk.path = "/api/v1/auth/login"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"phone":"' .. os.getenv("BENCH_PHONE") .. '","password":"' .. os.getenv("BENCH_PASSWORD") .. '"}'
done = common.done
