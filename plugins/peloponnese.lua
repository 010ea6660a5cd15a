--[[
Region of Peloponnese (lead partner)
Regional Operational Programme "Peloponnese 2021-2027" (ERDF and ESF+), instrument gr-peloponnese-rop

Our rules, in plain words:

1. Indicators: the standard rules (a straight line from the baseline to the target, compared
   with the time elapsed).

2. Actions: an action of the action plan counts as "achieved" only when a decision proves it.
   One of its updates must cite evidence of kind "decision" (a decision of the Managing
   Authority) or "amended-programme" (the amended programme itself). Interreg Europe counts a
   policy improvement only with such evidence. Without it, a completed action is "on-track":
   the work is done, the proof is not on file yet.

3. The programme as a whole: each indicator weighs as much as the money behind it
   (`allocation`, in EUR, in the instrument file). An indicator backed by EUR 12 million counts
   twelve times as much as one backed by EUR 1 million; an indicator without an allocation does
   not count. An indicator with money but no value yet counts as zero progress: money that shows
   no result is a warning sign. The status compares this weighted progress with the weighted
   expected progress, with the standard thresholds; the result shows that weighted expected
   progress, the one the status was judged against. Whether the instrument counts as "improved"
   is left to the standard rules. The instrument hook reads the allocations from
   `instrument.indicators`.

Statuses (declared in `statuses` below, covered by plugins/tests/peloponnese.yaml):
no indicator hook (standard rules). Action hook: nil or "on-track".
Instrument hook: nil (no indicator has an allocation) or achieved / on-track / at-risk /
off-track / not-started (scoring.status_from on a progress that is always a number).
]]

local scoring = require("scoring")
local evidence = require("evidence")

-- The evidence kinds that prove an action was carried out (rule 2).
local PROOF_KINDS = { "decision", "amended-programme" }

local function judge_action(action, ctx)
  local standard = policy.standard.action(action, ctx)
  if standard.status ~= "achieved" then
    return nil -- not finished: the standard rules judge it
  end
  if evidence.in_updates(action, ctx, PROOF_KINDS) ~= nil then
    return nil -- finished and proved: the standard "achieved" stands
  end
  policy.explain("Reported completed, but no update cites a decision or an amended programme: "
    .. "counted as on-track until the proof is on file.")
  return { status = "on-track", note = "completed; decision not yet on file" }
end

local function roll_up(instrument, results)
  if scoring.has_error(results) then
    return nil -- an item could not be evaluated: the standard roll-up reports the error
  end
  local progress_parts, expected_parts = {}, {}
  -- instrument.indicators keeps the order of the file: the same sums every time.
  for _, indicator in ipairs(instrument.indicators) do
    local eur = indicator.allocation
    local result = results.indicators[indicator.id]
    if scoring.is_number(eur) and eur > 0 and result ~= nil then
      local progress = result.progress
      if not scoring.is_number(progress) then
        progress = 0
        policy.explain(string.format("%s: EUR %s, no progress (%s): counted as 0%%.",
          indicator.id, scoring.thousands(eur), result.status))
      else
        progress = math.min(progress, 1) -- at most 100%
        policy.explain(string.format("%s: EUR %s, progress %s.",
          indicator.id, scoring.thousands(eur), scoring.percent(progress)))
      end
      progress_parts[#progress_parts + 1] = { value = progress, weight = eur }
      expected_parts[#expected_parts + 1] = { value = result.expected, weight = eur }
    end
  end
  local progress, total = scoring.weighted_average(progress_parts)
  if progress == nil then
    return nil -- no indicator has an allocation: standard roll-up
  end
  local expected = scoring.weighted_average(expected_parts)
  local status = scoring.status_from(progress, expected)
  policy.explain(string.format("Weighted by allocation (EUR %s in all): progress %s, expected %s: %s.",
    scoring.thousands(total), scoring.percent(progress), scoring.percent(expected), status))
  -- `expected` is the weighted expectation the status was judged against (shown instead of the
  -- standard mean); `improved` is left out: the standard rules decide it.
  return { progress = progress, expected = expected, status = status, note = "indicators weighted by allocation" }
end

return {
  name = "peloponnese",
  api_level = 1,
  instruments = { "gr-peloponnese-rop" },
  action = judge_action,
  instrument = roll_up,
  -- the statuses each hook can return (policy-tracker test checks that fixtures produce them all)
  statuses = {
    action = { "on-track" },
    instrument = { "achieved", "on-track", "at-risk", "off-track", "not-started" },
  },
}
