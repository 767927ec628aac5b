/* Scratch databases for unit tests: a private folder, a real SQLite file in it, and one-value
 * queries that fail the test when the query does. Include after <cmocka.h>. */
#ifndef XASO_TEST_SCRATCH_DB_H
#define XASO_TEST_SCRATCH_DB_H

#include <stdio.h>
#include <stdlib.h>

#include "xaso/store.h"

/* A new folder /tmp/xaso-test-NAME-XXXXXX in dir (at least 64 bytes); 0, or -1. */
static inline int scratch_dir_make(char *dir, size_t size, const char *name)
{
    snprintf(dir, size, "/tmp/xaso-test-%s-XXXXXX", name);
    return mkdtemp(dir) ? 0 : -1;
}

static inline int scratch_dir_remove(const char *dir)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

/* DIR/NAME opened (created and migrated); NULL when it cannot be. */
static inline xaso_store *scratch_db_open(const char *dir, const char *name)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    xaso_store *st = NULL;
    xaso_error err;
    xaso_error_clear(&err);
    return store_open(path, STORE_OPEN_CREATE, &st, &err) ? NULL : st;
}

static inline long long db_scalar(xaso_store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The first column of the first row as text in buf ("" for NULL); returns buf. */
static inline const char *db_text(xaso_store *st, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    const unsigned char *t = sqlite3_column_text(s, 0);
    snprintf(buf, size, "%s", t ? (const char *)t : "");
    sqlite3_finalize(s);
    return buf;
}

#endif
