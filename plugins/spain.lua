--[[
Spanish partner
ESF+ programme 2021-2027, Action 6 "Access to employment - social economy - incentives for a
stable economy", instrument es-esf-action6

Action 6 pays incentives to social economy enterprises for stable jobs. Money moves in two
steps: a call for applications is published, then a grant decision (resolution) awards the
incentives. Our rules follow these steps.

1. Indicators: estimates do not count. Only provisional and approved values (figures checked
   against the grant files) are used. When the latest figures are estimates, we judge the
   indicator on the figures that are not: for an indicator that adds up per period
   (incremental) the sum of those; otherwise the latest of them. When every value is an
   estimate, the status is "no-data". Without estimates, the standard rules apply.
   An incremental indicator adds its periods to its baseline, as the standard rules do.

2. Actions:
   - an action counts as "achieved" only when a grant decision is on file (an update cites
     evidence of kind "decision" or "amended-programme"); completed with only a call on file it
     is "on-track" (awaiting the resolution); completed with neither it is "at-risk";
   - an action of type "new-projects" (one that funds projects through incentives) that is
     "in progress" for more than six months without a published call on file (evidence of
     kind "call") is "at-risk": incentives cannot flow without a call.
   Otherwise the standard rules apply.

Statuses (declared in `statuses` below, covered by plugins/tests/spain.yaml):
indicator hook: nil, no-data (only estimates), or from the checked figures: achieved,
on-track, at-risk, off-track, not-started (scoring.status_from with the standard thresholds).
Action hook: nil, on-track, at-risk.
]]

local scoring = require("scoring")
local evidence = require("evidence")
local plan = require("plan")

local DECISION_KINDS = { "decision", "amended-programme" }
local CALL_KINDS = { "call" }
local DAYS_WITHOUT_CALL = 183 -- about six months

-- The current value using only the entries that are not estimates (rule 1).
-- Returns the value (or nil) and how many entries were used.
local function total_without_estimates(indicator)
  local used = {}
  for _, entry in ipairs(indicator.values) do
    if entry.quality ~= "estimated" then used[#used + 1] = entry end
  end
  if #used == 0 then return nil, 0 end
  if indicator.accumulation == "incremental" then
    local sum = indicator.baseline.value -- the standard rules count from the baseline too
    for _, entry in ipairs(used) do sum = sum + entry.value end
    return sum, #used
  end
  return used[#used].value, #used -- cumulative or level: the latest counts
end

local function judge_indicator(indicator, ctx)
  local estimates = 0
  for _, entry in ipairs(indicator.values) do
    if entry.quality == "estimated" then estimates = estimates + 1 end
  end
  if estimates == 0 then
    return nil -- no estimates: standard rules
  end

  local value, used = total_without_estimates(indicator)
  if value == nil then
    policy.explain(string.format("All %d reported values are estimates; estimates do not count.", estimates))
    return { status = "no-data", note = "only estimates reported" }
  end
  local progress = policy.progress(indicator, value)
  if progress == nil then
    return nil -- not comparable with the baseline and target: standard rules
  end
  -- the standard result's expected progress: its timeline starts no earlier than the
  -- instrument (policy.expected counts from 1 January of the baseline year only)
  local expected = policy.standard.indicator(indicator, ctx).expected
  local status = scoring.status_from(progress, expected)
  policy.explain(string.format("%d estimated value(s) left out; %d checked value(s) give %s: progress %s, expected %s.",
    estimates, used, tostring(value), scoring.percent(progress), scoring.percent(expected)))
  return { progress = progress, status = status, note = "estimates left out" }
end

local function judge_action(action, ctx)
  local standard = policy.standard.action(action, ctx)
  local latest = plan.latest_update(action)

  if standard.status == "achieved" then
    local decision = evidence.in_updates(action, ctx, DECISION_KINDS)
    if decision ~= nil then
      return nil -- proved by a decision: the standard "achieved" stands
    end
    if evidence.in_updates(action, ctx, CALL_KINDS) ~= nil then
      policy.explain("Completed, the call is on file but no grant decision yet: on-track.")
      return { status = "on-track", note = "awaiting the grant decision" }
    end
    policy.explain("Completed, but neither a call nor a grant decision is on file: at-risk.")
    return { status = "at-risk", note = "no call or decision on file" }
  end

  if action.type == "new-projects" and latest ~= nil and latest.status == "in-progress"
      and policy.days_between(action.start, ctx.as_of) > DAYS_WITHOUT_CALL
      and evidence.in_updates(action, ctx, CALL_KINDS) == nil then
    policy.explain(string.format("In progress since %s (more than %d days) and no call is on file: at-risk.",
      action.start, DAYS_WITHOUT_CALL))
    return { status = "at-risk", note = "no call published yet" }
  end

  return nil -- standard rules
end

return {
  name = "spain",
  api_level = 1,
  instruments = { "es-esf-action6" },
  indicator = judge_indicator,
  action = judge_action,
  -- the statuses each hook can return (policy-tracker test checks that fixtures produce them all)
  statuses = {
    indicator = { "no-data", "achieved", "on-track", "at-risk", "off-track", "not-started" },
    action = { "on-track", "at-risk" },
  },
}
