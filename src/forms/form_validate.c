/* Two-tier validation of what is typed into a form: hard errors block saving, soft warnings need
 * a confirmation. Pure functions over the field definitions and the texts. */
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"
#include "xaso/field_editor.h"
#include "xaso/format.h"
#include "xaso/i18n.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"
#include "xaso/value.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------- types ---------- */

static const char *const type_codes[] = {
    [FT_TEXT] = "text",     [FT_MEMO] = "memo",         [FT_INTEGER] = "integer",
    [FT_DECIMAL] = "decimal", [FT_PERCENT] = "percent", [FT_MONEY] = "money",
    [FT_DATE] = "date",     [FT_PERIOD] = "period",     [FT_CHOICE] = "choice",
    [FT_YESNO] = "yesno",   [FT_UNIT] = "unit",         [FT_UNITS] = "units",
    [FT_FILE] = "file",     [FT_COMPUTED] = "computed", [FT_GROUP] = "group",
};

const char *form_type_code(form_field_type t)
{
    return (size_t)t < COUNT(type_codes) ? type_codes[t] : "";
}

bool form_type_from_code(const char *code, form_field_type *out)
{
    for (size_t i = 0; code && i < COUNT(type_codes); i++) {
        if (!strcmp(type_codes[i], code)) {
            if (out)
                *out = (form_field_type)i;
            return true;
        }
    }
    return false;
}

bool form_type_is_number(form_field_type t)
{
    return t == FT_INTEGER || t == FT_DECIMAL || t == FT_PERCENT || t == FT_MONEY ||
           t == FT_COMPUTED;
}

/* ---------- small helpers ---------- */

/* Cut an incomplete UTF-8 sequence left at the end of buf by a truncating snprintf. */
static void trim_incomplete_utf8(char *buf)
{
    size_t len = strlen(buf);
    size_t lead = len;
    while (lead > 0 && len - lead < 4 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return;
    lead--; /* the byte that starts the last sequence */
    if (utf8_seq_len(buf + lead) > len - lead)
        buf[lead] = '\0';
}

static void set_message(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_message(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    trim_incomplete_utf8(buf);
}

#define RESULT(out, sev, ...)                                                                  \
    do {                                                                                       \
        (out)->severity = (sev);                                                               \
        set_message((out)->message, sizeof (out)->message, __VA_ARGS__);                       \
    } while (0)

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A trimmed copy (malloc'd). */
static char *trimmed(const char *s)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n && is_space(s[n - 1]))
        n--;
    return xstrndup(s, n);
}

static bool is_blank(const char *s)
{
    if (!s)
        return true;
    while (is_space(*s))
        s++;
    return !*s;
}

static const char *text_at(const char *const *texts, size_t i)
{
    return texts && texts[i] ? texts[i] : "";
}

/* ---------- numbers ---------- */

/* How a field's typed number is read (format_parse_number): counts and amounts take either mark
 * as thousands, measured values either mark as decimal and refuse the ambiguous "7.100". */
static format_quantity quantity_of(form_field_type t)
{
    switch (t) {
    case FT_INTEGER: return FORMAT_COUNT;
    case FT_PERCENT: return FORMAT_PERCENT;
    case FT_MONEY: return FORMAT_MONEY;
    default: return FORMAT_VALUE;
    }
}

static format_parse_result read_number(const form_field *f, const char *text, double *out,
                                       char *message, size_t size)
{
    if (!text)
        return FORMAT_PARSE_INVALID;
    char *t = trimmed(text);
    double v;
    format_parse_result r = format_parse_number(t, quantity_of(f->type), &v, message, size);
    free(t);
    if (r == FORMAT_PARSE_OK && out)
        *out = v;
    return r;
}

bool form_read_number(const form_field *f, const char *text, double *out)
{
    return read_number(f, text, out, NULL, 0) == FORMAT_PARSE_OK;
}

char *form_format_number(double v, int decimals, char *buf, size_t size)
{
    if (!size)
        return buf;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(v)) {
        buf[0] = '\0';
        return buf;
    }
    char raw[512];
    snprintf(raw, sizeof raw, "%.*f", decimals, v);
    char *dot = strchr(raw, '.');
    if (dot) { /* drop trailing zeros, and the point when nothing is left after it */
        char *end = raw + strlen(raw);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    if (!strcmp(raw, "-0"))
        strcpy(raw, "0");
    strbuf sb = STRBUF_INIT;
    const char *digits = raw[0] == '-' ? raw + 1 : raw;
    if (digits != raw)
        sb_putc(&sb, '-');
    size_t int_len = strcspn(digits, ".");
    for (size_t i = 0; i < int_len; i++) {
        if (i && (int_len - i) % 3 == 0)
            sb_putc(&sb, '.');
        sb_putc(&sb, digits[i]);
    }
    if (digits[int_len] == '.') {
        sb_putc(&sb, ',');
        sb_append(&sb, digits + int_len + 1);
    }
    snprintf(buf, size, "%s", sb_str(&sb));
    sb_free(&sb);
    return buf;
}

static const char *number_hint(form_field_type t)
{
    switch (t) {
    case FT_INTEGER:
        return _("Enter a whole number, such as 12 or 1.500");
    case FT_PERCENT:
        return _("Enter a percentage, such as 18,7 or 18,7%");
    case FT_MONEY:
        return _("Enter an amount, such as 7.100 or 2,5");
    default:
        return _("Enter a number, such as 18,7");
    }
}

static bool is_percent(const form_field *f)
{
    return f->type == FT_PERCENT || (f->type == FT_COMPUTED && f->format == FT_PERCENT);
}

/* Hard limits, then the expected range, then the percent rule. */
static void check_range(const form_field *f, double v, form_result *out)
{
    char a[32], b[32];
    const form_range *lim = &f->limits, *exp = &f->expected;
    if (lim->has_min && v < lim->min) {
        RESULT(out, FORM_ERROR, _("Must be at least %s"), form_format_number(lim->min, 6, a, 32));
    } else if (lim->has_max && v > lim->max) {
        RESULT(out, FORM_ERROR, _("Must be at most %s"), form_format_number(lim->max, 6, a, 32));
    } else if ((exp->has_min && v < exp->min) || (exp->has_max && v > exp->max)) {
        if (exp->has_min && exp->has_max)
            RESULT(out, FORM_WARNING, _("Outside the expected range (%s to %s): check it, then "
                                        "confirm"),
                   form_format_number(exp->min, 6, a, 32), form_format_number(exp->max, 6, b, 32));
        else if (exp->has_min)
            RESULT(out, FORM_WARNING, _("Lower than expected (at least %s): check it, then "
                                        "confirm"),
                   form_format_number(exp->min, 6, a, 32));
        else
            RESULT(out, FORM_WARNING, _("Higher than expected (at most %s): check it, then "
                                        "confirm"),
                   form_format_number(exp->max, 6, a, 32));
    } else if (is_percent(f) && !exp->has_max && v > 100) {
        RESULT(out, FORM_WARNING, _("Above 100%%: check it, then confirm"));
    }
}

static void validate_number(const form_field *f, const char *text, form_result *out)
{
    double v;
    char why[256];
    format_parse_result r = read_number(f, text, &v, why, sizeof why);
    if (r == FORMAT_PARSE_AMBIGUOUS) { /* the message says what to type instead */
        RESULT(out, FORM_ERROR, "%s", why);
        return;
    }
    if (r != FORMAT_PARSE_OK) {
        RESULT(out, FORM_ERROR, "%s", number_hint(f->type));
        return;
    }
    out->value.kind = FVAL_NUMBER;
    out->value.number = v;
    check_range(f, v, out);
}

/* ---------- text ---------- */

static void validate_text(const form_field *f, const char *text, form_result *out)
{
    out->value.kind = FVAL_TEXT;
    size_t n = fe_count_chars(text);
    if (f->max_length && n > f->max_length) {
        RESULT(out, FORM_ERROR, _("Too long: at most %zu characters (now %zu)"), f->max_length,
               n);
        return;
    }
    if (f->regex && regexec((const regex_t *)f->regex, text, 0, NULL, 0) != 0) {
        if (f->pattern_help)
            RESULT(out, FORM_ERROR, "%s", _(f->pattern_help));
        else
            RESULT(out, FORM_ERROR, _("Not in the expected form"));
    }
}

/* ---------- choices and yes/no ---------- */

static bool folded_equal(const char *folded, const char *other)
{
    char *f = utf8_fold(other);
    bool same = f && !strcmp(f, folded);
    free(f);
    return same;
}

static const form_choice *find_choice(const form_field *f, const char *text)
{
    for (size_t i = 0; i < f->n_choices; i++)
        if (!strcmp(f->choices[i].code, text))
            return &f->choices[i];
    char *want = utf8_fold(text);
    const form_choice *found = NULL;
    for (size_t i = 0; want && !found && i < f->n_choices; i++) {
        const form_choice *c = &f->choices[i];
        if (folded_equal(want, c->code) || folded_equal(want, c->label) ||
            folded_equal(want, _(c->label)))
            found = c;
    }
    free(want);
    return found;
}

static void validate_choice(const form_field *f, const char *text, form_result *out)
{
    const form_choice *c = find_choice(f, text);
    if (c) {
        out->value.kind = FVAL_CODE;
        out->value.code = c->code;
        return;
    }
    strbuf list = STRBUF_INIT;
    for (size_t i = 0; i < f->n_choices; i++)
        sb_appendf(&list, "%s%s", i ? ", " : "", _(f->choices[i].label));
    RESULT(out, FORM_ERROR, _("Choose one of: %s"), sb_str(&list));
    sb_free(&list);
}

static void validate_yesno(const char *text, form_result *out)
{
    static const char *const yes[] = {"yes", "y", "co", "c", "1", "true"};
    static const char *const no[] = {"no", "n", "khong", "k", "0", "false"};
    char *folded = utf8_fold(text);
    int answer = -1;
    for (size_t i = 0; folded && answer < 0 && i < COUNT(yes); i++) {
        if (!strcmp(folded, yes[i]))
            answer = 1;
        else if (!strcmp(folded, no[i]))
            answer = 0;
    }
    if (folded && answer < 0 && (folded_equal(folded, _("yes")) || folded_equal(folded, _("no"))))
        answer = folded_equal(folded, _("yes"));
    free(folded);
    if (answer < 0) {
        RESULT(out, FORM_ERROR, _("Answer yes or no"));
        return;
    }
    out->value.kind = FVAL_BOOL;
    out->value.yes = answer == 1;
}

/* ---------- units ---------- */

static bool is_unit_code(const char *s)
{
    if (!*s || strlen(s) >= sizeof ((form_unit_role *)0)->unit)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
            return false;
    return true;
}

static bool has_role(const form_field *f, const char *role)
{
    for (size_t i = 0; i < f->n_choices; i++)
        if (!strcmp(f->choices[i].code, role))
            return true;
    return false;
}

/* Parse every item; on a problem write why and return -1. */
static long scan_units(const form_field *f, const char *text, form_unit_role **items, char *why,
                       size_t why_size)
{
    size_t n = 0, cap = 0;
    *items = NULL;
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, ",;\n");
        char *item = xstrndup(p, len);
        p += len;
        if (*p)
            p++;
        char *t = trimmed(item);
        free(item);
        if (!*t) {
            free(t);
            continue;
        }
        char *colon = strchr(t, ':');
        form_unit_role r;
        memset(&r, 0, sizeof r);
        long bad = 0;
        if (!colon) {
            set_message(why, why_size, _("Write each unit as unit:role, such as vhxh:lead"));
            bad = 1;
        } else {
            *colon = '\0';
            char *unit = trimmed(t), *role = trimmed(colon + 1);
            if (!is_unit_code(unit)) {
                set_message(why, why_size, _("\"%s\" is not a unit code"), unit);
                bad = 1;
            } else if (!has_role(f, role)) {
                set_message(why, why_size, _("Unknown role \"%s\""), role);
                bad = 1;
            } else {
                snprintf(r.unit, sizeof r.unit, "%s", unit);
                snprintf(r.role, sizeof r.role, "%s", role);
            }
            free(unit);
            free(role);
        }
        free(t);
        for (size_t i = 0; !bad && i < n; i++) {
            if (!strcmp((*items)[i].unit, r.unit) && !strcmp((*items)[i].role, r.role)) {
                set_message(why, why_size, _("\"%s\" is listed twice as %s"), r.unit, r.role);
                bad = 1;
            }
        }
        if (bad) {
            free(*items);
            *items = NULL;
            return -1;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            *items = xrealloc(*items, cap * sizeof **items);
        }
        (*items)[n++] = r;
    }
    return (long)n;
}

long form_units_parse(const form_field *field, const char *text, form_unit_role *out,
                      size_t max)
{
    char why[256];
    form_unit_role *items;
    long n = scan_units(field, text ? text : "", &items, why, sizeof why);
    for (long i = 0; i < n && (size_t)i < max; i++)
        out[i] = items[i];
    free(items);
    return n;
}

static void validate_units(const form_field *f, const char *text, form_result *out)
{
    form_unit_role *items;
    char why[256];
    long n = scan_units(f, text, &items, why, sizeof why);
    free(items);
    if (n < 0)
        RESULT(out, FORM_ERROR, "%s", why);
    else
        out->value.kind = FVAL_TEXT;
}

/* ---------- one field ---------- */

static void validate_trimmed(const form_field *f, const char *t, form_result *out)
{
    char upper[16];
    switch (f->type) {
    case FT_INTEGER:
    case FT_DECIMAL:
    case FT_PERCENT:
    case FT_MONEY:
        validate_number(f, t, out);
        break;
    case FT_DATE:
        if (date_parse_vn(t, &out->value.date) || date_parse_iso(t, &out->value.date))
            out->value.kind = FVAL_DATE;
        else
            RESULT(out, FORM_ERROR, _("Enter a date as dd/mm/yyyy, such as 30/06/2026"));
        break;
    case FT_PERIOD:
        snprintf(upper, sizeof upper, "%s", t);
        for (char *c = upper; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        if (strlen(t) < sizeof upper && period_parse(upper, &out->value.period))
            out->value.kind = FVAL_PERIOD;
        else
            RESULT(out, FORM_ERROR, _("Enter a period such as 2026, 2026S1, 2026N9, 2026Q3, "
                                      "202609 or 2026W05"));
        break;
    case FT_CHOICE:
        validate_choice(f, t, out);
        break;
    case FT_YESNO:
        validate_yesno(t, out);
        break;
    case FT_UNIT:
        if (is_unit_code(t))
            out->value.kind = FVAL_TEXT;
        else
            RESULT(out, FORM_ERROR, _("Choose a unit from the list"));
        break;
    case FT_UNITS:
        validate_units(f, t, out);
        break;
    default: /* FT_FILE */
        out->value.kind = FVAL_TEXT;
        break;
    }
}

void form_validate_field(const form_field *field, const char *text, form_result *out)
{
    memset(out, 0, sizeof *out);
    out->value.date = XASO_DATE_NONE;
    if (!text)
        text = "";
    if (field->type == FT_COMPUTED || field->type == FT_GROUP)
        return;
    if (!utf8_valid(text, strlen(text), NULL)) {
        RESULT(out, FORM_ERROR, _("The text is not valid UTF-8"));
        return;
    }
    if (is_blank(text))
        return;
    if (field->type == FT_TEXT || field->type == FT_MEMO) {
        validate_text(field, text, out);
    } else {
        char *t = trimmed(text);
        validate_trimmed(field, t, out);
        free(t);
    }
    if (out->severity == FORM_ERROR && out->value.kind != FVAL_NUMBER)
        out->value.kind = FVAL_NONE;
}

/* ---------- visibility and requirement ---------- */

/* The code a choice or yes/no field holds ("yes"/"no" for yes/no), or NULL. */
static const char *held_code(const form_field *f, const char *text)
{
    form_result r;
    form_validate_field(f, text, &r);
    if (r.value.kind == FVAL_CODE)
        return r.value.code;
    if (r.value.kind == FVAL_BOOL)
        return r.value.yes ? "yes" : "no";
    return NULL;
}

/* A hidden field counts as empty. */
static bool condition_holds(const form_field *fields, size_t n_fields, const form_condition *c,
                            const char *const *texts)
{
    if (!c->set)
        return true;
    const char *code = NULL;
    if (c->field < n_fields && form_field_visible(fields, n_fields, c->field, texts))
        code = held_code(&fields[c->field], text_at(texts, c->field));
    bool in = false;
    for (size_t i = 0; code && !in && i < c->n_codes; i++)
        in = !strcmp(code, c->codes[i]);
    return c->negate ? !in : in;
}

bool form_field_visible(const form_field *fields, size_t n_fields, size_t i,
                        const char *const *texts)
{
    if (i >= n_fields)
        return false;
    return condition_holds(fields, n_fields, &fields[i].visible_when, texts);
}

bool form_field_required(const form_field *fields, size_t n_fields, size_t i,
                         const char *const *texts)
{
    if (!form_field_visible(fields, n_fields, i, texts))
        return false;
    const form_field *f = &fields[i];
    return f->required ||
           (f->required_when.set && condition_holds(fields, n_fields, &f->required_when, texts));
}

/* ---------- whole lists ---------- */

static size_t item_count(const char *text)
{
    if (is_blank(text))
        return 0;
    char *end;
    unsigned long n = strtoul(text, &end, 10);
    return *end || text[0] == '-' ? 0 : (size_t)n;
}

static bool is_empty(const form_field *fields, size_t n_fields, size_t i,
                     const char *const *texts)
{
    const form_field *f = &fields[i];
    if (f->type == FT_COMPUTED)
        return form_compute(fields, n_fields, i, texts, NULL) != FORM_COMPUTED;
    if (f->type == FT_GROUP)
        return item_count(text_at(texts, i)) < (f->min_items ? f->min_items : 1);
    return is_blank(text_at(texts, i));
}

static void add_problem(form_problem *out, size_t max, size_t *count, size_t field,
                        form_severity severity, const char *message)
{
    if (*count < max) {
        out[*count].field = field;
        out[*count].severity = severity;
        set_message(out[*count].message, sizeof out[*count].message, "%s", message);
    }
    (*count)++;
}

static const char *required_message(const form_field *f, char *buf, size_t size)
{
    if (f->type == FT_GROUP && f->min_items > 1)
        set_message(buf, size, P_("Needs at least %zu item", "Needs at least %zu items",
                                  f->min_items),
                    f->min_items);
    else if (f->type == FT_GROUP)
        set_message(buf, size, "%s", _("Add at least one item"));
    else if (f->type == FT_COMPUTED)
        set_message(buf, size, "%s", _("Fill in the fields this value is computed from"));
    else
        set_message(buf, size, "%s", _("Required"));
    return buf;
}

size_t form_check_required(const form_field *fields, size_t n_fields, const char *const *texts,
                           form_problem *out, size_t max)
{
    size_t count = 0;
    char msg[256];
    for (size_t i = 0; i < n_fields; i++)
        if (form_field_required(fields, n_fields, i, texts) &&
            is_empty(fields, n_fields, i, texts))
            add_problem(out, max, &count, i, FORM_ERROR,
                        required_message(&fields[i], msg, sizeof msg));
    return count;
}

/* Problems of one shown field's value (not its emptiness). */
static void check_value(const form_field *fields, size_t n_fields, size_t i,
                        const char *const *texts, form_result *r)
{
    const form_field *f = &fields[i];
    memset(r, 0, sizeof *r);
    if (f->type == FT_COMPUTED) {
        double v;
        form_compute_status st = form_compute(fields, n_fields, i, texts, &v);
        if (st == FORM_DIVIDE_BY_ZERO)
            RESULT(r, FORM_ERROR, _("Cannot compute: division by zero"));
        else if (st == FORM_COMPUTED)
            check_range(f, v, r);
    } else if (f->type == FT_GROUP) {
        size_t n = item_count(text_at(texts, i));
        if (f->max_items && n > f->max_items)
            RESULT(r, FORM_ERROR, P_("At most %zu item", "At most %zu items", f->max_items),
                   f->max_items);
    } else {
        form_validate_field(f, text_at(texts, i), r);
    }
}

size_t form_check_all(const form_field *fields, size_t n_fields, const char *const *texts,
                      bool finalising, form_problem *out, size_t max)
{
    size_t count = 0;
    char msg[256];
    for (size_t i = 0; i < n_fields; i++) {
        if (!form_field_visible(fields, n_fields, i, texts))
            continue;
        form_result r;
        check_value(fields, n_fields, i, texts, &r);
        if (r.severity != FORM_OK)
            add_problem(out, max, &count, i, r.severity, r.message);
        else if (finalising && form_field_required(fields, n_fields, i, texts) &&
                 is_empty(fields, n_fields, i, texts))
            add_problem(out, max, &count, i, FORM_ERROR,
                        required_message(&fields[i], msg, sizeof msg));
    }
    return count;
}
