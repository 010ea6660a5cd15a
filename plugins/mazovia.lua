--[[
Mazowieckie Voivodeship (Mazovia)
Regional programme "European Funds for Mazowsze 2021-2027", instrument pl-mazowsze-efm

Our rules, in plain words:

1. Indicators are judged against their intermediate targets (the milestones of the programme),
   not only against a straight line to the final target. When an intermediate target is due
   (its date is on or before the evaluation date), we look at the latest one that is due:
     - reached                      -> the standard rules judge the way on to the final target;
     - at least 85% of it reached   -> "at-risk";
     - less than 85% reached        -> "off-track".
   "85%" is measured along the way from the baseline, so it works for indicators where
   smaller is better too. An indicator that has reached its final target, or has no
   intermediate target due yet, is left to the standard rules.

2. The programme as a whole: how much of the money is on course. Each indicator weighs as much
   as the money behind it (`allocation`, EUR). The share of the money whose indicators are
   "achieved" or "on-track" gives the status:
     - all of it achieved        -> "achieved"
     - at least 85% on course    -> "on-track"
     - at least 60% on course    -> "at-risk"
     - less                      -> "off-track"
   The progress shown is the allocation-weighted average progress. Indicators without an
   allocation do not count; if none has one, the standard roll-up applies.

   The instrument hook reads the allocations from `instrument.indicators`.

Statuses (declared in `statuses` below, covered by plugins/tests/mazovia.yaml):
indicator hook: nil, at-risk, off-track, or (intermediate target reached, final target not
yet) the standard status of an indicator that has a value and progress below 1: on-track,
at-risk or off-track. Instrument hook: nil, achieved, on-track, at-risk, off-track.
]]

local scoring = require("scoring")

-- The share of an intermediate target below which an indicator is off-track (rule 1).
local MILESTONE_TOLERANCE = 0.85
-- The shares of the money on course for the programme's status (rule 2).
local ON_TRACK_SHARE = 0.85
local AT_RISK_SHARE = 0.60

-- The latest intermediate target due on or before the evaluation date, or nil.
local function latest_due_milestone(indicator, as_of)
  local due = nil
  for _, milestone in ipairs(indicator.intermediate_targets) do
    if policy.compare_dates(milestone.date, as_of) <= 0 then due = milestone end
  end
  return due
end

local function judge_indicator(indicator, ctx)
  local milestone = latest_due_milestone(indicator, ctx.as_of)
  if milestone == nil then
    return nil -- no intermediate target due yet: standard rules
  end
  local current = policy.total(indicator)
  if current == nil then
    return nil -- nothing reported yet: standard rules
  end
  local progress = policy.progress(indicator, current)
  local needed = policy.progress(indicator, milestone.value)
  if progress == nil or needed == nil or needed <= 0 or progress >= 1 then
    return nil -- not comparable, a milestone at the baseline, or final target reached: standard rules
  end

  local share = progress / needed -- how much of the way to the milestone is done
  local label = string.format("intermediate target %s of %s", tostring(milestone.value), milestone.date)
  if share >= 1 then
    policy.explain(string.format("Value %s reaches the %s.", tostring(current), label))
    local standard = policy.standard.indicator(indicator, ctx)
    return scoring.result_for("indicator", standard, { note = label .. " reached" })
  end

  local status = "off-track"
  if share >= MILESTONE_TOLERANCE then status = "at-risk" end
  policy.explain(string.format("Value %s is %s of the way to the %s (at least %s needed to be at-risk only): %s.",
    tostring(current), scoring.percent(share), label, scoring.percent(MILESTONE_TOLERANCE), status))
  return {
    progress = progress,
    status = status,
    note = string.format("%s of the %s", scoring.percent(share), label),
  }
end

local function roll_up(instrument, results)
  if scoring.has_error(results) then
    return nil -- an item could not be evaluated: the standard roll-up reports the error
  end
  local progress_parts = {}
  local money, on_course, achieved = 0, 0, 0
  for _, indicator in ipairs(instrument.indicators) do
    local eur = indicator.allocation
    local result = results.indicators[indicator.id]
    if scoring.is_number(eur) and eur > 0 and result ~= nil then
      money = money + eur
      if result.status == "achieved" then
        achieved = achieved + eur
        on_course = on_course + eur
      elseif result.status == "on-track" then
        on_course = on_course + eur
      end
      progress_parts[#progress_parts + 1] = { value = result.progress, weight = eur }
      policy.explain(string.format("%s: EUR %s, %s.", indicator.id, scoring.thousands(eur), result.status))
    end
  end
  if money == 0 then return nil end -- no allocations: standard roll-up

  local share = on_course / money
  local status
  if achieved == money then
    status = "achieved"
  elseif share >= ON_TRACK_SHARE then
    status = "on-track"
  elseif share >= AT_RISK_SHARE then
    status = "at-risk"
  else
    status = "off-track"
  end
  policy.explain(string.format("EUR %s of EUR %s (%s) is behind indicators on course: %s.",
    scoring.thousands(on_course), scoring.thousands(money), scoring.percent(share), status))
  -- progress: nil when no allocated indicator has one (the standard progress is kept then);
  -- `improved` is left out: the standard rules decide it.
  return {
    progress = scoring.weighted_average(progress_parts),
    status = status,
    note = scoring.percent(share) .. " of the allocation on course",
  }
end

return {
  name = "mazovia",
  api_level = 1,
  instruments = { "pl-mazowsze-efm" },
  indicator = judge_indicator,
  instrument = roll_up,
  -- the statuses each hook can return (policy-tracker test checks that fixtures produce them all)
  statuses = {
    indicator = { "on-track", "at-risk", "off-track" },
    instrument = { "achieved", "on-track", "at-risk", "off-track" },
  },
}
