/* Data-entry forms: definitions read from forms/forms/NAME.yaml (or the user's own copy in
 * $XDG_CONFIG_HOME/xaso/forms/NAME.yaml), and two-tier validation of what is typed into them.
 * No terminal and no database here: the interface draws the fields, the store saves the values.
 *
 * Values are handled as the text the user typed (what the field editor holds), one string per
 * field, in the order of the field list: `texts[i]` belongs to `fields[i]`; NULL means "". A
 * group field's text is its number of items ("0", "2"); its items are checked with the same
 * functions over the group's own field list. Labels, help and messages are English msgids:
 * translate them with _() when displaying (src/forms/form_strings.c lists them for xgettext). */
#ifndef XASO_FORM_H
#define XASO_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/date.h"
#include "xaso/error.h"
#include "xaso/period.h"

#define XASO_FORM_FORMAT 1

typedef enum {
    FT_TEXT,     /* "text"     one line of text                                         */
    FT_MEMO,     /* "memo"     several lines of text                                    */
    FT_INTEGER,  /* "integer"  a whole number ("7.100" = 7100)                          */
    FT_DECIMAL,  /* "decimal"  a number, Vietnamese or English marks ("18,7", "18.7")   */
    FT_PERCENT,  /* "percent"  a number, "%" allowed; above 100 is a warning unless the
                                definition says otherwise                                */
    FT_MONEY,    /* "money"    an amount in million đồng ("7,100" = "7.100" = 7100)     */
    FT_DATE,     /* "date"     dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd)       */
    FT_PERIOD,   /* "period"   2026, 2026S1, 2026N9, 2026Q1, 202603, 2026W05            */
    FT_CHOICE,   /* "choice"   one code of the field's choices                          */
    FT_YESNO,    /* "yesno"    "yes" or "no"                                            */
    FT_UNIT,     /* "unit"     one unit code, chosen with a picker (whether it exists is
                                the caller's to check: the database knows the units)     */
    FT_UNITS,    /* "units"    several units with roles: "vhxh:lead, ca:coordinator"    */
    FT_FILE,     /* "file"     an evidence file, chosen with a picker (its path)        */
    FT_COMPUTED, /* "computed" read-only, from an expression over other fields          */
    FT_GROUP     /* "group"    repeated items, each with the group's own fields          */
} form_field_type;

/* The type's code in definitions, and back. */
const char *form_type_code(form_field_type t);
bool form_type_from_code(const char *code, form_field_type *out);
/* True for the types whose value is a number (integer, decimal, percent, money, computed). */
bool form_type_is_number(form_field_type t);

typedef struct {
    const char *code;  /* stable, stored */
    const char *label; /* English msgid */
} form_choice;

typedef struct {
    bool has_min, has_max;
    double min, max;
} form_range;

/* "visible_when" / "required_when": the field `field` (an index into the same field list,
 * always of an earlier choice or yes/no field) has one of `codes` (or, with negate, none of
 * them; an empty value is never one of them). */
typedef struct {
    bool set;
    size_t field;
    bool negate;
    const char *const *codes;
    size_t n_codes;
} form_condition;

typedef struct form_expr form_expr;

typedef struct form_field form_field;
struct form_field {
    const char *key;   /* [a-z][a-z0-9_]*, unique in its field list */
    const char *label; /* English msgid */
    const char *help;  /* English msgid, or NULL */
    form_field_type type;
    bool required;                 /* hard, checked when a report is finalised */
    form_condition required_when;  /* required only when this holds */
    form_condition visible_when;   /* shown (and checked) only when this holds */
    form_range limits;             /* numbers: outside is a hard error */
    form_range expected;           /* numbers: outside is a soft warning */
    const char *pattern;           /* text: POSIX extended regex the whole text must match */
    const char *pattern_help;      /* English msgid shown when it does not, or NULL */
    size_t max_length;             /* text, memo: characters (0 = no limit) */
    const form_choice *choices;    /* choice: the choices; units: the roles */
    size_t n_choices;
    const char *default_text;      /* the value a new record starts with, or NULL (choice and
                                      yes/no: the code, "yes" or "no") */
    const form_expr *compute;      /* computed: the expression … */
    const char *compute_text;      /* … as written */
    form_field_type format;        /* computed: integer, decimal, percent or money */
    int decimals;                  /* computed: decimals shown (default 2) */
    const form_field *fields;      /* group: the fields of one item */
    size_t n_fields;
    size_t min_items, max_items;   /* group: 0 = no limit */
    int line, col;                 /* where it is defined */
    const void *regex;             /* internal: the compiled pattern */
};

typedef struct xaso_form {
    const char *name;  /* "task-progress": the file name without .yaml */
    const char *path;  /* the file it was read from */
    const char *title; /* English msgid */
    const char *help;  /* English msgid, or NULL */
    const form_field *fields;
    size_t n_fields;
    bool overridden;   /* read from the user's folder */
    void *internal;
} xaso_form;

/* ---------- loading ---------- */

/* The forms xaso ships, by name (NULL-terminated): "office", "plan", "unit", "target", "task",
 * "project", "task-progress", "target-value", "report". */
extern const char *const form_builtin_names[];

/* Read one definition. Strict: unknown keys, wrong types, unknown field references, bad
 * expressions or patterns are errors at FILE:LINE:COL (XASO_EX_DATAERR; XASO_EX_NOINPUT when it
 * cannot be read). name is the form's name (NULL: the file name without ".yaml"). */
xaso_form *form_load_file(const char *path, const char *name, xaso_error *err);
void form_free(xaso_form *form);

/* The form `name`: the user's $XDG_CONFIG_HOME/xaso/forms/NAME.yaml when there is one and it is
 * valid and compatible (same field keys and types as the installed one, choice codes a subset),
 * else the installed fs_data_dir()/forms/forms/NAME.yaml. A user file that is broken is not
 * used: *warning (may be NULL) gets its FILE:LINE:COL and reason, and the installed form is
 * returned, so the program never runs half-configured. NULL (and err) only when the installed
 * form itself cannot be read. */
xaso_form *form_load(const char *name, xaso_error *warning, xaso_error *err);

/* ---------- fields ---------- */

/* The index of key in a field list, or -1. */
long form_field_index(const form_field *fields, size_t n_fields, const char *key);
const form_field *form_find_field(const xaso_form *form, const char *key);

/* Whether field i is shown: its visible_when holds and the field the condition looks at is
 * itself shown. Hidden fields are neither checked nor required. */
bool form_field_visible(const form_field *fields, size_t n_fields, size_t i,
                        const char *const *texts);
/* Whether field i must be filled before finalising: shown, and required or required_when. */
bool form_field_required(const form_field *fields, size_t n_fields, size_t i,
                         const char *const *texts);

/* ---------- computed fields ---------- */

typedef enum {
    FORM_COMPUTED,       /* *out has the value                                    */
    FORM_MISSING_INPUT,  /* an input is empty or not a number: show nothing       */
    FORM_DIVIDE_BY_ZERO  /* a divisor is zero                                     */
} form_compute_status;

/* Evaluate computed field i from the texts of the fields it names. */
form_compute_status form_compute(const form_field *fields, size_t n_fields, size_t i,
                                 const char *const *texts, double *out);
/* The computed value as the field shows it ("66,67"), or "" when it cannot be computed.
 * buf >= 32 bytes. */
char *form_compute_text(const form_field *fields, size_t n_fields, size_t i,
                        const char *const *texts, char *buf, size_t size);

/* A number written the Vietnamese way: '.' groups thousands, ',' marks decimals, at most
 * `decimals` (0-6) decimals, trailing zeros dropped: 7100 → "7.100", 66.6667 (2) → "66,67".
 * number_parse reads it back with NUM_DECIMAL, and with NUM_MONEY too when decimals <= 2.
 * buf >= 32 bytes. */
char *form_format_number(double v, int decimals, char *buf, size_t size);

/* ---------- validation ---------- */

typedef enum {
    FORM_OK,      /* fine (or empty: emptiness is only checked when finalising)        */
    FORM_WARNING, /* soft: may be saved after the user confirms                        */
    FORM_ERROR    /* hard: cannot be saved as is                                        */
} form_severity;

typedef enum {
    FVAL_NONE,   /* empty, or not readable as the field's type */
    FVAL_TEXT,   /* text, memo, unit, units, file: the text itself is the value */
    FVAL_NUMBER,
    FVAL_DATE,
    FVAL_PERIOD,
    FVAL_CODE,   /* choice */
    FVAL_BOOL    /* yes/no */
} form_value_kind;

typedef struct {
    form_value_kind kind;
    double number;      /* FVAL_NUMBER */
    xaso_date date;     /* FVAL_DATE */
    xaso_period period; /* FVAL_PERIOD */
    const char *code;   /* FVAL_CODE: the choice's code (owned by the form) */
    bool yes;           /* FVAL_BOOL */
} form_value;

typedef struct {
    form_severity severity;
    char message[256]; /* translated; "" when FORM_OK */
    form_value value;  /* parsed, also for a warning */
} form_result;

/* Check what was typed into one field (surrounding spaces ignored for everything but text):
 * hard errors for a wrong type, a value outside the limits, a pattern mismatch or too many
 * characters; soft warnings outside the expected range and for a percent above 100. A choice
 * accepts its code or its label (ignoring case and diacritics, in English or translated); a
 * yes/no accepts yes/no, y/n, có/không, c/k, 1/0. Computed and group fields are FORM_OK here. */
void form_validate_field(const form_field *field, const char *text, form_result *out);

/* One problem found in a list of fields. */
typedef struct {
    size_t field; /* index in the field list */
    form_severity severity;
    char message[256]; /* translated; the caller adds the field's label */
} form_problem;

/* Required fields that are empty (shown ones only; a group needs at least one item, or
 * min_items). Writes up to max problems and returns how many there are. */
size_t form_check_required(const form_field *fields, size_t n_fields, const char *const *texts,
                           form_problem *out, size_t max);
/* Every problem of a list of fields, in field order: each shown field validated (computed
 * fields through their value, groups through their number of items), and when finalising the
 * required ones. Returns how many there are (writes up to max). */
size_t form_check_all(const form_field *fields, size_t n_fields, const char *const *texts,
                      bool finalising, form_problem *out, size_t max);

/* ---------- several units with roles ---------- */

typedef struct {
    char unit[64]; /* unit code */
    char role[32]; /* one of the field's role codes */
} form_unit_role;

/* Split a "units" value ("vhxh:lead, ca:coordinator"; items separated by ',' or ';' or newlines)
 * into at most max items. Returns the number of items, or -1 when the text is malformed (then
 * validation explains why). */
long form_units_parse(const form_field *field, const char *text, form_unit_role *out,
                      size_t max);

/* ---------- translations ---------- */

/* Every label, help text and message of the installed definitions, as marked with N_() in
 * src/forms/form_strings.c (generated by src/forms/gen-form-strings.py). */
const char *const *form_builtin_strings(size_t *count);

#endif
