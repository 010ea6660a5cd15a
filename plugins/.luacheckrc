-- luacheck configuration for the evaluation rules (plugins/*.lua, plugins/lib/).
-- It mirrors the sandbox the rules run in (see README.md, "The sandbox"), so that luacheck
-- reports the use of anything the policy-tracker host does not offer.
--
-- Run it from this folder:          luacheck .
-- or from the repository root:      luacheck plugins   (the root .luacheckrc loads this file)

-- The fields of the read-only `policy` global (API level 1). A misspelt entry such as
-- `policy.explian(...)` is reported as an undefined field.
local policy_api = {
  read_only = true,
  fields = {
    API_LEVEL = {}, VERSION = {}, STATUSES = { other_fields = true },
    THRESHOLDS = { fields = { on_track_gap = {}, at_risk_gap = {} } },
    standard = { fields = { indicator = {}, action = {}, instrument = {} } },
    progress = {}, expected = {}, latest = {}, total = {},
    days_between = {}, add_days = {}, compare_dates = {}, period_of = {}, period = {},
    explain = {}, log = {},
  },
}

-- Lua 5.4 as the sandbox offers it: no io, os, debug, package, coroutine; no dofile, loadfile,
-- print; no string.dump; no math.random or math.randomseed.
stds.policy_sandbox = {
  read_globals = {
    "_G", "_VERSION", "assert", "error", "getmetatable", "ipairs", "load", "next", "pairs",
    "pcall", "rawequal", "rawget", "rawlen", "rawset", "require", "select", "setmetatable",
    "tonumber", "tostring", "type", "xpcall", "collectgarbage", "utf8",
    string = { fields = {
      "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
      "packsize", "rep", "reverse", "sub", "unpack", "upper",
    } },
    table = { fields = { "concat", "insert", "move", "pack", "remove", "sort", "unpack" } },
    math = { fields = {
      "abs", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log", "max", "maxinteger",
      "min", "mininteger", "modf", "pi", "rad", "sin", "sqrt", "tan", "tointeger", "type", "ult",
      "acos", "asin", "atan",
    } },
    policy = policy_api,
  },
}

std = "policy_sandbox"
-- Writing a global is an error in the sandbox: luacheck reports every global assignment.
allow_defined = false
allow_defined_top = false
max_line_length = 120

-- The lua-language-server definitions describe the host API: they declare `policy` and are
-- never run, so they may define globals and leave arguments unused.
local definitions = { std = "lua54", globals = { "policy" }, unused_args = false }
files["types/"] = definitions
files["plugins/types/"] = definitions
