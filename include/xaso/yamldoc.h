/* A strict YAML reader: the whole document as a tree of nodes that remember their line and column.
 * Refuses what a hand-written data file should not contain: tabs, anchors and aliases, duplicate
 * keys, several documents, invalid UTF-8, excessive size or depth. Scalars are NFC-normalised. */
#ifndef XASO_YAMLDOC_H
#define XASO_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/error.h"

typedef enum { YNODE_SCALAR, YNODE_SEQUENCE, YNODE_MAPPING } ynode_type;

typedef struct ynode ynode;
struct ynode {
    ynode_type type;
    int line, col;       /* 1-based */
    char *scalar;        /* YNODE_SCALAR: the text (NFC) */
    bool quoted;         /* scalar was quoted or a block scalar: always a string */
    size_t count;        /* children: items, or key/value pairs */
    ynode **items;       /* YNODE_SEQUENCE: count items */
    ynode **keys;        /* YNODE_MAPPING: count keys (scalars) … */
    ynode **values;      /* … and their values */
};

typedef struct {
    size_t max_bytes; /* refuse larger input (0 → 32 MiB) */
    int max_depth;    /* refuse deeper nesting (0 → 64) */
    size_t max_nodes; /* refuse more nodes (0 → 2,000,000) */
} ydoc_limits;

typedef struct ydoc ydoc;

/* Parse a file. On error returns NULL and fills err with FILE:LINE:COL and a translated message
 * (code XASO_EX_NOINPUT when the file cannot be read, XASO_EX_DATAERR when it is invalid). */
ydoc *ydoc_load_file(const char *path, const ydoc_limits *limits, xaso_error *err);
/* Parse a buffer; name is used in messages. */
ydoc *ydoc_load_buffer(const char *name, const char *data, size_t len, const ydoc_limits *limits,
                       xaso_error *err);
void ydoc_free(ydoc *doc);
const ynode *ydoc_root(const ydoc *doc);
const char *ydoc_name(const ydoc *doc);

/* Scalar helpers. A plain scalar "", "~", "null" or "Null" or "NULL" is null. */
bool ynode_is_null(const ynode *n);
/* Value of key in a mapping, or NULL. */
const ynode *ynode_get(const ynode *map, const char *key);
/* A human name of a node's type for messages ("a list", "a mapping", "text"). */
const char *ynode_type_name(const ynode *n);

/* Check that every key of mapping n is one of known (NULL-terminated); what (translated, e.g.
 * "deadline rule") names the mapping in the message. Also refuses n when it is not a mapping. */
int ynode_check_keys(const ydoc *doc, const ynode *n, const char *const *known, const char *what,
                     xaso_error *err);

/* Sets err at node n's position in doc (printf-style message, already translated). Returns
 * XASO_EX_DATAERR. */
int ydoc_error(const ydoc *doc, const ynode *n, xaso_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
