--[[
The plain-interpreter side of the host/interpreter benchmark (make bench-quick, BENCHMARKS.md).

usage: lua5.4 Benchmarks/driver.lua DIR REPEAT

DIR is a project written by `policy-bench generate`, with driver-data.lua: per instrument a
function that builds the ctx, and per indicator a function that builds its view, each a table
constructor holding exactly what the Swift host builds. Like the host, this driver builds fresh
tables for every instrument and indicator (by calling those constructors), provides the same
`policy` entries the benchmark plugin uses (latest, expected, explain, THRESHOLDS), calls the
plugin's indicator hook for every indicator, and checks every result against the contract.
It prints the time per indicator evaluation in nanoseconds.
]]

local dir, repeat_count = arg[1], tonumber(arg[2] or "1")
package.path = dir .. "/plugins/lib/?.lua;" .. package.path
local data = dofile(dir .. "/driver-data.lua")

local function days(date)
  local y, m, d = date:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  y = m <= 2 and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
end

local explanation = {}
policy = {
  API_LEVEL = 1,
  THRESHOLDS = { on_track_gap = 0.10, at_risk_gap = 0.25 },
  explain = function(text) explanation[#explanation + 1] = text end,
  log = function() end,
  latest = function(indicator) return indicator.values[#indicator.values] end,
  -- the standard rule without intermediate targets: time from 1 January of the baseline year
  -- (or the instrument's start if later) to the target date
  expected = function(indicator, ctx)
    local start = math.max(days(indicator.baseline.year .. "-01-01"), days(ctx.instrument.period.start))
    local finish = days(indicator.target.date)
    if finish <= start then return 1 end
    local fraction = (days(ctx.as_of) - start) / (finish - start)
    return math.max(0, math.min(1, fraction))
  end,
}

local plugins = {}
for _, instrument in ipairs(data) do
  if plugins[instrument.plugin] == nil then
    plugins[instrument.plugin] = dofile(dir .. "/plugins/" .. instrument.plugin .. ".lua")
  end
end

local statuses = { achieved = true, ["on-track"] = true, ["at-risk"] = true, ["off-track"] = true,
  ["not-started"] = true, ["no-data"] = true }
local allowed = { status = true, progress = true, note = true }

local function check(result)
  if result == nil then return end
  assert(type(result) == "table", "result must be a table")
  for key in pairs(result) do assert(allowed[key], "unknown key") end
  assert(statuses[result.status], "bad status")
  local progress = result.progress
  if progress ~= nil then
    assert(type(progress) == "number" and progress == progress and progress ~= math.huge and progress ~= -math.huge)
  end
  if result.note ~= nil then assert(type(result.note) == "string") end
end

local evaluations = 0
local start = os.clock()
for _ = 1, repeat_count do
  for _, instrument in ipairs(data) do
    local hook = plugins[instrument.plugin].indicator
    local ctx = instrument.ctx()
    for _, build in ipairs(instrument.indicators) do
      explanation = {}
      check(hook(build(), ctx))
      evaluations = evaluations + 1
    end
  end
end
local elapsed = os.clock() - start
print(string.format("%.1f", elapsed * 1e9 / evaluations))
