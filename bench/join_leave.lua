-- wrk script: join and leave the community $COMMUNITY in turn, as the person whose token is
-- in $AUTH (each connection alternates; p99 covers both).
local n = 0
local auth = os.getenv("AUTH")
local community = os.getenv("COMMUNITY")
request = function()
  n = n + 1
  local action = (n % 2 == 1) and "join" or "leave"
  return wrk.format("POST", "/api/v1/communities/" .. community .. "/" .. action, { ["Authorization"] = auth }, "")
end
