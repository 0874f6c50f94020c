-- One wrk scenario, filled in by scripts/bench.d/bench.py (the @@NAME@@ placeholders).
--
-- Each thread takes its share of the lines of @@IDS@@ (cart ids or merchant tokens). With @@ONCE@@ each line is
-- used for one request only (a cart is completed or gets its first merchant once); when a thread runs out it
-- stops itself, so the rate is (counted answers) / (time until the last thread stopped). Otherwise the lines
-- are used round-robin for the whole run.
-- Only answers with the expected status (and, when given, containing @@MATCH@@) count as successes; wrk's
-- own request count is reported too, so a run that mostly failed cannot pass for a fast one.

-- Wall-clock microseconds (LuaJIT FFI): wrk's main thread always sleeps the whole -d, so a once-mode run is
-- timed from its first request to its last counted answer instead.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
]]
local function now_us()
    local tv = ffi.new("bench_timeval")
    ffi.C.gettimeofday(tv, nil)
    return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end

local threads = {}
local thread_count = 0

function setup(thread)
    thread_count = thread_count + 1
    thread:set("thread_index", thread_count - 1)
    table.insert(threads, thread)
end

-- Globals, not locals: done() reads ok and bad from each thread with thread:get.
ids = {}
next_id = 1
ok = 0
bad = 0
first_us = 0
last_us = 0
local method = "@@METHOD@@"
local path_pattern = "@@PATH@@"
local header_name = "@@HEADER@@"
local header_pattern = "@@HEADER_VALUE@@"
local body = @@BODY@@
local once = @@ONCE@@
local expect_status = @@STATUS@@
local match = @@MATCH@@
local counter = 0

function init(args)
    local n = 0
    local index = thread_index or 0
    for line in io.lines("@@IDS@@") do
        if n % @@THREADS@@ == index then table.insert(ids, line) end
        n = n + 1
    end
    -- Fewer lines than threads (e.g. one constant request): every thread uses them all.
    if #ids == 0 then
        for line in io.lines("@@IDS@@") do table.insert(ids, line) end
    end
    -- wrk calls request() once on the first thread to check it before any connection: give that call a copy
    -- of the first line, so no cart is skipped in once-mode.
    if index == 0 and #ids > 0 then
        ids[0] = ids[1]
        next_id = 0
    end
end

local function fill(pattern, id)
    counter = counter + 1
    local value = pattern:gsub("{id}", id)
    value = value:gsub("{n}", tostring(thread_index or 0) .. "-" .. tostring(counter))
    return value
end

function request()
    if first_us == 0 then first_us = now_us() end
    local id = ids[next_id]
    if id == nil then
        if once then
            -- Nothing left for this thread, but wrk wants a request: a cheap one whose answer names
            -- "bench-idle" and is not counted, until the thread's last real answer stops it.
            return wrk.format("GET", "@@IDLE_PATH@@")
        end
        next_id = 1
        id = ids[1]
    end
    next_id = next_id + 1
    local headers = {}
    if header_name ~= "" then headers[header_name] = fill(header_pattern, id) end
    if body ~= nil then headers["content-type"] = "application/json" end
    return wrk.format(method, fill(path_pattern, id), headers, body)
end

function response(status, headers, response_body)
    if once and response_body ~= nil and response_body:find("bench-idle", 1, true) then return end
    if status == expect_status and (match == "" or (response_body ~= nil and response_body:find(match, 1, true))) then
        ok = ok + 1
    else
        bad = bad + 1
        if bad <= 3 then io.stderr:write("unexpected answer " .. status .. ": " .. tostring(response_body):sub(1, 300) .. "\n") end
    end
    if once and ok + bad >= #ids then
        -- This thread is done: note when, tell bench.py (it interrupts wrk once every thread is), go quiet.
        last_us = now_us()
        local marker = io.open("@@IDS@@.done." .. tostring(thread_index or 0), "w")
        marker:write(tostring(last_us))
        marker:close()
        wrk.thread:stop()
    end
end

function done(summary, latency, requests)
    local total_ok, total_bad, first, last = 0, 0, nil, 0
    for _, thread in ipairs(threads) do
        total_ok = total_ok + (thread:get("ok") or 0)
        total_bad = total_bad + (thread:get("bad") or 0)
        local started, finished = thread:get("first_us") or 0, thread:get("last_us") or 0
        if started > 0 and (first == nil or started < first) then first = started end
        if finished > last then last = finished end
    end
    -- Once-mode: from the first request to the last thread's last answer (0 when some thread did not finish).
    local span = 0
    if once and first ~= nil and last > first then span = last - first end
    io.write(string.format(
        'WRKJSON {"requests":%d,"duration_us":%d,"ok":%d,"bad":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
        '"mean_us":%.1f,"max_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,' ..
        '"status_errors":%d,"span_us":%d}\n',
        summary.requests, summary.duration, total_ok, total_bad, latency:percentile(50), latency:percentile(90),
        latency:percentile(99), latency.mean, latency.max, summary.errors.connect, summary.errors.read,
        summary.errors.write, summary.errors.timeout, summary.errors.status, span))
end
