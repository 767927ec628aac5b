/* Shared between the files of src/forms: expressions and number reading. Not part of the API. */
#ifndef XASO_FORM_INTERNAL_H
#define XASO_FORM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/arena.h"
#include "xaso/form.h"

typedef enum {
    EXPR_NUMBER,
    EXPR_FIELD,
    EXPR_NEGATE,
    EXPR_ADD,
    EXPR_SUBTRACT,
    EXPR_MULTIPLY,
    EXPR_DIVIDE
} form_expr_op;

struct form_expr {
    form_expr_op op;
    double number;        /* EXPR_NUMBER */
    size_t field;         /* EXPR_FIELD: index in the field list */
    const form_expr *left, *right; /* right is NULL for EXPR_NEGATE */
};

/* Longest expression accepted, and deepest nesting. */
#define FORM_EXPR_MAX_LENGTH 1000
#define FORM_EXPR_MAX_DEPTH 32

/* Parse `text` for computed field `self` of a field list whose keys and types are known.
 * Grammar: sum := product (('+' | '-') product)*; product := unary (('*' | '/') unary)*;
 * unary := '-' unary | number | key | '(' sum ')'. Numbers are digits with an optional '.'
 * and decimals. A key must name a number field defined above `self`. On error returns NULL and
 * writes a translated reason and the byte offset where it was found. */
const form_expr *form_expr_parse(xaso_arena *arena, const char *text, const form_field *fields,
                                 size_t n_fields, size_t self, char *why, size_t why_size,
                                 size_t *offset);

/* The number a number field's text stands for (trimmed; percent may end in "%"; money read
 * with NUM_MONEY, others with NUM_DECIMAL; integer must be whole). False when empty or not a
 * number of that kind. */
bool form_read_number(const form_field *field, const char *text, double *out);

#endif
