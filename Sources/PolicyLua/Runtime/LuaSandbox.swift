/// The Lua half of the sandbox, run once in every new state before any user code.
///
/// It receives two host functions (the step-bounded pattern matcher and the module reader),
/// builds the read-only globals and library tables, and returns the globals proxy (which becomes
/// the environment of every chunk loaded later), the record behind it (where the host installs
/// libraries such as `policy`), and `readonly` (which the host uses to protect them).
enum LuaSandbox {
    /// The names of the base library that stay available.
    static let baseNames = [
        "assert", "error", "getmetatable", "ipairs", "next", "pcall", "rawequal", "rawget", "rawlen",
        "select", "tonumber", "tostring", "type", "_VERSION",
    ]

    /// The prelude compiled once per process (every runtime loads it).
    static let bytecode: Result<LuaBytecode, LuaError> = {
        do {
            return .success(try LuaBytecode.compile(prelude, chunkName: "[sandbox]"))
        } catch let error as LuaError {
            return .failure(error)
        } catch {
            return .failure(LuaError(.syntax, "[sandbox]: \(error)"))
        }
    }()

    static let prelude = #"""
    local host_match, host_module_chunk, native_pattern_steps = ...
    local rawset_, rawget_, setmetatable_, getmetatable_ = rawset, rawget, setmetatable, getmetatable
    local type_, error_, tostring_, select_, next_, load_ = type, error, tostring, select, next, load
    local pcall_, collectgarbage_ = pcall, collectgarbage
    local string_, table_, math_, utf8_ = string, table, math, utf8
    local native_find, native_sub, native_byte = string_.find, string_.sub, string_.byte
    local native_match, native_gmatch, native_gsub = string_.match, string_.gmatch, string_.gsub
    local concat_, sort_, unpack_ = table_.concat, table_.sort, table_.unpack
    local tointeger_ = math_.tointeger

    -- proxy -> the real table behind it; weak, so that nothing here keeps a table alive
    local protected = setmetatable_({}, { __mode = "k" })

    local function readonly(real, name)
      local proxy = {}
      setmetatable_(proxy, {
        __index = real,
        __newindex = function(_, key)
          error_("attempt to modify read-only table '" .. name .. "' (field '" .. tostring_(key) .. "')", 2)
        end,
        __len = function() return #real end,
        __metatable = false,
      })
      protected[proxy] = real
      return proxy
    end

    -- pairs walks keys in a fixed order (numbers, then strings, each sorted), so that a plugin
    -- that sums or concatenates over pairs gives the same result in every run
    local type_rank = { number = 1, string = 2, boolean = 3 }
    local function key_before(a, b)
      local ta, tb = type_(a), type_(b)
      if ta ~= tb then return (type_rank[ta] or 9) < (type_rank[tb] or 9) end
      if ta == "number" or ta == "string" then return a < b end
      if ta == "boolean" then return (not a) and b end
      return false
    end
    local function sorted_pairs(t)
      local real = protected[t] or t
      if type_(real) ~= "table" then
        error_("bad argument #1 to 'pairs' (table expected, got " .. type_(t) .. ")", 2)
      end
      local keys, n = {}, 0
      for key in next_, real do n = n + 1; keys[n] = key end
      sort_(keys, key_before)
      local i = 0
      return function()
        i = i + 1
        local key = keys[i]
        if key ~= nil then return key, rawget_(real, key) end
      end, t, nil
    end

    local function safe_rawset(t, key, value)
      if protected[t] then error_("attempt to modify a read-only table", 2) end
      return rawset_(t, key, value)
    end

    local function safe_setmetatable(t, mt)
      if protected[t] then error_("cannot change the metatable of a read-only table", 2) end
      if type_(mt) == "table" and rawget_(mt, "__gc") ~= nil then
        error_("finalizers (__gc) are not allowed in the sandbox", 2)
      end
      return setmetatable_(t, mt)
    end

    local allowed_gc = { count = true, collect = true, step = true, isrunning = true }
    local function safe_collectgarbage(option, ...)
      option = option or "collect"
      if not allowed_gc[option] then
        error_("collectgarbage('" .. tostring_(option) .. "') is not allowed in the sandbox", 2)
      end
      return collectgarbage_(option, ...)
    end

    -- xpcall runs its message handler after the stack is unwound, as ordinary code: Lua calls a
    -- handler with hooks off when the error comes from a hook, so a looping handler would escape
    -- the time budget
    local pack_ = table_.pack
    local function safe_xpcall(f, handler, ...)
      if type_(handler) ~= "function" then
        error_("bad argument #2 to 'xpcall' (function expected, got " .. type_(handler) .. ")", 2)
      end
      local results = pack_(pcall_(f, ...))
      if results[1] then return unpack_(results, 1, results.n) end
      local _, value = pcall_(handler, results[2])
      return false, value
    end

    local function safe_load(chunk, chunkname, mode, ...)
      if mode ~= nil and mode ~= "t" then
        return nil, "binary chunks are not allowed in the sandbox (mode must be 't')"
      end
      if type_(chunk) == "string" and native_byte(chunk, 1) == 27 then
        return nil, "binary chunks are not allowed in the sandbox"
      end
      if select_("#", ...) > 0 then return load_(chunk, chunkname, "t", ...) end
      return load_(chunk, chunkname, "t")
    end

    -- string patterns through the step-bounded matcher of the host
    local SPECIALS = "[%^%$%*%+%?%.%(%)%[%]%%%-]"
    local function check_string(value, position, fname)
      local t = type_(value)
      if t == "string" then return value end
      if t == "number" then return tostring_(value) end
      error_("bad argument #" .. position .. " to '" .. fname .. "' (string expected, got " ..
        (t == "nil" and "no value" or t) .. ")", 3)
    end
    local function start_index(init, length)
      init = init == nil and 1 or tointeger_(init)
      if init == nil then error_("bad argument #3 (number has no integer representation)", 3) end
      if init < 0 then init = length + init + 1 end
      if init < 1 then init = 1 end
      return init
    end

    -- Lua's own (C) matcher is used when the worst case of its backtracking is provably small:
    -- with q quantifiers, each repeats 0..n times, so one attempt explores at most (n+1)^q
    -- paths of at most #pattern + n + 1 steps, and a scan makes at most n + 1 attempts.
    -- Anything larger goes to the host's step-counting matcher.
    -- The bound grows with the subject's length n, so each pattern has a longest subject Lua's
    -- matcher may take: worked out once per pattern (string patterns only are kept), then a
    -- call costs one comparison (and the common call, a string subject without init, goes
    -- straight to Lua's matcher).
    local NATIVE_STEPS = native_pattern_steps
    local native_lengths, cached = {}, 0
    local function native_length(pattern)
      local limit = native_lengths[pattern]
      if limit == nil then
        local q = 0
        for _ in native_gmatch(pattern, "[%*%+%-%?]") do q = q + 1 end
        local p = #pattern
        local function bounded(n) return (n + 1) ^ (q + 1) * (p + n + 1) <= NATIVE_STEPS end
        -- the largest n that is bounded (-1 when none): doubling, then halving the gap; no
        -- string is 2^50 bytes long, so a bound that far counts as none
        limit = -1
        if bounded(0) then
          local low, high = 0, 1
          while high < 1 << 50 and bounded(high) do low, high = high, high * 2 end
          if bounded(high) then low = high end
          while high - low > 1 do
            local middle = (low + high) // 2
            if bounded(middle) then low = middle else high = middle end
          end
          limit = low
        end
        if cached >= 512 then native_lengths, cached = {}, 0 end
        native_lengths[pattern], cached = limit, cached + 1
      end
      return limit
    end
    local function native_is_bounded(s, pattern)
      return #s <= native_length(pattern)
    end

    local function find(s, pattern, init, plain)
      if init == nil and not plain and type_(s) == "string" then
        local limit = native_lengths[pattern]
        if limit ~= nil and #s <= limit then return native_find(s, pattern) end
      end
      s = check_string(s, 1, "find"); pattern = check_string(pattern, 2, "find")
      init = start_index(init, #s)
      if init > #s + 1 then return nil end
      if plain or not native_find(pattern, SPECIALS) then return native_find(s, pattern, init, true) end
      if native_is_bounded(s, pattern) then return native_find(s, pattern, init) end
      local anchored = native_byte(pattern, 1) == 94
      if anchored then pattern = native_sub(pattern, 2) end
      return host_match(s, pattern, init, anchored)
    end

    local function captures_or_whole(s, first, last, ...)
      if first == nil then return nil end
      if select_("#", ...) == 0 then return native_sub(s, first, last) end
      return ...
    end

    local function match(s, pattern, init)
      if init == nil and type_(s) == "string" then
        local limit = native_lengths[pattern]
        if limit ~= nil and #s <= limit then return native_match(s, pattern) end
      end
      s = check_string(s, 1, "match"); pattern = check_string(pattern, 2, "match")
      init = start_index(init, #s)
      if init > #s + 1 then return nil end
      if native_is_bounded(s, pattern) then return native_match(s, pattern, init) end
      local anchored = native_byte(pattern, 1) == 94
      if anchored then pattern = native_sub(pattern, 2) end
      return captures_or_whole(s, host_match(s, pattern, init, anchored))
    end

    local function gmatch(s, pattern, init)
      if type_(s) == "string" then
        local limit = native_lengths[pattern]
        if limit ~= nil and #s <= limit then return native_gmatch(s, pattern, init) end
      end
      s = check_string(s, 1, "gmatch"); pattern = check_string(pattern, 2, "gmatch")
      if native_is_bounded(s, pattern) then return native_gmatch(s, pattern, init) end
      local position = start_index(init, #s)
      local last_end = nil
      return function()
        if position > #s + 1 then return nil end
        local results = { host_match(s, pattern, position, false, last_end) }
        if results[1] == nil then position = #s + 2; return nil end
        position, last_end = results[2] + 1, results[2]
        return captures_or_whole(s, unpack_(results, 1, #results))
      end
    end

    local function replacement(s, repl, kind, first, last, ...)
      local whole = native_sub(s, first, last)
      local value
      if kind == "string" or kind == "number" then
        repl = tostring_(repl)
        local captures = { ... }
        local parts, n, i = {}, 0, 1
        while i <= #repl do
          local c = native_sub(repl, i, i)
          if c == "%" then
            i = i + 1
            local d = native_sub(repl, i, i)
            if d == "%" then n = n + 1; parts[n] = "%"
            elseif d == "0" then n = n + 1; parts[n] = whole
            elseif d:find("^%d$") then
              local index = native_byte(d) - 48
              local capture
              if index == 1 and #captures == 0 then capture = whole else capture = captures[index] end
              if capture == nil then error_("invalid capture index %" .. index, 3) end
              n = n + 1; parts[n] = tostring_(capture)
            else
              error_("invalid use of '%' in replacement string", 3)
            end
          else
            n = n + 1; parts[n] = c
          end
          i = i + 1
        end
        return concat_(parts)
      end
      local key = whole
      if select_("#", ...) > 0 then key = (...) end
      if kind == "table" then value = repl[key]
      else
        if select_("#", ...) > 0 then value = repl(...) else value = repl(whole) end
      end
      if value == nil or value == false then return whole end
      local vt = type_(value)
      if vt == "string" or vt == "number" then return tostring_(value) end
      error_("invalid replacement value (a " .. vt .. ")", 3)
    end

    local function gsub(s, pattern, repl, max_n)
      s = check_string(s, 1, "gsub"); pattern = check_string(pattern, 2, "gsub")
      local kind = type_(repl)
      if kind ~= "string" and kind ~= "number" and kind ~= "table" and kind ~= "function" then
        error_("bad argument #3 to 'gsub' (string/function/table expected, got " .. kind .. ")", 2)
      end
      if native_is_bounded(s, pattern) then return native_gsub(s, pattern, repl, max_n) end
      max_n = max_n == nil and (#s + 1) or tointeger_(max_n)
      local anchored = native_byte(pattern, 1) == 94
      if anchored then pattern = native_sub(pattern, 2) end
      local out, n_out, count, position, last_end = {}, 0, 0, 1, nil
      while count < max_n do
        local results = { host_match(s, pattern, position, anchored, last_end) }
        local first, last = results[1], results[2]
        if first == nil then break end
        n_out = n_out + 1; out[n_out] = native_sub(s, position, first - 1)
        count = count + 1
        n_out = n_out + 1; out[n_out] = replacement(s, repl, kind, unpack_(results, 1, #results))
        -- go on after the match; an empty match there is skipped, as Lua's own gsub does
        last_end, position = last, last + 1
        if anchored then break end
      end
      n_out = n_out + 1; out[n_out] = native_sub(s, position)
      return concat_(out), count
    end

    string_.find, string_.match, string_.gmatch, string_.gsub = find, match, gmatch, gsub
    string_.dump = nil
    math_.random, math_.randomseed = nil, nil

    -- the string metatable is shared by every string of the state: lock it
    local string_meta = getmetatable_("")
    string_meta.__index = string_
    string_meta.__metatable = false

    -- require: pure-Lua modules from the configured folder only
    local loaded, loading = {}, {}
    local function valid_module_name(name)
      if type_(name) ~= "string" or name == "" or #name > 128 then return false end
      for part in (name .. "."):gmatch("([^.]*)%.") do
        if not native_find(part, "^[%a_][%w_]*$") then return false end
      end
      return true
    end
    local function require_(name)
      if not valid_module_name(name) then
        error_("require: invalid module name '" .. tostring_(name) ..
          "' (use letters, digits and _, parts separated by dots)", 2)
      end
      local cached = loaded[name]
      if cached ~= nil then return cached end
      if loading[name] then error_("require: module '" .. name .. "' is required while it loads (a loop)", 2) end
      local chunk, message = host_module_chunk(name)
      if not chunk then error_(message, 0) end
      loading[name] = true
      local ok, result = pcall_(chunk, name)
      loading[name] = nil
      if not ok then error_(result, 0) end
      if result == nil then result = true end
      loaded[name] = result
      return result
    end

    local globals = {}
    for _, name in ipairs({ \#(baseNames.map { "\"\($0)\"" }.joined(separator: ", ")) }) do
      globals[name] = _G[name]
    end
    globals.pairs = sorted_pairs
    globals.rawset = safe_rawset
    globals.setmetatable = safe_setmetatable
    globals.collectgarbage = safe_collectgarbage
    globals.load = safe_load
    globals.xpcall = safe_xpcall
    globals.require = require_
    globals.string = readonly(string_, "string")
    globals.table = readonly(table_, "table")
    globals.math = readonly(math_, "math")
    globals.utf8 = readonly(utf8_, "utf8")

    local env = {}
    setmetatable_(env, {
      __index = globals,
      __newindex = function(_, key)
        error_("attempt to write global '" .. tostring_(key) ..
          "' (globals are read-only in the sandbox: declare it 'local')", 2)
      end,
      __metatable = false,
    })
    protected[env] = globals
    globals._G = env
    return env, globals, readonly
    """#
}
