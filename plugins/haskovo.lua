--[[
Haskovo Municipality
Integrated Development Plan of Haskovo Municipality 2021-2027, instrument bg-haskovo-idp

Social entrepreneurship is part of the plan's fair transition to a circular and green economy;
the municipality aims to start a social enterprise in the community. Several of our indicators
are therefore milestones: things that happen or not (a social enterprise registered, a support
scheme adopted by the Municipal Council).

1. Milestone indicators (value true or false):
     - reached (true)                                -> "achieved"
     - not reached and the target date has passed   -> "off-track"
     - not reached, less than six months to go       -> "at-risk"
     - otherwise                                     -> the standard rules
   Other indicators: the standard rules.

2. The plan as a whole is integrated: it is only as good as both its results (indicators) and
   its actions. We take the standard roll-up and compare it with the state of the actions:
     - all actions achieved                         -> actions "achieved"
     - at least two thirds achieved or on-track     -> actions "on-track"
     - at least one third                           -> actions "at-risk"
     - less                                         -> actions "off-track"
   The plan's status is the worse of the two. Progress and "improved" stay as the standard
   rules give them.

   Actions that are "not-started" or "no-data" are not counted: they say nothing yet about how
   the plan is carried out (before any action has started, the plan is not off-track).

Statuses (declared in `statuses` below, covered by plugins/tests/haskovo.yaml):
indicator hook: nil, achieved, off-track, at-risk.
Instrument hook: nil when an item is "error" (the standard roll-up reports it), else always a
result. Its status is the worse of the standard roll-up and the actions' status (achieved,
on-track, at-risk, off-track; "not-started" ranks between on-track and at-risk); when no action
is counted, or the standard says "no-data", the other one decides, so any status can come out:
achieved, on-track, not-started, at-risk, off-track, no-data (no-data only when both say
nothing).
]]

local scoring = require("scoring")

local DAYS_BEFORE_TARGET = 183 -- about six months

local function judge_indicator(indicator, ctx)
  if indicator.measure ~= "milestone" then
    return nil -- counted indicators: standard rules
  end
  local latest = policy.latest(indicator)
  if latest ~= nil and latest.value == true then
    policy.explain(string.format("Milestone reached (reported for %s).", latest.period))
    return { progress = 1, status = "achieved", note = "reached" }
  end

  local days_left = policy.days_between(ctx.as_of, indicator.target.date)
  if days_left < 0 then
    policy.explain(string.format("Milestone not reached and its target date %s has passed.", indicator.target.date))
    return { progress = 0, status = "off-track", note = "target date passed" }
  end
  if days_left < DAYS_BEFORE_TARGET then
    policy.explain(string.format("Milestone not reached, %d days before its target date %s.",
      days_left, indicator.target.date))
    return { progress = 0, status = "at-risk", note = string.format("%d days left", days_left) }
  end
  return nil -- time enough: standard rules
end

-- The status of the action plan from the share of actions achieved or on-track (rule 2).
local function actions_status(instrument, results)
  local counted, achieved, on_course = 0, 0, 0
  for _, id in ipairs(instrument.action_ids) do
    local result = results.actions[id]
    if result ~= nil and result.status ~= "no-data" and result.status ~= "not-started" then
      counted = counted + 1
      if result.status == "achieved" then achieved = achieved + 1 end
      if result.status == "achieved" or result.status == "on-track" then on_course = on_course + 1 end
    end
  end
  if counted == 0 then return nil, "no action under way" end
  local share = on_course / counted
  local summary = string.format("%d of %d actions achieved or on-track", on_course, counted)
  if achieved == counted then return "achieved", summary end
  if share >= 2 / 3 then return "on-track", summary end
  if share >= 1 / 3 then return "at-risk", summary end
  return "off-track", summary
end

local function roll_up(instrument, results, ctx)
  if scoring.has_error(results) then
    return nil -- an item could not be evaluated: the standard roll-up reports the error
  end
  local standard = policy.standard.instrument(instrument, results, ctx)
  local of_actions, summary = actions_status(instrument, results)
  local status = scoring.worse(standard.status, of_actions)
  policy.explain(string.format("Standard roll-up: %s; %s (%s); the integrated plan is %s.",
    standard.status, summary, of_actions or "not judged", status))
  return scoring.result_for("instrument", standard, { status = status, note = summary })
end

return {
  name = "haskovo",
  api_level = 1,
  instruments = { "bg-haskovo-idp" },
  indicator = judge_indicator,
  instrument = roll_up,
  -- the statuses each hook can return (policy-tracker test checks that fixtures produce them all)
  statuses = {
    indicator = { "achieved", "off-track", "at-risk" },
    instrument = { "achieved", "on-track", "not-started", "at-risk", "off-track", "no-data" },
  },
}
