-- Replays pre-signed bodies (see signed_bodies.py): each wrk thread reads its own file of
-- `SIGNATURE<TAB>BODY` lines and sends each once, with the signature in HEADER.
-- Usage: wrk -s signed-webhook.lua URL -- FILE_PREFIX HEADER
dofile(os.getenv("BENCH_DIR") .. "/thread-ids.lua")
local lines = {}
local header
local index = 0

function init(args)
  header = args[2]
  for line in io.lines(args[1] .. id .. ".txt") do lines[#lines + 1] = line end
end

function request()
  index = index + 1
  if index > #lines then index = 1 end -- wraps only if the file was too short: duplicates would show
  local signature, body = lines[index]:match("^([^\t]*)\t(.*)$")
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", [header] = signature}, body)
end
