/*
 * CLuaHost: the C side of policy-tracker's Lua embedding, compiled as its own target.
 *
 * Only what Swift cannot do safely: the limiting allocator, the panic handler and the guards it
 * jumps to, the budget hook, the time-budget signal and its watchdog thread, the message handler
 * that records why a call failed, the trampoline through which every Swift host function returns
 * (and every host error is raised), and the bytecode writer. No longjmp ever crosses a Swift frame:
 * every function here that may raise runs its raising part under lua_pcall or under a guard that
 * the panic handler jumps back to.
 *
 * Swift reaches these functions only from the boundary type (PolicyLua's LuaState.swift).
 */
#ifndef POLICY_TRACKER_CLUAHOST_H
#define POLICY_TRACKER_CLUAHOST_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stddef.h>
#include <stdint.h>

/* Why a call failed, recorded where it happened (never read back from the message text). */
enum {
    PT_KIND_NONE = 0,
    PT_KIND_RUNTIME = 1,       /* the script raised an error (or re-raised one it caught) */
    PT_KIND_SYNTAX = 2,        /* the chunk does not compile */
    PT_KIND_MEMORY = 3,        /* the memory budget */
    PT_KIND_TIME = 4,          /* the time budget of the call */
    PT_KIND_INSTRUCTIONS = 5,  /* the instruction budget of the call */
    PT_KIND_PATTERN = 6,       /* the pattern functions' step budget */
    PT_KIND_MARSHALLING = 7,   /* a value that cannot cross between Swift and Lua */
    PT_KIND_REFUSED = 8,       /* the host refused something (binary chunk, module) */
    PT_KIND_STACK = 9,         /* lua_checkstack refused: no room on the Lua stack */
    PT_KIND_PANIC = 10         /* an error escaped every protected call: the state is closed to use */
};

/* Why a state refuses work: an allocating operation failed in the current scope (cleared when
 * the scope ends), or an error escaped to the panic handler (Lua reset the stack: for good). */
enum { PT_BROKEN_SCOPE = 1, PT_BROKEN_STATE = 2 };

/* Per-state bookkeeping. Fields marked (atomic) are shared with the watchdog thread or the
 * signal handler and are only touched through the __atomic builtins. */
typedef struct pt_state_info {
    lua_State *L;
    size_t used;              /* bytes currently allocated by the state */
    size_t limit;             /* memory budget in bytes, 0 = none */
    size_t peak;              /* highest `used` seen */
    int suspended;            /* > 0 while the host works on the state: allocations are not refused */
    int memory_refused;       /* the allocator refused a request because of the budget (this call) */
    int broken;               /* PT_BROKEN_*: an operation failed; nothing more runs until cleared */
    int fail_next_allocation; /* tests only: the next allocation fails as if malloc had */
    int depth;                /* nesting of calls into Lua (a host function calling back in) */
    int instructions;         /* the instruction budget of the current outer call, 0 = none */
    int raised_kind;          /* PT_KIND_* of the error the host raised last in this call */
    int host_error_kind;      /* set by a Swift host function before it returns PT_HOST_ERROR */
    int fail_kind;            /* PT_KIND_* of the call that just failed */
    int raised_ref;           /* registry slot that keeps the error value the host raised last */
    void *guard;              /* the innermost guard (jmp_buf) the panic handler jumps to */
    long call_seq;            /* (atomic) number of the current outer call */
    long in_call;             /* (atomic) 1 while an outer call into Lua runs */
    long tripped;             /* (atomic) PT_KIND_TIME / PT_KIND_INSTRUCTIONS of the current call */
    long tripped_seq;         /* (atomic) the call the trip belongs to */
    long trip_request;        /* (atomic) the call the watchdog asked to stop */
    long signalling;          /* (atomic) 1 while the watchdog signals the running thread */
    unsigned long runner;     /* (atomic) pthread_t of the thread running the outer call */
    int64_t budget_ns;        /* time budget per call, 0 = none */
    long watch_seq;           /* watchdog thread only: the call it last saw */
    int64_t watch_since;      /* watchdog thread only: when it first saw it */
    struct pt_state_info *watch_next;   /* the watchdog's list (under its lock) */
    struct pt_state_info *previous_running; /* the state running on this thread before (nesting) */
    void *host;               /* the Swift runtime (unretained) */
    struct pt_pool *pool;     /* the state's small blocks (pool.h), made on first use */
    /* Locating a hook's return (traces: the line of the `return` that decided a result). Set by
     * the host before an outer call; only the thread that runs the call touches them. */
    const void *return_target; /* the function whose return is located, or NULL */
    int return_line;           /* the line it returned from (or tail-called from), 0 = not known */
    void *return_ci;           /* its frame while it runs (lua_Debug.i_ci), or NULL */
    int return_last_line;      /* the last line that frame executed */
    int return_done;           /* 1 once the frame returned or tail-called */
    int return_tail_line;      /* the line of the target's only Lua tail call (0 = none), or -1:
                                  several, and the frame is then followed by call and line events */
} pt_state_info;

/* ---- states ---- */

/* A new state with the limiting allocator and the panic handler; the standard libraries the
 * sandbox keeps (base, string, table, math, utf8) are opened under a guard. NULL when there
 * is not enough memory. The caller owns `info` and frees it after pt_close. */
lua_State *pt_open(pt_state_info *info);
/* Closes the state (after it has left the watchdog). */
void pt_close(pt_state_info *info);
/* Tests only: entries of the registry (every kind of key), to count leaks. */
lua_Integer pt_registry_count(lua_State *L);

/* ---- guarded operations: the allocating calls the host makes, each under a guard ----
 * Outside a call into Lua each runs under a guard the panic handler jumps back to; inside one
 * (a host function) under lua_pcall. Each returns 1 on success and 0 when Lua raised (the
 * state is then broken: PT_BROKEN_SCOPE, or PT_BROKEN_STATE after a panic). */
int pt_guarded_createtable(lua_State *L, int narr, int nrec);
int pt_guarded_pushlstring(lua_State *L, const char *s, size_t len);
int pt_guarded_rawset(lua_State *L, int index);
int pt_guarded_rawseti(lua_State *L, int index, lua_Integer n);
/* The `n` key-value pairs on top go into the table below them (raw, in order); pops them. */
int pt_guarded_setfields(lua_State *L, int n);
/* The `n` values on top become elements first...first+n-1 of the table below them; pops them. */
int pt_guarded_setlist(lua_State *L, int n, lua_Integer first);
/* luaL_ref of the top value into the registry; LUA_NOREF when Lua raised. */
int pt_guarded_ref(lua_State *L);
void pt_unref(lua_State *L, int ref);
int pt_guarded_pushday(lua_State *L, int year, int month, int day);

/* ---- fields by string key (the public call's writers and readers) ---- */

/* table[key] = value (raw) for the table at `index`, the value on top; pops it. The key is pushed
 * and the field set under one guard. 1 on success, 0 when Lua raised (the scope is broken). */
int pt_guarded_setfield(lua_State *L, int index, const char *key, size_t length);
/* Pushes table[key] (raw) for the table at `index`; its type, LUA_TNONE when the key could not be
 * pushed (nothing pushed then, the scope is broken). */
int pt_rawget_field(lua_State *L, int index, const char *key, size_t length);
/* A scalar read in place: table[key] (or table[position] when key is NULL), raw, copied into
 * `out` and popped; returns its type. A string stays valid while the table holds it. */
typedef struct pt_scalar {
    lua_Integer integer;  /* the integer (is_integer 1, or 2 for a float with an exact one), the boolean */
    lua_Number number;
    const char *string;
    size_t length;
    int is_integer;
} pt_scalar;
int pt_rawget_scalar(lua_State *L, int index, const char *key, size_t length, lua_Integer position, pt_scalar *out);

/* ---- records of a fixed shape: keys named once (C strings to write, strings kept in the
 * registry to read) ---- */

/* The `n` values on top become the fields of a new table, value i under the key keys[i] (a C
 * string without NUL bytes, whose address stays the same from call to call: Lua's cache of C
 * strings then finds it without hashing; a nil value leaves its field absent); the values are
 * replaced by the table. The table is made and every field set under one guard. 1 on success,
 * 0 when Lua raised. */
int pt_guarded_record(lua_State *L, const char *const *keys, int n);
/* A scalar read in place: table[key] (raw) for the table at `index`, the key being the string kept
 * in the registry at `key`; copied into `out` (as pt_rawget_scalar) and popped; returns its type. */
int pt_rawget_kept_key(lua_State *L, int index, int key, pt_scalar *out);

/* ---- calls into Lua ---- */

/* Protected call of the function below the nargs arguments, under the limits of the state
 * (time, instructions, memory, a message handler adding the traceback). A call made while
 * another runs on the same state (a host function calling back) stays under the outer call's
 * budget. Returns Lua's status; on failure info->fail_kind says why. */
int pt_call(lua_State *L, int nargs, int nresults);
/* Loads a text chunk (the mode "t") or the host's own bytecode ("b"), under a guard; on failure
 * info->fail_kind is PT_KIND_SYNTAX or PT_KIND_MEMORY and the message is on top. */
int pt_load(lua_State *L, const char *buffer, size_t size, const char *name, const char *mode);
/* lua_checkstack (which does not raise): 0 when the stack cannot grow (the scope is then broken). */
int pt_checkstack(lua_State *L, int slots);
/* PT_BROKEN_* of the state; clearing the scope's failure when the scope ends. */
int pt_broken(lua_State *L);
void pt_clear_scope_failure(lua_State *L);

/* The lines of the tail calls (`return f(...)`) of the Lua function at `index`, read from its
 * bytecode: 0 when it makes none (or is a C function), the line when all of them are on one
 * line, -1 when they are on several lines or the bytecode cannot be read. */
int pt_tail_call_line(lua_State *L, int index);
/* Locate the return of `function` (the value at `index`) in the next outer call: after it,
 * info->return_line is the line of its `return` (of its tail call, or of its end), 0 when not
 * known. `tail_line` is pt_tail_call_line of the function. When it is not -1, only return
 * events are hooked (the frame that returns to the host is the function's, or the function it
 * tail-called); when it is -1, call events are hooked too, and line events in its frame. */
void pt_locate_return(lua_State *L, int index, int tail_line);
/* Stops locating; returns the line found (0 = not known). */
int pt_located_return(lua_State *L);
/* The line on which the Lua function at `index` is defined, 0 when not a Lua function. */
int pt_definition_line(lua_State *L, int index);
/* The line of the innermost frame of user code from `level` up, with its short source name
 * copied into `file` (at most capacity - 1 bytes, then a 0); 0 when there is none. Neither
 * pushes nor allocates. */
int pt_caller_location(lua_State *L, int level, char *file, size_t capacity);

/* ---- host functions ---- */

typedef int (*pt_host_function)(lua_State *L);
enum { PT_HOST_ERROR = -1 };
/* Pushes a C closure that calls `body` with the budget suspended; body returns its result count
 * or PT_HOST_ERROR with the message on top and info->host_error_kind set. */
int pt_push_host_function(lua_State *L, pt_host_function body, lua_Integer index);
lua_Integer pt_host_function_index(lua_State *L);
/* The host object of the state (info->host). */
void *pt_host_of(lua_State *L);

/* ---- the time budget ---- */

/* Sets the real-time signal used to stop a call that overran its time budget (default
 * SIGRTMIN + 4); must be called before the first state is watched. Returns 0 on success. */
int pt_time_signal_set(int signal_number);
int pt_time_signal(void);
/* Starts watching a state (the watchdog thread and the signal handler are installed on first use). */
void pt_watch(pt_state_info *info, int64_t budget_ns);
/* Stops watching; after it returns the watchdog never touches that state again. */
void pt_unwatch(pt_state_info *info);
/* How often the watchdog looks at the running calls, in nanoseconds (default 5 ms). */
void pt_watchdog_set_tick(int64_t nanoseconds);

/* ---- bytecode ---- */

typedef struct pt_buffer { unsigned char *bytes; size_t size; size_t capacity; } pt_buffer;
/* Compiles text in a bare state and dumps it into buffer (the caller frees buffer->bytes).
 * Returns LUA_OK, or an error status with a malloc'ed message in *message. */
int pt_compile(const char *source, size_t size, const char *name, pt_buffer *buffer, char **message);
/* Frees what pt_compile allocated (the buffer's bytes, the message). */
void pt_free(void *pointer);

#endif
