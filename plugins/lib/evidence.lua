--[[
evidence: finding the evidence that values and action updates cite.

Use it from a plugin with

    local evidence = require("evidence")

A value or an update lists evidence ids (`evidence = { "ev-call-2025" }`); the evidence itself is
in ctx.evidence, keyed by id. ctx.evidence holds only the evidence dated on or before the
knowledge date (ctx.known_on): a decision taken later is not known yet, so it is not found here.

Evidence kinds (see the instrument file format): decision, call, amended-programme,
amended-strategy, minutes, report, publication, other.
]]

local evidence = {}

--- Kinds of evidence that prove a change of the policy instrument itself.
evidence.POLICY_CHANGE = { "decision", "amended-programme", "amended-strategy" }

local KINDS = {
  ["decision"] = true, ["call"] = true, ["amended-programme"] = true, ["amended-strategy"] = true,
  ["minutes"] = true, ["report"] = true, ["publication"] = true, ["other"] = true,
}

-- Raises, at the line that called the public function `fn` (level 3), when `kinds` is not nil
-- and not a list of evidence kinds: a misspelt kind would otherwise never match, silently.
local function check_kinds(kinds, fn)
  if kinds == nil then return end
  if type(kinds) ~= "table" then
    error(fn .. ": kinds must be a list of evidence kinds such as { \"decision\" }, not a " .. type(kinds), 3)
  end
  for index, kind in ipairs(kinds) do
    if not KINDS[kind] then
      error(string.format("%s: kinds entry %d is %s, which is not an evidence kind (decision, call, amended-programme, "
        .. "amended-strategy, minutes, report, publication, other)", fn, index,
        type(kind) == "string" and ("'" .. kind .. "'") or ("a " .. type(kind))), 3)
    end
  end
end

local function kind_matches(entry, kinds)
  if kinds == nil then return true end
  for _, kind in ipairs(kinds) do
    if entry.kind == kind then return true end
  end
  return false
end

-- evidence.find without checking `kinds` (the callers have).
local function find(ids, ctx, kinds)
  for _, id in ipairs(ids or {}) do
    local entry = ctx.evidence[id]
    if entry ~= nil and kind_matches(entry, kinds) then return entry end
  end
  return nil
end

--- The first evidence entry among `ids` that is known (in ctx.evidence) and, when `kinds` is
--- given (a list such as { "decision", "amended-programme" }), of one of those kinds.
--- Returns the entry (a table with id, title, kind, date, ...) or nil.
--- An unknown kind in `kinds` is an error.
function evidence.find(ids, ctx, kinds)
  check_kinds(kinds, "evidence.find")
  return find(ids, ctx, kinds)
end

--- How many of `ids` are known evidence entries (ids not in ctx.evidence do not count).
function evidence.count(ids, ctx)
  local n = 0
  for _, id in ipairs(ids or {}) do
    if ctx.evidence[id] ~= nil then n = n + 1 end
  end
  return n
end

--- Evidence of one of `kinds` cited by any update of an action, the latest update first.
--- Returns the entry or nil.
function evidence.in_updates(action, ctx, kinds)
  check_kinds(kinds, "evidence.in_updates")
  local updates = action.updates or {}
  for i = #updates, 1, -1 do
    local entry = find(updates[i].evidence, ctx, kinds)
    if entry ~= nil then return entry end
  end
  return nil
end

--- A short description for notes and explanations: 'decision "Council decision 12/2025" (2025-05-12)'.
function evidence.describe(entry)
  local title = entry.title
  if type(title) == "table" then title = title.en end
  return string.format('%s "%s" (%s)', tostring(entry.kind), tostring(title or entry.id), tostring(entry.date))
end

return evidence
