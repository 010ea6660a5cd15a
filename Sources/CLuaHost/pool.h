/* The blocks of a state, for the limiting allocator (state.c, the only file that includes this:
 * the hot paths are inlined into it): small blocks (at most 256 bytes: tables,
 * short strings, closures, most of what Lua allocates) come from the state's own pool, large
 * ones from malloc.
 *
 * Lua tells the allocator the size of every block it frees or resizes, so the pool needs no
 * header per block: a block's size class follows from its size. Freed small blocks wait on the
 * free list of their class; new ones are cut from 64 KB chunks, all freed when the state
 * closes. A state runs on one thread at a time, so the pool takes no lock, and states on
 * different threads never share one (glibc's malloc costs several times as many instructions
 * per block, shared between threads). */
#ifndef POLICY_TRACKER_CLUAHOST_POOL_H
#define POLICY_TRACKER_CLUAHOST_POOL_H

#include "internal.h"
#include <stdlib.h>
#include <string.h>

enum {
    PT_POOL_GRAIN = 16,                      /* block sizes are multiples of this (and aligned to it) */
    PT_POOL_CLASSES = 16,                    /* classes of 16, 32, ... 256 bytes */
    PT_POOL_LARGEST = PT_POOL_GRAIN * PT_POOL_CLASSES,
    PT_POOL_CHUNK = 64 * 1024
};

typedef struct pt_pool_block { struct pt_pool_block *next; } pt_pool_block;

/* A chunk starts with this header (one grain, so that blocks stay aligned). */
typedef union pt_pool_chunk { union pt_pool_chunk *next; char grain[PT_POOL_GRAIN]; } pt_pool_chunk;

typedef struct pt_pool {
    pt_pool_block *free[PT_POOL_CLASSES]; /* free blocks, by class */
    char *cursor, *end;                   /* the part of the newest chunk not cut yet */
    pt_pool_chunk *chunks;                /* every chunk, newest first */
} pt_pool;

static inline int pt_pool_small(size_t size) { return size <= PT_POOL_LARGEST; }
static inline size_t pt_pool_class(size_t size) { return (size - 1) / PT_POOL_GRAIN; }

static void *pt_pool_grow(pt_pool *pool, size_t class);

static inline void *pt_pool_take(pt_state_info *info, size_t size) {
    if (!pt_pool_small(size)) return malloc(size);
    pt_pool *pool = info->pool;
    if (pool == NULL) {
        pool = (pt_pool *)calloc(1, sizeof *pool);
        if (pool == NULL) return NULL;
        info->pool = pool;
    }
    size_t class = pt_pool_class(size);
    pt_pool_block *block = pool->free[class];
    if (block != NULL) {
        pool->free[class] = block->next;
        return block;
    }
    size_t bytes = (class + 1) * PT_POOL_GRAIN;
    if ((size_t)(pool->end - pool->cursor) < bytes) return pt_pool_grow(pool, class);
    void *result = pool->cursor;
    pool->cursor += bytes;
    return result;
}

/* A block of `class` from a new chunk; the rest of the old one (too small for this class)
 * goes to the free lists of smaller classes. */
static void *pt_pool_grow(pt_pool *pool, size_t class) {
    pt_pool_chunk *chunk = (pt_pool_chunk *)malloc(PT_POOL_CHUNK);
    if (chunk == NULL) return NULL;
    while ((size_t)(pool->end - pool->cursor) >= PT_POOL_GRAIN) {
        size_t left = (size_t)(pool->end - pool->cursor);
        size_t fit = (left > PT_POOL_LARGEST ? PT_POOL_LARGEST : left) / PT_POOL_GRAIN - 1;
        pt_pool_block *rest = (pt_pool_block *)pool->cursor;
        rest->next = pool->free[fit];
        pool->free[fit] = rest;
        pool->cursor += (fit + 1) * PT_POOL_GRAIN;
    }
    chunk->next = pool->chunks;
    pool->chunks = chunk;
    pool->cursor = (char *)(chunk + 1) + (class + 1) * PT_POOL_GRAIN;
    pool->end = (char *)chunk + PT_POOL_CHUNK;
    return chunk + 1;
}

static inline void pt_pool_give(pt_state_info *info, void *block, size_t size) {
    if (block == NULL) return;
    if (!pt_pool_small(size)) { free(block); return; }
    pt_pool *pool = info->pool; /* a small block came from the pool: it exists */
    size_t class = pt_pool_class(size);
    pt_pool_block *freed = (pt_pool_block *)block;
    freed->next = pool->free[class];
    pool->free[class] = freed;
}

/* block resized from `old` to `size` bytes as a lua_Alloc does (allocated when NULL, freed
 * when size is 0); NULL when memory is short (the caller then keeps the block of a shrink). */
static inline void *pt_pool_resize(pt_state_info *info, void *block, size_t old, size_t size) {
    if (size == 0) { pt_pool_give(info, block, old); return NULL; }
    if (block == NULL) return pt_pool_take(info, size);
    if (!pt_pool_small(old) && !pt_pool_small(size)) return realloc(block, size);
    if (pt_pool_small(old) && pt_pool_small(size) && pt_pool_class(old) == pt_pool_class(size)) return block;
    /* (when malloc itself fails to give a new chunk for a shrink, Lua keeps the old block as
       if it had the new size: a large block then ends on a free list, and is never freed) */
    void *moved = pt_pool_take(info, size);
    if (moved == NULL) return NULL;
    memcpy(moved, block, old < size ? old : size);
    pt_pool_give(info, block, old);
    return moved;
}

/* Frees every chunk (after the state is closed). */
static void pt_pool_destroy(pt_state_info *info) {
    pt_pool *pool = info->pool;
    if (pool == NULL) return;
    for (pt_pool_chunk *chunk = pool->chunks; chunk != NULL;) {
        pt_pool_chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
    free(pool);
    info->pool = NULL;
}

#endif
