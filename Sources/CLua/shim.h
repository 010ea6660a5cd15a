/*
 * CLua: the C side of policy-tracker's Lua embedding. Only what Swift cannot express:
 * static inline wrappers for Lua's function-like macros, the limiting allocator, the budget hook,
 * the message handler and the trampoline through which every Swift host function returns and
 * every host error is raised (no longjmp ever crosses a Swift frame).
 */
#ifndef POLICY_TRACKER_CLUA_SHIM_H
#define POLICY_TRACKER_CLUA_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

/* ---- per-state bookkeeping, shared with Swift and the watchdog thread ---- */

enum { PT_TRIP_NONE = 0, PT_TRIP_TIME = 1, PT_TRIP_INSTRUCTIONS = 2 };

typedef struct pt_state_info {
    size_t used;          /* bytes currently allocated by the state */
    size_t limit;         /* memory budget in bytes, 0 = none */
    size_t peak;          /* highest `used` seen */
    int suspended;        /* 1 while the host (Swift) pushes values: the budget is checked after */
    int memory_refused;   /* set when the allocator refused a request because of the budget */
    long call_seq;        /* incremented at each call into Lua (atomic) */
    long in_call;         /* 1 while a call into Lua runs (atomic) */
    long tripped;         /* PT_TRIP_* of the current call (atomic) */
    long tripped_seq;     /* call_seq the trip belongs to (atomic) */
    void *host;           /* the Swift runtime (unretained) */
    const void *return_target; /* a function whose return is located (the hook being called), or NULL */
    int return_line;      /* the line return_target returned from (or tail-called from), 0 = not known */
    void *return_ci;      /* the frame of return_target while it runs (lua_Debug.i_ci), or NULL */
    int return_last_line; /* the last line that frame executed */
    int return_done;      /* 1 once the frame returned or tail-called */
} pt_state_info;

static inline long pt_atomic_load(long *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void pt_atomic_store(long *p, long v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline long pt_atomic_increment(long *p) { return __atomic_add_fetch(p, 1, __ATOMIC_ACQ_REL); }

/* The limiting allocator: counts bytes, refuses growth past the budget, never fails a shrink. */
static inline void *pt_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    pt_state_info *info = (pt_state_info *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        info->used -= old;
        return NULL;
    }
    if (nsize > old && !info->suspended && info->limit != 0 && info->used - old + nsize > info->limit) {
        info->memory_refused = 1;
        return NULL;
    }
    void *block = ptr ? realloc(ptr, nsize) : malloc(nsize);
    if (block == NULL) {
        return (nsize <= old) ? ptr : NULL; /* a failed shrink keeps the old block */
    }
    info->used = info->used - old + nsize;
    if (info->used > info->peak) info->peak = info->used;
    return block;
}

static inline pt_state_info *pt_info(lua_State *L) {
    return *(pt_state_info **)lua_getextraspace(L);
}

static inline lua_State *pt_newstate(pt_state_info *info) {
    lua_State *L = lua_newstate(pt_alloc, info);
    if (L != NULL) *(pt_state_info **)lua_getextraspace(L) = info;
    return L;
}

/* The chunk name of the host's own Lua code: its frames are skipped when locating errors. */
#define PT_SANDBOX_CHUNK "=[sandbox]"

/* Pushes "source:line: " of the innermost frame of user code from `level` up, or "". */
static inline int pt_where_from(lua_State *L, int level) {
    lua_Debug ar;
    for (; lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && strcmp(ar.source, PT_SANDBOX_CHUNK) != 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return 1;
        }
    }
    lua_pushliteral(L, "");
    return 1;
}

static inline int pt_where(lua_State *L) { return pt_where_from(L, 1); }

/* ---- the budget hook ---- */

static inline void pt_budget_hook(lua_State *L, lua_Debug *ar);

/* Line events only in the frame of the function being located: in every other frame the VM
   then runs untraced. Without an instruction budget only (toggling would restart its count). */
static inline void pt_return_lines(lua_State *L, int on) {
    int mask = LUA_MASKCALL | LUA_MASKRET | (on ? LUA_MASKLINE : 0);
    if ((lua_gethookmask(L) & LUA_MASKCOUNT) == 0 && lua_gethookmask(L) != mask) lua_sethook(L, pt_budget_hook, mask, 0);
}

/* Locates the return of `return_target`: the line of its `return` (the RET event of its frame),
   or, when it ends with a tail call, the last line its frame ran (the `return f(...)`). */
static inline void pt_return_event(lua_State *L, lua_Debug *ar, pt_state_info *info) {
    switch (ar->event) {
    case LUA_HOOKCALL:
        if (info->return_ci == NULL && !info->return_done) {
            if (lua_getinfo(L, "f", ar)) {
                int found = lua_topointer(L, -1) == info->return_target;
                lua_pop(L, 1);
                if (found) { info->return_ci = ar->i_ci; return; }
            }
        }
        pt_return_lines(L, 0); /* a callee: no line events in it */
        return;
    case LUA_HOOKTAILCALL:
        if (ar->i_ci == info->return_ci && !info->return_done) {
            info->return_done = 1;
            info->return_line = info->return_last_line;
        }
        pt_return_lines(L, 0);
        return;
    case LUA_HOOKLINE:
        if (ar->i_ci == info->return_ci && !info->return_done) info->return_last_line = ar->currentline;
        return;
    case LUA_HOOKRET:
        if (info->return_ci != NULL && ar->i_ci == info->return_ci) {
            if (!info->return_done && lua_getinfo(L, "l", ar)) info->return_line = ar->currentline;
            info->return_done = 1;
            info->return_ci = NULL;
            return;
        }
        if (info->return_ci != NULL && !info->return_done) {
            lua_Debug up;
            if (lua_getstack(L, 1, &up) && up.i_ci == info->return_ci) pt_return_lines(L, 1); /* back in the frame */
        }
        return;
    default:
        return;
    }
}

static inline void pt_budget_hook(lua_State *L, lua_Debug *ar) {
    pt_state_info *info = pt_info(L);
    if (ar->event != LUA_HOOKCOUNT) {
        if (info->return_target != NULL) pt_return_event(L, ar, info);
        return;
    }
    long seq = pt_atomic_load(&info->call_seq);
    long kind = pt_atomic_load(&info->tripped);
    if (kind == PT_TRIP_NONE || pt_atomic_load(&info->tripped_seq) != seq) {
        if (!pt_atomic_load(&info->in_call)) { lua_sethook(L, NULL, 0, 0); return; }
        /* the instruction budget of this call ran out */
        pt_atomic_store(&info->tripped_seq, seq);
        pt_atomic_store(&info->tripped, PT_TRIP_INSTRUCTIONS);
        kind = PT_TRIP_INSTRUCTIONS;
    }
    /* keep firing on every instruction, so that no pcall in the script can swallow it */
    lua_sethook(L, pt_budget_hook, LUA_MASKCOUNT, 1);
    info->suspended = 1;
    pt_where_from(L, 0);
    lua_pushstring(L, kind == PT_TRIP_TIME ? "time budget exceeded" : "instruction budget exceeded");
    lua_concat(L, 2);
    info->suspended = 0;
    lua_error(L);
}

/* Arms the hook from any thread (lua_sethook is safe to call asynchronously). */
static inline void pt_trip_time(lua_State *L, pt_state_info *info, long seq) {
    pt_atomic_store(&info->tripped_seq, seq);
    pt_atomic_store(&info->tripped, PT_TRIP_TIME);
    lua_sethook(L, pt_budget_hook, LUA_MASKCOUNT, 1);
}

/* Starts a call into Lua; `instructions` > 0 arms a count hook, else no hook taxes the VM. */
static inline void pt_begin_call(lua_State *L, pt_state_info *info, int instructions) {
    pt_atomic_store(&info->tripped, PT_TRIP_NONE);
    pt_atomic_increment(&info->call_seq);
    info->memory_refused = 0;
    if (instructions > 0) lua_sethook(L, pt_budget_hook, LUA_MASKCOUNT, instructions);
    else if (lua_gethook(L) != NULL) lua_sethook(L, NULL, 0, 0);
    if (info->return_target != NULL) {
        info->return_line = 0;
        info->return_ci = NULL;
        info->return_last_line = 0;
        info->return_done = 0;
        lua_sethook(L, pt_budget_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | (instructions > 0 ? LUA_MASKCOUNT : 0),
                    instructions > 0 ? instructions : 0);
    }
    pt_atomic_store(&info->in_call, 1);
}

static inline long pt_end_call(lua_State *L, pt_state_info *info) {
    pt_atomic_store(&info->in_call, 0);
    long tripped = pt_atomic_load(&info->tripped);
    if (lua_gethook(L) != NULL) lua_sethook(L, NULL, 0, 0);
    return tripped;
}

/* ---- the message handler: a readable message for any error value, plus a traceback ---- */

static inline int pt_tostring_protected(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

static inline int pt_message_handler(lua_State *L) {
    pt_state_info *info = pt_info(L);
    int was_suspended = info->suspended;
    info->suspended = 1; /* building the message must not fail for want of memory */
    int type = lua_type(L, 1);
    if (type == LUA_TSTRING) {
        /* an error raised by the host's own Lua code is located at the user's line instead */
        size_t length = 0;
        const char *message = lua_tolstring(L, 1, &length);
        const char *prefix = PT_SANDBOX_CHUNK + 1;
        size_t prefix_length = strlen(prefix);
        if (length > prefix_length && strncmp(message, prefix, prefix_length) == 0 && message[prefix_length] == ':') {
            const char *rest = strstr(message + prefix_length + 1, ": ");
            pt_where(L);
            lua_pushstring(L, rest != NULL ? rest + 2 : message);
            lua_concat(L, 2);
        } else {
            lua_pushvalue(L, 1);
        }
    } else if (type == LUA_TNUMBER) {
        pt_where(L);
        lua_pushvalue(L, 1);
        lua_tolstring(L, -1, NULL);
        lua_concat(L, 2);
    } else if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        pt_where(L);
        lua_pushcfunction(L, pt_tostring_protected);
        lua_pushvalue(L, 1);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
            lua_concat(L, 2);
        } else {
            lua_pop(L, 1);
            lua_pushfstring(L, "(error object is a %s value whose __tostring failed)", luaL_typename(L, 1));
            lua_concat(L, 2);
        }
    } else {
        pt_where(L);
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
        lua_concat(L, 2);
    }
    luaL_traceback(L, L, lua_tolstring(L, -1, NULL), 1);
    info->suspended = was_suspended;
    return 1;
}

/* Protected call with the message handler below the function. */
static inline int pt_pcall(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, pt_message_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

/* ---- host functions: Swift code never raises; it returns to this trampoline, which does ---- */

typedef int (*pt_host_function)(lua_State *L);

enum { PT_HOST_ERROR = -1 };

static inline int pt_trampoline(lua_State *L) {
    pt_host_function body = (pt_host_function)lua_touserdata(L, lua_upvalueindex(1));
    pt_state_info *info = pt_info(L);
    int was_suspended = info->suspended;
    info->suspended = 1; /* no allocation fails (and longjmps) inside the Swift frame */
    int results = body(L);
    info->suspended = was_suspended;
    if (results == PT_HOST_ERROR) {
        /* the message is on top of the stack: lead it with the location of the user's code */
        info->suspended = 1;
        pt_where_from(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        info->suspended = was_suspended;
        return lua_error(L);
    }
    if (!was_suspended && info->limit != 0 && info->used > info->limit) {
        info->memory_refused = 1;
        info->suspended = 1;
        lua_pushliteral(L, "not enough memory: a host function's result exceeds the memory budget");
        info->suspended = 0;
        return lua_error(L);
    }
    return results;
}

static inline void pt_push_host_function(lua_State *L, pt_host_function body, lua_Integer index) {
    lua_pushlightuserdata(L, (void *)body);
    lua_pushinteger(L, index);
    lua_pushcclosure(L, pt_trampoline, 2);
}

static inline lua_Integer pt_host_function_index(lua_State *L) {
    return lua_tointeger(L, lua_upvalueindex(2));
}

/* ---- wrappers for macros ---- */

static inline int pt_registry_index(void) { return LUA_REGISTRYINDEX; }
static inline int pt_globals_index(void) { return LUA_RIDX_GLOBALS; }
static inline void pt_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void pt_newtable(lua_State *L) { lua_newtable(L); }
static inline const char *pt_tolstring(lua_State *L, int i, size_t *len) { return lua_tolstring(L, i, len); }
static inline lua_Number pt_tonumber(lua_State *L, int i, int *isnum) { return lua_tonumberx(L, i, isnum); }
static inline lua_Integer pt_tointeger(lua_State *L, int i, int *isnum) { return lua_tointegerx(L, i, isnum); }
static inline int pt_isinteger(lua_State *L, int i) { return lua_isinteger(L, i); }
static inline int pt_load(lua_State *L, const char *buffer, size_t size, const char *name) {
    return luaL_loadbufferx(L, buffer, size, name, "t");
}
/* ---- bytecode of the host's own chunks, compiled once per process and reused ---- */

typedef struct pt_buffer { unsigned char *bytes; size_t size; size_t capacity; } pt_buffer;

static inline int pt_buffer_writer(lua_State *L, const void *p, size_t size, void *ud) {
    (void)L;
    pt_buffer *buffer = (pt_buffer *)ud;
    if (buffer->size + size > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 4096;
        while (capacity < buffer->size + size) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(buffer->bytes, capacity);
        if (grown == NULL) return 1;
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->size, p, size);
    buffer->size += size;
    return 0;
}

/* Dumps the function on top of the stack into `buffer` (the caller frees buffer->bytes). */
static inline int pt_dump(lua_State *L, pt_buffer *buffer) {
    return lua_dump(L, pt_buffer_writer, buffer, 0);
}

/* Loads bytecode that the host itself dumped (binary mode; user chunks are always text). */
static inline int pt_load_bytecode(lua_State *L, const unsigned char *bytes, size_t size, const char *name) {
    return luaL_loadbufferx(L, (const char *)bytes, size, name, "b");
}

/* Pushes a day as YYYY-MM-DD, formatted byte by byte (the views hold many dates). */
static inline void pt_push_day(lua_State *L, int year, int month, int day) {
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

static inline void pt_gc_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT, 0); }

#endif
