#include "xaso/planio.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "plan_fields.h"
#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/strbuf.h"
#include "xaso/timeline.h"
#include "xaso/utf8.h"
#include "xaso/value.h"
#include "xaso/yamldoc.h"

enum { MAX_PLAN_FILE = 32 << 20 };

typedef struct {
    const ydoc *doc;
    xaso_plan *plan;
    xaso_error *err;
} loader;

#define AT(base, off, T) ((T *)((char *)(base) + (off)))
#define AT_CONST(base, off, T) ((const T *)((const char *)(base) + (off)))

/* ---------- reading scalars ---------- */

static bool is_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
            return false;
    return true;
}

static int need_scalar(loader *ld, const ynode *n, const char *key)
{
    if (n->type == YNODE_SCALAR)
        return 0;
    return ydoc_error(ld->doc, n, ld->err, _("\"%s\" must be text, not %s"), key,
                      ynode_type_name(n));
}

static int read_text(loader *ld, const ynode *n, const char *key, char **out)
{
    if (need_scalar(ld, n, key))
        return XASO_EX_DATAERR;
    char *clean = utf8_strip_controls(n->scalar);
    *out = arena_strdup(ld->plan->arena, clean);
    free(clean);
    return 0;
}

static int read_number(loader *ld, const ynode *n, const char *key, plan_number *out)
{
    if (need_scalar(ld, n, key))
        return XASO_EX_DATAERR;
    char *end;
    errno = 0;
    double v = strtod(n->scalar, &end);
    if (n->quoted || end == n->scalar || *end || errno || !isfinite(v))
        return ydoc_error(ld->doc, n, ld->err, _("\"%s\" must be a number, not \"%s\""), key,
                          n->scalar);
    out->set = true;
    out->v = v;
    return 0;
}

static int read_year(loader *ld, const ynode *n, const char *key, int *out)
{
    plan_number num;
    if (read_number(ld, n, key, &num))
        return XASO_EX_DATAERR;
    if (num.v != floor(num.v) || num.v < 1900 || num.v > 2200)
        return ydoc_error(ld->doc, n, ld->err, _("\"%s\" must be a year such as 2026, not \"%s\""),
                          key, n->scalar);
    *out = (int)num.v;
    return 0;
}

static int read_date(loader *ld, const ynode *n, const char *key, xaso_date *out)
{
    if (need_scalar(ld, n, key))
        return XASO_EX_DATAERR;
    if (!date_parse_iso(n->scalar, out))
        return ydoc_error(ld->doc, n, ld->err,
                          _("\"%s\" must be a date written YYYY-MM-DD, not \"%s\""), key,
                          n->scalar);
    return 0;
}

static int push_string(loader *ld, const ynode *n, const char *key, plan_strings *out)
{
    size_t marks = out->count;
    char **slot = arena_push(ld->plan->arena, (void **)&out->items, &out->count, &out->cap,
                             sizeof(char *));
    *(plan_mark *)arena_push(ld->plan->arena, (void **)&out->marks, &marks, &out->marks_cap,
                             sizeof(plan_mark)) = (plan_mark){n->line, n->col};
    return read_text(ld, n, key, slot);
}

static int read_strings(loader *ld, const ynode *n, const char *key, plan_strings *out)
{
    if (n->type == YNODE_SCALAR) /* one item may be written without brackets */
        return push_string(ld, n, key, out);
    if (n->type != YNODE_SEQUENCE)
        return ydoc_error(ld->doc, n, ld->err, _("\"%s\" must be a list of text, not %s"), key,
                          ynode_type_name(n));
    for (size_t i = 0; i < n->count; i++)
        if (push_string(ld, n->items[i], key, out))
            return XASO_EX_DATAERR;
    return 0;
}

/* ---------- reading records ---------- */

static int read_record(loader *ld, const ynode *map, const plan_record *rec, void *obj);

static const plan_field *find_field(const plan_record *rec, const char *key)
{
    for (size_t i = 0; i < rec->n_fields; i++)
        if (!strcmp(rec->fields[i].key, key))
            return &rec->fields[i];
    return NULL;
}

static void init_record(const plan_record *rec, void *obj)
{
    for (size_t i = 0; i < rec->n_fields; i++) {
        const plan_field *f = &rec->fields[i];
        if (f->type == PF_DATE)
            *AT(obj, f->offset, xaso_date) = XASO_DATE_NONE;
        else if (f->type == PF_STRUCT)
            init_record(f->record, AT(obj, f->offset, char));
    }
}

static int read_list(loader *ld, const ynode *n, const plan_field *f, void *obj)
{
    if (n->type != YNODE_SEQUENCE)
        return ydoc_error(ld->doc, n, ld->err, _("\"%s\" must be a list, not %s"), f->key,
                          ynode_type_name(n));
    for (size_t i = 0; i < n->count; i++) {
        void *item = arena_push(ld->plan->arena, AT(obj, f->offset, void *),
                                AT(obj, f->count_offset, size_t), AT(obj, f->cap_offset, size_t),
                                f->record->size);
        init_record(f->record, item);
        if (read_record(ld, n->items[i], f->record, item))
            return XASO_EX_DATAERR;
    }
    return 0;
}

static int read_field(loader *ld, const ynode *n, const plan_field *f, void *obj)
{
    void *p = AT(obj, f->offset, char);
    switch (f->type) {
    case PF_TEXT:
    case PF_UNIT_REF:
        return read_text(ld, n, f->key, (char **)p);
    case PF_ID:
        if (read_text(ld, n, f->key, (char **)p))
            return XASO_EX_DATAERR;
        if (!is_id(*(char **)p))
            return ydoc_error(ld->doc, n, ld->err,
                              _("\"%s\" may contain only ASCII letters, digits, '-', '_' and "
                                "'.', not \"%s\""),
                              f->key, n->scalar);
        return 0;
    case PF_CODE:
        if (read_text(ld, n, f->key, (char **)p))
            return XASO_EX_DATAERR;
        for (const char *const *c = f->codes; *c; c++)
            if (!strcmp(*c, *(char **)p))
                return 0;
        {
            strbuf allowed = STRBUF_INIT;
            for (const char *const *c = f->codes; *c; c++)
                sb_appendf(&allowed, "%s%s", c == f->codes ? "" : ", ", *c);
            int rc = ydoc_error(ld->doc, n, ld->err, _("\"%s\" must be one of %s, not \"%s\""),
                                f->key, sb_str(&allowed), n->scalar);
            sb_free(&allowed);
            return rc;
        }
    case PF_YEAR:
        return read_year(ld, n, f->key, (int *)p);
    case PF_NUMBER:
        return read_number(ld, n, f->key, (plan_number *)p);
    case PF_DATE:
        return read_date(ld, n, f->key, (xaso_date *)p);
    case PF_STRINGS:
    case PF_UNIT_REFS:
        return read_strings(ld, n, f->key, (plan_strings *)p);
    case PF_STRUCT:
        return read_record(ld, n, f->record, p);
    case PF_LIST:
        return read_list(ld, n, f, obj);
    }
    return 0;
}

static int read_record(loader *ld, const ynode *map, const plan_record *rec, void *obj)
{
    if (map->type != YNODE_MAPPING)
        return ydoc_error(ld->doc, map, ld->err, _("a %s must be a mapping (key: value), not %s"),
                          _(rec->name), ynode_type_name(map));
    if (rec->mark_offset >= 0)
        *AT(obj, (size_t)rec->mark_offset, plan_mark) = (plan_mark){map->line, map->col};
    for (size_t i = 0; i < map->count; i++) {
        const ynode *key = map->keys[i], *val = map->values[i];
        const plan_field *f = find_field(rec, key->scalar);
        if (!f) {
            strbuf allowed = STRBUF_INIT;
            for (size_t k = 0; k < rec->n_fields; k++)
                sb_appendf(&allowed, "%s%s", k ? ", " : "", rec->fields[k].key);
            int rc = ydoc_error(ld->doc, key, ld->err,
                                _("unknown key \"%s\" in a %s (known keys: %s)"), key->scalar,
                                _(rec->name), sb_str(&allowed));
            sb_free(&allowed);
            return rc;
        }
        if (ynode_is_null(val))
            continue; /* an explicit null is the same as an absent key */
        if (read_field(ld, val, f, obj))
            return XASO_EX_DATAERR;
    }
    for (size_t i = 0; i < rec->n_fields; i++) {
        const plan_field *f = &rec->fields[i];
        if (f->required && ynode_is_null(ynode_get(map, f->key)))
            return ydoc_error(ld->doc, map, ld->err, _("this %s has no \"%s\", which is required"),
                              _(rec->name), f->key);
        if (f->required && (f->type == PF_TEXT || f->type == PF_ID) &&
            !**AT(obj, f->offset, char *))
            return ydoc_error(ld->doc, ynode_get(map, f->key), ld->err,
                              _("\"%s\" must not be empty"), f->key);
    }
    return 0;
}

/* ---------- checks and derived values ---------- */

static int error_at_mark(loader *ld, plan_mark m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int error_at_mark(loader *ld, plan_mark m, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return xaso_error_set_at(ld->err, XASO_EX_DATAERR, ydoc_name(ld->doc), m.line, m.col, "%s",
                             msg);
}

/* Resolve a unit reference (code, name or alias; case and marks ignored for names) to a code. */
static const char *resolve_unit(const xaso_plan *plan, const char *ref)
{
    for (size_t i = 0; i < plan->n_units; i++)
        if (!strcmp(plan->units[i].code, ref))
            return plan->units[i].code;
    char *want = utf8_fold(ref);
    const char *found = NULL;
    for (size_t i = 0; i < plan->n_units && !found && want; i++) {
        const plan_unit *u = &plan->units[i];
        char *name = utf8_fold(u->name);
        if (name && !strcmp(name, want))
            found = u->code;
        free(name);
        for (size_t k = 0; k < u->aliases.count && !found; k++) {
            char *alias = utf8_fold(u->aliases.items[k]);
            if (alias && !strcmp(alias, want))
                found = u->code;
            free(alias);
        }
    }
    free(want);
    return found;
}

static int resolve_refs(loader *ld, plan_strings *refs, plan_mark m, const char *what)
{
    for (size_t i = 0; i < refs->count; i++) {
        const char *code = resolve_unit(ld->plan, refs->items[i]);
        if (!code)
            return error_at_mark(ld, refs->marks ? refs->marks[i] : m,
                                 _("unknown unit \"%s\" in %s: declare it under units "
                                   "(code, name or alias)"),
                                 refs->items[i], what);
        refs->items[i] = (char *)code;
    }
    return 0;
}

static int check_unique(loader *ld, const char *what, size_t count, size_t size,
                        const char *items, size_t code_off, size_t section_off, size_t mark_off)
{
    for (size_t i = 0; i < count; i++) {
        const char *a = items + i * size;
        char ka[512];
        plan_item_key(section_off != (size_t)-1 ? *AT_CONST(a, section_off, char *) : NULL,
                      *AT_CONST(a, code_off, char *), ka, sizeof ka);
        for (size_t j = 0; j < i; j++) {
            const char *b = items + j * size;
            char kb[512];
            plan_item_key(section_off != (size_t)-1 ? *AT_CONST(b, section_off, char *) : NULL,
                          *AT_CONST(b, code_off, char *), kb, sizeof kb);
            if (!strcmp(ka, kb))
                return error_at_mark(ld, *AT_CONST(a, mark_off, plan_mark),
                                     _("%s \"%s\" appears twice: give it a different section or "
                                       "code"),
                                     what, ka);
        }
    }
    return 0;
}

static int finish_plan(loader *ld)
{
    xaso_plan *plan = ld->plan;
    xaso_arena *arena = plan->arena;
    plan_header *h = &plan->header;
    if (!h->chain)
        h->chain = arena_strdup(arena, "ubnd");
    if (!h->money_unit)
        h->money_unit = arena_strdup(arena, "triệu đồng");
    if (h->period.from && h->period.to && h->period.from > h->period.to)
        return xaso_error_set_at(ld->err, XASO_EX_DATAERR, ydoc_name(ld->doc), 0, 0,
                                 _("the plan period ends (%d) before it starts (%d)"),
                                 h->period.to, h->period.from);

    if (check_unique(ld, _("unit"), plan->n_units, sizeof(plan_unit), (char *)plan->units,
                     offsetof(plan_unit, code), (size_t)-1, offsetof(plan_unit, mark)) ||
        check_unique(ld, _("target"), plan->n_targets, sizeof(plan_target), (char *)plan->targets,
                     offsetof(plan_target, code), offsetof(plan_target, section),
                     offsetof(plan_target, mark)) ||
        check_unique(ld, _("task"), plan->n_tasks, sizeof(plan_task), (char *)plan->tasks,
                     offsetof(plan_task, code), offsetof(plan_task, section),
                     offsetof(plan_task, mark)) ||
        check_unique(ld, _("project"), plan->n_projects, sizeof(plan_project),
                     (char *)plan->projects, offsetof(plan_project, code),
                     offsetof(plan_project, section), offsetof(plan_project, mark)) ||
        check_unique(ld, _("reporting obligation"), plan->n_reporting, sizeof(plan_obligation),
                     (char *)plan->reporting, offsetof(plan_obligation, code), (size_t)-1,
                     offsetof(plan_obligation, mark)))
        return XASO_EX_DATAERR;

    for (size_t i = 0; i < plan->n_units; i++)
        if (!plan->units[i].kind)
            plan->units[i].kind = arena_strdup(arena, "office");

    for (size_t i = 0; i < plan->n_targets; i++) {
        plan_target *t = &plan->targets[i];
        plan_target_derive(arena, t);
        if (t->responsible) {
            const char *code = resolve_unit(plan, t->responsible);
            if (!code)
                return error_at_mark(ld, t->mark, _("unknown unit \"%s\" in %s: declare it "
                                                    "under units (code, name or alias)"),
                                     t->responsible, "responsible");
            t->responsible = (char *)code;
        }
    }

    int year = plan_base_year(plan);
    for (size_t i = 0; i < plan->n_tasks; i++) {
        plan_task *t = &plan->tasks[i];
        if (!t->kind)
            t->kind = arena_strdup(arena, "task");
        if (!t->timeline_kind) {
            xaso_timeline tl;
            timeline_parse(t->timeline, year, &tl);
            t->timeline_kind = arena_strdup(arena, timeline_kind_code(tl.kind));
            if (t->start == XASO_DATE_NONE)
                t->start = tl.start;
            if (t->due == XASO_DATE_NONE)
                t->due = tl.due;
        }
        if (t->start != XASO_DATE_NONE && t->due != XASO_DATE_NONE && t->start > t->due)
            return error_at_mark(ld, t->mark, _("task %s ends before it starts"), t->code);
        if (resolve_refs(ld, &t->lead, t->mark, "lead") ||
            resolve_refs(ld, &t->coordinators, t->mark, "coordinators") ||
            resolve_refs(ld, &t->requested, t->mark, "requested"))
            return XASO_EX_DATAERR;
    }
    return 0;
}

xaso_plan *planio_load_buffer(const char *name, const char *data, size_t len, xaso_error *err)
{
    ydoc_limits limits = {MAX_PLAN_FILE, 32, 0};
    ydoc *doc = ydoc_load_buffer(name, data, len, &limits, err);
    if (!doc)
        return NULL;
    const ynode *root = ydoc_root(doc);
    xaso_plan *plan = plan_new();
    loader ld = {doc, plan, err};
    int rc = 0;
    if (root->type != YNODE_MAPPING) {
        rc = ydoc_error(doc, root, err, _("a plan file must be a mapping that starts with "
                                          "\"xaso-plan: 1\""));
    } else {
        const ynode *version = ynode_get(root, "xaso-plan");
        if (!version)
            rc = ydoc_error(doc, root, err, _("this is not a xaso plan file: the key "
                                              "\"xaso-plan: 1\" is missing"));
        else if (version->type != YNODE_SCALAR || version->quoted || strcmp(version->scalar, "1"))
            rc = ydoc_error(doc, version, err,
                            _("plan file format version \"%s\" is not supported (this program "
                              "reads version %d)"),
                            version->type == YNODE_SCALAR ? version->scalar : "?",
                            XASO_PLAN_FORMAT);
    }
    if (!rc) {
        /* Read everything but the version key with the file record. */
        ynode copy = *root;
        copy.keys = xcalloc(root->count, sizeof(ynode *));
        copy.values = xcalloc(root->count, sizeof(ynode *));
        copy.count = 0;
        for (size_t i = 0; i < root->count; i++)
            if (strcmp(root->keys[i]->scalar, "xaso-plan")) {
                copy.keys[copy.count] = root->keys[i];
                copy.values[copy.count++] = root->values[i];
            }
        init_record(&plan_file_record, plan);
        rc = read_record(&ld, &copy, &plan_file_record, plan);
        free(copy.keys);
        free(copy.values);
    }
    if (!rc)
        rc = finish_plan(&ld);
    ydoc_free(doc);
    if (rc) {
        plan_free(plan);
        return NULL;
    }
    return plan;
}

xaso_plan *planio_load(const char *path, xaso_error *err)
{
    char *data;
    size_t len;
    if (fs_read_all(path, MAX_PLAN_FILE, &data, &len, err))
        return NULL;
    xaso_plan *plan = planio_load_buffer(path, data, len, err);
    free(data);
    return plan;
}
