-- POSTs the recorded ThriveCart order.success fixture with a unique order id and buyer
-- email per request. Usage: wrk -s thrivecart-webhook.lua URL -- FIXTURE
dofile(os.getenv("BENCH_DIR") .. "/thread-ids.lua")
local counter = 0
local template

function init(args)
  local file = assert(io.open(args[1], "rb"))
  template = file:read("*a")
  file:close()
end

function request()
  counter = counter + 1
  local order = tostring(id * 100000000 + counter)
  local body = template:gsub("3230022", order):gsub("zoe%.muller%%40example%.com", "b" .. order .. "%%40example.com")
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
