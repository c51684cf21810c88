-- wrk script: create posts as the person whose token is in $AUTH, each with a hashtag.
local n = 0
local auth = os.getenv("AUTH")
request = function()
  n = n + 1
  local body = '{"body":"Benchmark post ' .. n .. ' about #loadtest"}'
  return wrk.format("POST", "/api/v1/posts", { ["Content-Type"] = "application/json", ["Authorization"] = auth }, body)
end
