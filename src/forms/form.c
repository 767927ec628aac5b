/* Form definitions: the strict loader, the user's override folder, and the compatibility check
 * that keeps a changed copy from dropping or retyping the fields the program stores. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"
#include "xaso/arena.h"
#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"
#include "xaso/yamldoc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *const form_builtin_names[] = {"office",        "plan",         "unit",
                                          "target",        "task",         "project",
                                          "task-progress", "target-value", "report",
                                          NULL};

typedef struct {
    xaso_arena *arena;
    regex_t **regexes;
    size_t n_regexes, cap_regexes;
    int fields_line, fields_col; /* where the top-level field list starts */
} form_internal;

typedef struct {
    const ydoc *doc;
    xaso_error *err;
    form_internal *in;
} loader;

/* ---------- the keys of a field ---------- */

typedef enum {
    A_KEY, A_LABEL, A_HELP, A_TYPE, A_REQUIRED, A_REQUIRED_WHEN, A_VISIBLE_WHEN, A_LIMITS,
    A_EXPECTED, A_PATTERN, A_PATTERN_HELP, A_MAX_LENGTH, A_CHOICES, A_ROLES, A_DEFAULT,
    A_COMPUTE, A_FORMAT, A_DECIMALS, A_FIELDS, A_MIN_ITEMS, A_MAX_ITEMS, A_COUNT
} attr;

static const char *const attr_names[A_COUNT] = {
    "key", "label", "help", "type", "required", "required_when", "visible_when", "limits",
    "expected", "pattern", "pattern_help", "max_length", "choices", "roles", "default",
    "compute", "format", "decimals", "fields", "min_items", "max_items",
};

#define T(t) (1u << (t))
#define ALL_TYPES 0xFFFFu
#define NUMBER_TYPES (T(FT_INTEGER) | T(FT_DECIMAL) | T(FT_PERCENT) | T(FT_MONEY) | T(FT_COMPUTED))
#define TEXT_TYPES (T(FT_TEXT) | T(FT_MEMO))

/* Which types each key applies to. */
static const unsigned attr_types[A_COUNT] = {
    [A_KEY] = ALL_TYPES, [A_LABEL] = ALL_TYPES, [A_HELP] = ALL_TYPES, [A_TYPE] = ALL_TYPES,
    [A_REQUIRED] = ALL_TYPES, [A_REQUIRED_WHEN] = ALL_TYPES, [A_VISIBLE_WHEN] = ALL_TYPES,
    [A_LIMITS] = NUMBER_TYPES, [A_EXPECTED] = NUMBER_TYPES, [A_PATTERN] = TEXT_TYPES,
    [A_PATTERN_HELP] = TEXT_TYPES, [A_MAX_LENGTH] = TEXT_TYPES, [A_CHOICES] = T(FT_CHOICE),
    [A_ROLES] = T(FT_UNITS),
    [A_DEFAULT] = ALL_TYPES & ~(T(FT_COMPUTED) | T(FT_GROUP) | T(FT_FILE)),
    [A_COMPUTE] = T(FT_COMPUTED), [A_FORMAT] = T(FT_COMPUTED), [A_DECIMALS] = T(FT_COMPUTED),
    [A_FIELDS] = T(FT_GROUP), [A_MIN_ITEMS] = T(FT_GROUP), [A_MAX_ITEMS] = T(FT_GROUP),
};

/* ---------- scalars ---------- */

static int fail(loader *ld, const ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(loader *ld, const ynode *n, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ydoc_error(ld->doc, n, ld->err, "%s", msg);
}

static int need_scalar(loader *ld, const ynode *n, const char *key)
{
    if (n->type == YNODE_SCALAR)
        return 0;
    return fail(ld, n, _("\"%s\" must be text, not %s"), key, ynode_type_name(n));
}

static int read_text(loader *ld, const ynode *n, const char *key, const char **out)
{
    if (need_scalar(ld, n, key))
        return XASO_EX_DATAERR;
    char *clean = utf8_strip_controls(n->scalar);
    *out = arena_strdup(ld->in->arena, clean);
    free(clean);
    return 0;
}

static int read_nonempty_text(loader *ld, const ynode *n, const char *key, const char **out)
{
    if (read_text(ld, n, key, out))
        return XASO_EX_DATAERR;
    if (!**out)
        return fail(ld, n, _("\"%s\" must not be empty"), key);
    return 0;
}

static int read_bool(loader *ld, const ynode *n, const char *key, bool *out)
{
    if (n->type == YNODE_SCALAR && !n->quoted &&
        (!strcmp(n->scalar, "true") || !strcmp(n->scalar, "false"))) {
        *out = n->scalar[0] == 't';
        return 0;
    }
    return fail(ld, n, _("\"%s\" must be true or false"), key);
}

static int read_number(loader *ld, const ynode *n, const char *key, double *out)
{
    if (need_scalar(ld, n, key))
        return XASO_EX_DATAERR;
    char *end;
    errno = 0;
    double v = strtod(n->scalar, &end);
    if (n->quoted || end == n->scalar || *end || errno || !isfinite(v))
        return fail(ld, n, _("\"%s\" must be a number, not \"%s\""), key, n->scalar);
    *out = v;
    return 0;
}

static int read_count(loader *ld, const ynode *n, const char *key, long max, long *out)
{
    double v;
    if (read_number(ld, n, key, &v))
        return XASO_EX_DATAERR;
    if (v != floor(v) || v < 0 || v > (double)max)
        return fail(ld, n, _("\"%s\" must be a whole number from 0 to %ld, not \"%s\""), key,
                    max, n->scalar);
    *out = (long)v;
    return 0;
}

static bool is_field_key(const char *s)
{
    if (!islower((unsigned char)*s))
        return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
            return false;
    return true;
}

/* Printable ASCII without spaces and without the separators of a "units" value. */
static bool is_code(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < 0x21 || *s > 0x7E || *s == ':' || *s == ',' || *s == ';')
            return false;
    return true;
}

/* ---------- compound values ---------- */

static int read_range(loader *ld, const ynode *n, const char *key, form_range *out)
{
    if (n->type != YNODE_MAPPING)
        return fail(ld, n, _("\"%s\" must be a mapping such as {min: 0, max: 100}, not %s"), key,
                    ynode_type_name(n));
    for (size_t i = 0; i < n->count; i++) {
        const char *k = n->keys[i]->scalar;
        const ynode *v = n->values[i];
        if (strcmp(k, "min") && strcmp(k, "max"))
            return fail(ld, n->keys[i], _("unknown key \"%s\" in %s (known keys: min, max)"), k,
                        key);
        if (ynode_is_null(v))
            continue;
        bool is_min = !strcmp(k, "min");
        if (read_number(ld, v, k, is_min ? &out->min : &out->max))
            return XASO_EX_DATAERR;
        *(is_min ? &out->has_min : &out->has_max) = true;
    }
    if (out->has_min && out->has_max && out->min > out->max)
        return fail(ld, n, _("in \"%s\", min is greater than max"), key);
    return 0;
}

static int read_choices(loader *ld, const ynode *n, const char *key, form_field *f)
{
    if (n->type != YNODE_SEQUENCE || n->count == 0)
        return fail(ld, n, _("\"%s\" must be a list of {code, label}, not %s"), key,
                    n->type == YNODE_SEQUENCE ? _("an empty list") : ynode_type_name(n));
    form_choice *choices = arena_alloc(ld->in->arena, n->count * sizeof *choices);
    for (size_t i = 0; i < n->count; i++) {
        const ynode *item = n->items[i];
        if (item->type != YNODE_MAPPING)
            return fail(ld, item, _("each of \"%s\" must be a mapping {code, label}, not %s"),
                        key, ynode_type_name(item));
        for (size_t k = 0; k < item->count; k++) {
            const char *name = item->keys[k]->scalar;
            if (strcmp(name, "code") && strcmp(name, "label"))
                return fail(ld, item->keys[k],
                            _("unknown key \"%s\" in a choice (known keys: code, label)"), name);
        }
        const ynode *code = ynode_get(item, "code"), *label = ynode_get(item, "label");
        if (ynode_is_null(code) || ynode_is_null(label))
            return fail(ld, item, _("a choice needs both \"code\" and \"label\""));
        if (read_text(ld, code, "code", &choices[i].code) ||
            read_nonempty_text(ld, label, "label", &choices[i].label))
            return XASO_EX_DATAERR;
        if (!is_code(choices[i].code))
            return fail(ld, code,
                        _("a choice code is ASCII without spaces, ':', ',' or ';', not \"%s\""),
                        choices[i].code);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(choices[j].code, choices[i].code))
                return fail(ld, code, _("the choice code \"%s\" appears twice"), choices[i].code);
    }
    f->choices = choices;
    f->n_choices = n->count;
    return 0;
}

static int compile_pattern(loader *ld, const ynode *n, form_field *f)
{
    if (read_nonempty_text(ld, n, "pattern", &f->pattern))
        return XASO_EX_DATAERR;
    strbuf anchored = STRBUF_INIT;
    sb_appendf(&anchored, "^(%s)$", f->pattern);
    regex_t *re = xmalloc(sizeof *re);
    int rc = regcomp(re, sb_str(&anchored), REG_EXTENDED | REG_NOSUB);
    sb_free(&anchored);
    if (rc) {
        char why[256];
        regerror(rc, re, why, sizeof why);
        free(re);
        return fail(ld, n, _("\"pattern\" is not a valid regular expression: %s"), why);
    }
    form_internal *in = ld->in;
    if (in->n_regexes == in->cap_regexes) {
        in->cap_regexes = in->cap_regexes ? in->cap_regexes * 2 : 8;
        in->regexes = xrealloc(in->regexes, in->cap_regexes * sizeof *in->regexes);
    }
    in->regexes[in->n_regexes++] = re;
    f->regex = re;
    return 0;
}

/* ---------- one field, first pass: its own keys ---------- */

static int read_field_list(loader *ld, const ynode *list, bool nested, const form_field **out,
                           size_t *n_out);

static int collect_attrs(loader *ld, const ynode *map, const ynode **attrs)
{
    if (map->type != YNODE_MAPPING)
        return fail(ld, map, _("a field must be a mapping (key: value), not %s"),
                    ynode_type_name(map));
    for (size_t i = 0; i < map->count; i++) {
        const ynode *key = map->keys[i];
        size_t a = 0;
        while (a < A_COUNT && strcmp(attr_names[a], key->scalar))
            a++;
        if (a == A_COUNT) {
            strbuf known = STRBUF_INIT;
            for (size_t k = 0; k < A_COUNT; k++)
                sb_appendf(&known, "%s%s", k ? ", " : "", attr_names[k]);
            int rc = fail(ld, key, _("unknown key \"%s\" in a field (known keys: %s)"),
                          key->scalar, sb_str(&known));
            sb_free(&known);
            return rc;
        }
        if (!ynode_is_null(map->values[i]))
            attrs[a] = map->values[i];
    }
    for (size_t a = A_KEY; a <= A_TYPE; a++)
        if (a != A_HELP && !attrs[a])
            return fail(ld, map, _("this field has no \"%s\", which is required"),
                        attr_names[a]);
    return 0;
}

static int read_type(loader *ld, const ynode *n, form_field *f)
{
    const char *code;
    if (read_text(ld, n, "type", &code))
        return XASO_EX_DATAERR;
    if (form_type_from_code(code, &f->type))
        return 0;
    strbuf known = STRBUF_INIT;
    for (int t = FT_TEXT; t <= FT_GROUP; t++)
        sb_appendf(&known, "%s%s", t ? ", " : "", form_type_code((form_field_type)t));
    int rc = fail(ld, n, _("\"type\" must be one of %s, not \"%s\""), sb_str(&known), code);
    sb_free(&known);
    return rc;
}

/* Keys that do not apply to the type, and keys the type needs. */
static int check_attrs_for_type(loader *ld, const ynode *map, const ynode **attrs,
                                const form_field *f, bool nested)
{
    const char *type = form_type_code(f->type);
    for (size_t a = 0; a < A_COUNT; a++)
        if (attrs[a] && !(attr_types[a] & T(f->type)))
            return fail(ld, attrs[a], _("\"%s\" does not apply to a %s field"), attr_names[a],
                        type);
    static const struct {
        form_field_type type;
        attr needs;
    } needed[] = {{FT_CHOICE, A_CHOICES}, {FT_UNITS, A_ROLES}, {FT_COMPUTED, A_COMPUTE},
                  {FT_GROUP, A_FIELDS}};
    for (size_t i = 0; i < COUNT(needed); i++)
        if (f->type == needed[i].type && !attrs[needed[i].needs])
            return fail(ld, map, _("a %s field needs \"%s\""), type, attr_names[needed[i].needs]);
    if (nested && f->type == FT_GROUP)
        return fail(ld, attrs[A_TYPE], _("a group cannot contain another group"));
    return 0;
}

static int read_format(loader *ld, const ynode *n, form_field *f)
{
    const char *code;
    if (read_text(ld, n, "format", &code))
        return XASO_EX_DATAERR;
    static const form_field_type formats[] = {FT_INTEGER, FT_DECIMAL, FT_PERCENT, FT_MONEY};
    for (size_t i = 0; i < COUNT(formats); i++)
        if (!strcmp(code, form_type_code(formats[i]))) {
            f->format = formats[i];
            return 0;
        }
    return fail(ld, n, _("\"format\" must be one of integer, decimal, percent, money, not \"%s\""),
                code);
}

static int read_group_attrs(loader *ld, const ynode **attrs, form_field *f)
{
    long v;
    if (attrs[A_MIN_ITEMS]) {
        if (read_count(ld, attrs[A_MIN_ITEMS], "min_items", 100000, &v))
            return XASO_EX_DATAERR;
        f->min_items = (size_t)v;
    }
    if (attrs[A_MAX_ITEMS]) {
        if (read_count(ld, attrs[A_MAX_ITEMS], "max_items", 100000, &v))
            return XASO_EX_DATAERR;
        f->max_items = (size_t)v;
    }
    if (f->max_items && f->min_items > f->max_items)
        return fail(ld, attrs[A_MAX_ITEMS], _("\"max_items\" is smaller than \"min_items\""));
    return read_field_list(ld, attrs[A_FIELDS], true, &f->fields, &f->n_fields);
}

static int read_plain_attrs(loader *ld, const ynode **attrs, form_field *f)
{
    long v;
    if (attrs[A_REQUIRED] && read_bool(ld, attrs[A_REQUIRED], "required", &f->required))
        return XASO_EX_DATAERR;
    if (attrs[A_LIMITS] && read_range(ld, attrs[A_LIMITS], "limits", &f->limits))
        return XASO_EX_DATAERR;
    if (attrs[A_EXPECTED] && read_range(ld, attrs[A_EXPECTED], "expected", &f->expected))
        return XASO_EX_DATAERR;
    if (attrs[A_PATTERN] && compile_pattern(ld, attrs[A_PATTERN], f))
        return XASO_EX_DATAERR;
    if (attrs[A_PATTERN_HELP] &&
        read_nonempty_text(ld, attrs[A_PATTERN_HELP], "pattern_help", &f->pattern_help))
        return XASO_EX_DATAERR;
    if (attrs[A_MAX_LENGTH]) {
        if (read_count(ld, attrs[A_MAX_LENGTH], "max_length", 1000000, &v))
            return XASO_EX_DATAERR;
        if (v == 0)
            return fail(ld, attrs[A_MAX_LENGTH], _("\"max_length\" must be at least 1"));
        f->max_length = (size_t)v;
    }
    if (attrs[A_CHOICES] && read_choices(ld, attrs[A_CHOICES], "choices", f))
        return XASO_EX_DATAERR;
    if (attrs[A_ROLES] && read_choices(ld, attrs[A_ROLES], "roles", f))
        return XASO_EX_DATAERR;
    if (attrs[A_DEFAULT] && read_text(ld, attrs[A_DEFAULT], "default", &f->default_text))
        return XASO_EX_DATAERR;
    if (attrs[A_COMPUTE] && read_nonempty_text(ld, attrs[A_COMPUTE], "compute", &f->compute_text))
        return XASO_EX_DATAERR;
    f->format = FT_DECIMAL;
    if (attrs[A_FORMAT] && read_format(ld, attrs[A_FORMAT], f))
        return XASO_EX_DATAERR;
    f->decimals = 2;
    if (attrs[A_DECIMALS]) {
        if (read_count(ld, attrs[A_DECIMALS], "decimals", 6, &v))
            return XASO_EX_DATAERR;
        f->decimals = (int)v;
    }
    if (f->type == FT_GROUP)
        return read_group_attrs(ld, attrs, f);
    return 0;
}

static int read_field_own(loader *ld, const ynode *map, const ynode **attrs, form_field *f,
                          bool nested)
{
    if (collect_attrs(ld, map, attrs))
        return XASO_EX_DATAERR;
    f->line = map->line;
    f->col = map->col;
    if (read_nonempty_text(ld, attrs[A_KEY], "key", &f->key))
        return XASO_EX_DATAERR;
    if (!is_field_key(f->key))
        return fail(ld, attrs[A_KEY],
                    _("a field key starts with a lower-case ASCII letter and continues with "
                      "lower-case letters, digits and '_', not \"%s\""),
                    f->key);
    if (read_nonempty_text(ld, attrs[A_LABEL], "label", &f->label))
        return XASO_EX_DATAERR;
    if (attrs[A_HELP] && read_nonempty_text(ld, attrs[A_HELP], "help", &f->help))
        return XASO_EX_DATAERR;
    if (read_type(ld, attrs[A_TYPE], f) || check_attrs_for_type(ld, map, attrs, f, nested))
        return XASO_EX_DATAERR;
    return read_plain_attrs(ld, attrs, f);
}

/* ---------- second pass: references to other fields ---------- */

static int read_condition(loader *ld, const ynode *n, const char *key, const form_field *fields,
                          size_t self, form_condition *out)
{
    if (n->type != YNODE_MAPPING)
        return fail(ld, n, _("\"%s\" must be a mapping such as {field: status, in: [done]}, not %s"),
                    key, ynode_type_name(n));
    const ynode *field = NULL, *codes = NULL;
    for (size_t i = 0; i < n->count; i++) {
        const char *k = n->keys[i]->scalar;
        if (!strcmp(k, "field")) {
            field = n->values[i];
        } else if (!strcmp(k, "in") || !strcmp(k, "not_in")) {
            if (codes)
                return fail(ld, n->keys[i], _("\"%s\" takes either \"in\" or \"not_in\""), key);
            codes = n->values[i];
            out->negate = k[0] == 'n';
        } else {
            return fail(ld, n->keys[i],
                        _("unknown key \"%s\" in %s (known keys: field, in, not_in)"), k, key);
        }
    }
    if (!field || !codes)
        return fail(ld, n, _("\"%s\" needs \"field\" and either \"in\" or \"not_in\""), key);
    const char *name;
    if (read_text(ld, field, "field", &name))
        return XASO_EX_DATAERR;
    long i = form_field_index(fields, self, name);
    if (i < 0)
        return fail(ld, field, _("\"%s\" must name a field above this one, not \"%s\""), key,
                    name);
    const form_field *target = &fields[i];
    if (target->type != FT_CHOICE && target->type != FT_YESNO)
        return fail(ld, field, _("\"%s\" can only look at a choice or yes/no field"), key);
    size_t count = codes->type == YNODE_SEQUENCE ? codes->count : 1;
    if (codes->type == YNODE_MAPPING || count == 0)
        return fail(ld, codes, _("list the codes, such as [done, done-late]"));
    const char **list = arena_alloc(ld->in->arena, count * sizeof *list);
    for (size_t k = 0; k < count; k++) {
        const ynode *c = codes->type == YNODE_SEQUENCE ? codes->items[k] : codes;
        if (read_text(ld, c, "in", &list[k]))
            return XASO_EX_DATAERR;
        bool known = false;
        if (target->type == FT_YESNO)
            known = !strcmp(list[k], "yes") || !strcmp(list[k], "no");
        for (size_t j = 0; !known && j < target->n_choices; j++)
            known = !strcmp(list[k], target->choices[j].code);
        if (!known)
            return fail(ld, c, _("\"%s\" is not a code of the field \"%s\""), list[k], name);
    }
    out->set = true;
    out->field = (size_t)i;
    out->codes = list;
    out->n_codes = count;
    return 0;
}

static int read_compute(loader *ld, const ynode *n, const form_field *fields, size_t n_fields,
                        size_t self, form_field *f)
{
    char why[256];
    size_t offset = 0;
    f->compute = form_expr_parse(ld->in->arena, f->compute_text, fields, n_fields, self, why,
                                 sizeof why, &offset);
    if (!f->compute)
        return fail(ld, n, _("in \"compute\" at character %zu: %s"), offset + 1, why);
    return 0;
}

/* The default must fit the field; a choice or yes/no default is kept as its code. */
static int check_default(loader *ld, const ynode *n, form_field *f)
{
    form_result r;
    form_validate_field(f, f->default_text, &r);
    if (r.severity == FORM_ERROR)
        return fail(ld, n, _("the default \"%s\" does not fit this field: %s"), f->default_text,
                    r.message);
    if (r.value.kind == FVAL_CODE)
        f->default_text = r.value.code;
    else if (r.value.kind == FVAL_BOOL)
        f->default_text = r.value.yes ? "yes" : "no";
    return 0;
}

static int resolve_references(loader *ld, const ynode **attrs, form_field *fields,
                              size_t n_fields, size_t i)
{
    form_field *f = &fields[i];
    if (attrs[A_VISIBLE_WHEN] &&
        read_condition(ld, attrs[A_VISIBLE_WHEN], "visible_when", fields, i, &f->visible_when))
        return XASO_EX_DATAERR;
    if (attrs[A_REQUIRED_WHEN] &&
        read_condition(ld, attrs[A_REQUIRED_WHEN], "required_when", fields, i,
                       &f->required_when))
        return XASO_EX_DATAERR;
    if (attrs[A_COMPUTE] && read_compute(ld, attrs[A_COMPUTE], fields, n_fields, i, f))
        return XASO_EX_DATAERR;
    if (attrs[A_DEFAULT] && check_default(ld, attrs[A_DEFAULT], f))
        return XASO_EX_DATAERR;
    return 0;
}

static int read_field_list(loader *ld, const ynode *list, bool nested, const form_field **out,
                           size_t *n_out)
{
    if (list->type != YNODE_SEQUENCE || list->count == 0)
        return fail(ld, list, _("\"fields\" must be a list of fields, not %s"),
                    list->type == YNODE_SEQUENCE ? _("an empty list") : ynode_type_name(list));
    size_t n = list->count;
    form_field *fields = arena_alloc(ld->in->arena, n * sizeof *fields);
    const ynode **attrs = xcalloc(n * A_COUNT, sizeof *attrs);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = read_field_own(ld, list->items[i], attrs + i * A_COUNT, &fields[i], nested);
    for (size_t i = 0; i < n && !rc; i++)
        for (size_t j = 0; j < i && !rc; j++)
            if (!strcmp(fields[i].key, fields[j].key))
                rc = fail(ld, attrs[i * A_COUNT + A_KEY],
                          _("the field key \"%s\" appears twice"), fields[i].key);
    for (size_t i = 0; i < n && !rc; i++)
        rc = resolve_references(ld, attrs + i * A_COUNT, fields, n, i);
    free(attrs);
    *out = fields;
    *n_out = n;
    return rc;
}

/* ---------- the file ---------- */

static int read_version(loader *ld, const ynode *n)
{
    double v;
    if (read_number(ld, n, "xaso-form", &v))
        return XASO_EX_DATAERR;
    if (v > XASO_FORM_FORMAT && v == floor(v))
        return fail(ld, n, _("this form was written for a newer xaso (format %s); this one reads "
                             "format %d"),
                    n->scalar, XASO_FORM_FORMAT);
    if (v != XASO_FORM_FORMAT)
        return fail(ld, n, _("\"xaso-form\" must be %d, not \"%s\""), XASO_FORM_FORMAT,
                    n->scalar);
    return 0;
}

static int read_form(loader *ld, const ynode *root, xaso_form *form)
{
    static const char *const keys[] = {"xaso-form", "title", "help", "fields"};
    if (root->type != YNODE_MAPPING)
        return fail(ld, root, _("a form definition must be a mapping (key: value), not %s"),
                    ynode_type_name(root));
    for (size_t i = 0; i < root->count; i++) {
        size_t k = 0;
        while (k < COUNT(keys) && strcmp(keys[k], root->keys[i]->scalar))
            k++;
        if (k == COUNT(keys))
            return fail(ld, root->keys[i],
                        _("unknown key \"%s\" in a form (known keys: xaso-form, title, help, "
                          "fields)"),
                        root->keys[i]->scalar);
    }
    for (size_t k = 0; k < COUNT(keys); k++)
        if (k != 2 && ynode_is_null(ynode_get(root, keys[k])))
            return fail(ld, root, _("this form has no \"%s\", which is required"), keys[k]);
    const ynode *help = ynode_get(root, "help"), *fields = ynode_get(root, "fields");
    if (read_version(ld, ynode_get(root, "xaso-form")) ||
        read_nonempty_text(ld, ynode_get(root, "title"), "title", &form->title) ||
        (!ynode_is_null(help) && read_nonempty_text(ld, help, "help", &form->help)))
        return XASO_EX_DATAERR;
    ld->in->fields_line = fields->line;
    ld->in->fields_col = fields->col;
    return read_field_list(ld, fields, false, &form->fields, &form->n_fields);
}

static char *name_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && !strcmp(base + n - 5, ".yaml"))
        n -= 5;
    return xstrndup(base, n);
}

void form_free(xaso_form *form)
{
    if (!form)
        return;
    form_internal *in = form->internal;
    for (size_t i = 0; i < in->n_regexes; i++) {
        regfree(in->regexes[i]);
        free(in->regexes[i]);
    }
    free(in->regexes);
    arena_free(in->arena);
    free(in);
    free(form);
}

xaso_form *form_load_file(const char *path, const char *name, xaso_error *err)
{
    xaso_error_clear(err);
    ydoc_limits limits = {4u << 20, 32, 200000}; /* a form is a small hand-written file */
    ydoc *doc = ydoc_load_file(path, &limits, err);
    if (!doc)
        return NULL;
    xaso_form *form = xcalloc(1, sizeof *form);
    form_internal *in = xcalloc(1, sizeof *in);
    in->arena = arena_new();
    form->internal = in;
    char *own_name = name ? xstrdup(name) : name_from_path(path);
    form->name = arena_strdup(in->arena, own_name);
    free(own_name);
    form->path = arena_strdup(in->arena, path);
    loader ld = {doc, err, in};
    int rc = read_form(&ld, ydoc_root(doc), form);
    ydoc_free(doc);
    if (rc) {
        form_free(form);
        return NULL;
    }
    return form;
}

/* ---------- fields ---------- */

long form_field_index(const form_field *fields, size_t n_fields, const char *key)
{
    for (size_t i = 0; key && i < n_fields; i++)
        if (!strcmp(fields[i].key, key))
            return (long)i;
    return -1;
}

const form_field *form_find_field(const xaso_form *form, const char *key)
{
    long i = form_field_index(form->fields, form->n_fields, key);
    return i < 0 ? NULL : &form->fields[i];
}

/* ---------- the user's own copy ---------- */

static bool has_choice(const form_field *f, const char *code)
{
    for (size_t i = 0; i < f->n_choices; i++)
        if (!strcmp(f->choices[i].code, code))
            return true;
    return false;
}

static int incompatible(const char *path, int line, int col, xaso_error *err, const char *fmt,
                        ...) __attribute__((format(printf, 5, 6)));
static int incompatible(const char *path, int line, int col, xaso_error *err, const char *fmt,
                        ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return xaso_error_set_at(err, XASO_EX_CONFIG, path, line, col, "%s", msg);
}

/* The user's list must hold the same keys with the same types; choices may be fewer. */
static int compare_fields(const char *path, const form_field *mine, size_t n_mine,
                          const form_field *theirs, size_t n_theirs, int line, int col,
                          xaso_error *err)
{
    for (size_t i = 0; i < n_theirs; i++)
        if (form_field_index(mine, n_mine, theirs[i].key) < 0)
            return incompatible(path, line, col, err,
                                _("the field \"%s\" of the installed form is missing: a changed "
                                  "copy must keep every field (hide it with visible_when)"),
                                theirs[i].key);
    for (size_t i = 0; i < n_mine; i++) {
        const form_field *m = &mine[i];
        long j = form_field_index(theirs, n_theirs, m->key);
        if (j < 0)
            return incompatible(path, m->line, m->col, err,
                                _("unknown field \"%s\": the installed form has no such field, "
                                  "so xaso could not store it"),
                                m->key);
        const form_field *t = &theirs[j];
        if (m->type != t->type || (m->type == FT_COMPUTED && m->format != t->format))
            return incompatible(path, m->line, m->col, err,
                                _("the field \"%s\" must stay a %s field"), m->key,
                                form_type_code(t->type == FT_COMPUTED ? t->format : t->type));
        for (size_t k = 0; k < m->n_choices; k++)
            if (!has_choice(t, m->choices[k].code))
                return incompatible(path, m->line, m->col, err,
                                    _("the field \"%s\" has the code \"%s\", which the installed "
                                      "form does not know"),
                                    m->key, m->choices[k].code);
        if (m->type == FT_GROUP && compare_fields(path, m->fields, m->n_fields, t->fields,
                                                  t->n_fields, m->line, m->col, err))
            return XASO_EX_CONFIG;
    }
    return 0;
}

static bool valid_form_name(const char *name)
{
    if (!name || !*name || strlen(name) > 64)
        return false;
    for (const char *p = name; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-')
            return false;
    return true;
}

static char *form_path(const char *dir, const char *sub, const char *name)
{
    strbuf sb = STRBUF_INIT;
    sb_appendf(&sb, "%s/%s/%s.yaml", dir, sub, name);
    return sb_detach(&sb);
}

/* The user's copy when it exists, loads and fits the installed one; else NULL and *warning. */
static xaso_form *load_user_copy(const char *name, const xaso_form *installed,
                                 xaso_error *warning)
{
    char *config = fs_xdg_config_dir();
    char *path = form_path(config, "forms", name);
    free(config);
    xaso_form *mine = NULL;
    if (fs_exists(path)) {
        mine = form_load_file(path, name, warning);
        if (mine) {
            const form_internal *in = mine->internal;
            if (compare_fields(path, mine->fields, mine->n_fields, installed->fields,
                               installed->n_fields, in->fields_line, in->fields_col, warning)) {
                form_free(mine);
                mine = NULL;
            } else {
                mine->overridden = true;
            }
        }
    }
    free(path);
    return mine;
}

xaso_form *form_load(const char *name, xaso_error *warning, xaso_error *err)
{
    xaso_error_clear(warning);
    xaso_error_clear(err);
    if (!valid_form_name(name)) {
        xaso_error_set(err, XASO_EX_USAGE, _("\"%s\" is not a form name"), name ? name : "");
        return NULL;
    }
    char *data = fs_data_dir();
    char *path = form_path(data, "forms/forms", name);
    free(data);
    xaso_form *installed = form_load_file(path, name, err);
    free(path);
    if (!installed)
        return NULL;
    xaso_error user_err;
    xaso_error_clear(&user_err);
    xaso_form *mine = load_user_copy(name, installed, &user_err);
    if (!mine) {
        if (warning)
            *warning = user_err;
        return installed;
    }
    form_free(installed);
    return mine;
}
