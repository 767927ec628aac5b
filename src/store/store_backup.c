#include "xaso/store_backup.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/store_evidence.h"
#include "xaso/strbuf.h"

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path + (slash == path))) : xstrdup(".");
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *store_backup_dir(const xaso_store *st)
{
    char *dir = dir_of(store_path(st));
    char *backups = fs_join(dir, "backups");
    free(dir);
    return backups;
}

/* Copy database src (a connection) into a new file at path, atomically. */
static int copy_database(sqlite3 *src, const char *path, xaso_error *err)
{
    char *tmp_path = fs_temp_template(path);
    int fd = mkstemp(tmp_path); /* private (0600) from the start; SQLite fills the empty file */
    if (fd < 0) {
        int e = errno;
        free(tmp_path);
        return xaso_error_set_at(err, XASO_EX_CANTCREAT, path, 0, 0,
                                 _("cannot write the backup: %s"), strerror(e));
    }
    close(fd);
    sqlite3 *dest = NULL;
    int rc = sqlite3_open_v2(tmp_path, &dest, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
        if (!b) {
            rc = sqlite3_errcode(dest);
        } else {
            rc = sqlite3_backup_step(b, -1);
            sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
    /* the copy must be whole before it takes the name */
    if (rc == SQLITE_OK) {
        sqlite3_stmt *s = NULL;
        rc = sqlite3_prepare_v2(dest, "PRAGMA integrity_check", -1, &s, NULL);
        if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
            strcmp((const char *)sqlite3_column_text(s, 0), "ok") != 0)
            rc = SQLITE_CORRUPT;
        sqlite3_finalize(s);
    }
    const char *why = rc == SQLITE_OK ? NULL : sqlite3_errstr(rc);
    sqlite3_close(dest);
    if (!why) {
        FILE *f = fopen(tmp_path, "rb+");
        if (!f || fsync(fileno(f)) != 0)
            why = strerror(errno);
        if (f)
            fclose(f);
    }
    if (!why && rename(tmp_path, path) != 0)
        why = strerror(errno);
    if (why) {
        unlink(tmp_path);
        free(tmp_path);
        return xaso_error_set_at(err, XASO_EX_IOERR, path, 0, 0, _("cannot write the backup: %s"),
                                 why);
    }
    free(tmp_path);
    return fs_sync_parent(path, err);
}

int store_backup_to(xaso_store *st, const char *path, xaso_error *err)
{
    xaso_error_clear(err);
    return copy_database(store_db(st), path, err);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Backups of this database in dir, sorted oldest first (names carry the time). */
static size_t list_backups(const char *dir, const char *prefix, char ***out)
{
    DIR *d = opendir(dir);
    size_t n = 0, cap = 0;
    char **names = NULL;
    if (d) {
        struct dirent *e;
        size_t plen = strlen(prefix);
        while ((e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (strncmp(e->d_name, prefix, plen) || len < plen + 3 ||
                strcmp(e->d_name + len - 3, ".db"))
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                names = xrealloc(names, cap * sizeof *names);
            }
            names[n++] = xstrdup(e->d_name);
        }
        closedir(d);
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    *out = names;
    return n;
}

size_t store_remove_stale_temps(xaso_store *st)
{
    char *dirs[3] = {dir_of(store_path(st)), store_backup_dir(st), store_evidence_dir(st)};
    size_t n = 0;
    for (size_t i = 0; i < 3; i++) {
        n += fs_remove_stale_temps(dirs[i]);
        free(dirs[i]);
    }
    return n;
}

int store_backup_daily(xaso_store *st, size_t keep, bool *made, xaso_error *err)
{
    xaso_error_clear(err);
    *made = false;
    char *dir = store_backup_dir(st);
    strbuf prefix = STRBUF_INIT, name = STRBUF_INIT;
    const char *base = base_of(store_path(st));
    size_t blen = strlen(base);
    if (blen > 3 && !strcmp(base + blen - 3, ".db"))
        blen -= 3;
    sb_append_len(&prefix, base, blen);
    sb_putc(&prefix, '-');
    char now[40], stamp[24];
    store_now(now, sizeof now); /* 2026-11-23T19:12:56Z */
    snprintf(stamp, sizeof stamp, "%.4s%.2s%.2s-%.2s%.2s%.2s", now, now + 5, now + 8, now + 11,
             now + 14, now + 17);
    char **names;
    size_t n = list_backups(dir, sb_str(&prefix), &names);
    bool have_today = false;
    for (size_t i = 0; i < n; i++)
        if (!strncmp(names[i] + prefix.len, stamp, 8))
            have_today = true;
    int rc = 0;
    if (!have_today) {
        rc = fs_mkdirs(dir, 0700, err);
        sb_appendf(&name, "%s/%s%s.db", dir, sb_str(&prefix), stamp);
        if (!rc)
            rc = store_backup_to(st, sb_str(&name), err);
        if (!rc) {
            *made = true;
            for (size_t i = 0; i + keep < n + 1 && i < n; i++) { /* the new one counts */
                char *old = fs_join(dir, names[i]);
                unlink(old);
                free(old);
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    sb_free(&prefix);
    sb_free(&name);
    free(dir);
    return rc;
}

int store_backup_check(const char *path, xaso_error *err)
{
    xaso_error_clear(err);
    if (!fs_exists(path))
        return xaso_error_set_at(err, XASO_EX_NOINPUT, path, 0, 0, _("no such file"));
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    const char *problem = NULL;
    int version = -1;
    sqlite3_stmt *s = NULL;
    if (rc == SQLITE_OK && sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    s = NULL;
    if (version < 1)
        problem = _("this file is not a xaso database");
    else if (version > store_schema_version())
        problem = _("this backup was made by a newer xaso");
    if (!problem && (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK ||
                     sqlite3_step(s) != SQLITE_ROW ||
                     strcmp((const char *)sqlite3_column_text(s, 0), "ok")))
        problem = _("this backup is damaged (integrity check failed)");
    sqlite3_finalize(s);
    sqlite3_close(db);
    if (problem)
        return xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0, "%s", problem);
    return 0;
}

int store_restore(const char *db_path, const char *from, char **kept, xaso_error *err)
{
    if (kept)
        *kept = NULL;
    if (store_backup_check(from, err))
        return err->code;
    sqlite3 *src = NULL;
    if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(src);
        return xaso_error_set_at(err, XASO_EX_NOINPUT, from, 0, 0, _("cannot open the backup"));
    }
    int rc = 0;
    if (fs_exists(db_path)) {
        /* keep what is replaced */
        xaso_store *st;
        rc = store_open(db_path, STORE_OPEN_EXISTING, &st, err);
        if (!rc) {
            char *dir = store_backup_dir(st);
            char now[40];
            store_now(now, sizeof now);
            strbuf path = STRBUF_INIT;
            sb_appendf(&path, "%s/%s-before-restore-%.4s%.2s%.2s-%.2s%.2s%.2s.db", dir,
                       base_of(db_path), now, now + 5, now + 8, now + 11, now + 14, now + 17);
            rc = fs_mkdirs(dir, 0700, err);
            if (!rc)
                rc = store_backup_to(st, sb_str(&path), err);
            sqlite3_exec(store_db(st), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
            store_close(st);
            if (!rc && kept)
                *kept = sb_detach(&path);
            sb_free(&path);
            free(dir);
        }
    }
    if (!rc) {
        /* The replaced database is closed and checkpointed: its write-ahead log is empty and must
         * not be applied to the restored file. */
        strbuf side = STRBUF_INIT;
        sb_appendf(&side, "%s-wal", db_path);
        unlink(sb_str(&side));
        sb_reset(&side);
        sb_appendf(&side, "%s-shm", db_path);
        unlink(sb_str(&side));
        sb_free(&side);
        rc = copy_database(src, db_path, err);
    }
    sqlite3_close(src);
    return rc;
}
