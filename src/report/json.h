/* A small, strict JSON reader for the bundle checker: bounded depth, whole text in memory.
 * Internal to src/report. */
#ifndef XASO_REPORT_JSON_H
#define XASO_REPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/arena.h"

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value json_value;
struct json_value {
    json_type type;
    bool boolean;
    double number;
    char *string;        /* JSON_STRING: UTF-8, NUL-terminated (embedded NUL refused) */
    size_t count;        /* items of an array or members of an object */
    json_value **items;  /* arrays: values; objects: values */
    char **keys;         /* objects: member names */
};

/* Parse text (len bytes) into a tree allocated in arena. NULL on error, with *error_offset set to
 * the byte where it went wrong. At most 64 levels deep. */
json_value *json_parse(xaso_arena *arena, const char *text, size_t len, size_t *error_offset);
/* Member of an object, or NULL. */
const json_value *json_get(const json_value *obj, const char *key);
/* The string of a JSON_STRING, else NULL. */
const char *json_string(const json_value *v);

#endif
