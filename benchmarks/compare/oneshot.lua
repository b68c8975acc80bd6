-- wrk: POST /v1/purchases (a one-shot purchase of two lines) for a random seeded member, a unique txId per
-- request, PIPELINE requests written back to back per connection. The same requests go to the bare Netty
-- server, which answers them all with one fixed body. Environment: KEY, MEMBERS, PIPELINE, RUN_ID, CARD_PREFIX.
local key = os.getenv("KEY") or "none"
local members = tonumber(os.getenv("MEMBERS") or "10000")
local depth = tonumber(os.getenv("PIPELINE") or "1")
local run = os.getenv("RUN_ID") or tostring(os.time())
local prefix = os.getenv("CARD_PREFIX") or "777"
local threads = 0
local counter = 0
local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }

function setup(thread)
    thread:set("tid", threads)
    threads = threads + 1
end

function init(args)
    math.randomseed(os.time() + (tid or 0))
end

function request()
    local batch = {}
    for i = 1, depth do
        counter = counter + 1
        local card = string.format("%s%09d", prefix, math.random(1, members))
        local body = string.format('{"txId":"wrk-%s-%d-%d","storeId":"web","member":{"identifier":' ..
            '{"type":"CARD","value":"%s"}},"payment":"CARD","lines":[{"sku":"SKU-1","category":"coffee",' ..
            '"qty":2,"unitPrice":25000},{"sku":"SKU-9","category":"bakery","qty":1,"unitPrice":9000}]}',
            run, tid or 0, counter, card)
        batch[i] = wrk.format("POST", "/v1/purchases", headers, body)
    end
    return table.concat(batch)
end
