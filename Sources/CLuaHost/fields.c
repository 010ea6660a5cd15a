/* Fields of tables by string key, one guarded call each: the public call's writers and readers
 * (PolicyLua's LuaWriters.swift and LuaValues.swift through LuaState.swift). */
#include "internal.h"
#include <string.h>

/* Whether an error here would reach the panic handler (no call into Lua is under way). */
static inline int pt_outside_calls(pt_state_info *info) { return info->depth == 0; }

int pt_guarded_setfield(lua_State *L, int index, const char *key, size_t length) {
    pt_state_info *info = pt_info(L);
    int table = lua_absindex(L, index);
    if (!pt_outside_calls(info)) {
        /* inside a call: the primitives that run protected there */
        if (!pt_guarded_pushlstring(L, key, length)) return 0;
        lua_insert(L, -2);
        return pt_guarded_rawset(L, table);
    }
    int ok;
    PT_GUARDED(info, ok, { lua_pushlstring(L, key, length); lua_insert(L, -2); lua_rawset(L, table); });
    return ok;
}

int pt_rawget_field(lua_State *L, int index, const char *key, size_t length) {
    int table = lua_absindex(L, index);
    if (!pt_guarded_pushlstring(L, key, length)) return LUA_TNONE;
    return lua_rawget(L, table);
}

/* The value on top, of type `type`, copied into `out` and popped. */
static int pt_pop_scalar(lua_State *L, int type, pt_scalar *out);

int pt_rawget_scalar(lua_State *L, int index, const char *key, size_t length, lua_Integer position, pt_scalar *out) {
    int type;
    if (key != NULL) {
        type = pt_rawget_field(L, index, key, length);
        if (type == LUA_TNONE) return LUA_TNONE;
    } else {
        type = lua_rawgeti(L, index, position);
    }
    return pt_pop_scalar(L, type, out);
}

int pt_rawget_kept_key(lua_State *L, int index, int key, pt_scalar *out) {
    int table = lua_absindex(L, index);
    lua_rawgeti(L, LUA_REGISTRYINDEX, key);  /* no allocation: a kept string */
    return pt_pop_scalar(L, lua_rawget(L, table), out);
}

static void pt_record_raw(lua_State *L, int first, const char *const *keys, int n) {
    lua_createtable(L, 0, n);
    lua_insert(L, first);
    /* a fresh table has no metatable: lua_setfield sets the field raw, its key found through
       Lua's cache of C strings (by address) instead of hashed again */
    for (int i = n - 1; i >= 0; i--) lua_setfield(L, first, keys[i]);
}

int pt_guarded_record(lua_State *L, const char *const *keys, int n) {
    pt_state_info *info = pt_info(L);
    int first = lua_gettop(L) - n + 1;
    int ok;
    if (pt_outside_calls(info)) {
        PT_GUARDED(info, ok, pt_record_raw(L, first, keys, n));
        return ok;
    }
    /* inside a call: the primitives that run protected there */
    if (!pt_guarded_createtable(L, 0, n)) return 0;
    lua_insert(L, first);
    for (int i = n - 1; i >= 0; i--) {
        if (!pt_guarded_pushlstring(L, keys[i], strlen(keys[i]))) return 0;
        lua_insert(L, -2);
        if (!pt_guarded_rawset(L, first)) return 0;
    }
    return 1;
}

static int pt_pop_scalar(lua_State *L, int type, pt_scalar *out) {
    out->integer = 0;
    out->is_integer = 0;
    out->number = 0;
    out->string = NULL;
    out->length = 0;
    switch (type) {
    case LUA_TNUMBER:
        if (lua_isinteger(L, -1)) {
            out->integer = lua_tointegerx(L, -1, NULL);
            out->number = (lua_Number)out->integer;
            out->is_integer = 1;
        } else {
            lua_Number number = lua_tonumberx(L, -1, NULL);
            lua_Integer integer = 0;
            out->number = number;
            /* 2: a float with an exact integer value (as lua_tointegerx would say) */
            if (lua_numbertointeger(number, &integer) && (lua_Number)integer == number) {
                out->integer = integer;
                out->is_integer = 2;
            }
        }
        break;
    case LUA_TBOOLEAN:
        out->integer = lua_toboolean(L, -1);
        break;
    case LUA_TSTRING:
        /* the table keeps the string alive after the pop; nothing runs in Lua before the host
           copies it */
        out->string = lua_tolstring(L, -1, &out->length);
        break;
    default:
        break;
    }
    lua_pop(L, 1);
    return type;
}
