--[[
The benchmark's region rules: as costly as the shipped plugins (they read the values, call
policy helpers, format explanations, use a shared module), but with no call into the standard
rules, so that the same file runs unchanged under the plain lua5.4 interpreter (driver.lua).
The generator copies it to plugins/<region>.lua with the region's name and instruments.
]]

local lib = require("benchlib")

local function judge_indicator(indicator, ctx)
  local latest = policy.latest(indicator)
  if latest == nil then
    policy.explain("no value reported up to " .. ctx.period.id)
    return { status = "no-data" }
  end
  local baseline, target = indicator.baseline.value, indicator.target.value
  local progress = lib.progress(latest.value, baseline, target)
  local expected = policy.expected(indicator, ctx) or 0
  local band = lib.THRESHOLDS
  if latest.quality ~= "approved" then band = lib.CAUTIOUS end
  local status = lib.status_from(progress, expected, band)
  local days = lib.days_between(latest.reported_on, ctx.as_of)
  policy.explain(string.format("%s: %s %s in %s (%s, %d days old): progress %s of %s expected: %s",
    indicator.id, tostring(latest.value), indicator.unit, latest.period, latest.quality, days,
    lib.percent(progress), lib.percent(expected), status))
  local corrections = 0
  for _, entry in ipairs(indicator.values) do
    if entry.note ~= nil then corrections = corrections + 1 end
  end
  return { status = status, progress = progress, note = corrections > 0 and "with notes" or nil }
end

return {
  name = "REGION",
  api_level = 1,
  instruments = { INSTRUMENTS },
  indicator = judge_indicator,
}
