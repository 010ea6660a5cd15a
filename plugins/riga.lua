--[[
Riga Planning Region (RPR)
RPR Development Programme 2022-2027, instrument lv-riga-development-programme

Many of our figures come first as estimates or provisional numbers from the municipalities and
the cooperation group, and are approved months later. Our rules treat unconfirmed figures with
caution and expect every action to be reported on regularly.

1. Indicators whose latest value is approved: the standard rules.
   Indicators whose latest value is "estimated" or "provisional":
     - target reached on such figures      -> "on-track" (achieved once the figures are approved);
     - otherwise judged with a cautious band: "on-track" only when at most 5 points behind the
       expected progress (instead of 10), "at-risk" up to 35 points behind (instead of 25): an
       unconfirmed figure is a reason to watch, rarely a reason to sound the alarm.

2. Actions: an action still running must be reported on. If its latest update is more than
   270 days old (a semester plus the three months allowed for reporting) and the standard
   rules see it as "on-track", it becomes "at-risk": we do not know how it is going.

Statuses (declared in `statuses` below, covered by plugins/tests/riga.yaml):
indicator hook: nil, on-track (target reached on unconfirmed figures, or within the band),
at-risk, off-track, not-started (the value still at the baseline while nothing is expected yet).
A progress that cannot be computed is left to the standard rules, so never no-data; and
never achieved on unconfirmed figures.
Action hook: nil, at-risk.
]]

local scoring = require("scoring")
local plan = require("plan")

-- The cautious band for unconfirmed figures (rule 1); compare with scoring.THRESHOLDS.
local CAUTIOUS = { on_track = 0.05, at_risk = 0.35 }
local STALE_AFTER_DAYS = 270

local function judge_indicator(indicator, ctx)
  local latest = policy.latest(indicator)
  if latest == nil or latest.quality == "approved" then
    return nil -- nothing reported, or approved: standard rules
  end

  local standard = policy.standard.indicator(indicator, ctx)
  if not scoring.is_number(standard.progress) then
    return nil -- the value cannot be compared with the baseline and target: standard rules
  end
  -- (the standard rules themselves report a reached target as "on-track" until the values are
  -- approved, so we look at the progress, not at the standard status)
  if standard.progress >= 1 then
    policy.explain(string.format("Target reached on %s figures (%s): on-track until approved.",
      latest.quality, latest.period))
    return scoring.result_for("indicator", standard,
      { status = "on-track", note = "target reached on " .. latest.quality .. " figures" })
  end

  local expected = standard.expected or policy.expected(indicator, ctx)
  local status = scoring.status_from(standard.progress, expected, CAUTIOUS)
  policy.explain(string.format("Latest value (%s) is %s: progress %s against %s expected, judged with the cautious "
    .. "band (on-track if at most %s behind, at-risk if at most %s behind): %s.",
    latest.period, latest.quality, scoring.percent(standard.progress), scoring.percent(expected),
    scoring.percent(CAUTIOUS.on_track), scoring.percent(CAUTIOUS.at_risk), status))
  return scoring.result_for("indicator", standard, { status = status, note = latest.quality .. " figures" })
end

local function judge_action(action, ctx)
  local latest = plan.latest_update(action)
  if latest == nil or latest.status == "completed" or latest.status == "cancelled" then
    return nil -- nothing reported yet, or finished: standard rules
  end
  local age = policy.days_between(latest.reported_on, ctx.as_of)
  if age <= STALE_AFTER_DAYS then return nil end

  local standard = policy.standard.action(action, ctx)
  if standard.status ~= "on-track" then return nil end
  policy.explain(string.format("Last reported on %s, %d days ago (more than %d): at-risk until a new update.",
    latest.reported_on, age, STALE_AFTER_DAYS))
  return { status = "at-risk", note = "no update since " .. latest.reported_on }
end

return {
  name = "riga",
  api_level = 1,
  instruments = { "lv-riga-development-programme" },
  indicator = judge_indicator,
  action = judge_action,
  -- the statuses each hook can return (policy-tracker test checks that fixtures produce them all)
  statuses = {
    indicator = { "on-track", "at-risk", "off-track", "not-started" },
    action = { "at-risk" },
  },
}
