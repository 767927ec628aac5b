#include "xaso/store.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "migrate.h"
#include "schema.h"
#include "store_session.h"
#include "xaso/collate.h"
#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/store_account.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

enum { STORE_MAX_COLUMNS = 64 };

struct xaso_store {
    sqlite3 *db;
    void (*on_wait)(void *ctx); /* told once per wait that another process holds the database */
    void *on_wait_ctx;
    int busy_limit_ms;
    char *path;
    char *actor;
    char *os_user;
    char *action; /* of the open transaction */
    xaso_account *account; /* signed in (store_account.c), or NULL */
};

int store_schema_version(void)
{
    return (int)store_migration_count;
}

char *store_default_path(const char *explicit_path)
{
    if (explicit_path && *explicit_path)
        return xstrdup(explicit_path);
    const char *env = getenv("XASO_DB");
    if (env && *env)
        return xstrdup(env);
    char *dir = fs_xdg_data_dir();
    char *path = fs_join(dir, "xaso.db");
    free(dir);
    return path;
}

const char *store_now(char *buf, size_t size)
{
    const char *fixed = getenv("XASO_NOW");
    if (fixed && *fixed) {
        snprintf(buf, size, "%s", fixed);
        return buf;
    }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

xaso_date store_today(void)
{
    const char *fixed = getenv("XASO_TODAY");
    xaso_date d;
    if (fixed && date_parse_iso(fixed, &d))
        return d;
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *text = sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_null(ctx);
        return;
    }
    char *folded = utf8_fold((const char *)text);
    if (!folded)
        sqlite3_result_text(ctx, (const char *)text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_result_text(ctx, folded, -1, free);
}

/* How long a writer waits for another process before giving up: $XASO_BUSY_TIMEOUT seconds
 * (tests), else 30 s. */
static int busy_limit_ms(void)
{
    const char *env = getenv("XASO_BUSY_TIMEOUT");
    int seconds = env && *env ? atoi(env) : 30;
    return (seconds > 0 ? seconds : 1) * 1000;
}

/* SQLite calls this while another connection holds a lock: wait in small steps, say once (after
 * half a second) that we are waiting, give up at the limit. */
static int busy_wait(void *ctx, int count)
{
    xaso_store *st = ctx;
    const int step_ms = 50;
    if (count * step_ms >= st->busy_limit_ms)
        return 0;
    if (count == 500 / step_ms && st->on_wait)
        st->on_wait(st->on_wait_ctx);
    struct timespec ts = {0, step_ms * 1000000L};
    nanosleep(&ts, NULL);
    return 1;
}

void store_set_wait_notice(xaso_store *st, void (*on_wait)(void *ctx), void *ctx)
{
    st->on_wait = on_wait;
    st->on_wait_ctx = ctx;
}

/* SQLite reports a disk without room for its shared-memory file as a plain I/O error. */
static bool disk_full(const char *db_path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", db_path ? db_path : ".");
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        slash[slash == dir ? 1 : 0] = '\0';
    struct statvfs vfs;
    return statvfs(dir, &vfs) == 0 && (unsigned long long)vfs.f_bavail * vfs.f_frsize < 65536;
}

int store_fail(xaso_store *st, xaso_error *err, const char *what)
{
    int code = sqlite3_errcode(st->db);
    int ex = XASO_EX_IOERR;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        ex = XASO_EX_TEMPFAIL;
    else if (code == SQLITE_CONSTRAINT)
        ex = XASO_EX_DATAERR;
    else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
        ex = XASO_EX_CANTCREAT;
    if (code == SQLITE_BUSY)
        return xaso_error_set_at(err, ex, st->path, 0, 0,
                                 _("%s: the database is in use by another xaso; try again"), what);
    if ((code == SQLITE_IOERR || code == SQLITE_FULL) && disk_full(st->path))
        return xaso_error_set_at(err, ex, st->path, 0, 0,
                                 _("%s: the disk holding the database is full; free some space "
                                   "and try again (nothing was changed)"), what);
    if (code == SQLITE_IOERR)
        return xaso_error_set_at(err, ex, st->path, 0, 0,
                                 _("%s: the disk or USB stick holding the database could not be "
                                   "read or written (was it unplugged?); what was not saved is "
                                   "not in the database: plug it in again and retry"), what);
    return xaso_error_set_at(err, ex, st->path, 0, 0, "%s: %s", what, sqlite3_errmsg(st->db));
}

static int exec(xaso_store *st, const char *sql, xaso_error *err, const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        sqlite3_free(msg);
        return store_fail(st, err, what);
    }
    return 0;
}

static int user_version(xaso_store *st, int *out, xaso_error *err)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
        goto fail;
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(stmt);
        goto fail;
    }
    *out = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return 0;
fail:
    if (sqlite3_errcode(st->db) == SQLITE_NOTADB)
        return xaso_error_set_at(err, XASO_EX_DATAERR, st->path, 0, 0,
                                 _("this file is not a xaso database"));
    /* WAL needs its side files: on a read-only medium even reading fails; say why */
    if (access(st->path, W_OK) != 0 && (errno == EROFS || errno == EACCES))
        return xaso_error_set_at(err, XASO_EX_CANTCREAT, st->path, 0, 0,
                                 _("the database is read-only: copy it to a writable place"));
    return store_fail(st, err, _("cannot read the database version"));
}

/* Copy the whole database to path with the online backup API. */
static int backup_to(xaso_store *st, const char *path, xaso_error *err)
{
    sqlite3 *dest;
    int rc = sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK) {
        chmod(path, 0600);
        sqlite3_backup *b = sqlite3_backup_init(dest, "main", st->db, "main");
        if (b) {
            rc = sqlite3_backup_step(b, -1);
            sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        } else {
            rc = sqlite3_errcode(dest);
        }
    }
    sqlite3_close(dest);
    if (rc != SQLITE_OK) {
        unlink(path);
        return xaso_error_set_at(err, XASO_EX_IOERR, path, 0, 0,
                                 _("cannot make a backup copy before upgrading: %s"),
                                 sqlite3_errstr(rc));
    }
    return 0;
}

int store_migrate(xaso_store *st, const char *const *const *steps, size_t count, xaso_error *err)
{
    int version;
    if (user_version(st, &version, err))
        return err->code;
    int latest = (int)count;
    if (version > latest)
        return xaso_error_set_at(err, XASO_EX_DATAERR, st->path, 0, 0,
                                 _("this database was made by a newer xaso (schema %d; this "
                                   "program knows %d): install the newer program"),
                                 version, latest);
    if (version == latest)
        return 0;
    if (version > 0) {
        char stamp[32], now[32];
        store_now(now, sizeof now);
        size_t k = 0;
        for (const char *p = now; *p && k + 1 < sizeof stamp; p++)
            if (*p != ':' && *p != '-')
                stamp[k++] = *p;
        stamp[k] = '\0';
        strbuf path = STRBUF_INIT;
        sb_appendf(&path, "%s.before-v%d-%s.bak", st->path, latest, stamp);
        int rc = backup_to(st, sb_str(&path), err);
        sb_free(&path);
        if (rc)
            return rc;
    }
    for (int step = version; step < latest; step++) {
        char sql[64];
        if (exec(st, "BEGIN IMMEDIATE", err, _("cannot start the upgrade")))
            return err->code;
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", step + 1);
        int rc = 0;
        for (const char *const *stmt = steps[step]; *stmt && !rc; stmt++)
            rc = exec(st, *stmt, err, _("cannot upgrade the database"));
        if (rc || exec(st, sql, err, _("cannot upgrade the database")) ||
            exec(st, "COMMIT", err, _("cannot upgrade the database"))) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return err->code;
        }
    }
    return 0;
}

static char *os_user_name(void)
{
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name)
        return xstrdup(pw->pw_name);
    const char *u = getenv("USER");
    return xstrdup(u && *u ? u : "?");
}

int store_open(const char *path, store_open_mode mode, xaso_store **out, xaso_error *err)
{
    *out = NULL;
    bool exists = fs_exists(path);
    if (!exists && mode == STORE_OPEN_EXISTING)
        return xaso_error_set_at(err, XASO_EX_NOINPUT, path, 0, 0,
                                 _("no database here; create one with: xaso init"));
    if (!exists) {
        char *slash = strrchr(path, '/');
        if (slash && slash != path) {
            char *dir = xstrndup(path, (size_t)(slash - path));
            int rc = fs_mkdirs(dir, 0700, err);
            free(dir);
            if (rc)
                return rc;
        }
        /* Create the file private to the user before SQLite opens it. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return xaso_error_set_at(err, XASO_EX_CANTCREAT, path, 0, 0,
                                     _("cannot create the database: %s"), strerror(errno));
        close(fd);
    }
    xaso_store *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(path);
    st->os_user = os_user_name();
    st->actor = xstrdup(st->os_user);
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        int rc = xaso_error_set_at(err, XASO_EX_CANTCREAT, path, 0, 0,
                                   _("cannot open the database: %s"),
                                   st->db ? sqlite3_errmsg(st->db) : "?");
        store_close(st);
        return rc;
    }
    st->busy_limit_ms = busy_limit_ms();
    sqlite3_busy_handler(st->db, busy_wait, st);
    sqlite3_create_function(st->db, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold,
                            NULL, NULL);
    collate_register(st->db); /* ORDER BY name COLLATE VI: Vietnamese alphabetical order */
    sqlite3_extended_result_codes(st->db, 0);
    int version = 0;
    int rc = user_version(st, &version, err);
    if (!rc && sqlite3_db_readonly(st->db, "main") == 1)
        rc = xaso_error_set_at(err, XASO_EX_CANTCREAT, path, 0, 0,
                               _("the database is read-only: copy it to a writable place"));
    if (!rc)
        rc = exec(st, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;",
                  err, _("cannot configure the database"));
    if (!rc)
        rc = store_migrate(st, store_migrations, store_migration_count, err);
    if (rc) {
        store_close(st);
        if (!exists)
            unlink(path);
        return rc;
    }
    *out = st;
    return 0;
}

void store_close(xaso_store *st)
{
    if (!st)
        return;
    sqlite3_close_v2(st->db);
    free(st->path);
    free(st->actor);
    free(st->os_user);
    free(st->action);
    free(st->account);
    free(st);
}

sqlite3 *store_db(xaso_store *st)
{
    return st->db;
}

const char *store_path(const xaso_store *st)
{
    return st->path;
}

void store_set_actor(xaso_store *st, const char *actor)
{
    free(st->actor);
    st->actor = xstrdup(actor && *actor ? actor : st->os_user);
}

const char *store_actor(const xaso_store *st)
{
    return st->actor;
}

xaso_account **store_session_account(xaso_store *st)
{
    return &st->account;
}

int store_begin(xaso_store *st, const char *action, xaso_error *err)
{
    free(st->action);
    st->action = xstrdup(action);
    return exec(st, "BEGIN IMMEDIATE", err, _("cannot start a change"));
}

int store_commit(xaso_store *st, xaso_error *err)
{
    int rc = exec(st, "COMMIT", err, _("cannot save the change"));
    if (rc)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

void store_rollback(xaso_store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_audit(xaso_store *st, const char *table, long long row_id, const char *old_json,
                const char *new_json, xaso_error *err)
{
    sqlite3_stmt *stmt;
    char now[40];
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO audit (at, actor, os_user, action, tbl, row_id, old, new, "
                           "account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &stmt, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot record the change"));
    sqlite3_bind_text(stmt, 1, store_now(now, sizeof now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, st->actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, st->os_user, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, st->action ? st->action : "?", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, table, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 6, row_id);
    sqlite3_bind_text(stmt, 7, old_json, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 8, new_json, -1, SQLITE_STATIC);
    if (st->account)
        sqlite3_bind_int64(stmt, 9, st->account->id);
    int rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot record the change"));
    sqlite3_finalize(stmt);
    return rc;
}

/* ---------- store_sync_row ---------- */

static void bind_value(sqlite3_stmt *stmt, int index, const store_value *v)
{
    switch (v->type) {
    case SQLITE_TEXT:
        sqlite3_bind_text(stmt, index, v->text, -1, SQLITE_STATIC);
        break;
    case SQLITE_INTEGER:
        sqlite3_bind_int64(stmt, index, v->integer);
        break;
    case SQLITE_FLOAT:
        sqlite3_bind_double(stmt, index, v->real);
        break;
    default:
        sqlite3_bind_null(stmt, index);
    }
}

static void json_value(strbuf *sb, const store_value *v)
{
    switch (v->type) {
    case SQLITE_TEXT:
        sb_append_json(sb, v->text);
        break;
    case SQLITE_INTEGER:
        sb_appendf(sb, "%lld", v->integer);
        break;
    case SQLITE_FLOAT:
        sb_appendf(sb, "%.17g", v->real);
        break;
    default:
        sb_append(sb, "null");
    }
}

static void json_column(strbuf *sb, sqlite3_stmt *stmt, int col)
{
    switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_TEXT:
        sb_append_json(sb, (const char *)sqlite3_column_text(stmt, col));
        break;
    case SQLITE_INTEGER:
        sb_appendf(sb, "%lld", (long long)sqlite3_column_int64(stmt, col));
        break;
    case SQLITE_FLOAT:
        sb_appendf(sb, "%.17g", sqlite3_column_double(stmt, col));
        break;
    default:
        sb_append(sb, "null");
    }
}

/* Does the stored column hold the same value as v? */
static bool same_value(sqlite3_stmt *stmt, int col, const store_value *v)
{
    int type = sqlite3_column_type(stmt, col);
    switch (v->type) {
    case SQLITE_NULL:
        return type == SQLITE_NULL;
    case SQLITE_TEXT:
        return type == SQLITE_TEXT && !strcmp((const char *)sqlite3_column_text(stmt, col), v->text);
    case SQLITE_INTEGER:
        return type == SQLITE_INTEGER && sqlite3_column_int64(stmt, col) == v->integer;
    case SQLITE_FLOAT:
        return (type == SQLITE_FLOAT || type == SQLITE_INTEGER) &&
               sqlite3_column_double(stmt, col) == v->real;
    }
    return false;
}

static void append_where(strbuf *sql, const store_value *keys, size_t n_keys)
{
    sb_append(sql, " WHERE ");
    for (size_t i = 0; i < n_keys; i++)
        sb_appendf(sql, "%s%s IS ?", i ? " AND " : "", keys[i].name);
}

int store_sync_row(xaso_store *st, const char *table, const store_value *keys, size_t n_keys,
                   const store_value *cols, size_t n_cols, long long *row_id,
                   store_sync_result *result, xaso_error *err)
{
    strbuf sql = STRBUF_INIT, old_json = STRBUF_INIT, new_json = STRBUF_INIT;
    sqlite3_stmt *stmt = NULL;
    int rc = 0;
    *result = SYNC_UNCHANGED;
    if (n_cols > STORE_MAX_COLUMNS)
        return xaso_error_set(err, XASO_EX_SOFTWARE, "store_sync_row: too many columns");

    sb_append(&sql, "SELECT id");
    for (size_t i = 0; i < n_cols; i++)
        sb_appendf(&sql, ", %s", cols[i].name);
    sb_appendf(&sql, " FROM %s", table);
    append_where(&sql, keys, n_keys);
    if (sqlite3_prepare_v2(st->db, sb_str(&sql), -1, &stmt, NULL) != SQLITE_OK) {
        rc = store_fail(st, err, table);
        goto done;
    }
    for (size_t i = 0; i < n_keys; i++)
        bind_value(stmt, (int)i + 1, &keys[i]);
    int step = sqlite3_step(stmt);
    if (step == SQLITE_ROW) {
        *row_id = sqlite3_column_int64(stmt, 0);
        bool changed[STORE_MAX_COLUMNS];
        size_t n_changed = 0;
        for (size_t i = 0; i < n_cols; i++) {
            changed[i] = !same_value(stmt, (int)i + 1, &cols[i]);
            if (!changed[i])
                continue;
            sb_append(&old_json, n_changed ? ", " : "{");
            sb_append(&new_json, n_changed ? ", " : "{");
            sb_appendf(&old_json, "\"%s\": ", cols[i].name);
            sb_appendf(&new_json, "\"%s\": ", cols[i].name);
            json_column(&old_json, stmt, (int)i + 1);
            json_value(&new_json, &cols[i]);
            n_changed++;
        }
        sqlite3_finalize(stmt);
        stmt = NULL;
        if (n_changed == 0)
            goto done;
        sb_append(&old_json, "}");
        sb_append(&new_json, "}");
        sb_reset(&sql);
        sb_appendf(&sql, "UPDATE %s SET ", table);
        size_t k = 0;
        for (size_t i = 0; i < n_cols; i++)
            if (changed[i])
                sb_appendf(&sql, "%s%s = ?", k++ ? ", " : "", cols[i].name);
        sb_append(&sql, " WHERE id = ?");
        if (sqlite3_prepare_v2(st->db, sb_str(&sql), -1, &stmt, NULL) != SQLITE_OK) {
            rc = store_fail(st, err, table);
            goto done;
        }
        k = 0;
        for (size_t i = 0; i < n_cols; i++)
            if (changed[i])
                bind_value(stmt, (int)++k, &cols[i]);
        sqlite3_bind_int64(stmt, (int)k + 1, *row_id);
        if (sqlite3_step(stmt) != SQLITE_DONE) {
            rc = store_fail(st, err, table);
            goto done;
        }
        *result = SYNC_UPDATED;
        rc = store_audit(st, table, *row_id, sb_str(&old_json), sb_str(&new_json), err);
    } else if (step == SQLITE_DONE) {
        sqlite3_finalize(stmt);
        stmt = NULL;
        sb_reset(&sql);
        sb_appendf(&sql, "INSERT INTO %s (", table);
        for (size_t i = 0; i < n_keys + n_cols; i++)
            sb_appendf(&sql, "%s%s", i ? ", " : "", i < n_keys ? keys[i].name : cols[i - n_keys].name);
        sb_append(&sql, ") VALUES (");
        for (size_t i = 0; i < n_keys + n_cols; i++)
            sb_append(&sql, i ? ", ?" : "?");
        sb_append(&sql, ")");
        if (sqlite3_prepare_v2(st->db, sb_str(&sql), -1, &stmt, NULL) != SQLITE_OK) {
            rc = store_fail(st, err, table);
            goto done;
        }
        sb_append(&new_json, "{");
        for (size_t i = 0; i < n_keys + n_cols; i++) {
            const store_value *v = i < n_keys ? &keys[i] : &cols[i - n_keys];
            bind_value(stmt, (int)i + 1, v);
            if (v->type == SQLITE_NULL)
                continue;
            sb_appendf(&new_json, "%s\"%s\": ", new_json.len > 1 ? ", " : "", v->name);
            json_value(&new_json, v);
        }
        sb_append(&new_json, "}");
        if (sqlite3_step(stmt) != SQLITE_DONE) {
            rc = store_fail(st, err, table);
            goto done;
        }
        *row_id = sqlite3_last_insert_rowid(st->db);
        *result = SYNC_INSERTED;
        rc = store_audit(st, table, *row_id, NULL, sb_str(&new_json), err);
    } else {
        rc = store_fail(st, err, table);
    }
done:
    sqlite3_finalize(stmt);
    sb_free(&sql);
    sb_free(&old_json);
    sb_free(&new_json);
    return rc;
}

int store_exec(xaso_store *st, const char *sql, const store_value *params, size_t n,
               int *changes, xaso_error *err)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot run a query"));
    for (size_t i = 0; i < n; i++)
        bind_value(stmt, (int)i + 1, &params[i]);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_fail(st, err, _("cannot save the change"));
    if (changes)
        *changes = sqlite3_changes(st->db);
    return 0;
}
