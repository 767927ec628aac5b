/* Evidence files: copied once by content into <db>.evidence/<sha256>, linked to task updates. */
#include "xaso/store_evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/period.h"
#include "xaso/store_account.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

long long store_evidence_max_size(void)
{
    const char *env = getenv("XASO_EVIDENCE_MAX_MB");
    long long mb = XASO_EVIDENCE_DEFAULT_MAX_MB;
    if (env && *env) {
        char *end;
        long long v = strtoll(env, &end, 10);
        if (*end == '\0' && v > 0 && v < (1LL << 20))
            mb = v;
    }
    return mb * 1024 * 1024;
}

char *store_evidence_dir(xaso_store *st)
{
    strbuf sb = STRBUF_INIT;
    sb_appendf(&sb, "%s.evidence", store_path(st));
    return sb_detach(&sb);
}

char *store_evidence_path(xaso_store *st, const char *sha256)
{
    char *dir = store_evidence_dir(st);
    char *path = fs_join(dir, sha256);
    free(dir);
    return path;
}

/* ---------- formats ---------- */

static const struct {
    const char *ext, *mime;
    bool compressed;
} formats[] = {
    {"pdf", "application/pdf", true},
    {"jpg", "image/jpeg", true},
    {"jpeg", "image/jpeg", true},
    {"png", "image/png", true},
    {"gif", "image/gif", true},
    {"webp", "image/webp", true},
    {"heic", "image/heic", true},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", true},
    {"odt", "application/vnd.oasis.opendocument.text", true},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet", true},
    {"zip", "application/zip", true},
    {"7z", "application/x-7z-compressed", true},
    {"rar", "application/vnd.rar", true},
    {"gz", "application/gzip", true},
    {"mp4", "video/mp4", true},
    {"mp3", "audio/mpeg", true},
    {"doc", "application/msword", false},
    {"xls", "application/vnd.ms-excel", false},
    {"txt", "text/plain", false},
    {"csv", "text/csv", false},
    {"tif", "image/tiff", false},
    {"tiff", "image/tiff", false},
    {"bmp", "image/bmp", false},
};
#define N_FORMATS (sizeof formats / sizeof formats[0])

static const char *mime_of_ext(const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (!dot)
        return NULL;
    for (size_t i = 0; i < N_FORMATS; i++)
        if (!strcasecmp(dot + 1, formats[i].ext))
            return formats[i].mime;
    return NULL;
}

const char *evidence_guess_mime(const unsigned char *h, size_t n, const char *name)
{
    if (n >= 5 && !memcmp(h, "%PDF-", 5))
        return "application/pdf";
    if (n >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
        return "image/jpeg";
    if (n >= 8 && !memcmp(h, "\x89PNG\r\n\x1a\n", 8))
        return "image/png";
    if (n >= 6 && (!memcmp(h, "GIF87a", 6) || !memcmp(h, "GIF89a", 6)))
        return "image/gif";
    if (n >= 4 && !memcmp(h, "PK\x03\x04", 4)) {
        const char *m = mime_of_ext(name);
        return m && evidence_mime_is_compressed(m) ? m : "application/zip";
    }
    const char *m = mime_of_ext(name);
    return m ? m : "application/octet-stream";
}

bool evidence_mime_is_compressed(const char *mime)
{
    if (!mime)
        return false;
    for (size_t i = 0; i < N_FORMATS; i++)
        if (!strcmp(mime, formats[i].mime))
            return formats[i].compressed;
    return false;
}

/* ---------- the lock ---------- */

/* The same rule as store_progress.c: a finalised (or packaged, submitted) office report of the
 * plan for the period locks its data. */
static int check_unlocked(xaso_store *st, long long task_id, const char *period, xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT 1 FROM report r JOIN task t ON t.plan_id = r.plan_id "
                           "WHERE t.id = ?1 AND r.period = ?2 AND r.sender = '' AND r.state IN "
                           "('finalised', 'packaged', 'submitted')",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, "report");
    sqlite3_bind_int64(s, 1, task_id);
    sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return xaso_error_set(err, XASO_EX_NOPERM,
                              _("the report for %s is finalised: reopen it to change its data"),
                              period);
    return rc == SQLITE_DONE ? 0 : store_fail(st, err, "report");
}

/* ---------- copying ---------- */

static void to_hex(const unsigned char *md, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[md[i] >> 4];
        out[2 * i + 1] = digits[md[i] & 15];
    }
    out[2 * n] = '\0';
}

static int io_fail(xaso_error *err, int code, const char *path, int e)
{
    if (e == ENOSPC || e == EDQUOT || e == EFBIG)
        return xaso_error_set_at(err, code, path, 0, 0,
                                 _("not enough space to store the evidence file (%s)"),
                                 strerror(e));
    return xaso_error_set_at(err, code, path, 0, 0, _("cannot store the evidence file: %s"),
                             strerror(e));
}

/* Copy src into the evidence folder as <sha256>, hashing on the way. */
static int copy_in(xaso_store *st, const char *src, char sha[XASO_SHA256_HEX_SIZE],
                   long long *size, char *mime, size_t mime_size, bool *already, xaso_error *err)
{
    long long limit = store_evidence_max_size();
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return xaso_error_set_at(err, XASO_EX_NOINPUT, src, 0, 0, _("cannot read: %s"),
                                 strerror(errno));
    struct stat sb;
    if (fstat(in, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(in);
        return xaso_error_set_at(err, XASO_EX_NOINPUT, src, 0, 0,
                                 _("not a regular file: evidence must be a file"));
    }
    if (sb.st_size > limit) {
        close(in);
        return xaso_error_set_at(
            err, XASO_EX_DATAERR, src, 0, 0,
            _("the file is %.1f MiB, larger than the limit of %lld MiB for evidence (set "
              "XASO_EVIDENCE_MAX_MB to change it, or attach a smaller scan)"),
            (double)sb.st_size / 1048576.0, limit / 1048576);
    }
    char *dir = store_evidence_dir(st);
    int rc = fs_mkdirs(dir, 0700, err);
    if (rc) {
        free(dir);
        close(in);
        return rc;
    }
    char *in_dir = fs_join(dir, "incoming");
    char *tmp = fs_temp_template(in_dir);
    free(in_dir);
    int out = mkstemp(tmp);
    if (out < 0) {
        int e = errno;
        rc = io_fail(err, XASO_EX_CANTCREAT, dir, e);
        free(tmp);
        free(dir);
        close(in);
        return rc;
    }
    fchmod(out, 0600);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    enum { CHUNK = 1 << 16 };
    unsigned char *buf = xmalloc(CHUNK);
    long long total = 0;
    int e = 0;
    bool first = true;
    for (;;) {
        ssize_t n = read(in, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            e = errno;
            rc = xaso_error_set_at(err, XASO_EX_IOERR, src, 0, 0, _("cannot read: %s"),
                                   strerror(e));
            break;
        }
        if (n == 0)
            break;
        if (first) {
            snprintf(mime, mime_size, "%s", evidence_guess_mime(buf, (size_t)n, src));
            first = false;
        }
        total += n;
        if (total > limit) {
            rc = xaso_error_set_at(err, XASO_EX_DATAERR, src, 0, 0,
                                   _("the file is larger than the limit of %lld MiB for evidence"),
                                   limit / 1048576);
            break;
        }
        EVP_DigestUpdate(md, buf, (size_t)n);
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                e = errno;
                break;
            }
            off += w;
        }
        if (e) {
            rc = io_fail(err, XASO_EX_IOERR, dir, e);
            break;
        }
    }
    if (first)
        snprintf(mime, mime_size, "%s", evidence_guess_mime(NULL, 0, src));
    free(buf);
    close(in);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    EVP_DigestFinal_ex(md, digest, &dlen);
    EVP_MD_CTX_free(md);
    if (!rc && fsync(out) != 0)
        rc = io_fail(err, XASO_EX_IOERR, dir, errno);
    if (close(out) != 0 && !rc)
        rc = io_fail(err, XASO_EX_IOERR, dir, errno);
    char *final = NULL;
    if (!rc) {
        to_hex(digest, dlen, sha);
        final = fs_join(dir, sha);
        struct stat fb;
        if (lstat(final, &fb) == 0 && S_ISREG(fb.st_mode) && fb.st_size == total) {
            *already = true;
            unlink(tmp);
        } else if (rename(tmp, final) != 0) {
            rc = io_fail(err, XASO_EX_IOERR, final, errno);
        } else {
            rc = fs_sync_parent(final, err);
        }
    }
    if (rc)
        unlink(tmp);
    *size = total;
    free(final);
    free(tmp);
    free(dir);
    return rc;
}

static int find_row(xaso_store *st, const char *sql, const store_value *p, size_t n,
                    long long *id, xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, "evidence");
    for (size_t i = 0; i < n; i++) {
        if (p[i].type == SQLITE_INTEGER)
            sqlite3_bind_int64(s, (int)i + 1, p[i].integer);
        else
            sqlite3_bind_text(s, (int)i + 1, p[i].text, -1, SQLITE_STATIC);
    }
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, err, "evidence");
}

static int link_rows(xaso_store *st, long long task_id, const char *period, const char *name,
                     const char *mime, evidence_add_result *res, xaso_error *err)
{
    char now[40];
    store_now(now, sizeof now);
    int rc = check_unlocked(st, task_id, period, err);
    store_sync_result r;
    store_value ukeys[] = {SV_INT("task_id", task_id), SV_TEXT("period", period)};
    if (!rc)
        rc = store_sync_row(st, "task_update", ukeys, 2, NULL, 0, &res->task_update_id, &r, err);
    if (!rc && r == SYNC_INSERTED) {
        store_value p[] = {SV_TEXT("at", now), SV_TEXT("by", store_actor(st)),
                           SV_INT("id", res->task_update_id)};
        rc = store_exec(st, "UPDATE task_update SET updated_at = ?1, updated_by = ?2 WHERE id = ?3",
                        p, 3, NULL, err);
    }
    long long found = 0;
    store_value fkey[] = {SV_TEXT("sha256", res->sha256)};
    if (!rc)
        rc = find_row(st, "SELECT 1 FROM evidence_file WHERE sha256 = ?1", fkey, 1, &found, err);
    if (!rc && !found) {
        /* evidence_file is keyed by sha256 (no id column): insert and audit it here */
        store_value cols[] = {SV_TEXT("sha256", res->sha256), SV_INT("size", res->size),
                              SV_TEXT("mime", mime), SV_TEXT("added_at", now)};
        rc = store_exec(st,
                        "INSERT INTO evidence_file (sha256, size, mime, added_at) "
                        "VALUES (?1, ?2, ?3, ?4)",
                        cols, 4, NULL, err);
        if (!rc) {
            strbuf json = STRBUF_INIT;
            sb_append(&json, "{\"sha256\": ");
            sb_append_json(&json, res->sha256);
            sb_appendf(&json, ", \"size\": %lld, \"mime\": ", res->size);
            sb_append_json(&json, mime);
            sb_append(&json, "}");
            rc = store_audit(st, "evidence_file", sqlite3_last_insert_rowid(store_db(st)), NULL,
                             sb_str(&json), err);
            sb_free(&json);
        }
    }
    store_value ekey[] = {SV_INT("task_update_id", res->task_update_id),
                          SV_TEXT("sha256", res->sha256)};
    if (!rc)
        rc = find_row(st, "SELECT id FROM evidence WHERE task_update_id = ?1 AND sha256 = ?2",
                      ekey, 2, &res->evidence_id, err);
    if (!rc && res->evidence_id) {
        res->already_attached = true;
    } else if (!rc) {
        store_value cols[] = {SV_TEXT("original_name", name), SV_TEXT("appraisal", "pending"),
                              SV_TEXT("added_at", now), SV_TEXT("added_by", store_actor(st))};
        rc = store_sync_row(st, "evidence", ekey, 2, cols, 4, &res->evidence_id, &r, err);
    }
    return rc;
}

int store_evidence_add(xaso_store *st, long long task_id, const char *period, const char *path,
                       const char *original_name, evidence_add_result *res, xaso_error *err)
{
    memset(res, 0, sizeof *res);
    xaso_period p;
    if (!period || !period_parse(period, &p))
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, 2026)"),
                              period ? period : "");
    long long found = 0;
    store_value tkey[] = {SV_INT("id", task_id)};
    if (find_row(st, "SELECT id FROM task WHERE id = ?1", tkey, 1, &found, err))
        return err->code;
    if (!found)
        return xaso_error_set(err, XASO_EX_NOINPUT, _("no task with id %lld"), task_id);
    if (store_authorize_task(st, PERM_EVIDENCE_ADD, task_id, err))
        return err->code;
    /* Refuse early when locked, before copying anything. */
    if (check_unlocked(st, task_id, period, err))
        return err->code;
    char mime[96] = "";
    if (copy_in(st, path, res->sha256, &res->size, mime, sizeof mime, &res->already_stored, err))
        return err->code;
    const char *base = strrchr(path, '/');
    const char *name = original_name && *original_name ? original_name : base ? base + 1 : path;
    char *nfc_name = utf8_nfc(name);
    if (!nfc_name) { /* a name in another encoding: keep its ASCII, mark the rest */
        nfc_name = xstrdup(name);
        for (char *c = nfc_name; *c; c++)
            if ((unsigned char)*c >= 0x80)
                *c = '?';
    }
    int rc = store_begin(st, "evidence.add", err);
    if (!rc)
        rc = link_rows(st, task_id, period, nfc_name, mime, res, err);
    if (!rc)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    free(nfc_name);
    if (rc && !res->already_stored) {
        /* we stored it just now and nothing refers to it */
        char *stored = store_evidence_path(st, res->sha256);
        unlink(stored);
        free(stored);
    }
    return rc;
}

/* ---------- list and appraise ---------- */

int store_evidence_list(xaso_store *st, long long plan_id, const char *period, long long task_id,
                        int (*cb)(const evidence_info *, void *), void *ctx, xaso_error *err)
{
    sqlite3_stmt *s;
    const char *sql =
        "SELECT e.id, e.task_update_id, t.id, f.size, t.key, t.code, u.period, e.sha256, "
        "e.original_name, f.mime, e.appraisal, e.appraisal_reason, e.appraised_by, "
        "e.appraised_at, e.added_at, e.added_by "
        "FROM evidence e JOIN task_update u ON u.id = e.task_update_id "
        "JOIN task t ON t.id = u.task_id JOIN evidence_file f ON f.sha256 = e.sha256 "
        "WHERE t.plan_id = ?1 AND (?2 IS NULL OR u.period = ?2) AND (?3 = 0 OR t.id = ?3) "
        "ORDER BY t.pos, u.period, e.added_at, e.id";
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, "evidence");
    sqlite3_bind_int64(s, 1, plan_id);
    if (period)
        sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 2);
    sqlite3_bind_int64(s, 3, task_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        evidence_info e = {0};
        e.id = sqlite3_column_int64(s, 0);
        e.task_update_id = sqlite3_column_int64(s, 1);
        e.task_id = sqlite3_column_int64(s, 2);
        e.size = sqlite3_column_int64(s, 3);
        e.task_key = (const char *)sqlite3_column_text(s, 4);
        e.task_code = (const char *)sqlite3_column_text(s, 5);
        e.period = (const char *)sqlite3_column_text(s, 6);
        e.sha256 = (const char *)sqlite3_column_text(s, 7);
        e.original_name = (const char *)sqlite3_column_text(s, 8);
        e.mime = (const char *)sqlite3_column_text(s, 9);
        if (!appraisal_from_code((const char *)sqlite3_column_text(s, 10), &e.appraisal))
            e.appraisal = EVIDENCE_PENDING;
        e.appraisal_reason = (const char *)sqlite3_column_text(s, 11);
        e.appraised_by = (const char *)sqlite3_column_text(s, 12);
        e.appraised_at = (const char *)sqlite3_column_text(s, 13);
        e.added_at = (const char *)sqlite3_column_text(s, 14);
        e.added_by = (const char *)sqlite3_column_text(s, 15);
        if (cb(&e, ctx))
            break;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, err, "evidence");
}

int store_evidence_appraise(xaso_store *st, long long evidence_id, xaso_appraisal appraisal,
                            const char *reason, xaso_error *err)
{
    if (appraisal != EVIDENCE_ACCEPTED && appraisal != EVIDENCE_REJECTED)
        return xaso_error_set(err, XASO_EX_USAGE, _("an appraisal is accepted or rejected"));
    if (appraisal == EVIDENCE_REJECTED && (!reason || !*reason))
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("give the reason why the evidence is rejected"));
    if (store_authorize(st, PERM_EVIDENCE_APPRAISE, OWNERSHIP_NONE, err))
        return err->code;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT u.task_id, u.period FROM evidence e JOIN task_update u ON "
                           "u.id = e.task_update_id WHERE e.id = ?1",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, "evidence");
    sqlite3_bind_int64(s, 1, evidence_id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return xaso_error_set(err, XASO_EX_NOINPUT, _("no evidence with id %lld"), evidence_id);
    }
    long long task_id = sqlite3_column_int64(s, 0);
    char period[XASO_PERIOD_ID_SIZE + 8];
    snprintf(period, sizeof period, "%s", (const char *)sqlite3_column_text(s, 1));
    sqlite3_finalize(s);
    char now[40];
    store_now(now, sizeof now);
    int rc = store_begin(st, "evidence.appraise", err);
    if (!rc)
        rc = check_unlocked(st, task_id, period, err);
    store_value keys[] = {SV_INT("id", evidence_id)};
    store_value cols[] = {SV_TEXT("appraisal", appraisal_code(appraisal)),
                          SV_TEXT("appraisal_reason",
                                  appraisal == EVIDENCE_REJECTED ? reason : NULL),
                          SV_TEXT("appraised_by", store_actor(st)), SV_TEXT("appraised_at", now)};
    long long id;
    store_sync_result r;
    if (!rc)
        rc = store_sync_row(st, "evidence", keys, 1, cols, 4, &id, &r, err);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}
