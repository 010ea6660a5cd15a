/* The floor of (g), not part of the build: the public-call benchmark's loop written against Lua's
 * C API directly, with no limits (no hooks, no watchdog, no guards, no memory accounting) and no
 * Swift: the same rule (call-rule.lua), the same fresh table per call, the same counts.
 *   cc -O2 Benchmarks/call-capi.c $(pkg-config --cflags --libs lua5.4) -o .build/call-capi
 *   .build/call-capi Benchmarks/call-rule.lua      (prints ns per call and the counts)
 *   .build/call-capi Benchmarks/call-rule.lua adapter
 * With "adapter" the table is not built through the C API: the five values are pushed and the
 * call goes through a small Lua function that builds the table with a constructor (its keys are
 * constants of its chunk) and tail-calls the rule -- the floor of building records in Lua.
 *   .build/call-capi Benchmarks/call-rule.lua empty     (an empty function, no argument, no result)
 *   .build/call-capi Benchmarks/call-rule.lua batch
 * With "batch" the calls are made 256 at a time by a Lua loop inside one lua_pcall: the values go
 * into five Lua arrays (lua_rawseti), the loop builds each table with a constructor and calls the
 * rule, the results come back in two arrays -- the floor of any API that makes many calls at once.
 */
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
static double cpu(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int handler(lua_State *L) { return 1; }
int main(int argc, char **argv) {
    const char *rule_file = argc > 1 ? argv[1] : "Benchmarks/call-rule.lua";
    int through_adapter = argc > 2 && strcmp(argv[2], "adapter") == 0;
    int batched = argc > 2 && strcmp(argv[2], "batch") == 0;
    if (argc > 2 && strcmp(argv[2], "empty") == 0) {
        /* the empty call: no argument, no result (policy-bench call prints the host's) */
        lua_State *E = luaL_newstate();
        if (luaL_dostring(E, "return function() end") != LUA_OK) return 1;
        int empty = luaL_ref(E, LUA_REGISTRYINDEX);
        double fastest = 1e9;
        for (int run = 0; run < 5; run++) {
            double start = cpu();
            for (int i = 1; i <= 300000; i++) {
                lua_pushcfunction(E, handler);
                lua_rawgeti(E, LUA_REGISTRYINDEX, empty);
                if (lua_pcall(E, 0, 0, -2) != 0) return 1;
                lua_settop(E, 0);
            }
            double e = cpu() - start;
            if (e < fastest) fastest = e;
        }
        printf("%.1f ns per empty call\n", fastest * 1e9 / 300000);
        return 0;
    }
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    if (luaL_dofile(L, rule_file) != LUA_OK) { fprintf(stderr, "%s\n", lua_tostring(L, -1)); return 1; }
    int rule = luaL_ref(L, LUA_REGISTRYINDEX);
    if (luaL_dostring(L, "return function(f, a1, a2, a3, a4, a5) return f({id = a1, value = a2, baseline = a3, target = a4, expected = a5}) end") != LUA_OK) return 1;
    int adapter = luaL_ref(L, LUA_REGISTRYINDEX);
    if (luaL_dostring(L, "return function(f, n, a1, a2, a3, a4, a5, r1, r2) for j = 1, n do local r = f({id = a1[j], value = a2[j], baseline = a3[j], target = a4[j], expected = a5[j]}) r1[j] = r.status r2[j] = r.progress end end") != LUA_OK) return 1;
    int driver = luaL_ref(L, LUA_REGISTRYINDEX);
    enum { B = 256 };
    for (int k = 0; k < 7; k++) lua_createtable(L, B, 0);   /* stack 1..7: a1..a5, r1, r2 */
    int base = lua_gettop(L) - 6;
    const char *ids[10] = {"IND-0","IND-1","IND-2","IND-3","IND-4","IND-5","IND-6","IND-7","IND-8","IND-9"};
    double best = 1e9; long counts[4]; double sum;
    for (int run = 0; run < 5; run++) {
        long c[4] = {0,0,0,0}; double s = 0;
        double start = cpu();
        if (batched) {
            for (int i = 1; i <= 300000; i += B) {
                int n = 300000 - i + 1 < B ? 300000 - i + 1 : B;
                for (int j = 0; j < n; j++) {
                    int k = i + j;
                    lua_pushstring(L, ids[k % 10]); lua_rawseti(L, base, j + 1);
                    lua_pushnumber(L, (double)(k % 137)); lua_rawseti(L, base + 1, j + 1);
                    lua_pushinteger(L, 0); lua_rawseti(L, base + 2, j + 1);
                    lua_pushinteger(L, 100); lua_rawseti(L, base + 3, j + 1);
                    lua_pushnumber(L, (double)(k % 10) / 10); lua_rawseti(L, base + 4, j + 1);
                }
                lua_pushcfunction(L, handler);
                lua_rawgeti(L, LUA_REGISTRYINDEX, driver);
                lua_rawgeti(L, LUA_REGISTRYINDEX, rule);
                lua_pushinteger(L, n);
                for (int t = 0; t < 7; t++) lua_pushvalue(L, base + t);
                if (lua_pcall(L, 9, 0, -12) != 0) { printf("error %s\n", lua_tostring(L, -1)); return 1; }
                lua_pop(L, 1);
                for (int j = 1; j <= n; j++) {
                    lua_rawgeti(L, base + 5, j);
                    const char *st = lua_tostring(L, -1);
                    if (strcmp(st, "achieved") == 0) c[0]++; else if (strcmp(st, "on-track") == 0) c[1]++; else if (strcmp(st, "at-risk") == 0) c[2]++; else c[3]++;
                    lua_rawgeti(L, base + 6, j);
                    s += lua_tonumber(L, -1);
                    lua_pop(L, 2);
                }
            }
        } else
        for (int i = 1; i <= 300000; i++) {
            lua_pushcfunction(L, handler);
            int status;
            if (through_adapter) {
                lua_rawgeti(L, LUA_REGISTRYINDEX, adapter);
                lua_rawgeti(L, LUA_REGISTRYINDEX, rule);
                lua_pushstring(L, ids[i % 10]);
                lua_pushnumber(L, (double)(i % 137));
                lua_pushinteger(L, 0);
                lua_pushinteger(L, 100);
                lua_pushnumber(L, (double)(i % 10) / 10);
                status = lua_pcall(L, 6, 1, -8);
            } else {
                lua_rawgeti(L, LUA_REGISTRYINDEX, rule);
                lua_createtable(L, 0, 5);
                lua_pushstring(L, ids[i % 10]); lua_setfield(L, -2, "id");
                lua_pushnumber(L, (double)(i % 137)); lua_setfield(L, -2, "value");
                lua_pushinteger(L, 0); lua_setfield(L, -2, "baseline");
                lua_pushinteger(L, 100); lua_setfield(L, -2, "target");
                lua_pushnumber(L, (double)(i % 10) / 10); lua_setfield(L, -2, "expected");
                status = lua_pcall(L, 1, 1, -3);
            }
            if (status != 0) { printf("error %s\n", lua_tostring(L, -1)); return 1; }
            lua_getfield(L, -1, "status");
            const char *st = lua_tostring(L, -1);
            if (strcmp(st, "achieved") == 0) c[0]++; else if (strcmp(st, "on-track") == 0) c[1]++; else if (strcmp(st, "at-risk") == 0) c[2]++; else c[3]++;
            lua_getfield(L, -2, "progress");
            s += lua_tonumber(L, -1);
            lua_settop(L, base + 6);
        }
        double e = cpu() - start;
        if (e < best) best = e;
        memcpy(counts, c, sizeof c); sum = s;
    }
    printf("%.1f ns per call  %ld %ld %ld %ld %.6f\n", best * 1e9 / 300000, counts[0], counts[1], counts[2], counts[3], sum);
    return 0;
}
