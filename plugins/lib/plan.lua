--[[
plan: reading an action of the action plan (its updates and milestones).

Use it from a plugin with

    local plan = require("plan")

An action has `updates` (one per reported period, as known on ctx.known_on, oldest first) and
`milestones` (each with a `due` date and, once done, a `done_on` date).

Dates are "YYYY-MM-DD" strings, so comparing them as strings (a < b) compares the days: this
module needs nothing from `policy` and works the same everywhere.
]]

local plan = {}

--- The latest update of an action, or nil when nothing has been reported yet.
function plan.latest_update(action)
  local updates = action.updates or {}
  return updates[#updates]
end

--- Counts the milestones of an action as seen on the date `as_of` (a "YYYY-MM-DD" string):
---   total    all milestones
---   done     milestones with a done_on date (late or not)
---   late     done, but after their due date
---   overdue  not done and their due date has passed
---   upcoming not done and not due yet
--- Returns a table { total =, done =, late =, overdue =, upcoming = }.
function plan.milestones(action, as_of)
  local count = { total = 0, done = 0, late = 0, overdue = 0, upcoming = 0 }
  for _, milestone in ipairs(action.milestones or {}) do
    count.total = count.total + 1
    if milestone.done_on ~= nil then
      count.done = count.done + 1
      if milestone.done_on > milestone.due then
        count.late = count.late + 1
      end
    elseif milestone.due < as_of then
      count.overdue = count.overdue + 1
    else
      count.upcoming = count.upcoming + 1
    end
  end
  return count
end

--- True when the action's latest update says it was cancelled.
function plan.is_cancelled(action)
  local latest = plan.latest_update(action)
  return latest ~= nil and latest.status == "cancelled"
end

return plan
