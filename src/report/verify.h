/* Shared by the bundle checker's parts. Internal to src/report. */
#ifndef XASO_REPORT_VERIFY_H
#define XASO_REPORT_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/bundle.h"

typedef struct {
    char *name;          /* relative to the bag folder ("data/tasks.csv") */
    char sha256[65];
    unsigned long long size; /* bytes actually read */
    bool read_ok;        /* read completely, within limits */
    char *text;          /* whole content for tag files, CSV and JSON (NUL-terminated) */
    size_t text_len;
} bag_entry;

typedef struct {
    bag_entry *items;
    size_t count;
} bag_entries;

/* Append one problem line (printf-style, already translated format). */
void verify_problem(bundle_report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const bag_entry *bag_find(const bag_entries *bag, const char *name);

/* The one CSV reader (RFC 4180, whole text in memory; the text is bounded by the verifier's
 * limits). Used by the checker and by the receiving side (src/receive). */
typedef struct {
    char **cells;
    size_t n;
    int line;
} csv_row;

typedef struct {
    csv_row *rows; /* rows[0] is the header */
    size_t count, cap;
} csv_table;

/* Returns false with *bad_line on a quoting error (t then holds the rows before it). */
bool csv_parse(const char *s, size_t len, csv_table *t, int *bad_line);
void csv_free(csv_table *t);

/* The data package against its CSV files. */
void verify_datapackage(const bag_entries *bag, bundle_report *rep);

#endif
