-- wrk script for bench/soak.sh: a mixed intranet load from many people. Files in $SOAK_DIR:
-- tokens (one bearer token per line), posts (post ids), people (person ids), photo.png.
-- DELAY (ms) paces each connection, so the load can be held below capacity.
local dir = os.getenv("SOAK_DIR")
local delay_ms = tonumber(os.getenv("DELAY") or "0")

local function lines(name)
  local out = {}
  for l in io.lines(dir .. "/" .. name) do if #l > 0 then out[#out + 1] = l end end
  return out
end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

local tokens, posts, people, photo
function init(args)
  tokens, posts, people = lines("tokens"), lines("posts"), lines("people")
  local f = assert(io.open(dir .. "/photo.png", "rb"))
  photo = f:read("*a")
  f:close()
  math.randomseed(os.time() + id * 7919)
  c2xx, c404, c409, c422, c429, c4xx, c5xx = 0, 0, 0, 0, 0, 0, 0
end

local function any(list) return list[math.random(#list)] end

function request()
  local auth = "Bearer " .. any(tokens)
  local h = { ["Authorization"] = auth }
  local r = math.random(1000)
  if r <= 550 then return wrk.format("GET", "/api/v1/feed", h) end
  if r <= 700 then return wrk.format("GET", "/api/v1/people/" .. any(people), h) end
  if r <= 820 then return wrk.format("GET", "/api/v1/posts/" .. any(posts), h) end
  if r <= 870 then return wrk.format("GET", "/api/v1/content/" .. any(posts) .. "/comments", h) end
  if r <= 920 then return wrk.format("GET", "/api/v1/notifications", h) end
  h["Content-Type"] = "application/json"
  if r <= 940 then
    return wrk.format("POST", "/api/v1/posts", h, '{"body":"Soak post about #soak and what we learnt today","audience":"organization"}')
  end
  if r <= 960 then
    return wrk.format("POST", "/api/v1/content/" .. any(posts) .. "/comments", h, '{"body":"A soak comment"}')
  end
  if r <= 980 then
    local method = math.random(2) == 1 and "PUT" or "DELETE"
    return wrk.format(method, "/api/v1/content/" .. any(posts) .. "/reactions/like", h)
  end
  if r <= 999 or math.random(10) > 1 then
    local method = math.random(2) == 1 and "POST" or "DELETE"
    return wrk.format(method, "/api/v1/people/" .. any(people) .. "/follow", h)
  end
  -- One request in 10,000 is a new profile photo (decoded and re-encoded).
  h["Content-Type"] = "image/png"
  return wrk.format("PUT", "/api/v1/people/me/photo", h, photo)
end

function delay() return delay_ms end

function response(status, headers, body)
  if status < 300 then c2xx = c2xx + 1
  elseif status == 404 then c404 = c404 + 1
  elseif status == 409 then c409 = c409 + 1
  elseif status == 422 then c422 = c422 + 1
  elseif status == 429 then c429 = c429 + 1
  elseif status < 500 then c4xx = c4xx + 1
  else c5xx = c5xx + 1 end
end

function done(summary, latency, requests)
  local t = { c2xx = 0, c404 = 0, c409 = 0, c422 = 0, c429 = 0, c4xx = 0, c5xx = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  io.write(string.format("statuses: 2xx %d, 404 %d, 409 %d, 422 %d, 429 %d, other 4xx %d, 5xx %d; socket errors %d\n",
    t.c2xx, t.c404, t.c409, t.c422, t.c429, t.c4xx, t.c5xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
