---@meta
-- lua-language-server definitions of what an evaluation rule (a plugin) sees: the `policy`
-- global, the tables the hooks receive and the results they return. API level 1.
-- This file is never run; editors read it (see ../.luarc.json) to complete names and check
-- types while you write a plugin. Keep it in step with plugins/README.md.

---A status a hook may return. "error" is reserved to the host (a failing rule).
---@alias Status "achieved"|"on-track"|"at-risk"|"off-track"|"not-started"|"no-data"

---A status as found in results: a hook's status, or "error" when a rule failed.
---@alias ResultStatus Status|"error"

---A calendar day written "YYYY-MM-DD", e.g. "2025-10-31".
---@alias Day string

---A value of an indicator: a number (unit, percentage, ratio), a scale level (qualitative)
---or a boolean (milestone).
---@alias IndicatorValue number|string|boolean

---@alias Measure "unit"|"percentage"|"ratio"|"qualitative"|"milestone"
---@alias Accumulation "cumulative"|"incremental"|"level"
---@alias Quality "estimated"|"provisional"|"approved"
---@alias ImprovementType "new-projects"|"management"|"structural"
---@alias UpdateStatus "not-started"|"in-progress"|"completed"|"delayed"|"cancelled"
---@alias Achievement "fully"|"partly"|"not"
---@alias EvidenceKind "decision"|"call"|"amended-programme"|"amended-strategy"|"minutes"|"report"|"publication"|"other"
---@alias LogLevel "debug"|"info"|"warning"|"error"

---A multilingual text: language code -> text; "en" is always there.
---@class Titles
---@field en string
---@field [string] string

---A baseline, target or intermediate target.
---@class TargetValue
---@field value IndicatorValue
---@field date Day the date of a target
---@field source string a citation, or "illustrative"
---@field illustrative boolean true when the number is made up for example data

---@class Baseline
---@field value IndicatorValue
---@field year integer
---@field source string
---@field illustrative boolean

---One reported value (the latest correction of its period as known on ctx.known_on).
---@class ValueEntry
---@field period string the period id, e.g. "P5"
---@field value IndicatorValue
---@field reported_on Day
---@field quality Quality
---@field source string
---@field illustrative boolean
---@field evidence string[] evidence ids (look them up in ctx.evidence)
---@field note? string

---An indicator, as the `indicator` hook receives it (read-only).
---@class Indicator
---@field id string
---@field code? string common code, e.g. "RCO01"
---@field title string the English title
---@field titles Titles
---@field unit string
---@field measure Measure
---@field ascending boolean true when bigger is better
---@field accumulation Accumulation
---@field allocation? number EUR behind the indicator
---@field scale? string[] qualitative only: the levels, worst first
---@field baseline Baseline
---@field target TargetValue
---@field intermediate_targets TargetValue[] dates increasing
---@field values ValueEntry[] periods up to ctx.period, sorted by period
---@field corrections integer how many visible entries were superseded by a later correction

---@class Milestone
---@field id string
---@field title string
---@field due Day
---@field done_on? Day absent when not done, or done after ctx.known_on

---One update of an action (the latest correction of its period as known on ctx.known_on).
---@class ActionUpdate
---@field period string
---@field status UpdateStatus
---@field achievement? Achievement
---@field reported_on Day
---@field note? string
---@field evidence string[] evidence ids (look them up in ctx.evidence)

---@class Cost
---@field amount number
---@field currency string

---An action of the action plan, as the `action` hook receives it (read-only).
---@class Action
---@field id string
---@field title string the English title
---@field titles Titles
---@field type ImprovementType
---@field responsible string
---@field start Day
---@field end Day (write action["end"]: `end` is a Lua keyword)
---@field cost? Cost
---@field funding? string
---@field indicators string[] ids of linked indicators
---@field milestones Milestone[]
---@field updates ActionUpdate[] sorted by period

---@class DateRange
---@field start Day
---@field end? Day (write range["end"])

---A policy instrument, as the `instrument` hook and ctx.instrument give it (read-only).
---@class Instrument
---@field id string
---@field partner string partner id
---@field title string the English title
---@field titles Titles
---@field kind string operational-programme, development-strategy, ...
---@field managing_authority string
---@field funds string[]
---@field programme_code? string
---@field period DateRange the instrument's own period
---@field indicator_ids string[] in file order
---@field action_ids string[] in file order
---@field indicators Indicator[] the indicators as the indicator hook sees them, in file order
---@field actions Action[] the actions as the action hook sees them, in file order

---A piece of evidence (ctx.evidence holds those dated on or before ctx.known_on).
---@class Evidence
---@field id string
---@field title string
---@field kind EvidenceKind
---@field url? string
---@field path? string
---@field sha256? string
---@field date Day

---The reporting period being evaluated.
---@class Period
---@field id string e.g. "P6"
---@field index integer 1 for P1
---@field start Day
---@field end Day (write period["end"])
---@field phase? string phase id, e.g. "core"
---@field report_due Day

---@class Project
---@field id string
---@field acronym string
---@field name string
---@field start Day
---@field end Day (write project["end"])

---@class Partner
---@field id string
---@field name string
---@field country string ISO 3166-1 alpha-2
---@field language? string ISO 639-1
---@field role "lead-partner"|"partner"|"advisory-partner"

---What every hook receives as its last argument (read-only).
---@class Context
---@field as_of Day the evaluation date
---@field known_on Day the knowledge date: what was reported on or before it
---@field period Period
---@field project Project
---@field partner? Partner
---@field instrument Instrument
---@field evidence table<string, Evidence> by id

---What the `indicator` hook returns (nil = the standard rules). No other keys.
---@class IndicatorResult
---@field progress? number finite; fraction from baseline to target (1 = reached, may be < 0 or > 1)
---Added to API level 1: `expected`, the expected progress the status was judged against
---(a policy-tracker from before the addition rejects the key).
---@field expected? number finite; left out: the standard expected progress is shown
---@field status Status
---@field note? string

---What the `action` hook returns (nil = the standard rules). No other keys.
---@class ActionResult
---@field progress? number finite; left out: the standard progress (share of milestones done)
---@field expected? number finite; the expected progress judged against (added to API level 1)
---@field status Status
---@field note? string

---What the `instrument` hook returns (nil = the standard roll-up). No other keys.
---@class InstrumentResult
---@field progress? number finite
---@field expected? number finite; the expected progress judged against, e.g. weighted like the progress
---(added to API level 1); left out: the standard mean is shown, and the trace says so
---@field status Status
---@field note? string
---@field improved? boolean counts as improved, with evidence, for the project row; left out: the standard one

---The final result of an item, as the `instrument` hook sees it in `results`.
---@class ItemResult
---@field progress? number
---@field expected? number expected progress by time elapsed
---@field status ResultStatus "error" when the item's rule failed
---@field note? string

---The `results` argument of the `instrument` hook. The items themselves are in
---instrument.indicators / instrument.actions (file order).
---@class Results
---@field indicators table<string, ItemResult> by indicator id
---@field actions table<string, ItemResult> by action id

---@class Finding
---@field severity string
---@field message string

---What policy.standard.indicator returns. Copy only progress, status and note into a hook's
---result (the other keys are not allowed there).
---@class StandardIndicatorResult
---@field progress? number
---@field expected? number expected progress; its timeline starts no earlier than the instrument
---@field status Status
---@field note? string
---@field achievement? Achievement
---@field findings Finding[]
---@field explanation string[]

---What policy.standard.action returns. Copy only status and note into a hook's result.
---@class StandardActionResult
---@field progress? number share of milestones done (1 for a completed action without milestones)
---@field expected? number share of the action's time elapsed
---@field status Status
---@field achievement? Achievement
---@field note? string
---@field findings Finding[]
---@field explanation string[]

---What policy.standard.instrument returns. Copy only progress, status, note and improved into
---a hook's result.
---@class StandardInstrumentResult
---@field progress? number
---@field expected? number
---@field status ResultStatus "error" when an item is error
---@field improved boolean
---@field note? string
---@field findings Finding[]
---@field explanation string[]

---The indicator hook.
---@alias IndicatorHook fun(indicator: Indicator, ctx: Context): IndicatorResult|nil
---The action hook.
---@alias ActionHook fun(action: Action, ctx: Context): ActionResult|nil
---The instrument hook.
---@alias InstrumentHook fun(instrument: Instrument, results: Results, ctx: Context): InstrumentResult|nil

---The table a plugin file returns.
---@class Plugin
---@field name string equals the file name without ".lua"
---@field api_level integer at most policy.API_LEVEL
---@field instruments string[] ids of the instruments it evaluates (at least one)
---@field indicator? IndicatorHook
---@field action? ActionHook
---@field instrument? InstrumentHook
---@field statuses? DeclaredStatuses the statuses each hook can return (checked by `policy-tracker test`)

---The optional `statuses` field of a plugin: for each hook, exactly the statuses it can return.
---`policy-tracker test` fails when a declared status is produced by no fixture.
---@class DeclaredStatuses
---@field indicator? Status[]
---@field action? Status[]
---@field instrument? Status[]

---The standard rules' thresholds (policy.THRESHOLDS): a gap (expected minus progress) up to
---on_track_gap is on-track, up to at_risk_gap at-risk, more off-track.
---@class Thresholds
---@field on_track_gap number 0.10
---@field at_risk_gap number 0.25

---The standard rules, for a plugin that adjusts rather than rewrites (API level 1).
---@class PolicyStandard
local standard = {}

---The standard result for an indicator. (API level 1)
---@param indicator Indicator
---@param ctx Context
---@return StandardIndicatorResult
function standard.indicator(indicator, ctx) end

---The standard result for an action. (API level 1)
---@param action Action
---@param ctx Context
---@return StandardActionResult
function standard.action(action, ctx) end

---The standard roll-up of an instrument. (API level 1)
---@param instrument Instrument
---@param results Results
---@param ctx Context
---@return StandardInstrumentResult
function standard.instrument(instrument, results, ctx) end

---The host API, the only global a plugin sees besides the Lua libraries (read-only).
---@class Policy
---@field API_LEVEL integer the API level of the host (1)
---@field VERSION string the tool's version
---@field STATUSES Status[] the statuses a hook may return
---@field THRESHOLDS Thresholds the standard rules' thresholds (API level 1)
---@field standard PolicyStandard
policy = {}

---Fraction of the way from baseline to target for `value` (honours ascending, measure and
---scale); nil when not computable. (API level 1)
---@param indicator Indicator
---@param value IndicatorValue|nil
---@return number|nil
function policy.progress(indicator, value) end

---Expected fraction by time elapsed at ctx.as_of, from 1 January of the baseline year (or the
---instrument's start, if later) to the target date (through the intermediate targets), clamped
---to 0..1 — the same as policy.standard.indicator(...).expected; nil when not computable.
---(API level 1)
---@param indicator Indicator
---@param ctx Context
---@return number|nil
function policy.expected(indicator, ctx) end

---The latest visible value entry, or nil. (API level 1)
---@param indicator Indicator
---@return ValueEntry|nil
function policy.latest(indicator) end

---The current value honouring accumulation (baseline + the sum for incremental, the latest
---otherwise),
---or nil. (API level 1)
---@param indicator Indicator
---@return IndicatorValue|nil
function policy.total(indicator) end

---Whole days from date a to date b (negative when b is earlier). (API level 1)
---@param a Day
---@param b Day
---@return integer
function policy.days_between(a, b) end

---The date n days after `date` (n may be negative). (API level 1)
---@param date Day
---@param n integer
---@return Day
function policy.add_days(date, n) end

---Returns -1, 0 or 1 as date a is before, on or after date b. (API level 1)
---@param a Day
---@param b Day
---@return -1|0|1
function policy.compare_dates(a, b) end

---The id of the reporting period containing `date`, or nil. (API level 1)
---@param date Day
---@return string|nil
function policy.period_of(date) end

---The reporting period with this id ("P3"), as ctx.period, or nil for an unknown id.
---(API level 1)
---@param id string
---@return Period|nil
function policy.period(id) end

---Adds a line to the explanation of the item being evaluated (kept even when the hook returns
---nil). (API level 1)
---@param text string
function policy.explain(text) end

---Records a message with the results (never printed). (API level 1)
---@param level LogLevel
---@param text string
function policy.log(level, text) end

policy.standard = standard
