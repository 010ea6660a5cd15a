/* States: the limiting allocator, the panic handler, opening and closing, guarded operations. */
#include "internal.h"
#include "pool.h"
#include <stdio.h>
#include <stdlib.h>

/* The limiting allocator: counts bytes, refuses growth past the budget (unless the host has
 * suspended it while it works), never fails a shrink. */
static void *pt_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    pt_state_info *info = (pt_state_info *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        pt_pool_resize(info, ptr, old, 0);
        info->used -= old;
        return NULL;
    }
    if (nsize > old) {
        if (info->fail_next_allocation) return NULL; /* until the failure is caught (tests) */
        if (!info->suspended && info->limit != 0 && info->used - old + nsize > info->limit) {
            info->memory_refused = 1;
            return NULL;
        }
    }
    void *block = pt_pool_resize(info, ptr, old, nsize);
    if (block == NULL) {
        return (nsize <= old) ? ptr : NULL; /* a failed shrink keeps the old block */
    }
    info->used = info->used - old + nsize;
    if (info->used > info->peak) info->peak = info->used;
    return block;
}

/* An error escaped every protected call. Lua calls abort() if this returns, so it never does:
 * every call the host makes that may raise runs under a guard (PT_GUARDED) or under lua_pcall,
 * and the handler jumps back to the innermost guard. The state is poisoned: Lua has reset its
 * stack, so the host refuses every later use of it (a contained error) until it is closed. */
static int pt_panic(lua_State *L) {
    pt_state_info *info = pt_info(L);
    info->broken |= PT_BROKEN_STATE | PT_BROKEN_SCOPE;
    info->fail_next_allocation = 0;
    if (info->guard != NULL) __builtin_longjmp((void **)info->guard, 1);
    /* Not reachable through the boundary (a raising call outside any guard is a bug in the
     * host): say so rather than die silently. */
    fputs("policy-tracker: unprotected Lua error outside any guard (a bug in the host)\n", stderr);
    return 0;
}

static void pt_open_libraries(lua_State *L) {
    luaL_requiref(L, "_G", luaopen_base, 1);
    luaL_requiref(L, "string", luaopen_string, 1);
    luaL_requiref(L, "table", luaopen_table, 1);
    luaL_requiref(L, "math", luaopen_math, 1);
    luaL_requiref(L, "utf8", luaopen_utf8, 1);
    lua_settop(L, 0);
    /* the slot that keeps the error value the host raised last */
    lua_pushboolean(L, 0);
    pt_info(L)->raised_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

lua_State *pt_open(pt_state_info *info) {
    lua_State *L = lua_newstate(pt_alloc, info);
    if (L == NULL) { pt_pool_destroy(info); return NULL; }
    *(pt_state_info **)lua_getextraspace(L) = info;
    info->L = L;
    lua_atpanic(L, pt_panic);
    int ok;
    PT_GUARDED(info, ok, pt_open_libraries(L));
    if (!ok) {
        lua_close(L);
        pt_pool_destroy(info);
        info->L = NULL;
        return NULL;
    }
    return L;
}

void pt_close(pt_state_info *info) {
    if (info->L != NULL) lua_close(info->L);
    info->L = NULL;
    pt_pool_destroy(info);
}

lua_Integer pt_registry_count(lua_State *L) {
    lua_Integer count = 0;
    if (pt_info(L)->broken || !lua_checkstack(L, 3)) return -1;
    lua_pushnil(L);
    while (lua_next(L, LUA_REGISTRYINDEX) != 0) {
        count++;
        lua_pop(L, 1);
    }
    return count;
}

/* ---- guarded operations ----
 * Outside a call into Lua (depth 0) an error would reach the panic handler: PT_GUARDED catches
 * it. Inside one (a host function, called from Lua under lua_pcall) it would jump to that pcall
 * across the Swift frames: there the operation runs as a small C function under its own
 * lua_pcall. Operands are moved into the protected frame and its results back. */

enum { PT_OP_CREATETABLE, PT_OP_PUSHSTRING, PT_OP_RAWSET, PT_OP_RAWSETI, PT_OP_REF, PT_OP_CLOSURE, PT_OP_DAY };

static void pt_push_day_raw(lua_State *L, int year, int month, int day);
static int pt_trampoline_closure(lua_State *L);

/* The protected body: the operands are the arguments, the operation the last one. */
static int pt_run_op(lua_State *L) {
    int op = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    switch (op) {
    case PT_OP_CREATETABLE:
        lua_createtable(L, (int)lua_tointeger(L, 1), (int)lua_tointeger(L, 2));
        return 1;
    case PT_OP_PUSHSTRING:
        lua_pushlstring(L, (const char *)lua_touserdata(L, 1), (size_t)lua_tointeger(L, 2));
        return 1;
    case PT_OP_RAWSET: /* table, key, value */
        lua_rawset(L, 1);
        return 0;
    case PT_OP_RAWSETI: { /* table, value, n */
        lua_Integer n = lua_tointeger(L, 3);
        lua_settop(L, 2);
        lua_rawseti(L, 1, n);
        return 0;
    }
    case PT_OP_REF: /* value */
        lua_pushinteger(L, luaL_ref(L, LUA_REGISTRYINDEX));
        return 1;
    case PT_OP_CLOSURE: /* body, index */
        return pt_trampoline_closure(L);
    case PT_OP_DAY:
        pt_push_day_raw(L, (int)lua_tointeger(L, 1), (int)lua_tointeger(L, 2), (int)lua_tointeger(L, 3));
        return 1;
    }
    return 0;
}

/* Runs operation `op` whose `nargs` operands are on top, protected; 1 on success. */
static int pt_protected(lua_State *L, pt_state_info *info, int op, int nargs, int nresults) {
    if (!lua_checkstack(L, 3)) { info->broken |= PT_BROKEN_SCOPE; return 0; }
    info->suspended++;
    /* neither a light C function nor an integer allocates; the call's own allocations (a
     * CallInfo) happen inside the protected call */
    lua_pushinteger(L, op);
    lua_pushcfunction(L, pt_run_op);
    lua_insert(L, -nargs - 2);
    int status = lua_pcall(L, nargs + 1, nresults, 0);
    info->suspended--;
    if (status != LUA_OK) {
        lua_pop(L, 1);
        info->fail_next_allocation = 0;
        info->broken |= PT_BROKEN_SCOPE;
        return 0;
    }
    return 1;
}

/* Whether an error here would reach the panic handler (no call into Lua is under way). */
#define PT_OUTSIDE_CALLS(info) ((info)->depth == 0)

int pt_guarded_createtable(lua_State *L, int narr, int nrec) {
    pt_state_info *info = pt_info(L);
    int ok;
    if (PT_OUTSIDE_CALLS(info)) { PT_GUARDED(info, ok, lua_createtable(L, narr, nrec)); return ok; }
    if (info->broken) return 0;
    lua_pushinteger(L, narr);
    lua_pushinteger(L, nrec);
    return pt_protected(L, info, PT_OP_CREATETABLE, 2, 1);
}

int pt_guarded_pushlstring(lua_State *L, const char *s, size_t len) {
    pt_state_info *info = pt_info(L);
    int ok;
    if (PT_OUTSIDE_CALLS(info)) { PT_GUARDED(info, ok, lua_pushlstring(L, s, len)); return ok; }
    if (info->broken) return 0;
    lua_pushlightuserdata(L, (void *)s);
    lua_pushinteger(L, (lua_Integer)len);
    return pt_protected(L, info, PT_OP_PUSHSTRING, 2, 1);
}

int pt_guarded_rawset(lua_State *L, int index) {
    pt_state_info *info = pt_info(L);
    int ok;
    if (PT_OUTSIDE_CALLS(info)) { PT_GUARDED(info, ok, lua_rawset(L, index)); return ok; }
    if (info->broken) return 0;
    int table = lua_absindex(L, index);
    lua_pushvalue(L, table);
    lua_insert(L, -3); /* table, key, value */
    return pt_protected(L, info, PT_OP_RAWSET, 3, 0);
}

int pt_guarded_rawseti(lua_State *L, int index, lua_Integer n) {
    pt_state_info *info = pt_info(L);
    int ok;
    if (PT_OUTSIDE_CALLS(info)) { PT_GUARDED(info, ok, lua_rawseti(L, index, n)); return ok; }
    if (info->broken) return 0;
    int table = lua_absindex(L, index);
    lua_pushvalue(L, table);
    lua_insert(L, -2); /* table, value */
    lua_pushinteger(L, n);
    return pt_protected(L, info, PT_OP_RAWSETI, 3, 0);
}

/* Several fields or elements under one guard: the views' tables are written a few fields at a
 * time (a guard per field was the largest cost of writing them). Outside calls only; inside
 * one, field by field through the protected operations. */
static void pt_set_fields_raw(lua_State *L, int table, int n) {
    /* from the top: each lua_rawset pops the last pair (the fields' order in the table does
     * not show: the sandbox's pairs walks keys sorted) */
    for (int i = 0; i < n; i++) lua_rawset(L, table);
}

int pt_guarded_setfields(lua_State *L, int n) {
    pt_state_info *info = pt_info(L);
    int table = lua_absindex(L, -2 * n - 1);
    int ok;
    if (PT_OUTSIDE_CALLS(info)) {
        PT_GUARDED(info, ok, pt_set_fields_raw(L, table, n));
        return ok;
    }
    for (int i = 0; i < n; i++) {
        lua_pushvalue(L, table + 1 + 2 * i);
        lua_pushvalue(L, table + 2 + 2 * i);
        if (!pt_guarded_rawset(L, table)) return 0;
    }
    lua_settop(L, table);
    return 1;
}

static void pt_set_list_raw(lua_State *L, int table, int n, lua_Integer first) {
    for (int i = n - 1; i >= 0; i--) lua_rawseti(L, table, first + i);
}

int pt_guarded_setlist(lua_State *L, int n, lua_Integer first) {
    pt_state_info *info = pt_info(L);
    int table = lua_absindex(L, -n - 1);
    int ok;
    if (PT_OUTSIDE_CALLS(info)) {
        PT_GUARDED(info, ok, pt_set_list_raw(L, table, n, first));
        return ok;
    }
    for (int i = 0; i < n; i++) {
        lua_pushvalue(L, table + 1 + i);
        if (!pt_guarded_rawseti(L, table, first + i)) return 0;
    }
    lua_settop(L, table);
    return 1;
}

int pt_guarded_ref(lua_State *L) {
    pt_state_info *info = pt_info(L);
    volatile int ref = LUA_NOREF;
    int ok;
    if (PT_OUTSIDE_CALLS(info)) { PT_GUARDED(info, ok, ref = luaL_ref(L, LUA_REGISTRYINDEX)); return ok ? ref : LUA_NOREF; }
    if (info->broken) return LUA_NOREF;
    if (!pt_protected(L, info, PT_OP_REF, 1, 1)) return LUA_NOREF;
    ref = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return ref;
}

void pt_unref(lua_State *L, int ref) {
    /* luaL_unref only writes into an existing slot of the registry: it does not allocate */
    if (!(pt_info(L)->broken & PT_BROKEN_STATE) && ref > 0) luaL_unref(L, LUA_REGISTRYINDEX, ref);
}

static void pt_push_day_raw(lua_State *L, int year, int month, int day) {
    if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99) {
        char text[10] = {
            (char)('0' + year / 1000), (char)('0' + year / 100 % 10), (char)('0' + year / 10 % 10),
            (char)('0' + year % 10), '-', (char)('0' + month / 10), (char)('0' + month % 10), '-',
            (char)('0' + day / 10), (char)('0' + day % 10)
        };
        lua_pushlstring(L, text, sizeof text);
    } else {
        char text[48];
        int length = snprintf(text, sizeof text, "%s%04d-%02d-%02d", year < 0 ? "-" : "", abs(year), month, day);
        lua_pushlstring(L, text, length > 0 ? (size_t)length : 0);
    }
}

int pt_guarded_pushday(lua_State *L, int year, int month, int day) {
    pt_state_info *info = pt_info(L);
    int ok;
    if (PT_OUTSIDE_CALLS(info)) { PT_GUARDED(info, ok, pt_push_day_raw(L, year, month, day)); return ok; }
    if (info->broken) return 0;
    lua_pushinteger(L, year);
    lua_pushinteger(L, month);
    lua_pushinteger(L, day);
    return pt_protected(L, info, PT_OP_DAY, 3, 1);
}

/* ---- host functions' closures ---- */

int pt_trampoline(lua_State *L); /* calls.c */

static int pt_trampoline_closure(lua_State *L) {
    /* body (light userdata), index: the trampoline's two upvalues */
    lua_pushcclosure(L, pt_trampoline, 2);
    return 1;
}

int pt_push_host_function(lua_State *L, pt_host_function body, lua_Integer index) {
    pt_state_info *info = pt_info(L);
    int ok;
    if (PT_OUTSIDE_CALLS(info)) {
        PT_GUARDED(info, ok,
            lua_pushlightuserdata(L, (void *)body);
            lua_pushinteger(L, index);
            lua_pushcclosure(L, pt_trampoline, 2));
        return ok;
    }
    if (info->broken) return 0;
    lua_pushlightuserdata(L, (void *)body);
    lua_pushinteger(L, index);
    return pt_protected(L, info, PT_OP_CLOSURE, 2, 1);
}

int pt_checkstack(lua_State *L, int slots) {
    /* lua_checkstack reports a failed growth by its result; it does not raise */
    pt_state_info *info = pt_info(L);
    if (info->broken) return 0;
    if (!lua_checkstack(L, slots)) { info->broken |= PT_BROKEN_SCOPE; return 0; }
    return 1;
}

int pt_broken(lua_State *L) { return pt_info(L)->broken; }

void pt_clear_scope_failure(lua_State *L) { pt_info(L)->broken &= ~PT_BROKEN_SCOPE; }
