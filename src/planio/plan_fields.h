/* The plan file format as data: one table per kind of record, read by the loader and the writer
 * alike, so each key, type and rule is stated once. Internal to src/planio. */
#ifndef XASO_PLAN_FIELDS_H
#define XASO_PLAN_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PF_TEXT,      /* char *                                   */
    PF_ID,        /* char *: ASCII letters, digits, - _ .      */
    PF_CODE,      /* char *: one of field->codes               */
    PF_YEAR,      /* int: 1900..2200, 0 = absent              */
    PF_NUMBER,    /* plan_number                              */
    PF_DATE,      /* xaso_date: YYYY-MM-DD                     */
    PF_STRINGS,   /* plan_strings: list of text                */
    PF_UNIT_REFS, /* plan_strings: list of unit references     */
    PF_UNIT_REF,  /* char *: one unit reference                */
    PF_STRUCT,    /* nested mapping, written in flow style     */
    PF_LIST       /* list of mappings                          */
} plan_field_type;

typedef struct plan_record plan_record;

typedef struct {
    const char *key;
    plan_field_type type;
    size_t offset;
    bool required;
    const char *const *codes;  /* PF_CODE */
    const plan_record *record; /* PF_STRUCT, PF_LIST */
    size_t count_offset;       /* PF_LIST: size_t count */
    size_t cap_offset;         /* PF_LIST: size_t cap   */
} plan_field;

struct plan_record {
    const char *name; /* for messages: "target", "task", … (translated at use) */
    size_t size;
    const plan_field *fields;
    size_t n_fields;
    long mark_offset; /* offset of a plan_mark, or -1 */
};

extern const plan_record plan_file_record; /* the whole file (below the version key) */

#endif
