/* Bytecode of the host's own chunks (and of plugin files), compiled once per process. */
#include "internal.h"
#include <stdlib.h>
#include <string.h>

static int pt_buffer_writer(lua_State *L, const void *p, size_t size, void *ud) {
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

static char *pt_copy_message(lua_State *L) {
    size_t length = 0;
    const char *text = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &length) : "unknown error";
    if (lua_type(L, -1) != LUA_TSTRING) length = strlen(text);
    char *copy = (char *)malloc(length + 1);
    if (copy != NULL) { memcpy(copy, text, length); copy[length] = 0; }
    return copy;
}

int pt_compile(const char *source, size_t size, const char *name, pt_buffer *buffer, char **message) {
    *message = NULL;
    pt_state_info info;
    memset(&info, 0, sizeof info);
    lua_State *L = pt_open(&info);
    if (L == NULL) return LUA_ERRMEM;
    int status = pt_load(L, source, size, name, "t");
    if (status != LUA_OK) {
        *message = pt_copy_message(L);
    } else if (lua_dump(L, pt_buffer_writer, buffer, 0) != 0) {
        status = LUA_ERRMEM;
    }
    pt_close(&info);
    return status;
}

void pt_free(void *pointer) { free(pointer); }

/* ---- the tail calls of a function, read from its bytecode (lua_dump, Lua 5.4's format) ---- */

typedef struct pt_reader { const unsigned char *p, *end; int failed; } pt_reader;

static unsigned char pt_byte(pt_reader *r) {
    if (r->p >= r->end) { r->failed = 1; return 0; }
    return *r->p++;
}

static void pt_skip(pt_reader *r, size_t n) {
    if ((size_t)(r->end - r->p) < n) { r->failed = 1; r->p = r->end; } else r->p += n;
}

/* ldump.c's dumpSize: 7 bits a byte, most significant first, the last byte marked by 0x80 */
static size_t pt_size(pt_reader *r) {
    size_t x = 0;
    for (int i = 0; i < 10 && !r->failed; i++) {
        unsigned char b = pt_byte(r);
        x = (x << 7) | (b & 0x7f);
        if (b & 0x80) return x;
    }
    r->failed = 1;
    return 0;
}

static void pt_skip_string(pt_reader *r) {
    size_t size = pt_size(r);
    if (size > 0) pt_skip(r, size - 1);
}

enum { PT_OP_TAILCALL = 69, PT_ABSLINEINFO = -0x80, PT_MAX_TAIL_CALLS = 256 };

static void pt_skip_function(pt_reader *r, int depth);

/* One function of the dump; for the outermost one (`pcs` given) the positions of its TAILCALL
 * instructions, then their lines from the debug information. */
static void pt_read_function(pt_reader *r, int depth, int *pcs, int *count, int *lines) {
    if (depth > 200) { r->failed = 1; return; }
    pt_skip_string(r);                       /* source */
    int first_line = (int)pt_size(r);        /* linedefined */
    (void)pt_size(r);                        /* lastlinedefined */
    pt_skip(r, 3);                           /* numparams, is_vararg, maxstacksize */
    size_t code = pt_size(r);
    if (code > (size_t)(r->end - r->p) / 4) { r->failed = 1; return; }
    for (size_t pc = 0; pc < code; pc++) {
        uint32_t instruction;
        memcpy(&instruction, r->p + pc * 4, 4);
        if (pcs != NULL && (instruction & 0x7f) == PT_OP_TAILCALL) {
            if (*count == PT_MAX_TAIL_CALLS) { r->failed = 1; return; }
            pcs[(*count)++] = (int)pc;
        }
    }
    pt_skip(r, code * 4);
    size_t constants = pt_size(r);
    for (size_t i = 0; i < constants && !r->failed; i++) {
        switch (pt_byte(r)) {
        case 0x03: case 0x13: pt_skip(r, 8); break;            /* integer, float */
        case 0x04: case 0x14: pt_skip_string(r); break;        /* short, long string */
        case 0x00: case 0x01: case 0x11: break;                /* nil, false, true */
        default: r->failed = 1; break;
        }
    }
    size_t upvalues = pt_size(r);
    pt_skip(r, upvalues * 3);
    size_t protos = pt_size(r);
    for (size_t i = 0; i < protos && !r->failed; i++) pt_skip_function(r, depth + 1);
    size_t lineinfo = pt_size(r);
    const signed char *deltas = (const signed char *)r->p;
    pt_skip(r, lineinfo);
    size_t absolute = pt_size(r);
    const unsigned char *absolute_start = r->p;
    for (size_t i = 0; i < absolute && !r->failed; i++) { (void)pt_size(r); (void)pt_size(r); }
    if (pcs != NULL && !r->failed) {
        if (lineinfo != code) { r->failed = 1; return; }
        /* ldebug.c's luaG_getfuncline, walked once over the whole function */
        pt_reader abs = { absolute_start, r->p, 0 };
        int line = first_line, next = 0;
        size_t used_absolute = 0;
        for (size_t pc = 0; pc < code && !r->failed; pc++) {
            if (deltas[pc] == PT_ABSLINEINFO) {
                if (used_absolute++ == absolute) { r->failed = 1; return; }
                int at = (int)pt_size(&abs);
                line = (int)pt_size(&abs);
                if (abs.failed || at != (int)pc) { r->failed = 1; return; }
            } else {
                line += deltas[pc];
            }
            if (next < *count && pcs[next] == (int)pc) lines[next++] = line;
        }
    }
    size_t locals = pt_size(r);
    for (size_t i = 0; i < locals && !r->failed; i++) { pt_skip_string(r); (void)pt_size(r); (void)pt_size(r); }
    size_t names = pt_size(r);
    for (size_t i = 0; i < names && !r->failed; i++) pt_skip_string(r);
}

static void pt_skip_function(pt_reader *r, int depth) {
    pt_read_function(r, depth, NULL, NULL, NULL);
}

int pt_tail_call_line(lua_State *L, int index) {
    if (!lua_isfunction(L, index) || lua_iscfunction(L, index)) return 0;
    pt_buffer buffer = { NULL, 0, 0 };
    pt_state_info *info = pt_info(L);
    info->suspended++; /* lua_dump does not allocate in the state; the buffer is malloc's */
    lua_pushvalue(L, index);
    int failed = lua_dump(L, pt_buffer_writer, &buffer, 0) != 0;
    lua_pop(L, 1);
    info->suspended--;
    int result = -1;
    /* the header: signature, version 5.4, format 0, LUAC_DATA, the sizes, two test numbers */
    static const unsigned char header[] = { 0x1b, 'L', 'u', 'a', 0x54, 0x00, 0x19, 0x93, '\r', '\n', 0x1a, '\n', 4, 8, 8 };
    if (!failed && buffer.size > sizeof header + 17 && memcmp(buffer.bytes, header, sizeof header) == 0) {
        pt_reader r = { buffer.bytes + sizeof header + 16, buffer.bytes + buffer.size, 0 };
        (void)pt_byte(&r);                   /* the number of upvalues of the main function */
        int pcs[PT_MAX_TAIL_CALLS], lines[PT_MAX_TAIL_CALLS], count = 0;
        pt_read_function(&r, 0, pcs, &count, lines);
        if (!r.failed) {
            result = 0;
            for (int i = 0; i < count; i++) {
                if (lines[i] <= 0 || (result > 0 && lines[i] != result)) { result = -1; break; }
                result = lines[i];
            }
        }
    }
    free(buffer.bytes);
    return result;
}
