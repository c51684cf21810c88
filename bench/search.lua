-- wrk: a mix of searches as people type them (one word, two words, a phrase, filtered by
-- kind, hashtag, author and community, newest first), for the reader whose token is in $AUTH.
-- Prints p50, p95 and p99 at the end (wrk's --latency stops at 90 and 99).
local auth = os.getenv("AUTH")
local author = os.getenv("AUTHOR") or "person1"
local queries = {
  "kubernetes", "guide", "postgres", "lessons", "security", "terraform", "slides", "congratulations",
  "kubernetes guide", "published guide", "machine learning", "rust work", "incident response",
  "%22lessons%20learned%22", "%22quick%20tip%22", "%22great%20discussion%22",
  "kubernetes&kind=post", "guide&kind=comment", "tag%3Arust", "tag%3Akubernetes%20shipped",
  "work%20from%3A%40" .. author, "kubernetes&sort=date", "sql -postgres", "kube*", "observ*",
  "in%3Aseed-everyone%20guide",
}
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]:gsub(" ", "%%20")
  return wrk.format("GET", "/api/v1/search?q=" .. q, { ["Authorization"] = auth })
end
done = function(summary, latency, requests)
  io.write(string.format("latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
