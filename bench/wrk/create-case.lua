-- POST /api/v1/cases for wrk (Debian package `wrk`), a load generator that needs a few percent of a
-- core where the Java driver needs half of one. Every request is a new customer with a unique
-- address, the slowest kind of create. See bench/README.md ("Create with wrk").
--
--   wrk -t1 -c16 -d30s --latency -s bench/wrk/create-case.lua \
--       -H "Authorization: Bearer ft_bench_0123456789abcdefghijklmnop" http://localhost:18080
local counter = 0
math.randomseed(os.time())
local run = math.random(1, 1e9)

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local body = string.format(
    '{"customer":{"name":"Load %d","email":"wrk%d-%d@load.example"},' ..
    '"subject":"Printer jams on page two",' ..
    '"body":"It jams every time I print more than one page, order ORD-%d","channel":"api"}',
    counter, run, counter, counter)
  return wrk.format(nil, "/api/v1/cases", nil, body)
end
