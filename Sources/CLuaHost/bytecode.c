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
