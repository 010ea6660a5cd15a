-- Shared helpers of the benchmark plugins (plugins/lib/benchlib.lua once generated).
local M = {}

M.THRESHOLDS = { on_track = 0.10, at_risk = 0.25 }
M.CAUTIOUS = { on_track = 0.05, at_risk = 0.35 }

function M.progress(value, baseline, target)
  if target == baseline then return value >= target and 1 or 0 end
  return (value - baseline) / (target - baseline)
end

function M.status_from(progress, expected, band)
  if progress >= 1 then return "achieved" end
  local gap = expected - progress
  if gap <= band.on_track then return "on-track" end
  if gap <= band.at_risk then return "at-risk" end
  return "off-track"
end

local function days_from_civil(y, m, d)
  y = m <= 2 and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

function M.days(date)
  local y, m, d = date:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  return days_from_civil(tonumber(y), tonumber(m), tonumber(d))
end

function M.days_between(a, b)
  return M.days(b) - M.days(a)
end

function M.percent(fraction)
  return string.format("%.0f%%", fraction * 100)
end

return M
