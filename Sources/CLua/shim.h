/*
 * CLua: Debian's liblua5.4 as a module, and static inline wrappers for what Swift cannot see:
 * Lua's function-like macros and LUA_REGISTRYINDEX. Nothing else: the embedding's logic is the
 * compiled C target CLuaHost.
 */
#ifndef POLICY_TRACKER_CLUA_SHIM_H
#define POLICY_TRACKER_CLUA_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static inline int pt_registry_index(void) { return LUA_REGISTRYINDEX; }
static inline int pt_globals_index(void) { return LUA_RIDX_GLOBALS; }
static inline int pt_multret(void) { return LUA_MULTRET; }
static inline void pt_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline const char *pt_tolstring(lua_State *L, int i, size_t *len) { return lua_tolstring(L, i, len); }
static inline lua_Number pt_tonumber(lua_State *L, int i, int *isnum) { return lua_tonumberx(L, i, isnum); }
static inline lua_Integer pt_tointeger(lua_State *L, int i, int *isnum) { return lua_tointegerx(L, i, isnum); }
static inline int pt_isinteger(lua_State *L, int i) { return lua_isinteger(L, i); }
static inline void pt_gc_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT, 0); }

#endif
