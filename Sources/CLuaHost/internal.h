/* What the .c files of CLuaHost share; not part of the module's interface. */
#ifndef POLICY_TRACKER_CLUAHOST_INTERNAL_H
#define POLICY_TRACKER_CLUAHOST_INTERNAL_H

#include "CLuaHost.h"

static inline pt_state_info *pt_info(lua_State *L) {
    return *(pt_state_info **)lua_getextraspace(L);
}

static inline long pt_load_atomic(const long *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void pt_store_atomic(long *p, long v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }

/* Runs `statement` (which may raise) with the budget suspended and a guard the panic handler
 * jumps back to; `ok` becomes 1, or 0 when Lua raised (the state is then broken for good).
 * Only for code outside any lua_pcall: inside one, an error jumps to the pcall, not to the
 * panic handler (see pt_protected in state.c). A broken state runs nothing. */
#define PT_GUARDED(info, ok, statement) do { \
        void *pt_jump_[5]; \
        void *pt_previous_guard_ = (info)->guard; \
        (ok) = 0; \
        if (!(info)->broken) { \
            (info)->suspended++; \
            (info)->guard = pt_jump_; \
            if (__builtin_setjmp(pt_jump_) == 0) { statement; (ok) = 1; } \
            (info)->guard = pt_previous_guard_; \
            (info)->suspended--; \
        } \
    } while (0)

/* The guards use the compiler's setjmp (a few stores; the hot path of writing views passes a
 * guard for every table and field): pt_panic jumps back with __builtin_longjmp. */

/* The chunk name of the host's own Lua code: its frames are skipped when locating errors. */
#define PT_SANDBOX_CHUNK "=[sandbox]"

/* Pushes "source:line: " of the innermost frame of user code from `level` up, or "". */
void pt_push_where(lua_State *L, int level);
/* The count hook that raises the budget errors. */
void pt_budget_hook(lua_State *L, lua_Debug *ar);
/* Keeps the error value on top as the one the host raised, of kind `kind`. */
void pt_remember_raised(lua_State *L, pt_state_info *info, int kind);
/* The outer call starts / ends on this thread (the watchdog's view of it). */
void pt_running_begin(pt_state_info *info);
void pt_running_end(pt_state_info *info);

#endif
