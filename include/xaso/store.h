/* The SQLite store: one file per office. Opening applies the pragmas and migrations; every change
 * goes through a transaction with audit rows. */
#ifndef XASO_STORE_H
#define XASO_STORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "xaso/date.h"
#include "xaso/error.h"

typedef struct xaso_store xaso_store;

/* The schema version this program writes (PRAGMA user_version). */
int store_schema_version(void);

/* The database path: explicit (--db), else $XASO_DB, else $XDG_DATA_HOME/xaso/xaso.db. malloc'd. */
char *store_default_path(const char *explicit_path);

typedef enum {
    STORE_OPEN_EXISTING, /* fail when the file does not exist */
    STORE_OPEN_CREATE    /* create the file (0600, folder 0700) when missing */
} store_open_mode;

/* Open, set pragmas (foreign keys, WAL, busy timeout, synchronous=FULL) and migrate, taking a
 * backup copy first when an existing database is upgraded. A database newer than the program, or a
 * file that is not a database, is refused and left untouched. SQL gets a function fold(text): the
 * utf8_fold() of text (lower case, no marks, đ → d) for searching without diacritics. */
int store_open(const char *path, store_open_mode mode, xaso_store **out, xaso_error *err);
void store_close(xaso_store *st);
sqlite3 *store_db(xaso_store *st);
const char *store_path(const xaso_store *st);

/* When another process holds the database, a writer waits (up to 30 s, $XASO_BUSY_TIMEOUT) and
 * on_wait is called once so the user can be told; then it fails with XASO_EX_TEMPFAIL. */
void store_set_wait_notice(xaso_store *st, void (*on_wait)(void *ctx), void *ctx);

/* Who is acting (recorded in audit rows); default: the operating-system user. */
void store_set_actor(xaso_store *st, const char *actor);
const char *store_actor(const xaso_store *st);

/* One user action = one transaction (BEGIN IMMEDIATE) = audit rows tagged with action. */
int store_begin(xaso_store *st, const char *action, xaso_error *err);
int store_commit(xaso_store *st, xaso_error *err);
void store_rollback(xaso_store *st);

/* Record an audit row in the current transaction. old_json/new_json may be NULL. */
int store_audit(xaso_store *st, const char *table, long long row_id, const char *old_json,
                const char *new_json, xaso_error *err);

/* Sets err from the database's last error ("what: sqlite message"). Returns the error code. */
int store_fail(xaso_store *st, xaso_error *err, const char *what);

/* A column value for store_sync_row. */
typedef struct {
    const char *name;
    int type; /* SQLITE_TEXT, SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_NULL */
    const char *text;
    long long integer;
    double real;
} store_value;

static inline store_value sv_text(const char *name, const char *s)
{
    return (store_value){name, s ? SQLITE_TEXT : SQLITE_NULL, s, 0, 0};
}
#define SV_TEXT(n, s) sv_text((n), (s))
#define SV_INT(n, i) ((store_value){(n), SQLITE_INTEGER, NULL, (i), 0})
#define SV_REAL(n, r) ((store_value){(n), SQLITE_FLOAT, NULL, 0, (r)})
#define SV_NULL(n) ((store_value){(n), SQLITE_NULL, NULL, 0, 0})

typedef enum { SYNC_UNCHANGED, SYNC_INSERTED, SYNC_UPDATED } store_sync_result;

/* Make the row of table identified by keys hold cols: insert it when missing, update only the
 * columns that differ, and audit what changed (nothing when nothing did). Needs a transaction. */
int store_sync_row(xaso_store *st, const char *table, const store_value *keys, size_t n_keys,
                   const store_value *cols, size_t n_cols, long long *row_id,
                   store_sync_result *result, xaso_error *err);

/* Run one statement with parameters ?1..?n bound from params (names ignored); *changes (may be
 * NULL) gets the number of rows it changed. */
int store_exec(xaso_store *st, const char *sql, const store_value *params, size_t n,
               int *changes, xaso_error *err);

/* Today's date: $XASO_TODAY (YYYY-MM-DD, for tests and demos) or the local date. */
xaso_date store_today(void);

/* Now as ISO 8601 UTC ("2026-11-23T19:12:56Z"); buf >= 21 bytes. $XASO_NOW overrides (tests). */
const char *store_now(char *buf, size_t size);


#endif
