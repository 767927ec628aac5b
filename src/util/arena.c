#include "xaso/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/strbuf.h"

enum { ARENA_BLOCK = 64 * 1024 };

typedef struct block {
    struct block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
} block;

struct xaso_arena {
    block *head;
};

xaso_arena *arena_new(void)
{
    return xcalloc(1, sizeof(xaso_arena));
}

void arena_free(xaso_arena *a)
{
    if (!a)
        return;
    for (block *b = a->head; b;) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *arena_alloc(xaso_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    block *b = a->head;
    if (!b || b->used + size > b->size) {
        size_t want = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        b = xmalloc(sizeof(block) + want);
        b->size = want;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(xaso_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(xaso_arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void *arena_push(xaso_arena *a, void **items, size_t *count, size_t *cap, size_t elem_size)
{
    if (*count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        void *n = arena_alloc(a, ncap * elem_size);
        if (*count)
            memcpy(n, *items, *count * elem_size);
        *items = n;
        *cap = ncap;
    }
    void *slot = (char *)*items + (*count)++ * elem_size;
    memset(slot, 0, elem_size);
    return slot;
}
