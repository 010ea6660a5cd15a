--[[
The plain-interpreter side of the host/interpreter benchmark (make bench-quick, BENCHMARKS.md).

usage: lua5.4 Benchmarks/driver.lua DIR REPEAT [MODE]

DIR is a project written by `policy-bench generate`. Like the Swift host, the driver builds fresh
tables for every instrument and indicator, provides the same `policy` entries the benchmark
plugin uses (latest, expected, explain, THRESHOLDS), calls the plugin's indicator hook for every
indicator and checks every result against the contract. It prints the time per indicator
evaluation in nanoseconds (os.clock(), process CPU time). MODE says where its tables come from:

  model   (the default: what the issue asks) driver-model.lua holds the project as plain Lua
          data, as the host holds it in Swift after loading: every reported value in file order,
          every evidence item, dates as text and as day numbers. At each evaluation the driver
          selects what is visible at the dates (values reported by then, the latest per period,
          up to the current period; evidence dated by then) and writes the tables with
          constructors, as the host writes them from its model.
  tables  driver-data.lua holds, per instrument and per indicator, a function whose single table
          constructor returns the finished table (content computed beforehand, strings
          interned when the file was compiled): the least work any Lua program can do to get
          fresh tables, a floor below the real job.
  verify  builds every table both ways once and fails unless they are equal; prints nothing.
]]

local dir, repeat_count, mode = arg[1], tonumber(arg[2] or "1"), arg[3] or "model"
package.path = dir .. "/plugins/lib/?.lua;" .. package.path

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
policy = { -- luacheck: ignore 111 (the global the plugins read, as in the host)
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

-- ---- the tables built from the model, as the host builds them (LuaViews) ----

local function copy_array(list)
  local result = {}
  for i = 1, #list do result[i] = list[i] end
  return result
end

local function copy_record(record)
  local result = {}
  for key, value in next, record do result[key] = value end
  return result
end

local function value_view(entry)
  return { period = entry.period, value = entry.value, reported_on = entry.reported_on,
    quality = entry.quality, source = entry.source, illustrative = entry.illustrative,
    evidence = copy_array(entry.evidence), note = entry.note }
end

local function target_view(target)
  return { value = target.value, date = target.date, source = target.source, illustrative = target.illustrative }
end

local byte, sub, tonumber = string.byte, string.sub, tonumber

local function indicator_view(model, known_on, period_index)
  -- per period the latest value reported on or before known_on (the later in the file on a tie)
  local latest, reported = {}, 0
  for _, entry in ipairs(model.values) do
    if entry.reported_day <= known_on then
      local period = entry.period
      local number = byte(period, 1) == 80 and byte(period, 2) ~= 48 and tonumber(sub(period, 2))
      if number and number <= period_index then
        reported = reported + 1
        local best = latest[number]
        if best == nil or best.reported_day <= entry.reported_day then latest[number] = entry end
      end
    end
  end
  local values = {}
  for number = 1, period_index do
    local entry = latest[number]
    if entry ~= nil then values[#values + 1] = value_view(entry) end
  end
  local intermediate = {}
  for i, target in ipairs(model.intermediate_targets) do intermediate[i] = target_view(target) end
  local baseline = model.baseline
  return { id = model.id, code = model.code, title = model.title, titles = copy_record(model.titles),
    unit = model.unit, measure = model.measure, ascending = model.ascending,
    accumulation = model.accumulation, allocation = model.allocation,
    baseline = { value = baseline.value, year = baseline.year, source = baseline.source,
      illustrative = baseline.illustrative },
    target = target_view(model.target), intermediate_targets = intermediate, values = values,
    corrections = reported - #values, scale = model.scale and copy_array(model.scale) }
end

local function instrument_view(model, indicators)
  return { id = model.id, partner = model.partner, title = model.title, titles = copy_record(model.titles),
    kind = model.kind, managing_authority = model.managing_authority, funds = copy_array(model.funds),
    programme_code = model.programme_code,
    period = { start = model.period.start, ["end"] = model.period["end"] },
    indicator_ids = copy_array(model.indicator_ids), action_ids = copy_array(model.action_ids),
    indicators = indicators }
end

local function context_view(data, model)
  local evidence = {}
  for _, item in ipairs(model.evidence) do
    if item.day <= data.known_on_day then
      evidence[item.id] = { id = item.id, title = item.title, kind = item.kind, url = item.url,
        path = item.path, sha256 = item.sha256, date = item.date }
    end
  end
  local period, project, partner = data.period, data.project, data.partners[model.partner]
  return { as_of = data.as_of, known_on = data.known_on,
    period = { id = period.id, index = period.index, start = period.start, ["end"] = period["end"],
      phase = period.phase, report_due = period.report_due },
    project = { id = project.id, acronym = project.acronym, name = project.name, start = project.start,
      ["end"] = project["end"] },
    partner = partner and { id = partner.id, name = partner.name, country = partner.country,
      language = partner.language, role = partner.role },
    evidence = evidence }
end

-- Per instrument: the plugin name, then a function that returns the ctx (whose instrument
-- holds the indicator views) and the indicator views, fresh at every call.
local function from_model(data)
  local instruments = {}
  for i, model in ipairs(data.instruments) do
    local period_index = data.period.index
    instruments[i] = { plugin = model.plugin, build = function()
      local views = {}
      for j, indicator in ipairs(model.indicators) do
        views[j] = indicator_view(indicator, data.known_on_day, period_index)
      end
      local ctx = context_view(data, model)
      ctx.instrument = instrument_view(model, views)
      return ctx, views
    end }
  end
  return instruments
end

local function from_tables(data)
  local instruments = {}
  for i, prepared in ipairs(data) do
    instruments[i] = { plugin = prepared.plugin, build = function()
      local views = {}
      for j, build in ipairs(prepared.indicators) do views[j] = build() end
      local ctx = prepared.ctx()
      ctx.instrument.indicators = views
      return ctx, views
    end }
  end
  return instruments
end

local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  for key, value in pairs(a) do
    if not same(value, b[key]) then return false, key end
  end
  for key in pairs(b) do
    if a[key] == nil then return false, key end
  end
  return true
end

if mode == "verify" then
  local model = from_model(dofile(dir .. "/driver-model.lua"))
  local tables = from_tables(dofile(dir .. "/driver-data.lua"))
  assert(#model == #tables and #model > 0, "not the same instruments")
  for i = 1, #model do
    local ctx_a, views_a = model[i].build()
    local ctx_b, views_b = tables[i].build()
    local equal, key = same(ctx_a, ctx_b)
    assert(equal, "instrument " .. i .. ": ctx differs at " .. tostring(key))
    assert(#views_a == #views_b, "instrument " .. i .. ": not the same indicators")
    for j = 1, #views_a do
      equal, key = same(views_a[j], views_b[j])
      assert(equal, "instrument " .. i .. ", indicator " .. j .. " differs at " .. tostring(key))
    end
  end
  os.exit(0)
end

local instruments
if mode == "model" then
  instruments = from_model(dofile(dir .. "/driver-model.lua"))
elseif mode == "tables" then
  instruments = from_tables(dofile(dir .. "/driver-data.lua"))
else
  error("unknown mode '" .. mode .. "' (model, tables or verify)")
end

local plugins = {}
for _, instrument in ipairs(instruments) do
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
  for _, instrument in ipairs(instruments) do
    local hook = plugins[instrument.plugin].indicator
    local ctx, views = instrument.build()
    for i = 1, #views do
      explanation = {}
      check(hook(views[i], ctx))
      evaluations = evaluations + 1
    end
  end
end
local elapsed = os.clock() - start
print(string.format("%.1f", elapsed * 1e9 / evaluations))
