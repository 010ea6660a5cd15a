--[[
The plain-interpreter side of the public-call benchmark (policy-bench call, BENCHMARKS.md (g)).

usage: lua5.4 Benchmarks/call-driver.lua CALLS RUNS

Loads the rule of call-rule.lua and calls it CALLS times with a fresh table per call, exactly the
data the Swift host writes (policy-bench call): id from a list of ten, value (i % 137) * 1.0,
baseline 0, target 100, expected (i % 10) / 10. It counts the statuses and sums the progress of
the results (the host does the same, and the benchmark compares both), so that neither side can
skip work. Prints, for the fastest of RUNS runs, the nanoseconds per call (os.clock(), process
CPU time), then the counts: achieved on-track at-risk off-track, and the sum of progress.
]]

local calls, runs = tonumber(arg[1] or "300000"), tonumber(arg[2] or "5")
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local rule = dofile(here .. "/call-rule.lua")

local ids = {}
for k = 0, 9 do ids[k + 1] = "IND-" .. k end

local best, counts, sum = math.huge, nil, nil
for _ = 1, runs do
  local achieved, on_track, at_risk, off_track, total = 0, 0, 0, 0, 0.0
  local start = os.clock()
  for i = 1, calls do
    local result = rule({ id = ids[i % 10 + 1], value = (i % 137) * 1.0, baseline = 0, target = 100, expected = (i % 10) / 10 })
    local status = result.status
    if status == "achieved" then achieved = achieved + 1
    elseif status == "on-track" then on_track = on_track + 1
    elseif status == "at-risk" then at_risk = at_risk + 1
    else off_track = off_track + 1 end
    total = total + result.progress
  end
  local elapsed = os.clock() - start
  if elapsed < best then best = elapsed end
  counts, sum = { achieved, on_track, at_risk, off_track }, total
end
print(string.format("%.1f", best * 1e9 / calls))
print(string.format("%d %d %d %d %.6f", counts[1], counts[2], counts[3], counts[4], sum))
