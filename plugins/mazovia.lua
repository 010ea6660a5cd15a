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

Statuses: indicator hook: nil, at-risk, off-track, or (milestone reached) whatever the standard
rules give: achieved, on-track, at-risk, off-track, not-started, no-data.
Instrument hook: nil, achieved, on-track, at-risk, off-track.
]]

local scoring = require("scoring")

-- The share of an intermediate target below which an indicator is off-track (rule 1).
local MILESTONE_TOLERANCE = 0.85
-- The shares of the money on course for the programme's status (rule 2).
local ON_TRACK_SHARE = 0.85
local AT_RISK_SHARE = 0.60

-- Rule 2 needs each indicator's allocation, but the instrument hook only receives the results.
-- So the indicator hook writes the allocations down here, per instrument, as it sees them.
local allocation_of = {} -- allocation_of[instrument id][indicator id] = EUR

local function remember_allocation(indicator, ctx)
  local known = allocation_of[ctx.instrument.id]
  if known == nil then
    known = {}
    allocation_of[ctx.instrument.id] = known
  end
  known[indicator.id] = indicator.allocation
end

-- The latest intermediate target due on or before the evaluation date, or nil.
local function latest_due_milestone(indicator, as_of)
  local due = nil
  for _, milestone in ipairs(indicator.intermediate_targets) do
    if policy.compare_dates(milestone.date, as_of) <= 0 then due = milestone end
  end
  return due
end

local function judge_indicator(indicator, ctx)
  remember_allocation(indicator, ctx)

  local milestone = latest_due_milestone(indicator, ctx.as_of)
  if milestone == nil then
    return nil -- no intermediate target due yet: standard rules
  end
  local current = policy.total(indicator)
  local progress = policy.progress(indicator, current)
  local needed = policy.progress(indicator, milestone.value)
  if progress == nil or needed == nil or needed <= 0 or progress >= 1 then
    return nil -- no value yet, a milestone at the baseline, or final target reached: standard rules
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

local function roll_up(instrument, results, ctx)
  local known = allocation_of[instrument.id]
  if known == nil then return nil end

  local progress_parts = {}
  local money, on_course, achieved = 0, 0, 0
  for _, id in ipairs(instrument.indicator_ids) do
    local eur = known[id]
    local result = results.indicators[id]
    if scoring.is_number(eur) and eur > 0 and result ~= nil then
      money = money + eur
      if result.status == "achieved" then
        achieved = achieved + eur
        on_course = on_course + eur
      elseif result.status == "on-track" then
        on_course = on_course + eur
      end
      progress_parts[#progress_parts + 1] = { value = result.progress, weight = eur }
      policy.explain(string.format("%s: EUR %s, %s.", id, scoring.thousands(eur), result.status))
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
  local standard = policy.standard.instrument(instrument, results, ctx)
  return {
    progress = scoring.weighted_average(progress_parts),
    status = status,
    note = scoring.percent(share) .. " of the allocation on course",
    improved = standard.improved == true,
  }
end

return {
  name = "mazovia",
  api_level = 1,
  instruments = { "pl-mazowsze-efm" },
  indicator = judge_indicator,
  instrument = roll_up,
}
