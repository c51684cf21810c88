-- wrk: profile reads spread over every seeded person (person-1 .. person-$PEOPLE), so
-- almost none was read a moment ago by the same viewer: the database path, not memory.
local people = tonumber(os.getenv("PEOPLE") or "50000")
local seeded = false
request = function()
  if not seeded then
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
    seeded = true
  end
  return wrk.format("GET", "/api/v1/people/person-" .. math.random(1, people))
end
