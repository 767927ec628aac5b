/* The bundle checker's data package part: datapackage.json against the CSV files it describes
 * (UTF-8, header, types, constraints, primary and foreign keys). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "verify.h"
#include "xaso/date.h"
#include "xaso/i18n.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

enum { MAX_LINES_PER_FILE = 10 };

void csv_free(csv_table *t)
{
    for (size_t i = 0; i < t->count; i++) {
        for (size_t k = 0; k < t->rows[i].n; k++)
            free(t->rows[i].cells[k]);
        free(t->rows[i].cells);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

/* RFC 4180. Returns false with *bad_line on a quoting error. */
bool csv_parse(const char *s, size_t len, csv_table *t, int *bad_line)
{
    const char *p = s, *end = s + len;
    int line = 1;
    while (p < end) {
        csv_row row = {NULL, 0, line};
        size_t cap = 0;
        for (;;) {
            strbuf cell = STRBUF_INIT;
            sb_append(&cell, "");
            if (p < end && *p == '"') {
                p++;
                for (;;) {
                    if (p >= end) {
                        sb_free(&cell);
                        *bad_line = row.line;
                        goto fail_row;
                    }
                    if (*p == '"') {
                        if (p + 1 < end && p[1] == '"') {
                            sb_putc(&cell, '"');
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    if (*p == '\n')
                        line++;
                    sb_putc(&cell, *p++);
                }
                if (p < end && *p != ',' && *p != '\r' && *p != '\n') {
                    sb_free(&cell);
                    *bad_line = line;
                    goto fail_row;
                }
            } else {
                while (p < end && *p != ',' && *p != '\r' && *p != '\n') {
                    if (*p == '"') {
                        sb_free(&cell);
                        *bad_line = line;
                        goto fail_row;
                    }
                    sb_putc(&cell, *p++);
                }
            }
            if (row.n == cap) {
                cap = cap ? cap * 2 : 16;
                row.cells = xrealloc(row.cells, cap * sizeof *row.cells);
            }
            row.cells[row.n++] = sb_detach(&cell);
            if (p < end && *p == ',') {
                p++;
                continue;
            }
            if (p < end && *p == '\r')
                p++;
            if (p < end && *p == '\n')
                p++;
            line++;
            break;
        }
        if (t->count == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 64;
            t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
        }
        t->rows[t->count++] = row;
        continue;
    fail_row:
        for (size_t k = 0; k < row.n; k++)
            free(row.cells[k]);
        free(row.cells);
        return false;
    }
    return true;
}

/* Line number (1-based) of byte offset off. */
static int line_of(const char *s, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += s[i] == '\n';
    return line;
}

typedef struct {
    const char *name, *type;
    bool required;
    const json_value *enums;
    bool has_min, has_max;
    double min, max;
} field_spec;

static bool cell_type_ok(const char *type, const char *v, double *num)
{
    char *end;
    *num = NAN;
    if (!strcmp(type, "string") || !strcmp(type, "any"))
        return true;
    if (!strcmp(type, "integer")) {
        const char *q = v + (*v == '-' || *v == '+');
        if (!*q)
            return false;
        for (; *q; q++)
            if (!isdigit((unsigned char)*q))
                return false;
        *num = strtod(v, NULL);
        return true;
    }
    if (!strcmp(type, "number")) {
        if (!*v || isspace((unsigned char)*v))
            return false;
        *num = strtod(v, &end);
        return *end == '\0' && isfinite(*num);
    }
    if (!strcmp(type, "boolean"))
        return !strcmp(v, "true") || !strcmp(v, "false");
    if (!strcmp(type, "date")) {
        xaso_date d;
        return strlen(v) == 10 && date_parse_iso(v, &d);
    }
    if (!strcmp(type, "datetime")) {
        xaso_date d;
        char day[11];
        int h, m, s;
        char z;
        if (strlen(v) < 20)
            return false;
        snprintf(day, sizeof day, "%.10s", v);
        return date_parse_iso(day, &d) && v[10] == 'T' &&
               sscanf(v + 11, "%2d:%2d:%2d%c", &h, &m, &s, &z) == 4 && z == 'Z' && h < 24 &&
               m < 60 && s < 61 && strlen(v) == 20;
    }
    return false;
}

typedef struct {
    const char *name;  /* resource name */
    const char *path;  /* "data/x.csv" (owned) */
    const json_value *schema;
    csv_table table;
    bool ok;           /* parsed and header matched */
    field_spec *fields;
    size_t n_fields;
} resource;

static int field_index(const resource *r, const char *name)
{
    for (size_t i = 0; i < r->n_fields; i++)
        if (!strcmp(r->fields[i].name, name))
            return (int)i;
    return -1;
}

/* Field names of a key ("a" or ["a","b"]) as indexes into r's fields; false if unknown. */
static bool key_fields(const resource *r, const json_value *key, int *idx, size_t *n)
{
    *n = 0;
    if (!key)
        return false;
    if (key->type == JSON_STRING) {
        idx[(*n)++] = field_index(r, key->string);
        return idx[0] >= 0;
    }
    if (key->type != JSON_ARRAY || key->count == 0 || key->count > 8)
        return false;
    for (size_t i = 0; i < key->count; i++) {
        const char *s = json_string(key->items[i]);
        idx[i] = s ? field_index(r, s) : -1;
        if (idx[i] < 0)
            return false;
    }
    *n = key->count;
    return true;
}

static char *key_of(const csv_row *row, const int *idx, size_t n)
{
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_putc(&sb, '\x1f');
        sb_append(&sb, (size_t)idx[i] < row->n ? row->cells[idx[i]] : "");
    }
    return sb_detach(&sb);
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_rows(resource *r, bundle_report *rep)
{
    int shown = 0;
    for (size_t i = 1; i < r->table.count; i++) {
        const csv_row *row = &r->table.rows[i];
        if (row->n == 1 && !*row->cells[0] && i + 1 == r->table.count)
            continue;
        if (row->n != r->n_fields) {
            if (shown++ < MAX_LINES_PER_FILE)
                verify_problem(rep, _("%s: line %d has %zu cells, the data package says %zu"),
                               r->path, row->line, row->n, r->n_fields);
            continue;
        }
        for (size_t f = 0; f < r->n_fields; f++) {
            const field_spec *fs = &r->fields[f];
            const char *v = row->cells[f];
            double num;
            if (!*v) {
                if (fs->required && shown++ < MAX_LINES_PER_FILE)
                    verify_problem(rep, _("%s: line %d: %s is required but empty"), r->path,
                                   row->line, fs->name);
                continue;
            }
            if (!cell_type_ok(fs->type, v, &num)) {
                if (shown++ < MAX_LINES_PER_FILE)
                    verify_problem(rep, _("%s: line %d: %s \"%s\" is not a %s"), r->path,
                                   row->line, fs->name, v, fs->type);
                continue;
            }
            if (fs->enums && fs->enums->type == JSON_ARRAY) {
                bool found = false;
                for (size_t k = 0; k < fs->enums->count && !found; k++) {
                    const char *e = json_string(fs->enums->items[k]);
                    found = e && !strcmp(e, v);
                }
                if (!found && shown++ < MAX_LINES_PER_FILE)
                    verify_problem(rep, _("%s: line %d: %s \"%s\" is not one of the allowed "
                                          "values"),
                                   r->path, row->line, fs->name, v);
            }
            if (!isnan(num) && ((fs->has_min && num < fs->min) || (fs->has_max && num > fs->max)) &&
                shown++ < MAX_LINES_PER_FILE)
                verify_problem(rep, _("%s: line %d: %s %s is out of its range"), r->path,
                               row->line, fs->name, v);
        }
    }
    if (shown > MAX_LINES_PER_FILE)
        verify_problem(rep, _("%s: %d more problems"), r->path, shown - MAX_LINES_PER_FILE);
}

static void check_primary_key(resource *r, bundle_report *rep)
{
    const json_value *pk = json_get(r->schema, "primaryKey");
    if (!pk)
        return;
    int idx[8];
    size_t n;
    if (!key_fields(r, pk, idx, &n)) {
        verify_problem(rep, _("%s: the primary key names fields the table does not have"),
                       r->path);
        return;
    }
    size_t rows = r->table.count ? r->table.count - 1 : 0;
    char **keys = xcalloc(rows + 1, sizeof *keys);
    for (size_t i = 0; i < rows; i++)
        keys[i] = key_of(&r->table.rows[i + 1], idx, n);
    qsort(keys, rows, sizeof *keys, cmp_key);
    int shown = 0;
    for (size_t i = 1; i < rows; i++)
        if (!strcmp(keys[i], keys[i - 1]) && shown++ < MAX_LINES_PER_FILE) {
            for (char *c = keys[i]; *c; c++)
                if (*c == '\x1f')
                    *c = '/';
            verify_problem(rep, _("%s: the primary key \"%s\" appears more than once"), r->path,
                           keys[i]);
        }
    for (size_t i = 0; i < rows; i++)
        free(keys[i]);
    free(keys);
}

static void check_foreign_keys(resource *r, resource *all, size_t n_all, bundle_report *rep)
{
    const json_value *fks = json_get(r->schema, "foreignKeys");
    if (!fks)
        return;
    if (fks->type != JSON_ARRAY) {
        verify_problem(rep, _("%s: foreignKeys is not a list"), r->path);
        return;
    }
    for (size_t k = 0; k < fks->count; k++) {
        const json_value *fk = fks->items[k];
        const json_value *ref = json_get(fk, "reference");
        const char *target = json_string(json_get(ref, "resource"));
        resource *t = NULL;
        for (size_t i = 0; target && i < n_all; i++)
            if (!strcmp(all[i].name, target) || (!*target && &all[i] == r))
                t = &all[i];
        int from[8], to[8];
        size_t nf, nt;
        if (!t || !key_fields(r, json_get(fk, "fields"), from, &nf) ||
            !key_fields(t, json_get(ref, "fields"), to, &nt) || nf != nt) {
            verify_problem(rep, _("%s: a foreign key refers to fields that do not exist"),
                           r->path);
            continue;
        }
        if (!t->ok)
            continue;
        size_t trows = t->table.count ? t->table.count - 1 : 0;
        char **keys = xcalloc(trows + 1, sizeof *keys);
        for (size_t i = 0; i < trows; i++)
            keys[i] = key_of(&t->table.rows[i + 1], to, nt);
        qsort(keys, trows, sizeof *keys, cmp_key);
        int shown = 0;
        for (size_t i = 1; i < r->table.count; i++) {
            const csv_row *row = &r->table.rows[i];
            bool empty = true;
            for (size_t f = 0; f < nf; f++)
                empty &= (size_t)from[f] >= row->n || !*row->cells[from[f]];
            if (empty)
                continue;
            char *key = key_of(row, from, nf);
            if (!bsearch(&key, keys, trows, sizeof *keys, cmp_key) &&
                shown++ < MAX_LINES_PER_FILE) {
                for (char *c = key; *c; c++)
                    if (*c == '\x1f')
                        *c = '/';
                verify_problem(rep, _("%s: line %d: \"%s\" is not in %s"), r->path, row->line,
                               key, t->path);
            }
            free(key);
        }
        for (size_t i = 0; i < trows; i++)
            free(keys[i]);
        free(keys);
    }
}

static bool safe_relative(const char *p)
{
    return *p && p[0] != '/' && !strstr(p, "..") && !strchr(p, '\\') && !strchr(p, ':');
}

void verify_datapackage(const bag_entries *bag, bundle_report *rep)
{
    const bag_entry *dp = bag_find(bag, "data/datapackage.json");
    if (!dp->text)
        return;
    xaso_arena *arena = arena_new();
    size_t off = 0;
    json_value *root = json_parse(arena, dp->text, dp->text_len, &off);
    if (!root || root->type != JSON_OBJECT) {
        verify_problem(rep, _("data/datapackage.json: not valid JSON (line %d)"),
                       line_of(dp->text, off));
        arena_free(arena);
        return;
    }
    const json_value *res = json_get(root, "resources");
    if (!res || res->type != JSON_ARRAY || res->count == 0) {
        verify_problem(rep, "%s", _("data/datapackage.json: no resources"));
        arena_free(arena);
        return;
    }
    resource *rs = xcalloc(res->count, sizeof *rs);
    size_t nr = 0;
    for (size_t i = 0; i < res->count; i++) {
        const json_value *r = res->items[i];
        const char *name = json_string(json_get(r, "name"));
        const char *path = json_string(json_get(r, "path"));
        const json_value *schema = json_get(r, "schema");
        const json_value *fields = json_get(schema, "fields");
        if (!name || !path || !safe_relative(path) || !fields || fields->type != JSON_ARRAY) {
            verify_problem(rep, _("data/datapackage.json: resource %zu lacks a name, a safe "
                                  "relative path or a schema"),
                           i + 1);
            continue;
        }
        resource *x = &rs[nr++];
        x->name = name;
        strbuf p = STRBUF_INIT;
        sb_appendf(&p, "data/%s", path);
        x->path = sb_detach(&p);
        x->schema = schema;
        x->fields = xcalloc(fields->count + 1, sizeof *x->fields);
        x->n_fields = fields->count;
        for (size_t f = 0; f < fields->count; f++) {
            field_spec *fs = &x->fields[f];
            const json_value *fv = fields->items[f];
            const json_value *c = json_get(fv, "constraints");
            fs->name = json_string(json_get(fv, "name"));
            fs->type = json_string(json_get(fv, "type"));
            if (!fs->name)
                fs->name = "";
            if (!fs->type)
                fs->type = "string";
            const json_value *req = json_get(c, "required");
            fs->required = req && req->type == JSON_BOOL && req->boolean;
            fs->enums = json_get(c, "enum");
            const json_value *mn = json_get(c, "minimum"), *mx = json_get(c, "maximum");
            if (mn && mn->type == JSON_NUMBER)
                fs->has_min = true, fs->min = mn->number;
            if (mx && mx->type == JSON_NUMBER)
                fs->has_max = true, fs->max = mx->number;
            if (!cell_type_ok(fs->type, "", &(double){0}) && strcmp(fs->type, "integer") &&
                strcmp(fs->type, "number") && strcmp(fs->type, "boolean") &&
                strcmp(fs->type, "date") && strcmp(fs->type, "datetime"))
                verify_problem(rep, _("%s: field %s has an unknown type \"%s\""), x->path,
                               fs->name, fs->type);
        }
        const bag_entry *e = bag_find(bag, x->path);
        if (!e) {
            verify_problem(rep, _("data/datapackage.json describes %s, which is not in the bag"),
                           x->path);
            continue;
        }
        if (!e->text)
            continue;
        size_t bad;
        if (!utf8_valid(e->text, e->text_len, &bad)) {
            verify_problem(rep, _("%s: invalid UTF-8 on line %d"), x->path,
                           line_of(e->text, bad));
            continue;
        }
        int bad_line = 0;
        if (!csv_parse(e->text, e->text_len, &x->table, &bad_line)) {
            verify_problem(rep, _("%s: bad CSV quoting on line %d"), x->path, bad_line);
            continue;
        }
        if (x->table.count == 0) {
            verify_problem(rep, _("%s: no header line"), x->path);
            continue;
        }
        const csv_row *h = &x->table.rows[0];
        bool same = h->n == x->n_fields;
        for (size_t f = 0; same && f < h->n; f++)
            same = !strcmp(h->cells[f], x->fields[f].name);
        if (!same) {
            verify_problem(rep, _("%s: its header does not match the fields in "
                                  "datapackage.json"),
                           x->path);
            continue;
        }
        x->ok = true;
    }
    for (size_t i = 0; i < nr; i++)
        if (rs[i].ok) {
            check_rows(&rs[i], rep);
            check_primary_key(&rs[i], rep);
        }
    for (size_t i = 0; i < nr; i++)
        if (rs[i].ok)
            check_foreign_keys(&rs[i], rs, nr, rep);
    /* every CSV in data/ is described */
    for (size_t i = 0; i < bag->count; i++) {
        const char *n = bag->items[i].name;
        size_t len = strlen(n);
        if (strncmp(n, "data/", 5) || strchr(n + 5, '/') || len < 4 || strcmp(n + len - 4, ".csv"))
            continue;
        bool described = false;
        for (size_t k = 0; k < nr && !described; k++)
            described = !strcmp(rs[k].path, n);
        if (!described)
            verify_problem(rep, _("%s is not described in datapackage.json"), n);
        else if (!utf8_valid(bag->items[i].text ? bag->items[i].text : "",
                             bag->items[i].text_len, NULL))
            (void)0; /* already reported */
    }
    for (size_t i = 0; i < nr; i++) {
        csv_free(&rs[i].table);
        free(rs[i].fields);
        free((char *)rs[i].path);
    }
    free(rs);
    arena_free(arena);
}
