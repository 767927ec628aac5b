#include "xaso/yamldoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "xaso/arena.h"
#include "xaso/i18n.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

struct ydoc {
    xaso_arena *arena;
    char *name;
    ynode *root;
};

typedef struct {
    ynode *node;
    size_t cap, vcap;
    bool want_value; /* mapping: next child is a value */
} frame;

static void line_col_of(const char *data, size_t offset, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < offset; i++) {
        if (data[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)data[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static int cmp_keys(const void *a, const void *b)
{
    const ynode *x = *(ynode *const *)a, *y = *(ynode *const *)b;
    int c = strcmp(x->scalar, y->scalar);
    if (c)
        return c;
    return (x->line > y->line) - (x->line < y->line);
}

/* Duplicate keys in a finished mapping: sort a copy, compare neighbours, report the later one. */
static const ynode *find_duplicate_key(const ynode *map)
{
    if (map->count < 2)
        return NULL;
    ynode **sorted = xmalloc(map->count * sizeof *sorted);
    memcpy(sorted, map->keys, map->count * sizeof *sorted);
    qsort(sorted, map->count, sizeof *sorted, cmp_keys);
    const ynode *dup = NULL;
    for (size_t i = 1; i < map->count && !dup; i++)
        if (strcmp(sorted[i - 1]->scalar, sorted[i]->scalar) == 0)
            dup = sorted[i];
    free(sorted);
    return dup;
}

static int fail_at(xaso_error *err, const char *name, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail_at(xaso_error *err, const char *name, int line, int col, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return xaso_error_set_at(err, XASO_EX_DATAERR, name, line, col, "%s", msg);
}

/* Attach child to the innermost open container (or make it the root). */
static int attach(ydoc *doc, frame *stack, int depth, ynode *child, xaso_error *err)
{
    if (depth == 0) {
        doc->root = child;
        return 0;
    }
    frame *f = &stack[depth - 1];
    ynode *parent = f->node;
    if (parent->type == YNODE_SEQUENCE) {
        *(ynode **)arena_push(doc->arena, (void **)&parent->items, &parent->count, &f->cap,
                              sizeof(ynode *)) = child;
        return 0;
    }
    if (!f->want_value) {
        if (child->type != YNODE_SCALAR)
            return fail_at(err, doc->name, child->line, child->col,
                           _("a key must be plain text, not %s"), ynode_type_name(child));
        size_t vcount = parent->count;
        *(ynode **)arena_push(doc->arena, (void **)&parent->keys, &parent->count, &f->cap,
                              sizeof(ynode *)) = child;
        *(ynode **)arena_push(doc->arena, (void **)&parent->values, &vcount, &f->vcap,
                              sizeof(ynode *)) = NULL;
        f->want_value = true;
    } else {
        parent->values[parent->count - 1] = child;
        f->want_value = false;
    }
    return 0;
}

static ynode *new_node(ydoc *doc, ynode_type type, const yaml_event_t *ev)
{
    ynode *n = arena_alloc(doc->arena, sizeof *n);
    n->type = type;
    n->line = (int)ev->start_mark.line + 1;
    n->col = (int)ev->start_mark.column + 1;
    return n;
}

static int parse_events(ydoc *doc, const char *data, size_t len, const ydoc_limits *lim,
                        xaso_error *err)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    if (!yaml_parser_initialize(&parser))
        return xaso_error_set(err, XASO_EX_SOFTWARE, _("cannot start the YAML parser"));
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

    frame *stack = xcalloc((size_t)lim->max_depth + 1, sizeof *stack);
    int depth = 0, documents = 0, rc = 0;
    size_t nodes = 0;
    bool done = false;
    while (!done && rc == 0) {
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = fail_at(err, doc->name, (int)parser.problem_mark.line + 1,
                         (int)parser.problem_mark.column + 1, _("invalid YAML: %s%s%s"),
                         parser.problem ? parser.problem : "?", parser.context ? ", " : "",
                         parser.context ? parser.context : "");
            break;
        }
        int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
        const unsigned char *anchor = NULL;
        ynode *n = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1)
                rc = fail_at(err, doc->name, line, col,
                             _("only one YAML document is allowed in a file"));
            break;
        case YAML_ALIAS_EVENT:
            rc = fail_at(err, doc->name, line, col,
                         _("aliases (*name) are not allowed; write the value out"));
            break;
        case YAML_SCALAR_EVENT:
            anchor = ev.data.scalar.anchor;
            n = new_node(doc, YNODE_SCALAR, &ev);
            n->quoted = ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
            {
                char *nfc = utf8_nfc((const char *)ev.data.scalar.value);
                if (!nfc) {
                    rc = fail_at(err, doc->name, line, col, _("text is not valid UTF-8"));
                    break;
                }
                n->scalar = arena_strdup(doc->arena, nfc);
                free(nfc);
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
            anchor = ev.data.sequence_start.anchor;
            n = new_node(doc, YNODE_SEQUENCE, &ev);
            break;
        case YAML_MAPPING_START_EVENT:
            anchor = ev.data.mapping_start.anchor;
            n = new_node(doc, YNODE_MAPPING, &ev);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            ynode *closed = stack[depth - 1].node;
            depth--;
            if (closed->type == YNODE_MAPPING) {
                const ynode *dup = find_duplicate_key(closed);
                if (dup) {
                    rc = fail_at(err, doc->name, dup->line, dup->col,
                                 _("duplicate key \"%s\""), dup->scalar);
                    break;
                }
            }
            rc = attach(doc, stack, depth, closed, err);
            break;
        }
        default:
            break;
        }
        if (rc == 0 && anchor)
            rc = fail_at(err, doc->name, line, col,
                         _("anchors (&name) are not allowed; write the value out"));
        if (rc == 0 && n) {
            if (++nodes > lim->max_nodes)
                rc = fail_at(err, doc->name, line, col, _("too many values (more than %zu)"),
                             lim->max_nodes);
            else if (n->type == YNODE_SCALAR)
                rc = attach(doc, stack, depth, n, err);
            else if (depth >= lim->max_depth)
                rc = fail_at(err, doc->name, line, col, _("nesting deeper than %d levels"),
                             lim->max_depth);
            else
                stack[depth++] = (frame){n, 0, 0, false};
        }
        yaml_event_delete(&ev);
    }
    free(stack);
    yaml_parser_delete(&parser);
    return rc;
}

ydoc *ydoc_load_buffer(const char *name, const char *data, size_t len, const ydoc_limits *limits,
                       xaso_error *err)
{
    ydoc_limits lim = {32u << 20, 64, 2000000};
    if (limits) {
        if (limits->max_bytes)
            lim.max_bytes = limits->max_bytes;
        if (limits->max_depth)
            lim.max_depth = limits->max_depth;
        if (limits->max_nodes)
            lim.max_nodes = limits->max_nodes;
    }
    if (len > lim.max_bytes) {
        xaso_error_set_at(err, XASO_EX_DATAERR, name, 0, 0,
                          _("the file is too large (%zu bytes; the limit is %zu)"), len,
                          lim.max_bytes);
        return NULL;
    }
    size_t bad;
    if (!utf8_valid(data, len, &bad)) {
        int line, col;
        line_col_of(data, bad, &line, &col);
        fail_at(err, name, line, col, _("the file is not valid UTF-8 (byte 0x%02X)"),
                (unsigned char)data[bad]);
        return NULL;
    }
    const char *nul = memchr(data, '\0', len);
    const char *tab = memchr(data, '\t', len);
    if (nul || tab) {
        int line, col;
        line_col_of(data, (size_t)((nul ? nul : tab) - data), &line, &col);
        fail_at(err, name, line, col,
                nul ? _("the file contains a NUL byte") :
                      _("tab characters are not allowed; indent with spaces"));
        return NULL;
    }
    ydoc *doc = xcalloc(1, sizeof *doc);
    doc->arena = arena_new();
    doc->name = xstrdup(name);
    if (parse_events(doc, data, len, &lim, err) != 0) {
        ydoc_free(doc);
        return NULL;
    }
    if (!doc->root || (doc->root->type == YNODE_SCALAR && ynode_is_null(doc->root))) {
        xaso_error_set_at(err, XASO_EX_DATAERR, name, 1, 1, _("the file is empty"));
        ydoc_free(doc);
        return NULL;
    }
    return doc;
}

ydoc *ydoc_load_file(const char *path, const ydoc_limits *limits, xaso_error *err)
{
    size_t max = limits && limits->max_bytes ? limits->max_bytes : (32u << 20);
    FILE *f = fopen(path, "rb");
    if (!f) {
        xaso_error_set_at(err, XASO_EX_NOINPUT, path, 0, 0, _("cannot open: %s"), strerror(errno));
        return NULL;
    }
    strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    bool too_big = false;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (sb.len + n > max) {
            too_big = true;
            break;
        }
        sb_append_len(&sb, buf, n);
    }
    int read_error = ferror(f);
    fclose(f);
    ydoc *doc = NULL;
    if (read_error)
        xaso_error_set_at(err, XASO_EX_IOERR, path, 0, 0, _("cannot read the file"));
    else if (too_big)
        xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0,
                          _("the file is too large (the limit is %zu bytes)"), max);
    else
        doc = ydoc_load_buffer(path, sb_str(&sb), sb.len, limits, err);
    sb_free(&sb);
    return doc;
}

void ydoc_free(ydoc *doc)
{
    if (!doc)
        return;
    arena_free(doc->arena);
    free(doc->name);
    free(doc);
}

const ynode *ydoc_root(const ydoc *doc)
{
    return doc->root;
}

const char *ydoc_name(const ydoc *doc)
{
    return doc->name;
}

bool ynode_is_null(const ynode *n)
{
    if (!n)
        return true;
    if (n->type != YNODE_SCALAR || n->quoted)
        return false;
    const char *s = n->scalar;
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

const ynode *ynode_get(const ynode *map, const char *key)
{
    if (!map || map->type != YNODE_MAPPING)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (!strcmp(map->keys[i]->scalar, key))
            return map->values[i];
    return NULL;
}

const char *ynode_type_name(const ynode *n)
{
    switch (n->type) {
    case YNODE_SEQUENCE:
        return _("a list");
    case YNODE_MAPPING:
        return _("a mapping");
    default:
        return _("text");
    }
}

int ydoc_error(const ydoc *doc, const ynode *n, xaso_error *err, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return xaso_error_set_at(err, XASO_EX_DATAERR, doc->name, n ? n->line : 0, n ? n->col : 0,
                             "%s", msg);
}

int ynode_check_keys(const ydoc *doc, const ynode *n, const char *const *known, const char *what,
                     xaso_error *err)
{
    if (n->type != YNODE_MAPPING)
        return ydoc_error(doc, n, err, _("a %s must be a mapping (key: value), not %s"), what,
                          ynode_type_name(n));
    for (size_t i = 0; i < n->count; i++) {
        const char *const *k = known;
        while (*k && strcmp(*k, n->keys[i]->scalar))
            k++;
        if (*k)
            continue;
        strbuf list = STRBUF_INIT;
        for (k = known; *k; k++)
            sb_appendf(&list, "%s%s", k == known ? "" : ", ", *k);
        int rc = ydoc_error(doc, n->keys[i], err, _("unknown key \"%s\" in a %s (known keys: %s)"),
                            n->keys[i]->scalar, what, sb_str(&list));
        sb_free(&list);
        return rc;
    }
    return 0;
}
