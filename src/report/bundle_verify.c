/* Checking a bundle from another machine: entry names, sizes and ratios counted while reading
 * (headers are never trusted), the bag's manifests and Payload-Oxum, then the data package.
 * Nothing is ever written to disk. */
#include "xaso/bundle.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "bag.h"
#include "verify.h"
#include "xaso/i18n.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

enum { MAX_PROBLEM_LINES = 200 };

void bundle_limits_default(bundle_limits *l)
{
    l->max_entries = 50000;
    l->max_entry_bytes = 2ULL << 30;
    l->max_total_bytes = 8ULL << 30;
    l->max_ratio = 200;
    l->ratio_floor = 1ULL << 20;
    l->max_text_bytes = 256ULL << 20;
}

void verify_problem(bundle_report *rep, const char *fmt, ...)
{
    if (rep->count >= MAX_PROBLEM_LINES)
        return;
    if (rep->count == rep->cap) {
        rep->cap = rep->cap ? rep->cap * 2 : 16;
        rep->lines = xrealloc(rep->lines, rep->cap * sizeof *rep->lines);
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    rep->lines[rep->count++] = xstrdup(buf);
    if (rep->count == MAX_PROBLEM_LINES)
        rep->lines[rep->count - 1] = (free(rep->lines[rep->count - 1]),
                                      xstrdup(_("too many problems; the rest are not listed")));
}

void bundle_report_free(bundle_report *rep)
{
    for (size_t i = 0; i < rep->count; i++)
        free(rep->lines[i]);
    free(rep->lines);
    memset(rep, 0, sizeof *rep);
}

const bag_entry *bag_find(const bag_entries *bag, const char *name)
{
    for (size_t i = 0; i < bag->count; i++)
        if (!strcmp(bag->items[i].name, name))
            return &bag->items[i];
    return NULL;
}

/* Safe-to-print copy of a raw entry name: non-printable bytes as \xHH. */
static char *printable(const char *s)
{
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c < 0x20 || *c >= 0x7F)
            sb_appendf(&sb, "\\x%02X", *c);
        else
            sb_putc(&sb, (char)*c);
    }
    return sb_detach(&sb);
}

/* Problems with one entry name; false when it must not be used at all. */
static bool name_ok(const char *name, bundle_report *rep)
{
    char *shown = printable(name);
    bool ok = true;
    if (!*name) {
        verify_problem(rep, "%s", _("an entry has an empty name"));
        ok = false;
    }
    for (const unsigned char *c = (const unsigned char *)name; ok && *c; c++)
        if (*c < 0x20 || *c >= 0x7F) {
            verify_problem(rep, _("%s: entry name is not plain ASCII"), shown);
            ok = false;
        }
    if (ok && name[0] == '/') {
        verify_problem(rep, _("%s: entry name is absolute"), shown);
        ok = false;
    }
    if (ok && strchr(name, '\\')) {
        verify_problem(rep, _("%s: entry name contains a backslash"), shown);
        ok = false;
    }
    if (ok && isalpha((unsigned char)name[0]) && name[1] == ':') {
        verify_problem(rep, _("%s: entry name starts with a drive letter"), shown);
        ok = false;
    }
    if (ok) {
        const char *p = name;
        while (*p) {
            const char *slash = strchr(p, '/');
            size_t n = slash ? (size_t)(slash - p) : strlen(p);
            if (n == 2 && !strncmp(p, "..", 2)) {
                verify_problem(rep, _("%s: entry name contains \"..\""), shown);
                ok = false;
                break;
            }
            if ((n == 1 && *p == '.') || (n == 0 && slash)) {
                verify_problem(rep, _("%s: entry name has an empty or \".\" part"), shown);
                ok = false;
                break;
            }
            p += n;
            if (*p)
                p++;
        }
    }
    free(shown);
    return ok;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool keep_text(const char *rel)
{
    size_t n = strlen(rel);
    if (!strchr(rel, '/'))
        return true; /* tag files */
    return !strncmp(rel, "data/", 5) && !strchr(rel + 5, '/') &&
           ((n > 4 && !strcmp(rel + n - 4, ".csv")) || (n > 5 && !strcmp(rel + n - 5, ".json")));
}

typedef enum { READ_OK, READ_SKIP, READ_STOP } read_result;

/* Read one entry, counting bytes; never trusting its header. */
static read_result read_entry(zip_t *za, zip_uint64_t idx, const char *shown, const char *rel,
                              const char *passphrase, const bundle_limits *lim,
                              unsigned long long *total, bag_entry *e, bundle_report *rep)
{
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat_index(za, idx, 0, &zs) != 0) {
        verify_problem(rep, _("%s: cannot read its header: %s"), shown, zip_strerror(za));
        return READ_SKIP;
    }
    unsigned long long declared = (zs.valid & ZIP_STAT_SIZE) ? zs.size : 0;
    unsigned long long csize = (zs.valid & ZIP_STAT_COMP_SIZE) ? zs.comp_size : 0;
    if (declared > lim->max_entry_bytes) {
        verify_problem(rep, _("%s: declares %llu bytes, past the limit of %llu"), shown, declared,
                       lim->max_entry_bytes);
        return READ_SKIP;
    }
    bool encrypted = (zs.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
                     zs.encryption_method != ZIP_EM_NONE;
    if (encrypted)
        rep->encrypted = true;
    if (encrypted && !passphrase) {
        verify_problem(rep, "%s",
                       _("the bundle is encrypted: give the passphrase (prompt or "
                         "XASO_PASSPHRASE)"));
        return READ_STOP;
    }
    zip_file_t *zf = encrypted ? zip_fopen_index_encrypted(za, idx, 0, passphrase)
                               : zip_fopen_index(za, idx, 0);
    if (!zf) {
        int code = zip_error_code_zip(zip_get_error(za));
        if (code == ZIP_ER_WRONGPASSWD) {
            verify_problem(rep, "%s", _("wrong passphrase"));
            return READ_STOP;
        }
        if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_COMPNOTSUPP)
            verify_problem(rep, _("%s: uses a compression or encryption method xaso cannot read"),
                           shown);
        else
            verify_problem(rep, _("%s: cannot open: %s"), shown, zip_strerror(za));
        return READ_SKIP;
    }
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    bool text = keep_text(rel);
    strbuf buf = STRBUF_INIT;
    enum { CHUNK = 1 << 16 };
    char *chunk = xmalloc(CHUNK);
    unsigned long long count = 0;
    read_result result = READ_OK;
    bool complete = false;
    for (;;) {
        zip_int64_t n = zip_fread(zf, chunk, CHUNK);
        if (n < 0) {
            int code = zip_error_code_zip(zip_file_get_error(zf));
            if (code == ZIP_ER_CRC)
                verify_problem(rep, _("%s: damaged (CRC check failed)"), shown);
            else if (code == ZIP_ER_WRONGPASSWD) {
                verify_problem(rep, "%s", _("wrong passphrase"));
                result = READ_STOP;
            } else if (code == ZIP_ER_INCONS && count > declared)
                verify_problem(rep, _("%s: larger than its header declares (%llu bytes)"), shown,
                               declared);
            else
                verify_problem(rep, _("%s: cannot read: %s"), shown,
                               zip_file_strerror(zf));
            break;
        }
        if (n == 0) {
            complete = true;
            break;
        }
        count += (unsigned long long)n;
        *total += (unsigned long long)n;
        if (count > declared) {
            verify_problem(rep, _("%s: larger than its header declares (%llu bytes)"), shown,
                           declared);
            break;
        }
        if (count > lim->max_entry_bytes) {
            verify_problem(rep, _("%s: more than %llu bytes, past the size limit"), shown,
                           lim->max_entry_bytes);
            break;
        }
        if (*total > lim->max_total_bytes) {
            verify_problem(rep, _("the bundle holds more than %llu bytes, past the size limit"),
                           lim->max_total_bytes);
            result = READ_STOP;
            break;
        }
        if (count > lim->ratio_floor && count / (csize ? csize : 1) > lim->max_ratio) {
            verify_problem(rep,
                           _("%s: compressed more than %llu to 1, past the ratio limit (a zip "
                             "bomb?)"),
                           shown, lim->max_ratio);
            break;
        }
        EVP_DigestUpdate(md, chunk, (size_t)n);
        if (text) {
            if (buf.len + (size_t)n > lim->max_text_bytes) {
                verify_problem(rep, _("%s: too large to check (over %llu bytes)"), shown,
                               lim->max_text_bytes);
                break;
            }
            sb_append_len(&buf, chunk, (size_t)n);
        }
    }
    free(chunk);
    zip_fclose(zf);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    EVP_DigestFinal_ex(md, digest, &dlen);
    EVP_MD_CTX_free(md);
    if (complete && count < declared) {
        verify_problem(rep, _("%s: shorter than its header declares"), shown);
        complete = false;
    }
    e->size = count;
    if (complete) {
        static const char digits[] = "0123456789abcdef";
        for (unsigned i = 0; i < dlen; i++) {
            e->sha256[2 * i] = digits[digest[i] >> 4];
            e->sha256[2 * i + 1] = digits[digest[i] & 15];
        }
        e->sha256[2 * dlen] = '\0';
        e->read_ok = true;
        if (text) {
            sb_append(&buf, "");
            e->text_len = buf.len;
            e->text = sb_detach(&buf);
        }
    }
    sb_free(&buf);
    return result;
}

/* ---------- the bag ---------- */

static bool is_hex64(const char *s, size_t n)
{
    if (n != 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

static char *percent_decode(const char *s, size_t n)
{
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n + 0 && isxdigit((unsigned char)s[i + 1]) &&
            isxdigit((unsigned char)s[i + 2])) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            sb_putc(&sb, (char)strtol(hex, NULL, 16));
            i += 2;
        } else {
            sb_putc(&sb, s[i]);
        }
    }
    return sb_detach(&sb);
}

/* Check one manifest; listed[i] is set for each bag entry the manifest names. */
static void check_manifest(const bag_entries *bag, const char *manifest, bool payload,
                           bool *listed, bundle_report *rep)
{
    const bag_entry *m = bag_find(bag, manifest);
    if (!m || !m->text) {
        if (!m)
            verify_problem(rep, _("%s is missing"), manifest);
        return;
    }
    const char *p = m->text;
    int line = 0;
    while (*p) {
        line++;
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        size_t len = n;
        if (len && p[len - 1] == '\r')
            len--;
        const char *sp = memchr(p, ' ', len);
        const char *tab = memchr(p, '\t', len);
        if (!sp || (tab && tab < sp))
            sp = tab;
        if (!sp || !is_hex64(p, (size_t)(sp - p))) {
            verify_problem(rep, _("%s: line %d is not \"<sha256> <path>\""), manifest, line);
        } else {
            const char *path = sp;
            while (path < p + len && (*path == ' ' || *path == '\t'))
                path++;
            char *name = percent_decode(path, (size_t)(p + len - path));
            if (!*name || (payload && strncmp(name, "data/", 5)) ||
                (!payload && !strncmp(name, "data/", 5)) ||
                (!payload && !strcmp(name, "tagmanifest-sha256.txt"))) {
                verify_problem(rep, _("%s: line %d names \"%s\", which does not belong in it"),
                               manifest, line, name);
            } else {
                const bag_entry *e = bag_find(bag, name);
                if (!e) {
                    verify_problem(rep, _("%s: missing (listed in %s)"), name, manifest);
                } else {
                    size_t i = (size_t)(e - bag->items);
                    if (listed[i])
                        verify_problem(rep, _("%s: line %d lists %s a second time"), manifest,
                                       line, name);
                    listed[i] = true;
                    if (e->read_ok && strncasecmp(e->sha256, p, 64))
                        verify_problem(rep, _("%s: changed (its SHA-256 differs from %s)"), name,
                                       manifest);
                }
            }
            free(name);
        }
        p += n;
        if (*p)
            p++;
    }
}

static const char *info_value(const char *info, const char *label, char *buf, size_t size)
{
    size_t ln = strlen(label);
    for (const char *p = info; p && *p;) {
        if (!strncmp(p, label, ln) && p[ln] == ':') {
            const char *v = p + ln + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            size_t n = strcspn(v, "\r\n");
            snprintf(buf, size, "%.*s", (int)n, v);
            return buf;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return NULL;
}

static void check_bag(const bag_entries *bag, bundle_report *rep)
{
    const bag_entry *bagit = bag_find(bag, "bagit.txt");
    if (!bagit)
        verify_problem(rep, "%s", _("bagit.txt is missing: this is not a BagIt bag"));
    else if (bagit->text) {
        char v[64];
        if (!info_value(bagit->text, "BagIt-Version", v, sizeof v) || strcmp(v, "1.0") ||
            !info_value(bagit->text, "Tag-File-Character-Encoding", v, sizeof v) ||
            strcmp(v, "UTF-8"))
            verify_problem(rep, "%s",
                           _("bagit.txt: not \"BagIt-Version: 1.0\" with UTF-8 tag files"));
    }
    for (size_t i = 0; i < bag->count; i++) {
        const bag_entry *e = &bag->items[i];
        if (e->text && !strchr(e->name, '/') && !utf8_valid(e->text, e->text_len, NULL))
            verify_problem(rep, _("%s: not valid UTF-8"), e->name);
    }
    bool *listed = xcalloc(bag->count + 1, sizeof *listed);
    check_manifest(bag, "manifest-sha256.txt", true, listed, rep);
    check_manifest(bag, "tagmanifest-sha256.txt", false, listed, rep);
    unsigned long long octets = 0;
    size_t streams = 0;
    for (size_t i = 0; i < bag->count; i++) {
        const char *n = bag->items[i].name;
        if (!strncmp(n, "data/", 5)) {
            octets += bag->items[i].size;
            streams++;
            if (!listed[i])
                verify_problem(rep, _("%s: extra file (not in manifest-sha256.txt)"), n);
        } else if (!listed[i] && strcmp(n, "tagmanifest-sha256.txt") &&
                   strncmp(n, "manifest-", 9) && strncmp(n, "tagmanifest-", 12)) {
            verify_problem(rep, _("%s: extra file (not in tagmanifest-sha256.txt)"), n);
        }
    }
    free(listed);
    rep->payload_bytes = octets;
    rep->payload_files = streams;
    const bag_entry *info = bag_find(bag, "bag-info.txt");
    if (!info) {
        verify_problem(rep, "%s", _("bag-info.txt is missing"));
        return;
    }
    if (!info->text)
        return;
    static const char *const required[] = {"Source-Organization", "External-Identifier",
                                           "Bagging-Date", "Payload-Oxum", "Bag-Software-Agent",
                                           "Xaso-Office-Code", "Xaso-Plan-Key", "Xaso-Period"};
    char v[256];
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!info_value(info->text, required[i], v, sizeof v))
            verify_problem(rep, _("bag-info.txt: %s is missing"), required[i]);
    if (info_value(info->text, "Payload-Oxum", v, sizeof v)) {
        unsigned long long o = 0, s = 0;
        char extra;
        if (sscanf(v, "%llu.%llu%c", &o, &s, &extra) != 2)
            verify_problem(rep, _("bag-info.txt: Payload-Oxum \"%s\" is not OCTETS.FILES"), v);
        else if (o != octets || s != streams)
            verify_problem(rep,
                           _("bag-info.txt: Payload-Oxum says %llu bytes in %llu files, the "
                             "payload has %llu bytes in %zu files"),
                           o, s, octets, streams);
    }
}

/* Evidence files are named by their SHA-256. */
static void check_evidence_names(const bag_entries *bag, bundle_report *rep)
{
    for (size_t i = 0; i < bag->count; i++) {
        const bag_entry *e = &bag->items[i];
        if (strncmp(e->name, "data/evidence/", 14) || !e->read_ok)
            continue;
        const char *base = e->name + 14;
        if (strncmp(base, e->sha256, 64) || (base[64] && base[64] != '.'))
            verify_problem(rep, _("%s: evidence is not named by its SHA-256"), e->name);
    }
}

static int hash_file(const char *path, bundle_report *rep, unsigned char head[4], xaso_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return xaso_error_set_at(err, XASO_EX_NOINPUT, path, 0, 0, _("cannot read: %s"),
                                 strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return xaso_error_set_at(err, XASO_EX_NOINPUT, path, 0, 0, _("not a regular file"));
    }
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    enum { CHUNK = 1 << 16 };
    unsigned char *buf = xmalloc(CHUNK);
    size_t got = 0;
    int rc = 0;
    for (;;) {
        ssize_t n = read(fd, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = xaso_error_set_at(err, XASO_EX_IOERR, path, 0, 0, _("cannot read: %s"),
                                   strerror(errno));
            break;
        }
        if (n == 0)
            break;
        for (ssize_t i = 0; i < n && got < 4; i++)
            head[got++] = buf[i];
        EVP_DigestUpdate(md, buf, (size_t)n);
    }
    free(buf);
    close(fd);
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int dl = 0;
    EVP_DigestFinal_ex(md, d, &dl);
    EVP_MD_CTX_free(md);
    static const char digits[] = "0123456789abcdef";
    for (unsigned i = 0; i < dl; i++) {
        rep->sha256[2 * i] = digits[d[i] >> 4];
        rep->sha256[2 * i + 1] = digits[d[i] & 15];
    }
    rep->sha256[2 * dl] = '\0';
    return rc;
}

bool bundle_is_encrypted(const char *path)
{
    int zerr;
    zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
    if (!za)
        return false;
    bool enc = false;
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n && !enc; i++) {
        zip_stat_t zs;
        zip_stat_init(&zs);
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &zs) == 0 &&
            (zs.valid & ZIP_STAT_ENCRYPTION_METHOD) && zs.encryption_method != ZIP_EM_NONE)
            enc = true;
    }
    zip_discard(za);
    return enc;
}

void bundle_texts_free(bundle_texts *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->items[i].name);
        free(t->items[i].text);
    }
    free(t->items);
    memset(t, 0, sizeof *t);
}

const bundle_text *bundle_text_find(const bundle_texts *t, const char *name)
{
    for (size_t i = 0; i < t->count; i++)
        if (!strcmp(t->items[i].name, name))
            return &t->items[i];
    return NULL;
}

int bundle_verify(const char *path, const char *passphrase, const bundle_limits *limits,
                  bundle_report *rep, xaso_error *err)
{
    return bundle_verify_keep(path, passphrase, limits, rep, NULL, err);
}

int bundle_verify_keep(const char *path, const char *passphrase, const bundle_limits *limits,
                       bundle_report *rep, bundle_texts *texts, xaso_error *err)
{
    memset(rep, 0, sizeof *rep);
    if (texts)
        memset(texts, 0, sizeof *texts);
    bundle_limits lim;
    if (limits)
        lim = *limits;
    else
        bundle_limits_default(&lim);
    unsigned char head[4] = {0};
    if (hash_file(path, rep, head, err))
        return err->code;
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
    if (!za) {
        if (zerr == ZIP_ER_NOZIP && !memcmp(head, "PK\x03\x04", 4))
            verify_problem(rep, "%s",
                           _("the zip is truncated or damaged: its central directory is "
                             "missing"));
        else if (zerr == ZIP_ER_NOZIP)
            verify_problem(rep, "%s", _("not a zip file"));
        else if (zerr == ZIP_ER_INCONS)
            verify_problem(rep, "%s", _("the zip is damaged: its directory is inconsistent"));
        else {
            zip_error_t ze;
            zip_error_init_with_code(&ze, zerr);
            verify_problem(rep, _("cannot open the zip: %s"), zip_error_strerror(&ze));
            zip_error_fini(&ze);
        }
        return 0;
    }
    zip_int64_t n = zip_get_num_entries(za, 0);
    rep->entries = n > 0 ? (size_t)n : 0;
    if (n < 0 || (unsigned long long)n > lim.max_entries) {
        verify_problem(rep, _("the zip has %lld entries, more than the limit of %llu"),
                       (long long)n, lim.max_entries);
        zip_discard(za);
        return 0;
    }
    if (n == 0) {
        verify_problem(rep, "%s", _("the zip is empty"));
        zip_discard(za);
        return 0;
    }
    /* names first: unsafe names, duplicates, one top-level folder */
    char **names = xcalloc((size_t)n, sizeof *names);
    bool *safe = xcalloc((size_t)n, sizeof *safe);
    bool structural = false;
    for (zip_int64_t i = 0; i < n; i++) {
        const char *raw = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        names[i] = xstrdup(raw ? raw : "");
        safe[i] = name_ok(names[i], rep);
        structural |= !safe[i];
    }
    char **sorted = xcalloc((size_t)n, sizeof *sorted);
    memcpy(sorted, names, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, cmp_str);
    for (zip_int64_t i = 1; i < n; i++)
        if (!strcmp(sorted[i], sorted[i - 1]) && (i < 2 || strcmp(sorted[i], sorted[i - 2]))) {
            char *shown = printable(sorted[i]);
            verify_problem(rep, _("%s: the name appears more than once"), shown);
            free(shown);
            structural = true;
        }
    free(sorted);
    char top[256] = "";
    bool top_set = false;
    for (zip_int64_t i = 0; i < n; i++) {
        if (!safe[i])
            continue;
        const char *slash = strchr(names[i], '/');
        size_t len = slash ? (size_t)(slash - names[i]) : strlen(names[i]);
        if (!slash) {
            verify_problem(rep, _("%s: outside the bundle's folder"), names[i]);
            structural = true;
            continue;
        }
        if (!top_set) {
            snprintf(top, sizeof top, "%.*s", (int)len, names[i]);
            top_set = true;
        } else if (strlen(top) != len || strncmp(top, names[i], len)) {
            verify_problem(rep, _("more than one top-level folder: %s and %.*s"), top, (int)len,
                           names[i]);
            structural = true;
            break;
        }
    }
    snprintf(rep->top, sizeof rep->top, "%s", top);
    /* read every safe file entry */
    bag_entries bag = {xcalloc((size_t)n, sizeof(bag_entry)), 0};
    unsigned long long total = 0;
    size_t toplen = strlen(top);
    for (zip_int64_t i = 0; i < n; i++) {
        if (!safe[i] || strncmp(names[i], top, toplen) || names[i][toplen] != '/')
            continue;
        const char *rel = names[i] + toplen + 1;
        size_t rl = strlen(rel);
        if (rl == 0 || rel[rl - 1] == '/')
            continue; /* a folder entry */
        bag_entry *e = &bag.items[bag.count++];
        e->name = xstrdup(rel);
        read_result r = read_entry(za, (zip_uint64_t)i, names[i], rel, passphrase, &lim, &total,
                                   e, rep);
        if (!e->read_ok)
            structural = true;
        if (r == READ_STOP)
            break;
    }
    zip_discard(za);
    if (!structural) {
        check_bag(&bag, rep);
        check_evidence_names(&bag, rep);
        if (bag_find(&bag, "data/datapackage.json"))
            verify_datapackage(&bag, rep);
        else
            verify_problem(rep, "%s", _("data/datapackage.json is missing"));
    }
    if (texts && rep->count == 0) {
        texts->items = xcalloc(bag.count + 1, sizeof *texts->items);
        for (size_t i = 0; i < bag.count; i++)
            if (bag.items[i].text) {
                bundle_text *t = &texts->items[texts->count++];
                t->name = bag.items[i].name;
                t->text = bag.items[i].text;
                t->len = bag.items[i].text_len;
                bag.items[i].name = bag.items[i].text = NULL;
            }
    }
    for (size_t i = 0; i < bag.count; i++) {
        free(bag.items[i].name);
        free(bag.items[i].text);
    }
    free(bag.items);
    for (zip_int64_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(safe);
    return 0;
}
