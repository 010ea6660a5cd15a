--[[
scoring: turning numbers into statuses, shared by the region plugins.

Use it from a plugin with

    local scoring = require("scoring")

Everything here is a plain function of its arguments: nothing is read from or written to
anywhere else, and no argument is ever changed (the tables a hook receives are read-only).
The only thing read from `policy` is policy.THRESHOLDS, once, when the module loads.

Progress and expected progress are fractions of the way from baseline to target:
0 = still at the baseline, 1 = target reached, 0.5 = half way.
]]

local scoring = {}

--- The thresholds used by scoring.status_from, named so that a rule can say which it uses.
--- A "shortfall" is expected progress minus actual progress (0.10 = ten percentage points of the
--- way to the target). They are the standard rules' own (policy.THRESHOLDS), so a plugin that
--- uses them judges exactly as the standard rules do. Copy and change this table in your plugin
--- to use other thresholds; do not change it here, other plugins rely on it.
scoring.THRESHOLDS = {
  on_track = policy.THRESHOLDS.on_track_gap, -- shortfall up to this much (0.10): "on-track"
  at_risk = policy.THRESHOLDS.at_risk_gap,   -- up to this much (0.25): "at-risk"; more: "off-track"
}

--- How bad each status is, best first. "no-data" is not ranked: it says nothing about
--- how things go, so scoring.worse ignores it.
scoring.RANK = {
  ["achieved"] = 1,
  ["on-track"] = 2,
  ["not-started"] = 3,
  ["at-risk"] = 4,
  ["off-track"] = 5,
}

--- True when x is a finite number (not nil, not a string, not infinite, not NaN).
function scoring.is_number(x)
  return type(x) == "number" and x == x and x ~= math.huge and x ~= -math.huge
end

--- Keeps x between lo and hi.
function scoring.clamp(x, lo, hi)
  if x < lo then return lo end
  if x > hi then return hi end
  return x
end

--- A fraction written as a percentage for notes and explanations: 0.456 -> "46%".
function scoring.percent(fraction)
  if not scoring.is_number(fraction) then return "n/a" end
  return string.format("%d%%", math.floor(fraction * 100 + 0.5))
end

--- A whole number with thousands separators, for money in notes: 12500000 -> "12,500,000".
function scoring.thousands(n)
  if not scoring.is_number(n) then return "n/a" end
  local digits = string.format("%d", math.floor(math.abs(n) + 0.5))
  local grouped = digits:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  if n < 0 then grouped = "-" .. grouped end
  return grouped
end

--- The status of an item from its progress and the progress expected by now.
--- thresholds: optional table like scoring.THRESHOLDS.
---   progress nil                       -> "no-data"
---   progress >= 1                      -> "achieved"
---   nothing expected yet, nothing done -> "not-started"
---   shortfall <= thresholds.on_track   -> "on-track"
---   shortfall <= thresholds.at_risk    -> "at-risk"
---   otherwise                          -> "off-track"
function scoring.status_from(progress, expected, thresholds)
  local t = thresholds or scoring.THRESHOLDS
  if not scoring.is_number(progress) then return "no-data" end
  if progress >= 1 then return "achieved" end
  if not scoring.is_number(expected) or expected <= 0 then
    if progress > 0 then return "on-track" end
    return "not-started"
  end
  local shortfall = expected - progress
  if shortfall <= t.on_track then return "on-track" end
  if shortfall <= t.at_risk then return "at-risk" end
  return "off-track"
end

--- The weighted average of a list of { value = number|nil, weight = number } entries.
--- Entries without a value or with a weight of 0 or less are left out.
--- Returns the average (nil when nothing is left) and the total weight used.
function scoring.weighted_average(entries)
  local sum, total = 0, 0
  for _, entry in ipairs(entries) do
    if scoring.is_number(entry.value) and scoring.is_number(entry.weight) and entry.weight > 0 then
      sum = sum + entry.value * entry.weight
      total = total + entry.weight
    end
  end
  if total == 0 then return nil, 0 end
  return sum / total, total
end

--- Every status an item can have: the ranked ones, "no-data" and "error" (set by the tool
--- when a rule fails). Anything else passed to worse, worst or downgrade is a mistake (a typo
--- such as "ontrack") and raises an error at the caller's line, rather than vanishing.
local KNOWN = { ["no-data"] = true, ["error"] = true }
for status in pairs(scoring.RANK) do KNOWN[status] = true end
local KNOWN_LIST = "achieved, on-track, at-risk, off-track, not-started, no-data"

-- Raises, at the line that called the public function (level 3), when `status` is not nil and
-- not a known status.
local function check_status(status, fn, what)
  if status ~= nil and not KNOWN[status] then
    error(string.format("%s: %s is %s, which is not a status (%s)", fn, what,
      type(status) == "string" and ("'" .. status .. "'") or ("a " .. type(status)), KNOWN_LIST), 3)
  end
end

local function worse(a, b)
  local ra, rb = scoring.RANK[a], scoring.RANK[b]
  if ra == nil then return b end
  if rb == nil then return a end
  if rb > ra then return b end
  return a
end

--- The worse of two statuses. "no-data" and "error" are not ranked: the other one wins (check
--- errors with scoring.has_error). nil stands for "none yet". An unknown status is an error.
function scoring.worse(a, b)
  check_status(a, "scoring.worse", "the first status")
  check_status(b, "scoring.worse", "the second status")
  return worse(a, b)
end

--- The worst status of a list (nil when the list holds only "no-data" or nothing).
--- An unknown status in the list is an error.
function scoring.worst(statuses)
  local result = nil
  for index, status in ipairs(statuses) do
    check_status(status, "scoring.worst", "entry " .. index)
    if scoring.RANK[status] then result = worse(result, status) end
  end
  return result
end

--- One step worse: achieved -> on-track -> at-risk -> off-track.
--- "not-started", "no-data", "error" and "off-track" stay as they are. An unknown status is an error.
local ONE_STEP_WORSE = {
  ["achieved"] = "on-track",
  ["on-track"] = "at-risk",
  ["at-risk"] = "off-track",
}
function scoring.downgrade(status)
  check_status(status, "scoring.downgrade", "the status")
  return ONE_STEP_WORSE[status] or status
end

--- True when any item in `results` (the second argument of the instrument hook) has the
--- status "error" (its rule failed). An instrument hook should then return nil: the standard
--- roll-up reports the instrument as "error", and a hook may not return "error" itself.
function scoring.has_error(results)
  for _, group in ipairs({ results.indicators, results.actions }) do
    for _, result in pairs(group) do
      if result.status == "error" then return true end
    end
  end
  return false
end

--- Which keys each hook may return (anything else is an error in the host).
local ALLOWED = {
  indicator = { "progress", "status", "note" },
  action = { "status", "note" },
  instrument = { "progress", "status", "note", "improved" },
}

--- A clean copy of a result that keeps only the keys the hook `kind` ("indicator", "action" or
--- "instrument") may return. Use it to return a standard result, possibly changed:
---     local result = scoring.result_for("indicator", policy.standard.indicator(indicator, ctx))
--- `changes` (optional) replaces some keys, e.g. { status = "at-risk", note = "..." }.
--- A progress that is not a finite number becomes nil.
function scoring.result_for(kind, result, changes)
  local keys = ALLOWED[kind]
  if keys == nil then error("scoring.result_for: unknown hook kind " .. tostring(kind), 2) end
  local copy = {}
  for _, key in ipairs(keys) do
    local value = result[key]
    if changes and changes[key] ~= nil then value = changes[key] end
    copy[key] = value
  end
  if copy.progress ~= nil and not scoring.is_number(copy.progress) then copy.progress = nil end
  return copy
end

return scoring
