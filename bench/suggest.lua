-- wrk: directory suggestions for a rotating set of name prefixes (Latin, Nordic, Cyrillic,
-- Devanagari, Japanese), as people type them.
local prefixes = {"an", "ma", "jo", "li", "er", "%C3%A5s", "%C3%B6b", "ing", "sm", "ha", "ol",
                  "%D0%B4%D0%BC", "%D0%B8%D0%B2", "%D0%B3%D0%B5", "m%C3%BC", "sch", "ga", "l%C3%B3",
                  "%E0%A4%B6%E0%A4%B0", "%E4%BD%90%E8%97%A4", "ro", "wi", "ta", "be"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/people?limit=10&q=" .. prefixes[(i % #prefixes) + 1])
end
