/* A region allocator: many small allocations freed together. */
#ifndef XASO_ARENA_H
#define XASO_ARENA_H

#include <stddef.h>

typedef struct xaso_arena xaso_arena;

xaso_arena *arena_new(void);
void arena_free(xaso_arena *a);
void *arena_alloc(xaso_arena *a, size_t size);      /* zeroed, aligned for any type */
char *arena_strdup(xaso_arena *a, const char *s);   /* NULL stays NULL */
char *arena_strndup(xaso_arena *a, const char *s, size_t n);
/* Grow an array kept in the arena: returns a pointer to room for one more element at (*items)[*count]
 * and increments *count. The old block is left to the arena. */
void *arena_push(xaso_arena *a, void **items, size_t *count, size_t *cap, size_t elem_size);

#endif
