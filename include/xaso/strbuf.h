/* A growable byte buffer for building strings. Aborts only on allocation failure. */
#ifndef XASO_STRBUF_H
#define XASO_STRBUF_H

#include <stddef.h>

typedef struct {
    char *data; /* always NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
} strbuf;

#define STRBUF_INIT {0, 0, 0}

void sb_append(strbuf *sb, const char *s);
void sb_append_len(strbuf *sb, const char *s, size_t n);
void sb_appendf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_putc(strbuf *sb, char c);
const char *sb_str(strbuf *sb); /* "" for an empty buffer */
char *sb_detach(strbuf *sb);    /* caller frees; buffer becomes empty */
void sb_reset(strbuf *sb);      /* keep memory, length 0 */
void sb_free(strbuf *sb);
/* Append s as a JSON string literal (quoted, escaped). */
void sb_append_json(strbuf *sb, const char *s);

/* Allocation helpers that abort with a message on out-of-memory (the only exit in library code). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
