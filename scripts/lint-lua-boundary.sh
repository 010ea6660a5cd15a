#!/usr/bin/env bash
# The Lua boundary (DESIGN.md "The Lua boundary"): only Sources/PolicyLua/Runtime/LuaState.swift
# calls Lua's C API (lua_*, luaL_*) or the host's C side (pt_*), and only it imports CLua or
# CLuaHost. Every other file reaches the state through LuaState's scopes. Comments are ignored.
#   scripts/lint-lua-boundary.sh        (exit 1 and the offending lines when the rule is broken)
set -euo pipefail
cd "$(dirname "$0")/.."
boundary=Sources/PolicyLua/Runtime/LuaState.swift
status=0
while IFS= read -r file; do
  [ "$file" = "$boundary" ] && continue
  # drop // comments (and /// doc comments) before looking
  hits=$(sed -e 's#//.*$##' "$file" | grep -nE '\b(lua_|luaL_|luaopen_|pt_)[A-Za-z_]+|import +CLua(Host)?\b' || true)
  if [ -n "$hits" ]; then
    printf '%s\n' "$hits" | sed "s#^#$file:#"
    status=1
  fi
done < <(find Sources/PolicyLua -name '*.swift' | sort)
# C stays confined to CLua, CLuaHost and PolicyLua
other=$(grep -rlE 'import +CLua(Host)?\b' Sources --include=*.swift | grep -v '^Sources/PolicyLua/' || true)
if [ -n "$other" ]; then printf '%s: imports the C modules outside PolicyLua\n' $other; status=1; fi
if [ $status -ne 0 ]; then
  echo "lint-lua-boundary: Lua's C API used outside $boundary (go through LuaState/LuaStack)" >&2
fi
exit $status
