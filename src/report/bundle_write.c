/* Writing a bundle: the payload in a stable order with fixed timestamps, the bag's tag files,
 * the zip built next to the target, flushed, renamed, the folder flushed, then re-read and
 * verified before the report becomes packaged. */
#include "xaso/bundle.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "bag.h"
#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/report.h"
#include "xaso/report_files.h"
#include "xaso/store_account.h"
#include "xaso/store_evidence.h"
#include "xaso/utf8.h"

/* A build killed mid-way (power cut, SIGKILL) leaves its temporary zip ".xaso-PID-TIME.part" (and
 * libzip's own ".part.XXXXXX") in the target folder. Every build holds a shared lock on the folder
 * while it writes; one that gets the lock alone knows every such file there is stale and removes
 * them. Returns the folder's descriptor (closing it releases the lock), or -1. */
static int lock_target_dir(const char *dir)
{
    const char *path = dir && *dir ? dir : ".";
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
        DIR *d = opendir(path);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            long pid = 0, stamp = 0;
            int used = 0;
            if (sscanf(de->d_name, ".xaso-%ld-%ld.part%n", &pid, &stamp, &used) != 2 || !used)
                continue;
            strbuf victim = STRBUF_INIT;
            sb_appendf(&victim, "%s/%s", path, de->d_name);
            unlink(sb_str(&victim));
            sb_free(&victim);
        }
        if (d)
            closedir(d);
    }
    flock(fd, LOCK_SH);
    return fd;
}

/* ASCII [A-Za-z0-9._-], diacritics folded ("Ngọc Sơn" → "ngoc-son"). */
static void ascii_name(strbuf *sb, const char *s)
{
    char *folded = utf8_fold(s ? s : "");
    const char *p = folded ? folded : "";
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        sb_putc(sb, c < 0x80 && (isalnum(c) || c == '.' || c == '_' || c == '-') ? (char)c : '-');
    }
    free(folded);
}

char *bundle_file_name(const char *office_code, const char *plan_key, const char *period,
                       const char *sender)
{
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "xaso-");
    ascii_name(&sb, office_code);
    sb_putc(&sb, '-');
    ascii_name(&sb, plan_key);
    sb_putc(&sb, '-');
    ascii_name(&sb, period);
    if (sender && *sender) {
        sb_putc(&sb, '-');
        ascii_name(&sb, sender);
    }
    sb_append(&sb, ".zip");
    return sb_detach(&sb);
}

bool bundle_encryption_supported(void)
{
    return zip_encryption_method_supported(ZIP_EM_AES_256, 1) &&
           zip_encryption_method_supported(ZIP_EM_AES_256, 0);
}

typedef struct {
    char *name;          /* relative to the bag: "data/targets.csv" */
    unsigned char *data; /* in memory, or NULL for a file */
    size_t len;
    char *file;          /* evidence file on disk */
    char sha256[65];
    unsigned long long size;
    bool store;          /* already compressed: stored, not deflated */
} payload_entry;

typedef struct {
    payload_entry *items;
    size_t count, cap;
} payload;

static payload_entry *payload_add(payload *p, const char *name)
{
    if (p->count == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 32;
        p->items = xrealloc(p->items, p->cap * sizeof *p->items);
    }
    payload_entry *e = &p->items[p->count++];
    memset(e, 0, sizeof *e);
    e->name = xstrdup(name);
    return e;
}

static void payload_add_text(payload *p, const char *name, strbuf *text)
{
    payload_entry *e = payload_add(p, name);
    e->len = text->len;
    e->data = (unsigned char *)sb_detach(text);
    e->size = e->len;
    sha256_hex(e->data ? (const void *)e->data : "", e->len, e->sha256);
}

static void payload_free(payload *p)
{
    for (size_t i = 0; i < p->count; i++) {
        free(p->items[i].name);
        free(p->items[i].data);
        free(p->items[i].file);
    }
    free(p->items);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const payload_entry *)a)->name, ((const payload_entry *)b)->name);
}

/* Fixed entry times: the moment the report was finalised (as the zip's local-time fields). */
static time_t entry_time(const report_data *d)
{
    struct tm tm = {0};
    int y = 2000, mo = 1, da = 1, h = 0, mi = 0, s = 0;
    if (d->finalised_at)
        sscanf(d->finalised_at, "%d-%d-%dT%d:%d:%d", &y, &mo, &da, &h, &mi, &s);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = da;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static int build_payload(xaso_store *st, const report_data *d, payload *p, xaso_error *err)
{
    char document[64];
    snprintf(document, sizeof document, "bao-cao-%s.docx", d->period);
    size_t n;
    const report_table *tables = report_tables(&n);
    strbuf sb = STRBUF_INIT;
    char name[128];
    for (size_t i = 0; i < n + d->n_extra_tables; i++) {
        const report_table *ti = i < n ? &tables[i] : &d->extra_tables[i - n];
        report_table_csv(ti, d, &sb);
        snprintf(name, sizeof name, "data/%s", ti->path);
        payload_add_text(p, name, &sb);
    }
    report_datapackage_json(d, document, &sb);
    payload_add_text(p, "data/datapackage.json", &sb);
    unsigned char *docx;
    size_t docx_len;
    if (report_docx(d, (long long)entry_time(d), &docx, &docx_len, err))
        return err->code;
    snprintf(name, sizeof name, "data/%s", document);
    payload_entry *e = payload_add(p, name);
    e->data = docx;
    e->len = docx_len;
    e->size = docx_len;
    e->store = true;
    sha256_hex(docx, docx_len, e->sha256);
    /* evidence: each content once */
    for (size_t i = 0; i < d->n_evidence; i++) {
        const report_evidence *ev = &d->evidence[i];
        snprintf(name, sizeof name, "data/%s", ev->bundle_name);
        bool seen = false;
        for (size_t k = 0; k < p->count && !seen; k++)
            seen = !strcmp(p->items[k].name, name);
        if (seen)
            continue;
        char *file = store_evidence_path(st, ev->sha256);
        struct stat sbuf;
        if (stat(file, &sbuf) != 0 || !S_ISREG(sbuf.st_mode)) {
            int rc = xaso_error_set_at(err, XASO_EX_NOINPUT, file, 0, 0,
                                       _("the evidence file \"%s\" of task %s is missing from "
                                         "the evidence folder"),
                                       ev->original_name, ev->task_key);
            free(file);
            return rc;
        }
        e = payload_add(p, name);
        e->file = file;
        e->size = (unsigned long long)sbuf.st_size;
        snprintf(e->sha256, sizeof e->sha256, "%s", ev->sha256);
        e->store = evidence_mime_is_compressed(ev->mime);
    }
    qsort(p->items, p->count, sizeof *p->items, by_name);
    return 0;
}

static int tag_files(const report_data *d, const payload *p, payload *tags)
{
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, BAGIT_TXT);
    payload_add_text(tags, "bagit.txt", &sb);

    unsigned long long octets = 0;
    for (size_t i = 0; i < p->count; i++)
        octets += p->items[i].size;
    char oxum[64], today[16];
    snprintf(oxum, sizeof oxum, "%llu.%zu", octets, p->count);
    date_format_iso(store_today(), today, sizeof today);
    strbuf id = STRBUF_INIT, desc = STRBUF_INIT, agent = STRBUF_INIT;
    sb_appendf(&id, "xaso:%s:%s:%s%s%s", d->office_code, d->plan_key, d->period,
               *d->sender ? ":" : "", d->sender);
    sb_appendf(&desc, "Báo cáo kết quả thực hiện %s, %s", d->plan_title, d->period_title);
    sb_appendf(&agent, "xaso %s", XASO_VERSION);
    bag_info_line(&sb, "Source-Organization", d->sender_name);
    if (d->built_by)
        bag_info_line(&sb, "Contact-Name", d->built_by);
    bag_info_line(&sb, "External-Identifier", sb_str(&id));
    bag_info_line(&sb, "External-Description", sb_str(&desc));
    bag_info_line(&sb, "Bagging-Date", today);
    bag_info_line(&sb, "Payload-Oxum", oxum);
    bag_info_line(&sb, "Bag-Software-Agent", sb_str(&agent));
    bag_info_line(&sb, "Xaso-Office-Code", d->office_code);
    bag_info_line(&sb, "Xaso-Office-Name", d->office_name);
    bag_info_line(&sb, "Xaso-Plan-Key", d->plan_key);
    bag_info_line(&sb, "Xaso-Plan-Symbol", d->plan_symbol ? d->plan_symbol : "");
    bag_info_line(&sb, "Xaso-Period", d->period);
    bag_info_line(&sb, "Xaso-Sender", *d->sender ? d->sender : "office");
    bag_info_line(&sb, "Xaso-Sender-Name", d->sender_name);
    if (d->finalised_by)
        bag_info_line(&sb, "Xaso-Finalised-By", d->finalised_by);
    if (d->finalised_at)
        bag_info_line(&sb, "Xaso-Finalised-At", d->finalised_at);
    if (d->built_by)
        bag_info_line(&sb, "Xaso-Built-By", d->built_by);
    sb_free(&id);
    sb_free(&desc);
    sb_free(&agent);
    payload_add_text(tags, "bag-info.txt", &sb);

    bag_line *lines = xcalloc(p->count + 1, sizeof *lines);
    for (size_t i = 0; i < p->count; i++)
        lines[i] = (bag_line){p->items[i].name, p->items[i].sha256};
    bag_manifest(&sb, lines, p->count);
    free(lines);
    payload_add_text(tags, "manifest-sha256.txt", &sb);

    qsort(tags->items, tags->count, sizeof *tags->items, by_name);
    bag_line tl[3];
    for (size_t i = 0; i < 3; i++)
        tl[i] = (bag_line){tags->items[i].name, tags->items[i].sha256};
    bag_manifest(&sb, tl, 3);
    payload_add_text(tags, "tagmanifest-sha256.txt", &sb);
    return 0;
}

static int write_fail(xaso_error *err, const char *target, int e, const char *what)
{
    if (e == ENOSPC || e == EDQUOT || e == EFBIG)
        return xaso_error_set_at(err, XASO_EX_IOERR, target, 0, 0,
                                 _("the target is full (%s): the bundle was not written, nothing "
                                   "was left there and the report is unchanged"),
                                 strerror(e));
    if (e == ENOENT || e == ENODEV || e == ENXIO || e == EIO)
        return xaso_error_set_at(err, XASO_EX_IOERR, target, 0, 0,
                                 _("the target disappeared or failed while writing (%s): the "
                                   "bundle was not written and the report is unchanged; plug the "
                                   "stick in again and retry"),
                                 strerror(e));
    return xaso_error_set_at(err, XASO_EX_IOERR, target, 0, 0,
                             _("cannot write the bundle (%s: %s): nothing was left there and the "
                               "report is unchanged"),
                             what, e ? strerror(e) : "?");
}

static void write_progress(zip_t *za, double fraction, void *ud)
{
    (void)za;
    const bundle_options *opt = ud;
    opt->progress(opt->progress_ctx, BUNDLE_STAGE_WRITE, fraction);
}

static int add_entry(zip_t *za, const char *top, const payload_entry *e, time_t mtime,
                     const char *passphrase, xaso_error *err)
{
    zip_source_t *src = e->file ? zip_source_file(za, e->file, 0, 0)
                                : zip_source_buffer(za, e->data ? (const void *)e->data : "",
                                                    e->len, 0);
    char name[512];
    snprintf(name, sizeof name, "%s/%s", top, e->name);
    zip_int64_t idx = src ? zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
        if (src)
            zip_source_free(src);
        return xaso_error_set(err, XASO_EX_SOFTWARE, _("cannot add %s to the bundle: %s"), name,
                              zip_strerror(za));
    }
    zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0);
    zip_set_file_compression(za, (zip_uint64_t)idx, e->store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                             e->store ? 0 : 6);
    if (passphrase &&
        zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, passphrase) != 0)
        return xaso_error_set(err, XASO_EX_SOFTWARE, _("cannot encrypt %s: %s"), name,
                              zip_strerror(za));
    return 0;
}

/* Flush the written file to the device and drop it from the page cache, so that the check that
 * follows reads what is really on the stick. */
static int flush_file(const char *path, xaso_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return write_fail(err, path, errno, "open");
    int e = 0;
    if (fsync(fd) != 0)
        e = errno;
#ifdef POSIX_FADV_DONTNEED
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
#endif
    close(fd);
    return e ? write_fail(err, path, e, "fsync") : 0;
}

static char *target_path(const char *output, const char *name, xaso_error *err)
{
    if (fs_is_dir(output))
        return fs_join(output, name);
    size_t n = strlen(output);
    if (n == 0 || output[n - 1] == '/') {
        xaso_error_set_at(err, XASO_EX_CANTCREAT, output, 0, 0, _("no such folder"));
        return NULL;
    }
    char *dir = xstrdup(output);
    char *slash = strrchr(dir, '/');
    bool ok = !slash || slash == dir || (*slash = '\0', fs_is_dir(dir));
    free(dir);
    if (!ok) {
        xaso_error_set_at(err, XASO_EX_CANTCREAT, output, 0, 0,
                          _("the folder to write into does not exist"));
        return NULL;
    }
    return xstrdup(output);
}

static char *top_folder(const char *target)
{
    const char *base = strrchr(target, '/');
    base = base ? base + 1 : target;
    size_t n = strlen(base);
    if (n > 4 && !strcasecmp(base + n - 4, ".zip"))
        n -= 4;
    char *raw = xstrndup(base, n);
    strbuf sb = STRBUF_INIT;
    ascii_name(&sb, raw);
    free(raw);
    if (!sb.len || !strcmp(sb_str(&sb), ".") || !strcmp(sb_str(&sb), ".."))
        sb_append(&sb, "bundle");
    return sb_detach(&sb);
}

/* given: a report built by the caller (bundle_build_data): no state check, no transition, not
 * freed here. NULL: the report of (plan_id, period, opt->sender), loaded from the store. */
static int build_bundle(xaso_store *st, long long plan_id, const char *period,
                        const bundle_options *opt, report_data *given, bundle_result *res,
                        xaso_error *err)
{
    memset(res, 0, sizeof *res);
    if (opt->passphrase && !bundle_encryption_supported())
        return xaso_error_set(err, XASO_EX_CONFIG,
                              _("this build of libzip cannot encrypt with AES-256"));
    if (opt->passphrase && !*opt->passphrase)
        return xaso_error_set(err, XASO_EX_USAGE, _("the passphrase is empty"));
    /* refused before anything is read or written (report_load may create a draft row) */
    if (store_authorize(st, PERM_BUNDLE_BUILD, OWNERSHIP_NONE, err))
        return err->code;
    report_data *d = given;
    if (!d && report_load(st, plan_id, period, opt->sender, &d, err))
        return err->code;
    d->built_by = d->arena ? arena_strdup(d->arena, store_actor(st)) : store_actor(st);
    int rc = 0;
    char *name = NULL, *target = NULL, *top = NULL, *tmp = NULL;
    int dir_lock = -1;
    payload p = {0}, tags = {0};
    zip_t *za = NULL;
    if (!given && d->state != REPORT_FINALISED && d->state != REPORT_PACKAGED) {
        rc = xaso_error_set(err, XASO_EX_DATAERR,
                            _("the report for %s is %s: finalise it first (xaso report finalise)"),
                            d->period, report_state_label(d->state));
        goto out;
    }
    name = bundle_file_name(d->office_code, d->plan_key, d->period, d->sender);
    if (!(target = target_path(opt->output, name, err))) {
        rc = err->code;
        goto out;
    }
    top = top_folder(target);
    if ((rc = build_payload(st, d, &p, err)) || (rc = tag_files(d, &p, &tags)))
        goto out;

    /* the temporary zip, next to the target */
    strbuf t = STRBUF_INIT;
    {
        char *dir = xstrdup(target);
        char *slash = strrchr(dir, '/');
        if (slash)
            slash[1] = '\0';
        dir_lock = lock_target_dir(slash ? dir : NULL);
        sb_appendf(&t, "%s.xaso-%ld-%ld.part", slash ? dir : "", (long)getpid(), (long)time(NULL));
        free(dir);
    }
    tmp = sb_detach(&t);
    unlink(tmp);
    int zerr = 0;
    za = zip_open(tmp, ZIP_CREATE | ZIP_EXCL, &zerr);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        int e = zip_error_code_system(&ze);
        zip_error_fini(&ze);
        rc = write_fail(err, target, e, "create");
        goto out;
    }
    time_t mtime = entry_time(d);
    for (size_t i = 0; i < tags.count && !rc; i++)
        rc = add_entry(za, top, &tags.items[i], mtime, opt->passphrase, err);
    for (size_t i = 0; i < p.count && !rc; i++)
        rc = add_entry(za, top, &p.items[i], mtime, opt->passphrase, err);
    if (rc)
        goto out;
    if (opt->progress) {
        opt->progress(opt->progress_ctx, BUNDLE_STAGE_WRITE, 0);
        zip_register_progress_callback_with_state(za, 0.005, write_progress, NULL, (void *)opt);
    }
    /* libzip creates the file at zip_close with the umask's mode: private from its creation on,
     * not only once it is complete */
    mode_t old_umask = umask(077);
    int zclosed = zip_close(za);
    umask(old_umask);
    if (zclosed != 0) {
        zip_error_t *ze = zip_get_error(za);
        int e = zip_error_code_system(ze);
        int zcode = zip_error_code_zip(ze);
        if (!e && zcode == ZIP_ER_NOENT)
            e = ENOENT;
        rc = write_fail(err, target, e, zip_error_strerror(ze));
        goto out;
    }
    za = NULL;
    /* private to the user like every file xaso writes, where the file system has modes: on a
     * FAT/exFAT USB stick it has none and chmod may fail, which must not stop the export */
    if (chmod(tmp, 0600) != 0 && errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP) {
        rc = write_fail(err, target, errno, "chmod");
        goto out;
    }
    if ((rc = flush_file(tmp, err)))
        goto out;
    if (rename(tmp, target) != 0) {
        rc = write_fail(err, target, errno, "rename");
        goto out;
    }
    free(tmp);
    tmp = NULL;
    if ((rc = fs_sync_parent(target, err))) {
        unlink(target);
        goto out;
    }
    /* re-open the copy on the target and check all of it */
    if (opt->progress)
        opt->progress(opt->progress_ctx, BUNDLE_STAGE_VERIFY, 0);
    bundle_report rep = {0};
    xaso_error verr;
    xaso_error_clear(&verr);
    if (bundle_verify(target, opt->passphrase, NULL, &rep, &verr) || rep.count) {
        rc = xaso_error_set_at(err, XASO_EX_IOERR, target, 0, 0,
                               _("the written copy does not verify (%s); it was removed and the "
                                 "report is unchanged"),
                               rep.count ? rep.lines[0] : verr.message);
        bundle_report_free(&rep);
        unlink(target);
        fs_sync_parent(target, NULL);
        goto out;
    }
    if (opt->progress)
        opt->progress(opt->progress_ctx, BUNDLE_STAGE_VERIFY, 1);
    snprintf(res->path, sizeof res->path, "%s", target);
    snprintf(res->sha256, sizeof res->sha256, "%s", rep.sha256);
    res->payload_files = rep.payload_files;
    res->payload_bytes = rep.payload_bytes;
    bundle_report_free(&rep);
    struct stat sbuf;
    if (stat(target, &sbuf) == 0)
        res->size = (unsigned long long)sbuf.st_size;
    if (!given) { /* the packaged event names the bundle, so a receipt can be matched to it */
        char note[80];
        snprintf(note, sizeof note, REPORT_BUNDLE_NOTE_PREFIX "%s", res->sha256);
        rc = store_report_transition(st, d->report_id, REPORT_PACKAGED, note, err);
    }
out:
    if (za)
        zip_discard(za);
    if (tmp)
        unlink(tmp);
    if (dir_lock >= 0)
        close(dir_lock);
    payload_free(&p);
    payload_free(&tags);
    free(name);
    free(target);
    free(top);
    free(tmp);
    if (!given)
        report_free(d);
    return rc;
}

int bundle_build(xaso_store *st, long long plan_id, const char *period,
                 const bundle_options *opt, bundle_result *res, xaso_error *err)
{
    return build_bundle(st, plan_id, period, opt, NULL, res, err);
}

int bundle_build_data(xaso_store *st, report_data *d, const bundle_options *opt,
                      bundle_result *res, xaso_error *err)
{
    return build_bundle(st, d->plan_id, d->period, opt, d, res, err);
}
