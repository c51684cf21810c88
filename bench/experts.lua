-- wrk: "who knows about X?" for a rotating set of topics, common and rare.
local topics = {"kubernetes", "go", "rust", "sql", "security", "negotiation", "swedish", "topic-500", "topic-2000", "coaching"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/people?limit=20&expertise=" .. topics[(i % #topics) + 1])
end
