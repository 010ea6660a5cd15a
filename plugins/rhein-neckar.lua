--[[
Verband Region Rhein-Neckar (Metropolitan Region Rhine-Neckar)
Regional development concept "Rhine-Neckar - Connect Innovation!", instrument
de-rhein-neckar-connect-innovation

Social economy is one of the four key fields of the concept. Much of what we follow is not
counted in numbers but in steps: a network is founded, then meets regularly, then runs joint
projects. Such indicators are "qualitative": their values are levels of a scale
(`scale` in the instrument file, worst first).

1. Qualitative indicators are read step by step. A level counts only once it is reached,
   so we compare whole steps, not fractions:
     - the target level reached                          -> "achieved"
     - no step taken yet, and none expected yet          -> "not-started"
     - as many steps as expected by now (or more)        -> "on-track"
     - one step behind                                   -> "at-risk"
     - two or more steps behind                          -> "off-track"
   "Expected by now" is the expected progress (time elapsed) times the steps from the baseline
   level to the target level, rounded down. Progress is the share of steps taken.
   Other indicators: the standard rules.

2. Actions: a completed action is judged by what it achieved (the `achievement` of its latest
   update): "partly" -> "at-risk", "not" -> "off-track" (it is over and fell short);
   "fully" or not given -> the standard rules.

Statuses (declared in `statuses` below, covered by plugins/tests/rhein-neckar.yaml):
indicator hook: nil, achieved, not-started, on-track, at-risk, off-track.
Action hook: nil, at-risk, off-track.
]]

local scoring = require("scoring")
local plan = require("plan")

-- The position of a level in the scale (1 = the first, worst level), or nil.
local function step_of(indicator, level)
  for position, name in ipairs(indicator.scale) do
    if name == level then return position end
  end
  return nil
end

local function judge_indicator(indicator, ctx)
  if indicator.measure ~= "qualitative" then
    return nil -- counted indicators: standard rules
  end
  local latest = policy.latest(indicator)
  if latest == nil then
    return nil -- nothing reported yet: standard rules
  end

  local baseline = step_of(indicator, indicator.baseline.value)
  local target = step_of(indicator, indicator.target.value)
  local current = step_of(indicator, latest.value)
  if baseline == nil or target == nil or current == nil or target <= baseline then
    return nil -- not a readable scale: standard rules
  end

  local needed = target - baseline
  local taken = current - baseline
  -- the standard result's expected progress: its timeline starts no earlier than the
  -- instrument (policy.expected counts from 1 January of the baseline year only)
  local expected = policy.standard.indicator(indicator, ctx).expected or 0
  local expected_steps = math.floor(expected * needed + 1e-9)
  local progress = taken / needed

  local status
  if taken >= needed then
    status = "achieved"
  elseif taken <= 0 and expected_steps == 0 then
    status = "not-started"
  elseif taken >= expected_steps then
    status = "on-track"
  elseif expected_steps - taken == 1 then
    status = "at-risk"
  else
    status = "off-track"
  end
  policy.explain(string.format('Level "%s": %d of %d steps from "%s" to "%s" taken, %d expected by now: %s.',
    latest.value, taken, needed, indicator.baseline.value, indicator.target.value, expected_steps, status))
  return {
    progress = progress,
    status = status,
    note = string.format("%d of %d steps (%s)", taken, needed, scoring.percent(progress)),
  }
end

local BY_ACHIEVEMENT = { partly = "at-risk", ["not"] = "off-track" }

local function judge_action(action)
  local latest = plan.latest_update(action)
  if latest == nil or latest.status ~= "completed" then return nil end
  local status = BY_ACHIEVEMENT[latest.achievement]
  if status == nil then return nil end -- fully achieved, or not said: standard rules
  policy.explain(string.format('Completed in %s with achievement "%s": %s.', latest.period, latest.achievement, status))
  return { status = status, note = latest.achievement .. " achieved" }
end

return {
  name = "rhein-neckar",
  api_level = 1,
  instruments = { "de-rhein-neckar-connect-innovation" },
  indicator = judge_indicator,
  action = judge_action,
  -- the statuses each hook can return (policy-tracker test checks that fixtures produce them all)
  statuses = {
    indicator = { "achieved", "not-started", "on-track", "at-risk", "off-track" },
    action = { "at-risk", "off-track" },
  },
}
