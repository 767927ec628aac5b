/* The files of a report's payload: CSV tables described by a Frictionless data package, and the
 * report document (.docx). Everything is built in memory from a report_data, deterministically:
 * the same data gives the same bytes. */
#ifndef XASO_REPORT_FILES_H
#define XASO_REPORT_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/error.h"
#include "xaso/report.h"
#include "xaso/strbuf.h"

/* Field types of the tables (Frictionless Table Schema names). */
typedef enum { FIELD_STRING, FIELD_INTEGER, FIELD_NUMBER, FIELD_BOOLEAN, FIELD_DATE,
               FIELD_DATETIME } report_field_type;
const char *report_field_type_name(report_field_type t);

typedef struct {
    const char *name;  /* stable code: the CSV header */
    report_field_type type;
    const char *title; /* Vietnamese label */
    bool required;
    const char *enums; /* allowed values "a|b|c", or NULL */
    const char *minimum, *maximum; /* as JSON numbers, or NULL */
} report_field;

typedef struct {
    const char *fields, *resource, *reference; /* comma-separated field lists */
} report_foreign_key;

#define REPORT_MAX_FIELDS 24

/* One CSV table. */
typedef struct report_table {
    const char *name, *path, *title;
    const report_field *fields;
    size_t n_fields;
    const char *primary_key; /* comma-separated */
    report_foreign_key foreign_keys[2];
    size_t (*count)(const report_data *d);
    /* Fill cells[0..n_fields) of row i (NULL = empty); scratch holds formatted numbers. */
    void (*row)(const report_data *d, size_t i, const char **cells,
                char scratch[][48]);
} report_table;

/* The tables, in the order of datapackage.json. */
const report_table *report_tables(size_t *n);

/* Append one CSV cell: control characters other than line breaks and tabs removed; quoted when
 * needed (RFC 4180); for text fields, a leading = + - @ tab or CR is neutralised with a leading
 * apostrophe, so that a spreadsheet never runs it as a formula. */
void csv_append_cell(strbuf *sb, const char *text, bool is_text);
/* The whole CSV of table t (header of field names, CRLF line ends). */
void report_table_csv(const report_table *t, const report_data *d, strbuf *out);
/* datapackage.json describing every table. */
void report_datapackage_json(const report_data *d, const char *document_name, strbuf *out);

/* The report document: a .docx (Office Open XML) in the layout of Nghị định 30/2020/NĐ-CP.
 * mtime is the fixed time given to its zip entries. malloc'd bytes in *data. */
int report_docx(const report_data *d, long long mtime, unsigned char **data, size_t *len,
                xaso_error *err);

/* Text for XML: entities escaped, control characters dropped, '\n' kept. */
void xml_append_text(strbuf *sb, const char *text);

#endif
