-- Gives every wrk thread a distinct id, so generated order ids never repeat across threads
-- (duplicates skip the fsync and would inflate the figure).
local next_id = 1
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end
