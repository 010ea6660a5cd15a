--[[
Province of Flemish Brabant
Multi-annual plan 2020-2025 of the Province, instrument be-flemish-brabant-multiannual-plan

The multi-annual plan is reviewed by the provincial council, which asks for a source behind
every figure and every finished action. Our rules reward what is documented.

1. Indicators: the standard rules, then one step worse when the latest value cites no evidence
   on file (achieved -> on-track, on-track -> at-risk, at-risk -> off-track). A figure without a
   source is not yet a result.

2. Actions:
   - one step worse, in the same way, when the latest update cites no evidence on file;
   - once the plan's own period has ended (the `period` of the instrument file), an action that
     is not achieved (and not cancelled) is "off-track": the plan it belonged to is over.

Evidence "on file" means listed in the instrument file and dated on or before the knowledge
date: a document dated later does not count yet.

Statuses (declared in `statuses` below, covered by plugins/tests/flemish-brabant.yaml):
indicator hook: nil, on-track, at-risk, off-track (one step worse than the standard status).
Action hook: nil, off-track (the plan has ended), or one step worse than the standard status:
on-track, at-risk, off-track.
]]

local scoring = require("scoring")
local evidence = require("evidence")
local plan = require("plan")

local function judge_indicator(indicator, ctx)
  local latest = policy.latest(indicator)
  if latest == nil or evidence.count(latest.evidence, ctx) > 0 then
    return nil -- nothing reported, or documented: standard rules
  end
  local standard = policy.standard.indicator(indicator, ctx)
  local status = scoring.downgrade(standard.status)
  if status == standard.status then
    return nil -- already off-track, not started or without data: nothing to add
  end
  policy.explain(string.format("The latest value (%s) cites no evidence on file: %s becomes %s.",
    latest.period, standard.status, status))
  return scoring.result_for("indicator", standard, { status = status, note = "latest value without evidence" })
end

local function judge_action(action, ctx)
  if plan.is_cancelled(action) then
    return nil -- cancelled: the standard rules say how to show it
  end
  local standard = policy.standard.action(action, ctx)
  local plan_end = ctx.instrument.period["end"]

  if plan_end ~= nil and policy.compare_dates(ctx.as_of, plan_end) > 0
      and standard.status ~= "achieved" and standard.status ~= "no-data" then
    policy.explain(string.format("The multi-annual plan ended on %s and the action is %s: off-track.",
      plan_end, standard.status))
    return { status = "off-track", note = "not achieved when the plan ended on " .. plan_end }
  end

  local latest = plan.latest_update(action)
  if latest == nil or evidence.count(latest.evidence, ctx) > 0 then
    return nil -- nothing reported, or documented: standard rules
  end
  local status = scoring.downgrade(standard.status)
  if status == standard.status then return nil end
  policy.explain(string.format("The latest update (%s) cites no evidence on file: %s becomes %s.",
    latest.period, standard.status, status))
  return { status = status, note = "latest update without evidence" }
end

return {
  name = "flemish-brabant",
  api_level = 1,
  instruments = { "be-flemish-brabant-multiannual-plan" },
  indicator = judge_indicator,
  action = judge_action,
  -- the statuses each hook can return (policy-tracker test checks that fixtures produce them all)
  statuses = {
    indicator = { "on-track", "at-risk", "off-track" },
    action = { "on-track", "at-risk", "off-track" },
  },
}
