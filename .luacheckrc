-- luacheck configuration for the repository root: `luacheck plugins` checks the evaluation
-- rules with the settings of plugins/.luacheckrc (the sandbox and the `policy` API), so the
-- result is the same as `cd plugins && luacheck .`.
--
-- luacheck runs this file with the configuration as its environment; we run plugins/.luacheckrc
-- in that same environment, so that it sets `std`, `stds` and `files` here. Its `files` patterns
-- name both places ("types/" and "plugins/types/"). Works whichever Lua runs luacheck (5.1-5.4).
local path = "plugins/.luacheckrc"
local file = assert(io.open(path, "r"))
local source = file:read("*a")
file:close()
local chunk
if setfenv then -- Lua 5.1 / LuaJIT
  chunk = assert(loadstring(source, "@" .. path))
  setfenv(chunk, getfenv(1))
else
  chunk = assert(load(source, "@" .. path, "t", _ENV))
end
chunk()
