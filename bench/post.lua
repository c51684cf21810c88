-- wrk script: create posts as the person whose token is in $AUTH, each with a hashtag. The
-- text is like the seed's (an opening, a topic: src/modules/seed/content.cpp, vocabulary.h),
-- so that posting leaves the newest documents of a search index like the older ones; a
-- benchmark that posts one sentence over and over leaves a stretch of documents with none of
-- the words a later search looks for.
local n = 0
local auth = os.getenv("AUTH")
local openings = {"Shipped the new", "Looking for help with", "Notes from today's session on", "Great discussion about",
                  "Anyone tried the latest", "We just published a guide to", "Lessons learned from a year of", "Quick tip on"}
local topics = {"kubernetes", "rust", "postgres", "security", "machine learning", "incident response", "observability",
                "terraform", "accessibility", "public speaking", "supply chain", "testing", "mentoring", "strategy"}
request = function()
  n = n + 1
  local body = '{"body":"' .. openings[(n % #openings) + 1] .. ' ' .. topics[(n * 7 % #topics) + 1] ..
    ' (benchmark post ' .. n .. ') #loadtest"}'
  return wrk.format("POST", "/api/v1/posts", { ["Content-Type"] = "application/json", ["Authorization"] = auth }, body)
end
