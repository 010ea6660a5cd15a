--[[
Harghita County Council
Economic development strategy "Harghita 2030", instrument ro-harghita-2030

A development strategy improves when its strategic focus changes: new measures adopted by the
County Council, a revised strategy. Our rules therefore judge the strategy on its structural
actions (type "structural" in the action plan); projects and management changes support them.

1. Indicators: the standard rules.

2. Actions: a structural action counts as "achieved" only when the change is adopted: one of
   its updates cites evidence of kind "decision" (a County Council decision) or
   "amended-strategy". Without it a completed structural action is "on-track" (adoption
   pending). Other actions: the standard rules.

3. The strategy as a whole is judged on its structural actions:
     - all of them achieved                      -> "achieved"
     - otherwise the worst status among them, where "not-started" counts as "on-track" as long
       as at least one structural action is moving (a strategy changes step by step);
     - progress = the share of structural actions achieved;
     - "improved" = at least one structural action achieved (so with a decision on file);
     - a cancelled structural action is left out: it is no longer part of the strategy.
   Without structural actions, or while none of them has been reported on ("no-data"), or
   before they are known, the standard roll-up applies.

The instrument hook reads the action types from `instrument.actions`.

Statuses (declared in `statuses` below, covered by plugins/tests/harghita.yaml):
no indicator hook (standard rules). Action hook: nil, on-track.
Instrument hook: nil, achieved, on-track, at-risk, off-track, not-started ("not-started" when
every structural action reported on is not-started).
]]

local scoring = require("scoring")
local evidence = require("evidence")
local plan = require("plan")

local ADOPTION_KINDS = { "decision", "amended-strategy" }

local function judge_action(action, ctx)
  if action.type ~= "structural" then
    return nil -- projects and management changes: standard rules
  end
  local standard = policy.standard.action(action, ctx)
  if standard.status ~= "achieved" then return nil end
  local adoption = evidence.in_updates(action, ctx, ADOPTION_KINDS)
  if adoption ~= nil then
    return nil -- adopted: the standard "achieved" stands
  end
  policy.explain("Structural action reported completed, but no County Council decision or amended "
    .. "strategy is on file: on-track until adopted.")
  return { status = "on-track", note = "adoption pending" }
end

local function roll_up(instrument, results)
  if scoring.has_error(results) then
    return nil -- an item could not be evaluated: the standard roll-up reports the error
  end
  local statuses = {}
  local structural, achieved, moving = 0, 0, 0
  for _, action in ipairs(instrument.actions) do
    local result = results.actions[action.id]
    -- a cancelled structural action is no longer part of the strategy
    if action.type == "structural" and not plan.is_cancelled(action)
        and result ~= nil and result.status ~= "no-data" then
      structural = structural + 1
      statuses[#statuses + 1] = result.status
      if result.status == "achieved" then achieved = achieved + 1 end
      if result.status ~= "not-started" then moving = moving + 1 end
      policy.explain(string.format("Structural action %s: %s.", action.id, result.status))
    end
  end
  if structural == 0 then
    return nil -- no structural action reported on: standard roll-up
  end

  local status
  if achieved == structural then
    status = "achieved"
  else
    if moving > 0 then
      -- "not-started" structural actions wait their turn: they count as on-track
      for i, s in ipairs(statuses) do
        if s == "not-started" then statuses[i] = "on-track" end
      end
    end
    status = scoring.worst(statuses) -- never nil: every status here is ranked
  end
  local progress = achieved / structural
  policy.explain(string.format("%d of %d structural actions achieved; the strategy is %s.",
    achieved, structural, status))
  return {
    progress = progress,
    status = status,
    note = string.format("%d of %d structural actions achieved", achieved, structural),
    improved = achieved > 0,
  }
end

return {
  name = "harghita",
  api_level = 1,
  instruments = { "ro-harghita-2030" },
  action = judge_action,
  instrument = roll_up,
  -- the statuses each hook can return (policy-tracker test checks that fixtures produce them all)
  statuses = {
    action = { "on-track" },
    instrument = { "achieved", "on-track", "at-risk", "off-track", "not-started" },
  },
}
