/* A floor of (g), not part of the build: the public-call benchmark's loop written in C against the
 * host's own C side (Sources/CLuaHost) with every limit armed as the Swift runtime arms them -- a
 * state from pt_open with the accounting allocator and a 64 MiB memory budget, watched for a time
 * budget of 2 s, every call through pt_call (message handler, time budget handshake, hooks) --
 * the record made by pt_guarded_record from C-string keys, the results read by kept keys: everything
 * the public call with record shapes does, without Swift.
 *   cc -O2 -ISources/CLuaHost/include Benchmarks/call-limits.c Sources/CLuaHost/[a-z]*.c \
 *      $(pkg-config --cflags --libs lua5.4) -lpthread -o .build/call-limits
 *   .build/call-limits Benchmarks/call-rule.lua
 */
#include "CLuaHost.h"
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double cpu(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int keep_string(lua_State *L, const char *s) { lua_pushstring(L, s); return luaL_ref(L, LUA_REGISTRYINDEX); }
int main(int argc, char **argv) {
    const char *rule_file = argc > 1 ? argv[1] : "Benchmarks/call-rule.lua";
    pt_state_info *info = calloc(1, sizeof *info);
    lua_State *L = pt_open(info);
    if (!L) return 1;
    info->limit = 64 << 20;
    pt_watch(info, 2000000000LL);
    FILE *f = fopen(rule_file, "rb");
    if (!f) return 1;
    static char source[1 << 16];
    size_t size = fread(source, 1, sizeof source, f);
    fclose(f);
    if (pt_load(L, source, size, "=call-rule.lua", "t") != LUA_OK || pt_call(L, 0, 1) != LUA_OK) { fprintf(stderr, "load failed\n"); return 1; }
    int rule = luaL_ref(L, LUA_REGISTRYINDEX);
    static const char *const keys[5] = { "id", "value", "baseline", "target", "expected" };
    int status_key = keep_string(L, "status"), progress_key = keep_string(L, "progress");
    const char *ids[10] = {"IND-0","IND-1","IND-2","IND-3","IND-4","IND-5","IND-6","IND-7","IND-8","IND-9"};
    double best = 1e9; long counts[4]; double sum = 0;
    for (int run = 0; run < 5; run++) {
        long c[4] = {0,0,0,0}; double s = 0;
        double start = cpu();
        for (int i = 1; i <= 300000; i++) {
            if (!pt_checkstack(L, 12)) return 1;
            lua_rawgeti(L, LUA_REGISTRYINDEX, rule);
            if (!pt_guarded_pushlstring(L, ids[i % 10], 5)) return 1;
            lua_pushnumber(L, (double)(i % 137));
            lua_pushinteger(L, 0);
            lua_pushinteger(L, 100);
            lua_pushnumber(L, (double)(i % 10) / 10);
            if (!pt_guarded_record(L, keys, 5)) return 1;
            if (info->limit > 0 && info->used > info->limit) return 1;
            if (pt_call(L, 1, 1) != LUA_OK) { printf("error %s\n", lua_tostring(L, -1)); return 1; }
            pt_scalar value;
            pt_rawget_kept_key(L, -1, status_key, &value);
            const char *st = value.string;
            if (strcmp(st, "achieved") == 0) c[0]++; else if (strcmp(st, "on-track") == 0) c[1]++; else if (strcmp(st, "at-risk") == 0) c[2]++; else c[3]++;
            pt_rawget_kept_key(L, -1, progress_key, &value);
            s += value.number;
            lua_settop(L, 0);
        }
        double e = cpu() - start;
        if (e < best) best = e;
        memcpy(counts, c, sizeof c); sum = s;
    }
    printf("%.1f ns per call  %ld %ld %ld %ld %.6f\n", best * 1e9 / 300000, counts[0], counts[1], counts[2], counts[3], sum);
    pt_unwatch(info);
    pt_close(info);
    free(info);
    return 0;
}
