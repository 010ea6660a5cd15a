/* Calls into Lua: the budget hook, the message handler that records why a call failed, the
 * protected call, loading, and the trampoline of host functions. */
#include "internal.h"
#include <string.h>

/* The innermost frame of user code from `level` up (a line known, not the sandbox's own
 * chunk) into `ar`; 0 when there is none. */
static int pt_user_frame(lua_State *L, int level, lua_Debug *ar) {
    for (; lua_getstack(L, level, ar); level++) {
        if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0 && strcmp(ar->source, PT_SANDBOX_CHUNK) != 0) return 1;
    }
    return 0;
}

void pt_push_where(lua_State *L, int level) {
    lua_Debug ar;
    if (pt_user_frame(L, level, &ar)) lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
    else lua_pushliteral(L, "");
}

void pt_remember_raised(lua_State *L, pt_state_info *info, int kind) {
    /* the slot exists: writing it does not allocate */
    lua_pushvalue(L, -1);
    lua_rawseti(L, LUA_REGISTRYINDEX, info->raised_ref);
    info->raised_kind = kind;
}

/* ---- locating a hook's return ---- */

static int pt_return_mask(int line_events) {
    return LUA_MASKCALL | LUA_MASKRET | (line_events ? LUA_MASKLINE : 0);
}

/* The locator's mask: return events only when the target's tail calls are known from its
 * bytecode, else call and return events (and line events when asked). */
static int pt_locating_mask(const pt_state_info *info, int line_events) {
    return info->return_tail_line >= 0 ? LUA_MASKRET : pt_return_mask(line_events);
}

/* Return events only (the target's bytecode says where a tail call leaves it): the frame that
 * returns to the host, the bottom one of the call, is the target's, or the one it tail called
 * (a tail call keeps the frame). The first return of the call finds that frame (return_ci,
 * reset when the call begins) by walking the stack once; every other return then costs one
 * comparison. A coroutine is another thread. */
static void pt_return_only_event(lua_State *L, lua_Debug *ar, pt_state_info *info) {
    if (ar->event != LUA_HOOKRET || info->return_done || L != info->L) return;
    if (info->return_ci == NULL) {
        lua_Debug up;
        info->return_ci = ar->i_ci;
        for (int level = 1; lua_getstack(L, level, &up); level++) info->return_ci = up.i_ci;
    }
    if (ar->i_ci != info->return_ci) return;
    info->return_done = 1;
    if (!lua_getinfo(L, "ltf", ar)) return;
    int target = lua_topointer(L, -1) == info->return_target;
    lua_pop(L, 1);
    if (ar->istailcall) info->return_line = info->return_tail_line;
    else if (target && ar->currentline > 0) info->return_line = ar->currentline;
}

/* The hook of this call without a count: the return locator's events, or none. */
static void pt_reset_hook(lua_State *L, pt_state_info *info) {
    if (info->return_target != NULL && !info->return_done)
        lua_sethook(L, pt_budget_hook, pt_locating_mask(info, 0), 0);
    else lua_sethook(L, NULL, 0, 0);
}

/* Line events only in the frame of the function being located: in every other frame the VM then
 * runs untraced. Never while a count is armed (changing the mask would restart the count).
 * The time signal's handler may arm a count hook at any instruction on this thread: when it did
 * (a trip of this call), the count hook is armed again after the mask was changed. */
static void pt_return_lines(lua_State *L, pt_state_info *info, int on) {
    int mask = lua_gethookmask(L);
    if ((mask & LUA_MASKCOUNT) != 0 || mask == pt_return_mask(on)) return;
    lua_sethook(L, pt_budget_hook, pt_return_mask(on), 0);
    if (pt_load_atomic(&info->tripped) != PT_KIND_NONE && pt_load_atomic(&info->tripped_seq) == pt_load_atomic(&info->call_seq))
        lua_sethook(L, pt_budget_hook, LUA_MASKCOUNT, 1);
}

/* The line of the `return` of return_target's frame (its RET event), or, when it ends with a
 * tail call, the last line the frame ran (the `return f(...)`). */
static void pt_return_event(lua_State *L, lua_Debug *ar, pt_state_info *info) {
    switch (ar->event) {
    case LUA_HOOKCALL:
        if (info->return_ci == NULL && !info->return_done) {
            if (lua_getinfo(L, "f", ar)) {
                int found = lua_topointer(L, -1) == info->return_target;
                lua_pop(L, 1);
                if (found) { info->return_ci = ar->i_ci; pt_return_lines(L, info, 1); return; }
            }
        }
        pt_return_lines(L, info, 0); /* a callee: no line events in it */
        return;
    case LUA_HOOKTAILCALL:
        if (ar->i_ci == info->return_ci && !info->return_done) {
            info->return_done = 1;
            info->return_line = info->return_last_line;
        }
        pt_return_lines(L, info, 0);
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
            if (lua_getstack(L, 1, &up) && up.i_ci == info->return_ci) pt_return_lines(L, info, 1); /* back in the frame */
        }
        return;
    default:
        return;
    }
}

void pt_locate_return(lua_State *L, int index, int tail_line) {
    pt_state_info *info = pt_info(L);
    info->return_target = lua_topointer(L, index);
    info->return_tail_line = tail_line;
    info->return_line = 0;
    info->return_ci = NULL;
    info->return_last_line = 0;
    info->return_done = 0;
}

int pt_located_return(lua_State *L) {
    pt_state_info *info = pt_info(L);
    int line = info->return_line;
    info->return_target = NULL;
    info->return_line = 0;
    info->return_ci = NULL;
    info->return_done = 0;
    return line;
}

int pt_definition_line(lua_State *L, int index) {
    lua_Debug ar;
    lua_pushvalue(L, index);
    if (!lua_getinfo(L, ">S", &ar) || ar.linedefined <= 0) return 0;
    return ar.linedefined;
}

int pt_caller_location(lua_State *L, int level, char *file, size_t capacity) {
    lua_Debug ar;
    if (capacity == 0 || !pt_user_frame(L, level, &ar)) return 0;
    size_t length = strlen(ar.short_src);
    if (length >= capacity) length = capacity - 1;
    memcpy(file, ar.short_src, length);
    file[length] = 0;
    return ar.currentline;
}

/* ---- the budget hook ---- */

void pt_budget_hook(lua_State *L, lua_Debug *ar) {
    pt_state_info *info = pt_info(L);
    if (ar->event != LUA_HOOKCOUNT) {
        if (info->return_target == NULL) return;
        if (info->return_tail_line >= 0) pt_return_only_event(L, ar, info);
        else pt_return_event(L, ar, info);
        return;
    }
    long seq = pt_load_atomic(&info->call_seq);
    long kind = pt_load_atomic(&info->tripped);
    if (kind == PT_KIND_NONE || pt_load_atomic(&info->tripped_seq) != seq) {
        if (!pt_load_atomic(&info->in_call) || info->instructions == 0) {
            /* a hook left from a call that has ended, or armed for a call that is over */
            pt_reset_hook(L, info);
            return;
        }
        /* the instruction budget of this call ran out */
        pt_store_atomic(&info->tripped_seq, seq);
        pt_store_atomic(&info->tripped, PT_KIND_INSTRUCTIONS);
        kind = PT_KIND_INSTRUCTIONS;
    }
    /* keep firing on every instruction, so that no pcall in the script can swallow it */
    lua_sethook(L, pt_budget_hook, LUA_MASKCOUNT, 1);
    info->suspended++;
    pt_push_where(L, 0);
    lua_pushstring(L, kind == PT_KIND_TIME ? "time budget exceeded" : "instruction budget exceeded");
    lua_concat(L, 2);
    info->suspended--;
    lua_error(L);
}

/* ---- the message handler: a readable message for any error value, plus a traceback ---- */

static int pt_tostring_protected(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* Why the error value at index 1 ended the call: a trip of this call's budget, the error the
 * host raised last (the same value), or else the script's own error. */
static int pt_classify(lua_State *L, pt_state_info *info) {
    long seq = pt_load_atomic(&info->call_seq);
    long tripped = pt_load_atomic(&info->tripped);
    if (tripped != PT_KIND_NONE && pt_load_atomic(&info->tripped_seq) == seq) return (int)tripped;
    if (info->raised_kind != PT_KIND_NONE) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, info->raised_ref);
        int same = lua_rawequal(L, 1, -1);
        lua_pop(L, 1);
        if (same) return info->raised_kind;
    }
    return PT_KIND_RUNTIME;
}

static int pt_message_handler(lua_State *L) {
    pt_state_info *info = pt_info(L);
    info->suspended++; /* building the message must not fail for want of memory */
    info->fail_kind = pt_classify(L, info);
    int type = lua_type(L, 1);
    if (type == LUA_TSTRING) {
        /* an error raised by the host's own Lua code is located at the user's line instead */
        size_t length = 0;
        const char *message = lua_tolstring(L, 1, &length);
        const char *prefix = &PT_SANDBOX_CHUNK[1];
        size_t prefix_length = strlen(prefix);
        if (length > prefix_length && strncmp(message, prefix, prefix_length) == 0 && message[prefix_length] == ':') {
            const char *rest = strstr(message + prefix_length + 1, ": ");
            pt_push_where(L, 1);
            lua_pushstring(L, rest != NULL ? rest + 2 : message);
            lua_concat(L, 2);
        } else {
            lua_pushvalue(L, 1);
        }
    } else if (type == LUA_TNUMBER) {
        pt_push_where(L, 1);
        lua_pushvalue(L, 1);
        lua_tolstring(L, -1, NULL);
        lua_concat(L, 2);
    } else if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        pt_push_where(L, 1);
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
        pt_push_where(L, 1);
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
        lua_concat(L, 2);
    }
    luaL_traceback(L, L, lua_tolstring(L, -1, NULL), 1);
    info->suspended--;
    return 1;
}

/* ---- the protected call ---- */

static void pt_begin_outer_call(lua_State *L, pt_state_info *info) {
    info->raised_kind = PT_KIND_NONE;
    info->memory_refused = 0;
    pt_store_atomic(&info->tripped, PT_KIND_NONE);
    __atomic_add_fetch(&info->call_seq, 1, __ATOMIC_SEQ_CST);
    /* the hook is set and cleared only here, on the thread that runs the call (and, for the
       return locator, by the hook itself) */
    int locating = info->return_target != NULL;
    if (locating) {
        info->return_line = 0;
        info->return_ci = NULL;
        info->return_last_line = 0;
        info->return_done = 0;
    }
    if (info->instructions > 0) lua_sethook(L, pt_budget_hook, LUA_MASKCOUNT | (locating ? pt_locating_mask(info, 1) : 0), info->instructions);
    else if (locating) lua_sethook(L, pt_budget_hook, pt_locating_mask(info, 0), 0);
    else lua_sethook(L, NULL, 0, 0);
    pt_running_begin(info);
}

static void pt_end_outer_call(lua_State *L, pt_state_info *info) {
    pt_running_end(info);
    /* the mask, not lua_gethook: a hook can be left with a count and no function */
    if (lua_gethookmask(L) != 0) lua_sethook(L, NULL, 0, 0);
}

int pt_call(lua_State *L, int nargs, int nresults) {
    pt_state_info *info = pt_info(L);
    if (info->broken) { info->fail_kind = (info->broken & PT_BROKEN_STATE) ? PT_KIND_PANIC : PT_KIND_MEMORY; return LUA_ERRERR; }
    int base = lua_gettop(L) - nargs;
    info->fail_kind = PT_KIND_NONE;
    lua_pushcfunction(L, pt_message_handler); /* a light C function: no allocation */
    lua_insert(L, base);
    int outer = info->depth == 0;
    int suspended = info->suspended;
    info->depth++;
    if (outer) pt_begin_outer_call(L, info);
    info->suspended = 0; /* the script runs under the memory budget */
    int status = lua_pcall(L, nargs, nresults, base);
    info->suspended = suspended;
    if (outer) pt_end_outer_call(L, info);
    info->depth--;
    lua_remove(L, base);
    if (status == LUA_ERRMEM) info->fail_kind = PT_KIND_MEMORY;
    else if (status != LUA_OK && info->fail_kind == PT_KIND_NONE) info->fail_kind = PT_KIND_RUNTIME;
    return status;
}

int pt_load(lua_State *L, const char *buffer, size_t size, const char *name, const char *mode) {
    pt_state_info *info = pt_info(L);
    volatile int status = LUA_ERRMEM;
    int ok;
    /* lua_load is protected itself; the guard covers what it pushes */
    PT_GUARDED(info, ok, status = luaL_loadbufferx(L, buffer, size, name, mode));
    if (!ok) { info->fail_kind = (info->broken & PT_BROKEN_STATE) ? PT_KIND_PANIC : PT_KIND_MEMORY; return LUA_ERRMEM; }
    if (status == LUA_ERRSYNTAX) info->fail_kind = PT_KIND_SYNTAX;
    else if (status != LUA_OK) info->fail_kind = PT_KIND_MEMORY;
    return status;
}

/* ---- host functions: Swift code never raises; it returns to this trampoline, which does ---- */

int pt_trampoline(lua_State *L) {
    pt_host_function body = (pt_host_function)lua_touserdata(L, lua_upvalueindex(1));
    pt_state_info *info = pt_info(L);
    info->suspended++; /* no allocation fails (and longjmps) inside the Swift frame */
    info->host_error_kind = PT_KIND_NONE;
    int results = body(L);
    info->suspended--;
    if (results == PT_HOST_ERROR) {
        /* the message is on top of the stack: lead it with the location of the user's code */
        info->broken &= ~PT_BROKEN_SCOPE;
        info->suspended++;
        if (lua_type(L, -1) != LUA_TSTRING) lua_pushliteral(L, "not enough memory for a host function's error message");
        pt_push_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        pt_remember_raised(L, info, info->host_error_kind != PT_KIND_NONE ? info->host_error_kind : PT_KIND_RUNTIME);
        info->suspended--;
        return lua_error(L);
    }
    if (info->suspended == 0 && info->limit != 0 && info->used > info->limit) {
        lua_gc(L, LUA_GCCOLLECT, 0);
        if (info->used > info->limit) {
            info->memory_refused = 1;
            info->suspended++;
            lua_pushliteral(L, "not enough memory: a host function's result exceeds the memory budget");
            pt_remember_raised(L, info, PT_KIND_MEMORY);
            info->suspended--;
            return lua_error(L);
        }
    }
    return results;
}

lua_Integer pt_host_function_index(lua_State *L) {
    return lua_tointeger(L, lua_upvalueindex(2));
}

void *pt_host_of(lua_State *L) { return pt_info(L)->host; }
