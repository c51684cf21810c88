-- wrk script: post into the community $COMMUNITY as the person whose token is in $AUTH.
local n = 0
local auth = os.getenv("AUTH")
local community = os.getenv("COMMUNITY")
request = function()
  n = n + 1
  local body = '{"body":"Community benchmark post ' .. n .. '","audience":"community","community_id":"' .. community .. '"}'
  return wrk.format("POST", "/api/v1/posts", { ["Content-Type"] = "application/json", ["Authorization"] = auth }, body)
end
