--[[
Municipality of Oliveira de Azemeis
Municipal Social Innovation Plan (MUPSI), instrument pt-oliveira-mupsi

The MUPSI is a municipal plan carried out with the community: social economy organisations,
parishes, schools, local businesses. Its actions move through milestones that are meetings,
agreements and events with these partners (a stakeholder meeting held, a local partnership
signed, a community event run). We judge an action by its milestones, because they are what
the community sees.

1. Indicators: the standard rules.

2. Actions with milestones (an action without milestones, or a cancelled one: standard rules):
     - every milestone done                         -> "achieved"
     - the action has not begun (before its start)
       and no milestone done                        -> "not-started"
     - no milestone overdue                         -> "on-track"
     - one milestone overdue                        -> "at-risk"
     - two or more overdue                          -> "off-track"
   A milestone is overdue when its due date has passed and it has no done_on date (as known
   on the knowledge date). A milestone done late still counts as done; the note says so.

3. The plan as a whole: the standard roll-up, except that the plan counts as "improved" only
   when the standard rules say so (with evidence) and, on top of that, at least half of its
   actions are achieved: one action alone does not change a plan made with the community.

Statuses (declared in `statuses` below, covered by plugins/tests/oliveira-de-azemeis.yaml):
no indicator hook (standard rules). Action hook: nil, achieved, not-started, on-track, at-risk,
off-track. Instrument hook: nil (the standard roll-up stands, "improved" included), or, when
the standard says improved but fewer than half of the actions are achieved, the standard
status with improved = false. An action is then achieved, so the standard status is achieved,
on-track, at-risk or off-track (never not-started or no-data, which need no action judged).
]]

local scoring = require("scoring")
local plan = require("plan")

local function judge_action(action, ctx)
  if plan.is_cancelled(action) then return nil end
  local count = plan.milestones(action, ctx.as_of)
  if count.total == 0 then
    return nil -- no milestones to count: standard rules
  end

  local status
  if count.done == count.total then
    status = "achieved"
  elseif count.done == 0 and policy.compare_dates(ctx.as_of, action.start) < 0 then
    status = "not-started"
  elseif count.overdue == 0 then
    status = "on-track"
  elseif count.overdue == 1 then
    status = "at-risk"
  else
    status = "off-track"
  end

  local note = string.format("%d of %d milestones done", count.done, count.total)
  if count.late > 0 then note = note .. string.format(" (%d late)", count.late) end
  if count.overdue > 0 then note = note .. string.format(", %d overdue", count.overdue) end
  policy.explain(string.format("Milestones on %s: %d done (%d late), %d overdue, %d still to come: %s.",
    ctx.as_of, count.done, count.late, count.overdue, count.upcoming, status))
  return { status = status, note = note }
end

local function roll_up(instrument, results, ctx)
  if scoring.has_error(results) then
    return nil -- an item could not be evaluated: the standard roll-up reports the error
  end
  local standard = policy.standard.instrument(instrument, results, ctx)
  local achieved, counted = 0, 0
  for _, id in ipairs(instrument.action_ids) do
    local result = results.actions[id]
    if result ~= nil then
      counted = counted + 1
      if result.status == "achieved" then achieved = achieved + 1 end
    end
  end
  local half = counted > 0 and achieved * 2 >= counted
  policy.explain(string.format("%d of %d actions achieved; the plan counts as improved only from half: %s.",
    achieved, counted, (half and standard.improved) and "improved" or "not yet improved"))
  if half or not standard.improved then
    return nil -- nothing to change: the standard roll-up stands
  end
  return { status = standard.status, note = "improved only with half of the actions achieved", improved = false }
end

return {
  name = "oliveira-de-azemeis",
  api_level = 1,
  instruments = { "pt-oliveira-mupsi" },
  action = judge_action,
  instrument = roll_up,
  -- the statuses each hook can return (policy-tracker test checks that fixtures produce them all)
  statuses = {
    action = { "achieved", "not-started", "on-track", "at-risk", "off-track" },
    instrument = { "achieved", "on-track", "at-risk", "off-track" },
  },
}
