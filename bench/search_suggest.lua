-- wrk: the search box's typeahead (people, communities, hashtags) for prefixes as people type
-- them, for the reader whose token is in $AUTH. Prints p50, p95 and p99 at the end.
local auth = os.getenv("AUTH")
local prefixes = {"an", "ma", "jo", "li", "er", "%C3%A5s", "kub", "pos", "ing", "sm", "ha", "ol", "%D0%B4%D0%BC",
                  "%D0%B8%D0%B2", "m%C3%BC", "sch", "ga", "ro", "wi", "ta", "be", "mach", "terr", "se"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/search/suggest?q=" .. prefixes[(i % #prefixes) + 1], { ["Authorization"] = auth })
end
done = function(summary, latency, requests)
  io.write(string.format("latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
