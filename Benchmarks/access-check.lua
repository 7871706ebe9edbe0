-- Asks GET /v1/access for buyers the webhook run created (b<thread*1e8+n>@example.com).
-- Usage: wrk -s access-check.lua URL -- KEY
dofile(os.getenv("BENCH_DIR") .. "/thread-ids.lua")
local key

function init(args)
  key = args[1]
  math.randomseed(id)
end

function request()
  local buyer = id * 100000000 + math.random(1, 1000)
  return wrk.format("GET", "/v1/access?email=b" .. buyer .. "%40example.com&course=watercolour",
                    {["Authorization"] = "Bearer " .. key})
end
