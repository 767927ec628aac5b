/* Computed fields: a tiny expression language (+ - * / parentheses, numbers, field keys). */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"
#include "xaso/i18n.h"

typedef struct {
    xaso_arena *arena;
    const char *text;
    size_t pos;
    int depth;
    const form_field *fields;
    size_t n_fields, self;
    char *why;
    size_t why_size;
    bool failed;
} parser;

static const form_expr *parse_sum(parser *p);

static void fail(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(parser *p, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->why, p->why_size, fmt, ap);
    va_end(ap);
}

static char peek(parser *p)
{
    while (p->text[p->pos] == ' ')
        p->pos++;
    return p->text[p->pos];
}

static form_expr *new_node(parser *p, form_expr_op op)
{
    form_expr *e = arena_alloc(p->arena, sizeof *e);
    e->op = op;
    return e;
}

static const form_expr *parse_number(parser *p)
{
    const char *start = p->text + p->pos;
    size_t n = 0;
    while (isdigit((unsigned char)start[n]))
        n++;
    if (start[n] == '.') {
        n++;
        if (!isdigit((unsigned char)start[n])) {
            p->pos += n;
            fail(p, _("a number needs digits after its decimal point"));
            return NULL;
        }
        while (isdigit((unsigned char)start[n]))
            n++;
    }
    char buf[64];
    if (n >= sizeof buf) {
        fail(p, _("the number is too long"));
        return NULL;
    }
    memcpy(buf, start, n);
    buf[n] = '\0';
    p->pos += n;
    form_expr *e = new_node(p, EXPR_NUMBER);
    e->number = strtod(buf, NULL); /* LC_NUMERIC stays "C" (i18n_init) */
    return e;
}

static const form_expr *parse_field(parser *p)
{
    const char *start = p->text + p->pos;
    size_t n = 0;
    while (islower((unsigned char)start[n]) || isdigit((unsigned char)start[n]) || start[n] == '_')
        n++;
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), start);
    long i = form_field_index(p->fields, p->n_fields, key);
    if (i < 0) {
        fail(p, _("unknown field \"%s\""), key);
        return NULL;
    }
    if ((size_t)i >= p->self) {
        fail(p, _("\"%s\" is not above this field: a computed field may only use the fields "
                  "above it"),
             key);
        return NULL;
    }
    if (!form_type_is_number(p->fields[i].type)) {
        fail(p, _("\"%s\" is not a number field"), key);
        return NULL;
    }
    p->pos += n;
    form_expr *e = new_node(p, EXPR_FIELD);
    e->field = (size_t)i;
    return e;
}

static const form_expr *parse_unary(parser *p)
{
    char c = peek(p);
    if (c == '-') {
        p->pos++;
        if (++p->depth > FORM_EXPR_MAX_DEPTH) {
            fail(p, _("the expression is nested too deeply"));
            return NULL;
        }
        const form_expr *operand = parse_unary(p);
        p->depth--;
        if (!operand)
            return NULL;
        form_expr *e = new_node(p, EXPR_NEGATE);
        e->left = operand;
        return e;
    }
    if (c == '(') {
        p->pos++;
        if (++p->depth > FORM_EXPR_MAX_DEPTH) {
            fail(p, _("the expression is nested too deeply"));
            return NULL;
        }
        const form_expr *inner = parse_sum(p);
        p->depth--;
        if (!inner)
            return NULL;
        if (peek(p) != ')') {
            fail(p, _("a \")\" is missing"));
            return NULL;
        }
        p->pos++;
        return inner;
    }
    if (isdigit((unsigned char)c))
        return parse_number(p);
    if (islower((unsigned char)c))
        return parse_field(p);
    if (!c)
        fail(p, _("the expression ends too early"));
    else
        fail(p, _("unexpected \"%c\": use numbers, field keys, + - * / and parentheses"), c);
    return NULL;
}

static const form_expr *parse_binary(parser *p, bool sum)
{
    const form_expr *left = sum ? parse_binary(p, false) : parse_unary(p);
    while (left) {
        char c = peek(p);
        form_expr_op op;
        if (sum && (c == '+' || c == '-'))
            op = c == '+' ? EXPR_ADD : EXPR_SUBTRACT;
        else if (!sum && (c == '*' || c == '/'))
            op = c == '*' ? EXPR_MULTIPLY : EXPR_DIVIDE;
        else
            break;
        p->pos++;
        const form_expr *right = sum ? parse_binary(p, false) : parse_unary(p);
        if (!right)
            return NULL;
        form_expr *e = new_node(p, op);
        e->left = left;
        e->right = right;
        left = e;
    }
    return left;
}

static const form_expr *parse_sum(parser *p)
{
    return parse_binary(p, true);
}

const form_expr *form_expr_parse(xaso_arena *arena, const char *text, const form_field *fields,
                                 size_t n_fields, size_t self, char *why, size_t why_size,
                                 size_t *offset)
{
    parser p = {arena, text, 0, 0, fields, n_fields, self, why, why_size, false};
    why[0] = '\0';
    const form_expr *e = NULL;
    if (strlen(text) > FORM_EXPR_MAX_LENGTH)
        fail(&p, _("the expression is longer than %d characters"), FORM_EXPR_MAX_LENGTH);
    else
        e = parse_sum(&p);
    if (e && peek(&p)) {
        fail(&p, _("unexpected \"%c\": use numbers, field keys, + - * / and parentheses"),
             p.text[p.pos]);
        e = NULL;
    }
    if (!e)
        *offset = p.pos;
    return p.failed ? NULL : e;
}

/* ---------- evaluation ---------- */

static form_compute_status evaluate(const form_field *fields, size_t n_fields,
                                    const form_expr *e, const char *const *texts, double *out);

static form_compute_status field_value(const form_field *fields, size_t n_fields, size_t i,
                                       const char *const *texts, double *out)
{
    if (fields[i].type == FT_COMPUTED)
        return form_compute(fields, n_fields, i, texts, out);
    return form_read_number(&fields[i], texts ? texts[i] : NULL, out) ? FORM_COMPUTED
                                                                        : FORM_MISSING_INPUT;
}

static form_compute_status evaluate(const form_field *fields, size_t n_fields,
                                    const form_expr *e, const char *const *texts, double *out)
{
    double a = 0, b = 0;
    form_compute_status st;
    switch (e->op) {
    case EXPR_NUMBER:
        *out = e->number;
        return FORM_COMPUTED;
    case EXPR_FIELD:
        return field_value(fields, n_fields, e->field, texts, out);
    case EXPR_NEGATE:
        st = evaluate(fields, n_fields, e->left, texts, &a);
        *out = -a;
        return st;
    default:
        break;
    }
    if ((st = evaluate(fields, n_fields, e->left, texts, &a)) != FORM_COMPUTED)
        return st;
    if ((st = evaluate(fields, n_fields, e->right, texts, &b)) != FORM_COMPUTED)
        return st;
    switch (e->op) {
    case EXPR_ADD:
        *out = a + b;
        break;
    case EXPR_SUBTRACT:
        *out = a - b;
        break;
    case EXPR_MULTIPLY:
        *out = a * b;
        break;
    default: /* EXPR_DIVIDE */
        if (b == 0)
            return FORM_DIVIDE_BY_ZERO;
        *out = a / b;
        break;
    }
    return isfinite(*out) ? FORM_COMPUTED : FORM_MISSING_INPUT;
}

form_compute_status form_compute(const form_field *fields, size_t n_fields, size_t i,
                                 const char *const *texts, double *out)
{
    double v = 0;
    if (i >= n_fields || fields[i].type != FT_COMPUTED || !fields[i].compute)
        return FORM_MISSING_INPUT;
    form_compute_status st = evaluate(fields, n_fields, fields[i].compute, texts, &v);
    if (st == FORM_COMPUTED && out)
        *out = v;
    return st;
}

char *form_compute_text(const form_field *fields, size_t n_fields, size_t i,
                        const char *const *texts, char *buf, size_t size)
{
    double v;
    if (size)
        buf[0] = '\0';
    if (form_compute(fields, n_fields, i, texts, &v) == FORM_COMPUTED)
        form_format_number(v, fields[i].decimals, buf, size);
    return buf;
}
