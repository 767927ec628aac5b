/* Importing a bundle: verify (the bundle checker, in memory), read bag-info.txt and the CSV
 * tables by their stable column codes, decide imported / updated / unchanged / ignored /
 * rejected, and write everything of one bundle in one transaction with its receipt. */
#include "xaso/receive.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../report/verify.h"
#include "../report/bag.h"
#include "receive_internal.h"
#include "xaso/bundle.h"
#include "xaso/i18n.h"
#include "xaso/period.h"
#include "xaso/status.h"
#include "xaso/store_account.h"
#include "xaso/store_plan.h"
#include "xaso/utf8.h"
#include "xaso/verdict.h"

const char *receive_status_code(receive_status s)
{
    static const char *const codes[] = {"imported", "updated", "unchanged", "ignored",
                                        "rejected"};
    return codes[s];
}

const char *receive_status_label(receive_status s)
{
    switch (s) {
    case RECEIVE_IMPORTED:
        return _("imported");
    case RECEIVE_UPDATED:
        return _("updated");
    case RECEIVE_UNCHANGED:
        return _("unchanged");
    case RECEIVE_IGNORED:
        return _("ignored");
    case RECEIVE_REJECTED:
        break;
    }
    return _("rejected");
}

void receive_receipt_free(receive_receipt *r)
{
    for (size_t i = 0; i < r->n_problems; i++) {
        free(r->problems[i].where);
        free(r->problems[i].message);
    }
    free(r->problems);
    memset(r, 0, sizeof *r);
}

static void problem(receive_receipt *r, receive_severity sev, const char *where,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void problem(receive_receipt *r, receive_severity sev, const char *where,
                    const char *fmt, ...)
{
    if (r->n_problems >= 500)
        return;
    if (r->n_problems == r->cap_problems) {
        r->cap_problems = r->cap_problems ? 2 * r->cap_problems : 8;
        r->problems = xrealloc(r->problems, r->cap_problems * sizeof *r->problems);
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    receive_problem *p = &r->problems[r->n_problems++];
    p->where = xstrdup(where ? where : "");
    p->message = xstrdup(buf);
    p->severity = sev;
    if (sev == RECEIVE_CONFLICT)
        r->conflicts++;
}

void receive_receipt_json(const receive_receipt *r, strbuf *out)
{
    sb_append(out, "{\"file\":");
    sb_append_json(out, r->file);
    sb_append(out, ",\"sha256\":");
    sb_append_json(out, r->sha256);
    sb_append(out, ",\"sender\":");
    sb_append_json(out, r->sender);
    sb_append(out, ",\"senderName\":");
    sb_append_json(out, r->sender_name);
    sb_append(out, ",\"plan\":");
    sb_append_json(out, r->plan_key);
    sb_append(out, ",\"planSymbol\":");
    sb_append_json(out, r->plan_symbol);
    sb_append(out, ",\"period\":");
    sb_append_json(out, r->period);
    sb_append(out, ",\"status\":");
    sb_append_json(out, receive_status_code(r->status));
    sb_appendf(out, ",\"importCount\":{\"imported\":%zu,\"updated\":%zu,\"ignored\":%zu},",
               r->rows_imported, r->rows_updated, r->rows_ignored);
    sb_append(out, "\"conflicts\":[");
    for (size_t i = 0, k = 0; i < r->n_problems; i++) {
        sb_appendf(out, "%s{\"object\":", k++ ? "," : "");
        sb_append_json(out, r->problems[i].where);
        sb_append(out, ",\"value\":");
        sb_append_json(out, r->problems[i].message);
        static const char *const kinds[] = {"note", "conflict", "error"};
        sb_appendf(out, ",\"kind\":\"%s\"}", kinds[r->problems[i].severity]);
    }
    sb_append(out, "]}");
}

static void receipt_format_raw(const receive_receipt *r, strbuf *out);

char *receive_safe_text(const char *s, bool one_line)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    strbuf sb = STRBUF_INIT;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
        if (*p < 0x80) {
            bool space = *p == '\n' || *p == '\t' || *p == '\r';
            if (*p >= 0x20 && *p != 0x7f)
                sb_putc(&sb, (char)*p);
            else if (space && (one_line || *p != '\r'))
                sb_putc(&sb, one_line ? ' ' : (char)*p);
            p++;
            continue;
        }
        size_t n = utf8_seq_len((const char *)p);
        if (n < 2 || strnlen((const char *)p, n) < n || !utf8_valid((const char *)p, n, NULL)) {
            sb_append(&sb, replacement);
            p++;
            continue;
        }
        if (!(p[0] == 0xC2 && p[1] < 0xA0)) /* C1 controls (U+0080…U+009F) are dropped */
            sb_append_len(&sb, (const char *)p, n);
        p += n;
    }
    return sb_detach(&sb);
}

void receive_receipt_format(const receive_receipt *r, strbuf *out)
{
    /* names and messages come from the bundle and its file name: shown as text, never as
     * terminal control sequences */
    strbuf raw = STRBUF_INIT;
    receipt_format_raw(r, &raw);
    char *safe = receive_safe_text(sb_str(&raw), false);
    sb_append(out, safe);
    free(safe);
    sb_free(&raw);
}

static void receipt_format_raw(const receive_receipt *r, strbuf *out)
{
    sb_appendf(out, "%s: %s", r->file, receive_status_label(r->status));
    if (*r->sender)
        sb_appendf(out, " — %s %s, %s %s", r->sender, r->sender_name, r->plan_key, r->period);
    sb_append(out, " (");
    sb_appendf(out, _("rows: imported %zu, updated %zu, ignored %zu; conflicts %zu"),
               r->rows_imported, r->rows_updated, r->rows_ignored, r->conflicts);
    sb_append(out, ")\n");
    for (size_t i = 0; i < r->n_problems; i++) {
        const receive_problem *p = &r->problems[i];
        sb_appendf(out, "  %s%s%s%s\n",
                   p->severity == RECEIVE_ERROR      ? _("error: ")
                   : p->severity == RECEIVE_CONFLICT ? _("conflict: ")
                                                     : _("note: "),
                   p->where,
                   *p->where ? ": " : "", p->message);
    }
}

/* ---------- reading ---------- */

/* NFC, control characters dropped (line breaks and tabs kept); a leading apostrophe that the
 * writer put before = + - @ tab CR is taken off again. malloc'd. */
char *receive_clean_text(const char *s)
{
    char *nfc = utf8_nfc(s ? s : "");
    char *clean = utf8_strip_controls(nfc ? nfc : "");
    free(nfc);
    if (!clean)
        return xstrdup("");
    if (clean[0] == '\'' && clean[1] && strchr("=+-@\t\r", clean[1]))
        memmove(clean, clean + 1, strlen(clean));
    return clean;
}

static void bag_value(const char *info, const char *label, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t ln = strlen(label);
    for (const char *p = info; p && *p;) {
        if (!strncmp(p, label, ln) && p[ln] == ':') {
            const char *v = p + ln + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            size_t n = strcspn(v, "\r\n");
            char *raw = xmalloc(n + 1);
            memcpy(raw, v, n);
            raw[n] = '\0';
            char *c = receive_clean_text(raw);
            snprintf(buf, size, "%s", c);
            free(c);
            free(raw);
            return;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
}

enum { COL_CACHE = 32, RECEIVE_MAX_ROWS = 200000 };

/* One CSV table with its header mapped to column indexes (looked up once per field name). */
typedef struct {
    const char *name; /* "data/targets.csv" */
    csv_table t;
    bool present;
    const char *cached_field[COL_CACHE];
    int cached_col[COL_CACHE];
    size_t n_cached;
} table_in;

static bool table_read(const bundle_texts *texts, const char *name, table_in *ti,
                       receive_receipt *r)
{
    memset(ti, 0, sizeof *ti);
    ti->name = name;
    const bundle_text *bt = bundle_text_find(texts, name);
    if (!bt) {
        problem(r, RECEIVE_ERROR, name, "%s", _("the table is missing"));
        return false;
    }
    int bad = 0;
    if (!csv_parse(bt->text, bt->len, &ti->t, &bad) || ti->t.count == 0) {
        problem(r, RECEIVE_ERROR, name, "%s", _("the table cannot be read"));
        return false;
    }
    if (ti->t.count - 1 > RECEIVE_MAX_ROWS) { /* no plan comes near: a damaged or hostile file */
        problem(r, RECEIVE_ERROR, name, _("the table has %zu rows; at most %d are taken in"),
                ti->t.count - 1, RECEIVE_MAX_ROWS);
        return false;
    }
    for (size_t i = 0; i < ti->t.count; i++)
        for (size_t k = 0; k < ti->t.rows[i].n; k++) {
            char *c = receive_clean_text(ti->t.rows[i].cells[k]);
            free(ti->t.rows[i].cells[k]);
            ti->t.rows[i].cells[k] = c;
        }
    ti->present = true;
    return true;
}

static int header_col(const table_in *ti, const char *field)
{
    const csv_row *h = &ti->t.rows[0];
    for (size_t i = 0; i < h->n; i++)
        if (!strcmp(h->cells[i], field))
            return (int)i;
    return -1;
}

/* The column of field: the header is searched once per field name, then remembered. field must
 * outlive the table (a string literal): its pointer is what is remembered. */
static int col(const table_in *ti, const char *field)
{
    table_in *m = (table_in *)ti; /* the cache only */
    for (size_t i = 0; i < m->n_cached; i++)
        if (m->cached_field[i] == field || !strcmp(m->cached_field[i], field))
            return m->cached_col[i];
    int c = header_col(ti, field);
    if (m->n_cached < COL_CACHE) {
        m->cached_field[m->n_cached] = field;
        m->cached_col[m->n_cached++] = c;
    }
    return c;
}

/* The rows of a table sorted by one column's value (then by row), to find a key's rows with a
 * binary search instead of a scan: a bundle of 50,000 tasks is matched in n log n. */
typedef struct {
    const char *key;
    size_t row;
} key_row;

typedef struct {
    key_row *rows;
    size_t n;
} key_index;

static int key_row_cmp(const void *a, const void *b)
{
    const key_row *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

static const char *cell(const table_in *ti, size_t row, const char *field);

/* Rows with an empty field are left out. */
static void index_build(key_index *ix, const table_in *ti, const char *field)
{
    ix->n = 0;
    ix->rows = xcalloc(ti->t.count ? ti->t.count : 1, sizeof *ix->rows);
    for (size_t i = 1; i < ti->t.count; i++) {
        const char *k = cell(ti, i, field);
        if (k)
            ix->rows[ix->n++] = (key_row){k, i};
    }
    qsort(ix->rows, ix->n, sizeof *ix->rows, key_row_cmp);
}

static void index_free(key_index *ix)
{
    free(ix->rows);
    ix->rows = NULL;
    ix->n = 0;
}

/* The first row (in table order) whose field is key and for which ok[row] (ok may be NULL);
 * 0 when there is none. */
static size_t index_first(const key_index *ix, const char *key, const bool *ok)
{
    size_t lo = 0, hi = ix->n; /* first entry with entry.key >= key */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix->rows[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < ix->n && !strcmp(ix->rows[lo].key, key); lo++)
        if (!ok || ok[ix->rows[lo].row])
            return ix->rows[lo].row;
    return 0;
}

/* Every field in the comma-separated list must be a column; else an error. */
static bool need_cols(const table_in *ti, const char *fields, receive_receipt *r)
{
    bool ok = true;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", fields);
    /* header_col, not col: the cache keeps the field name's pointer, and f is in buf */
    for (char *save = NULL, *f = strtok_r(buf, ",", &save); f; f = strtok_r(NULL, ",", &save))
        if (header_col(ti, f) < 0) {
            problem(r, RECEIVE_ERROR, ti->name, _("the column \"%s\" is missing"), f);
            ok = false;
        }
    return ok;
}

static const char *cell(const table_in *ti, size_t row, const char *field)
{
    int c = col(ti, field);
    const csv_row *rw = &ti->t.rows[row];
    if (c < 0 || (size_t)c >= rw->n || !*rw->cells[c])
        return NULL;
    return rw->cells[c];
}

typedef enum { NUM_EMPTY, NUM_OK, NUM_BAD } num_state;

static num_state number(const char *s, double *out)
{
    if (!s || !*s)
        return NUM_EMPTY;
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v))
        return NUM_BAD;
    *out = v;
    return NUM_OK;
}

static void where(char *buf, size_t size, const table_in *ti, size_t row)
{
    snprintf(buf, size, "%s:%d", ti->name, ti->t.rows[row].line);
}

/* ---------- the database ---------- */

int receive_prepare(xaso_store *st, const char *sql, sqlite3_stmt **s, xaso_error *err)
{
    if (sqlite3_prepare_v2(store_db(st), sql, -1, s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read or save the received bundles"));
    return 0;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static void bind_num(sqlite3_stmt *s, int i, const char *v)
{
    double d;
    if (number(v, &d) == NUM_OK)
        sqlite3_bind_double(s, i, d);
    else
        sqlite3_bind_null(s, i);
}

static int step_done(xaso_store *st, sqlite3_stmt *s, xaso_error *err)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot save the received bundle"));
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

/* Keys of the previous bundle's rows in table, to count updated against imported. */
static bool had_key(xaso_store *st, const char *table, long long bundle, const char *key)
{
    if (!bundle)
        return false;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE bundle_id = ?1 AND key = ?2", table);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(s, 1, bundle);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return found;
}

static void count_row(receive_receipt *r, xaso_store *st, const char *table, long long previous,
                      const char *key)
{
    if (had_key(st, table, previous, key))
        r->rows_updated++;
    else
        r->rows_imported++;
}

typedef struct {
    table_in report, targets, values, tasks, updates, projects;
} bundle_tables;

static void tables_free(bundle_tables *b)
{
    csv_free(&b->report.t);
    csv_free(&b->targets.t);
    csv_free(&b->values.t);
    csv_free(&b->tasks.t);
    csv_free(&b->updates.t);
    csv_free(&b->projects.t);
}

static bool code_in(const char *code, const char *const *codes)
{
    for (; *codes; codes++)
        if (!strcmp(code, *codes))
            return true;
    return false;
}

/* Check the values, row by row: a row that fails is a conflict and is left out (ok[i] false). */
static void check_values(bundle_tables *b, const key_index *targets, const char *period,
                         bool *ok, receive_receipt *r)
{
    static const char *const verdicts[] = {"no-data", "met", "exceeded", "not-met", NULL};
    char w[256];
    table_in *v = &b->values;
    for (size_t i = 1; i < v->t.count; i++) {
        where(w, sizeof w, v, i);
        ok[i] = true;
        const char *key = cell(v, i, "target_key"), *p = cell(v, i, "period");
        double val = 0, num = 0, den = 0;
        num_state sv = number(cell(v, i, "value"), &val),
                  sn = number(cell(v, i, "numerator"), &num),
                  sd = number(cell(v, i, "denominator"), &den);
        const char *verdict = cell(v, i, "verdict");
        if (!key) {
            problem(r, RECEIVE_CONFLICT, w, "%s", _("a value without a target key"));
            ok[i] = false;
        } else if (!p || strcmp(p, period)) {
            problem(r, RECEIVE_CONFLICT, w, _("the value of %s is for period %s, not %s"), key,
                    p ? p : "?", period);
            ok[i] = false;
        } else if (sv == NUM_BAD || sn == NUM_BAD || sd == NUM_BAD) {
            problem(r, RECEIVE_CONFLICT, w, _("the value of %s is not a number"), key);
            ok[i] = false;
        } else if ((sn == NUM_OK && num < 0) || (sd == NUM_OK && den <= 0) ||
                   (sn == NUM_OK && sd == NUM_OK && num > den)) {
            problem(r, RECEIVE_CONFLICT, w,
                    _("the counts of %s are impossible (numerator %s, denominator %s)"), key,
                    cell(v, i, "numerator") ? cell(v, i, "numerator") : "—",
                    cell(v, i, "denominator") ? cell(v, i, "denominator") : "—");
            ok[i] = false;
        } else if ((sn == NUM_OK) != (sd == NUM_OK)) {
            problem(r, RECEIVE_CONFLICT, w, _("%s has a numerator or a denominator without the other"),
                    key);
            ok[i] = false;
        } else if (!verdict || !code_in(verdict, verdicts)) {
            problem(r, RECEIVE_CONFLICT, w, _("%s has an unknown verdict \"%s\""), key,
                    verdict ? verdict : "");
            ok[i] = false;
        } else {
            /* a percentage must lie in 0…100 */
            size_t trow = index_first(targets, key, NULL);
            const char *unit = trow ? cell(&b->targets, trow, "measure_unit") : NULL;
            if (unit && strchr(unit, '%') && sv == NUM_OK && (val < 0 || val > 100)) {
                problem(r, RECEIVE_CONFLICT, w, _("%s: %s %% is outside 0…100"), key,
                        cell(v, i, "value"));
                ok[i] = false;
            }
        }
    }
}

static void check_updates(bundle_tables *b, const char *period, bool *ok, receive_receipt *r)
{
    static const char *const statuses[] = {"not-started", "in-progress", "done", "done-late",
                                           "not-done", "needs-fix", NULL};
    char w[256];
    table_in *u = &b->updates;
    for (size_t i = 1; i < u->t.count; i++) {
        where(w, sizeof w, u, i);
        ok[i] = true;
        const char *key = cell(u, i, "task_key"), *p = cell(u, i, "period");
        const char *status = cell(u, i, "status");
        double c = 0;
        num_state sc = number(cell(u, i, "completion"), &c);
        if (!key) {
            problem(r, RECEIVE_CONFLICT, w, "%s", _("an update without a task key"));
            ok[i] = false;
        } else if (!p || strcmp(p, period)) {
            problem(r, RECEIVE_CONFLICT, w, _("the update of %s is for period %s, not %s"), key,
                    p ? p : "?", period);
            ok[i] = false;
        } else if (!status || !code_in(status, statuses)) {
            problem(r, RECEIVE_CONFLICT, w, _("%s has an unknown status \"%s\""), key, status ? status : "");
            ok[i] = false;
        } else if (sc == NUM_BAD || (sc == NUM_OK && (c < 0 || c > 100))) {
            problem(r, RECEIVE_CONFLICT, w, _("the completion of %s is not a percentage in 0…100"), key);
            ok[i] = false;
        }
    }
}

/* The received_bundle row holding the current data of the key, if any. */
typedef struct {
    long long id;
    char finalised_at[64], bagging_date[32], payload[65], state[16];
} current_bundle;

static int find_current(xaso_store *st, long long sender_id, const char *plan_key,
                        const char *period, current_bundle *c, bool *found, xaso_error *err)
{
    sqlite3_stmt *s;
    if (receive_prepare(st,
                "SELECT id, coalesce(finalised_at, ''), coalesce(bagging_date, ''), "
                "payload_sha256, state FROM received_bundle WHERE sender_id = ?1 AND "
                "plan_key = ?2 AND period = ?3 AND state IN ('current', 'returned')",
                &s, err))
        return err->code;
    sqlite3_bind_int64(s, 1, sender_id);
    sqlite3_bind_text(s, 2, plan_key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, period, -1, SQLITE_STATIC);
    *found = false;
    if (sqlite3_step(s) == SQLITE_ROW) {
        *found = true;
        c->id = sqlite3_column_int64(s, 0);
        snprintf(c->finalised_at, sizeof c->finalised_at, "%s", sqlite3_column_text(s, 1));
        snprintf(c->bagging_date, sizeof c->bagging_date, "%s", sqlite3_column_text(s, 2));
        snprintf(c->payload, sizeof c->payload, "%s", sqlite3_column_text(s, 3));
        snprintf(c->state, sizeof c->state, "%s", sqlite3_column_text(s, 4));
    }
    sqlite3_finalize(s);
    return 0;
}

static long long lookup_id(xaso_store *st, const char *sql, const char *arg)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
    long long id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return id;
}

/* Store the receipt row (inside the caller's transaction). */
static int store_receipt(xaso_store *st, receive_receipt *r, xaso_error *err)
{
    char now[40];
    store_now(now, sizeof now);
    strbuf json = STRBUF_INIT;
    receive_receipt_json(r, &json);
    sqlite3_stmt *s;
    int rc = receive_prepare(st,
                     "INSERT INTO receipt (at, actor, file_name, sha256, sender_code, plan_key, "
                     "period, status, conflicts, json) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                     &s, err);
    if (!rc) {
        bind_text(s, 1, now);
        bind_text(s, 2, store_actor(st));
        bind_text(s, 3, r->file);
        bind_text(s, 4, r->sha256);
        bind_text(s, 5, *r->sender ? r->sender : NULL);
        bind_text(s, 6, *r->plan_key ? r->plan_key : NULL);
        bind_text(s, 7, *r->period ? r->period : NULL);
        bind_text(s, 8, receive_status_code(r->status));
        sqlite3_bind_int64(s, 9, (long long)r->conflicts);
        bind_text(s, 10, sb_str(&json));
        rc = step_done(st, s, err);
        sqlite3_finalize(s);
        r->receipt_id = sqlite3_last_insert_rowid(store_db(st));
    }
    sb_free(&json);
    return rc;
}

/* Only a receipt: for rejected and unchanged bundles. */
static int receipt_only(xaso_store *st, receive_receipt *r, xaso_error *err)
{
    if (store_begin(st, "bundle.import", err))
        return err->code;
    if (store_receipt(st, r, err)) {
        store_rollback(st);
        return err->code;
    }
    return store_commit(st, err);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int write_rows(xaso_store *st, long long bundle_id, long long previous, bundle_tables *b,
                      const bool *value_ok, const bool *update_ok, receive_receipt *r,
                      xaso_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = 0;
    /* targets with their value of the period */
    if ((rc = receive_prepare(st,
                      "INSERT INTO recv_target (bundle_id, key, code, section, name, comparator, "
                      "target_value, measure_unit, has_value, value, value_text, numerator, "
                      "denominator, no_data, verdict, as_of, data_source, note) VALUES "
                      "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)",
                      &s, err)))
        return rc;
    table_in *t = &b->targets, *v = &b->values;
    key_index values;
    index_build(&values, v, "target_key");
    for (size_t i = 1; i < t->t.count && !rc; i++) {
        const char *key = cell(t, i, "key");
        if (!key)
            continue;
        size_t vrow = index_first(&values, key, value_ok);
        sqlite3_bind_int64(s, 1, bundle_id);
        bind_text(s, 2, key);
        bind_text(s, 3, cell(t, i, "code"));
        bind_text(s, 4, cell(t, i, "section"));
        bind_text(s, 5, cell(t, i, "name") ? cell(t, i, "name") : key);
        bind_text(s, 6, cell(t, i, "comparator"));
        bind_num(s, 7, cell(t, i, "target_value"));
        bind_text(s, 8, cell(t, i, "measure_unit"));
        sqlite3_bind_int(s, 9, vrow != 0);
        if (vrow) {
            const char *nd = cell(v, vrow, "no_data");
            bind_num(s, 10, cell(v, vrow, "value"));
            bind_text(s, 11, cell(v, vrow, "value_text"));
            bind_num(s, 12, cell(v, vrow, "numerator"));
            bind_num(s, 13, cell(v, vrow, "denominator"));
            sqlite3_bind_int(s, 14, nd && !strcmp(nd, "true"));
            bind_text(s, 15, cell(v, vrow, "verdict"));
            bind_text(s, 16, cell(v, vrow, "as_of"));
            bind_text(s, 17, cell(v, vrow, "data_source"));
            bind_text(s, 18, cell(v, vrow, "note"));
        } else {
            sqlite3_bind_int(s, 14, 1);
            bind_text(s, 15, "no-data");
        }
        rc = step_done(st, s, err);
        if (!rc)
            count_row(r, st, "recv_target", previous, key);
    }
    index_free(&values);
    sqlite3_finalize(s);
    if (rc)
        return rc;
    /* tasks with their update of the period */
    if ((rc = receive_prepare(st,
                      "INSERT INTO recv_task (bundle_id, key, code, section, kind, name, "
                      "timeline_kind, start_date, due_date, leads, warnings, has_update, status, "
                      "counted_status, completion, done_text, difficulties, proposals, "
                      "evidence_count, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
                      "?12,?13,?14,?15,?16,?17,?18,?19,?20)",
                      &s, err)))
        return rc;
    table_in *k = &b->tasks, *u = &b->updates;
    key_index updates;
    index_build(&updates, u, "task_key");
    for (size_t i = 1; i < k->t.count && !rc; i++) {
        const char *key = cell(k, i, "key");
        if (!key)
            continue;
        size_t urow = index_first(&updates, key, update_ok);
        sqlite3_bind_int64(s, 1, bundle_id);
        bind_text(s, 2, key);
        bind_text(s, 3, cell(k, i, "code"));
        bind_text(s, 4, cell(k, i, "section"));
        bind_text(s, 5, cell(k, i, "kind"));
        bind_text(s, 6, cell(k, i, "name") ? cell(k, i, "name") : key);
        bind_text(s, 7, cell(k, i, "timeline_kind"));
        bind_text(s, 8, cell(k, i, "start_date"));
        bind_text(s, 9, cell(k, i, "due_date"));
        bind_text(s, 10, cell(k, i, "leads"));
        bind_text(s, 11, cell(k, i, "warnings"));
        sqlite3_bind_int(s, 12, urow != 0);
        if (urow) {
            bind_text(s, 13, cell(u, urow, "status"));
            bind_text(s, 14, cell(u, urow, "counted_status"));
            bind_num(s, 15, cell(u, urow, "completion"));
            bind_text(s, 16, cell(u, urow, "done_text"));
            bind_text(s, 17, cell(u, urow, "difficulties"));
            bind_text(s, 18, cell(u, urow, "proposals"));
            bind_num(s, 19, cell(u, urow, "evidence_count"));
            bind_text(s, 20, cell(u, urow, "updated_at"));
        }
        rc = step_done(st, s, err);
        if (!rc)
            count_row(r, st, "recv_task", previous, key);
    }
    index_free(&updates);
    sqlite3_finalize(s);
    if (rc || !b->projects.present)
        return rc;
    if ((rc = receive_prepare(st,
                      "INSERT INTO recv_project (bundle_id, key, code, name, budget_total, "
                      "year_total, disbursed, money_unit) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
                      &s, err)))
        return rc;
    table_in *p = &b->projects;
    for (size_t i = 1; i < p->t.count && !rc; i++) {
        const char *key = cell(p, i, "key");
        if (!key)
            continue;
        sqlite3_bind_int64(s, 1, bundle_id);
        bind_text(s, 2, key);
        bind_text(s, 3, cell(p, i, "code"));
        bind_text(s, 4, cell(p, i, "name") ? cell(p, i, "name") : key);
        bind_num(s, 5, cell(p, i, "budget_total"));
        bind_num(s, 6, cell(p, i, "year_total"));
        bind_num(s, 7, cell(p, i, "disbursed"));
        bind_text(s, 8, cell(p, i, "money_unit"));
        rc = step_done(st, s, err);
        if (!rc)
            count_row(r, st, "recv_project", previous, key);
    }
    sqlite3_finalize(s);
    return rc;
}

/* Duplicate keys in a table (the checker's primary keys come from the sender's own
 * datapackage.json, which may declare anything). */
static void check_unique(table_in *ti, const char *field, receive_receipt *r)
{
    key_index ix;
    index_build(&ix, ti, field);
    bool *again = xcalloc(ti->t.count + 1, sizeof *again);
    for (size_t i = 1; i < ix.n; i++) /* sorted by key, then row: a repeat follows its first */
        if (!strcmp(ix.rows[i].key, ix.rows[i - 1].key))
            again[ix.rows[i].row] = true;
    for (size_t i = 1; i < ti->t.count; i++) /* reported in the order of the file */
        if (again[i]) {
            char w[256];
            where(w, sizeof w, ti, i);
            problem(r, RECEIVE_ERROR, w, _("\"%s\" appears twice"), cell(ti, i, field));
        }
    free(again);
    index_free(&ix);
}

int receive_bundle(xaso_store *st, const char *path, const char *passphrase, receive_receipt *r,
                   xaso_error *err)
{
    memset(r, 0, sizeof *r);
    char *name = receive_safe_text(base_name(path), true); /* a file name is data */
    snprintf(r->file, sizeof r->file, "%s", name);
    free(name);
    r->status = RECEIVE_REJECTED;
    if (store_authorize(st, PERM_BUNDLE_IMPORT, OWNERSHIP_NONE, err))
        return err->code; /* refused: not even a receipt */
    bundle_report rep;
    bundle_texts texts;
    xaso_error verr;
    xaso_error_clear(&verr);
    if (bundle_verify_keep(path, passphrase, NULL, &rep, &texts, &verr)) {
        problem(r, RECEIVE_ERROR, "", "%s", verr.message);
        bundle_report_free(&rep);
        return receipt_only(st, r, err);
    }
    snprintf(r->sha256, sizeof r->sha256, "%s", rep.sha256);
    for (size_t i = 0; i < rep.count; i++)
        problem(r, RECEIVE_ERROR, "", "%s", rep.lines[i]);
    bool valid = rep.count == 0;
    bundle_report_free(&rep);
    if (!valid) {
        bundle_texts_free(&texts);
        return receipt_only(st, r, err);
    }
    /* the same file again: nothing to do */
    long long seen = lookup_id(st, "SELECT id FROM received_bundle WHERE sha256 = ?1",
                               r->sha256);
    const bundle_text *info = bundle_text_find(&texts, "bag-info.txt");
    char office[96], unit[64], office_name[256], symbol[160], bag_date[32];
    bag_value(info->text, "Xaso-Office-Code", office, sizeof office);
    bag_value(info->text, "Xaso-Office-Name", office_name, sizeof office_name);
    bag_value(info->text, "Xaso-Sender", unit, sizeof unit);
    bag_value(info->text, "Xaso-Sender-Name", r->sender_name, sizeof r->sender_name);
    bag_value(info->text, "Xaso-Plan-Key", r->plan_key, sizeof r->plan_key);
    bag_value(info->text, "Xaso-Plan-Symbol", symbol, sizeof symbol);
    snprintf(r->plan_symbol, sizeof r->plan_symbol, "%s", symbol);
    bag_value(info->text, "Xaso-Period", r->period, sizeof r->period);
    bag_value(info->text, "Bagging-Date", bag_date, sizeof bag_date);
    if (!*r->sender_name)
        snprintf(r->sender_name, sizeof r->sender_name, "%s",
                 *office_name ? office_name : office);
    if (*unit && strcmp(unit, "office"))
        snprintf(r->sender, sizeof r->sender, "%s:%s", office, unit);
    else
        snprintf(r->sender, sizeof r->sender, "%s", office);
    if (seen) {
        r->status = RECEIVE_UNCHANGED;
        r->bundle_id = seen;
        problem(r, RECEIVE_NOTE, "", "%s", _("this bundle was imported before; nothing changed"));
        bundle_texts_free(&texts);
        return receipt_only(st, r, err);
    }
    xaso_period p;
    if (!*office)
        problem(r, RECEIVE_ERROR, "bag-info.txt", "%s", _("Xaso-Office-Code is empty"));
    if (!period_parse(r->period, &p))
        problem(r, RECEIVE_ERROR, "bag-info.txt", _("Xaso-Period \"%s\" is not a period"), r->period);
    /* the tables */
    bundle_tables b;
    memset(&b, 0, sizeof b);
    static const char *const names[] = {"data/report.csv", "data/targets.csv",
                                        "data/target_values.csv", "data/tasks.csv",
                                        "data/task_updates.csv"};
    table_in *ins[] = {&b.report, &b.targets, &b.values, &b.tasks, &b.updates};
    bool ok = true;
    for (size_t i = 0; i < 5; i++)
        if (!table_read(&texts, names[i], ins[i], r))
            ok = false;
    if (bundle_text_find(&texts, "data/projects.csv")) /* projects are optional */
        ok &= table_read(&texts, "data/projects.csv", &b.projects, r);
    const bundle_text *manifest = bundle_text_find(&texts, "manifest-sha256.txt");
    char payload[65] = "";
    if (manifest)
        sha256_hex(manifest->text, manifest->len, payload);
    bundle_texts_free(&texts);
    if (ok) {
        static const char *const cols[] = {
            "plan_key,period,finalised_at", "key,name,comparator,target_value,measure_unit",
            "target_key,period,value,numerator,denominator,no_data,verdict",
            "key,name,due_date,warnings", "task_key,period,status,completion"};
        for (size_t i = 0; i < 5; i++)
            if (!need_cols(ins[i], cols[i], r))
                ok = false;
        if (b.projects.present && !need_cols(&b.projects, "key,name,disbursed", r))
            ok = false;
    }
    char finalised[64] = "";
    if (ok) {
        if (b.report.t.count != 2)
            problem(r, RECEIVE_ERROR, "data/report.csv", "%s", _("must hold exactly one row"));
        else {
            const char *pk = cell(&b.report, 1, "plan_key"), *pp = cell(&b.report, 1, "period");
            if (!pk || strcmp(pk, r->plan_key) || !pp || strcmp(pp, r->period))
                problem(r, RECEIVE_ERROR, "data/report.csv",
                        _("plan %s, period %s: bag-info.txt says plan %s, period %s"),
                        pk ? pk : "?", pp ? pp : "?", r->plan_key, r->period);
            const char *f = cell(&b.report, 1, "finalised_at");
            snprintf(finalised, sizeof finalised, "%s", f ? f : "");
            if (!f)
                problem(r, RECEIVE_ERROR, "data/report.csv", "%s",
                        _("the report was never finalised (finalised_at is empty)"));
        }
        check_unique(&b.targets, "key", r);
        check_unique(&b.tasks, "key", r);
        if (b.projects.present)
            check_unique(&b.projects, "key", r);
    }
    /* the receiver's plan, when it has it: the period must lie within it */
    long long plan_id = 0;
    bool errors = false;
    for (size_t i = 0; i < r->n_problems; i++)
        errors |= r->problems[i].severity == RECEIVE_ERROR;
    if (!errors) {
        plan_id = lookup_id(st, "SELECT id FROM plan WHERE key = ?1", r->plan_key);
        if (!plan_id && *symbol)
            plan_id = lookup_id(st, "SELECT id FROM plan WHERE symbol = ?1", symbol);
        if (!plan_id) {
            problem(r, RECEIVE_CONFLICT, "bag-info.txt",
                    _("unknown plan %s (%s): imported, but it is not one of this office's "
                      "plans"),
                    r->plan_key, *symbol ? symbol : "—");
        } else {
            sqlite3_stmt *s;
            if (sqlite3_prepare_v2(store_db(st),
                                   "SELECT period_from, period_to FROM plan WHERE id = ?1", -1,
                                   &s, NULL) == SQLITE_OK) {
                sqlite3_bind_int64(s, 1, plan_id);
                if (sqlite3_step(s) == SQLITE_ROW &&
                    sqlite3_column_type(s, 0) != SQLITE_NULL &&
                    sqlite3_column_type(s, 1) != SQLITE_NULL &&
                    !period_within_years(&p, sqlite3_column_int(s, 0),
                                         sqlite3_column_int(s, 1)))
                    problem(r, RECEIVE_ERROR, "bag-info.txt",
                            _("the period %s is outside the plan (%d–%d)"), r->period,
                            sqlite3_column_int(s, 0), sqlite3_column_int(s, 1));
                sqlite3_finalize(s);
            }
        }
    }
    for (size_t i = 0; i < r->n_problems; i++)
        errors |= r->problems[i].severity == RECEIVE_ERROR;
    if (errors) {
        tables_free(&b);
        return receipt_only(st, r, err);
    }
    bool *value_ok = xcalloc(b.values.t.count + 1, sizeof *value_ok);
    bool *update_ok = xcalloc(b.updates.t.count + 1, sizeof *update_ok);
    key_index targets;
    index_build(&targets, &b.targets, "key");
    check_values(&b, &targets, r->period, value_ok, r);
    index_free(&targets);
    check_updates(&b, r->period, update_ok, r);
    for (size_t i = 1; i < b.values.t.count; i++)
        r->rows_ignored += !value_ok[i];
    for (size_t i = 1; i < b.updates.t.count; i++)
        r->rows_ignored += !update_ok[i];

    int rc = 0;
    if (store_begin(st, "bundle.import", err)) {
        rc = err->code;
        goto out;
    }
    /* the sender: on the list, or learned now */
    long long sender_id = lookup_id(st, "SELECT id FROM sender WHERE code = ?1", r->sender);
    char now[40];
    store_now(now, sizeof now);
    if (!sender_id) {
        problem(r, RECEIVE_CONFLICT, "bag-info.txt",
                _("the sender %s (%s) is not in this office's list of senders: added as "
                  "not expected (xaso sender add makes it expected)"),
                r->sender, r->sender_name);
        /* learned, not expected: only the receiver's own list says who must report */
        store_value cols[] = {SV_TEXT("name", r->sender_name), SV_INT("expected", 0),
                              SV_INT("learned", 1), SV_TEXT("added_at", now)};
        store_sync_result res;
        store_value keys[] = {SV_TEXT("code", r->sender)};
        if ((rc = store_sync_row(st, "sender", keys, 1, cols, 4, &sender_id, &res, err)))
            goto fail;
    }
    current_bundle cur;
    bool have_cur = false;
    if ((rc = find_current(st, sender_id, r->plan_key, r->period, &cur, &have_cur, err)))
        goto fail;
    const char *state = "current";
    long long previous = 0;
    if (have_cur && !strcmp(cur.payload, payload)) {
        r->status = RECEIVE_UNCHANGED;
        r->bundle_id = cur.id;
        r->rows_ignored = 0;
        problem(r, RECEIVE_NOTE, "",
                "%s", _("the same report was imported before (rebuilt: only its packing date "
                        "differs); nothing changed"));
        if ((rc = store_receipt(st, r, err)))
            goto fail;
        rc = store_commit(st, err);
        goto out;
    }
    if (have_cur) {
        int c = strcmp(finalised, cur.finalised_at);
        if (c == 0)
            c = strcmp(bag_date, cur.bagging_date);
        if (c > 0) {
            r->status = RECEIVE_UPDATED;
            previous = cur.id;
            store_value params[] = {SV_INT("id", cur.id)};
            if ((rc = store_exec(st,
                                 "UPDATE received_bundle SET state = 'superseded' WHERE id = ?1",
                                 params, 1, NULL, err)))
                goto fail;
            problem(r, RECEIVE_NOTE, "",
                    _("supersedes the bundle finalised at %s (kept in history)"),
                    *cur.finalised_at ? cur.finalised_at : "?");
        } else {
            r->status = RECEIVE_IGNORED;
            state = "ignored";
            problem(r, RECEIVE_NOTE, "",
                    _("older than the bundle already taken in (finalised %s, this one %s): "
                      "recorded, its data not used"),
                    cur.finalised_at, finalised);
        }
    } else {
        r->status = RECEIVE_IMPORTED;
    }
    sqlite3_stmt *s;
    if ((rc = receive_prepare(st,
                      "INSERT INTO received_bundle (sender_id, plan_key, plan_symbol, "
                      "plan_title, period, file_name, sha256, payload_sha256, bagging_date, "
                      "finalised_at, office_code, office_name, unit, sender_name, difficulties, "
                      "proposals, next_tasks, state, imported_at, imported_by) VALUES (?1,?2,?3,"
                      "?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)",
                      &s, err)))
        goto fail;
    sqlite3_bind_int64(s, 1, sender_id);
    bind_text(s, 2, r->plan_key);
    bind_text(s, 3, *symbol ? symbol : NULL);
    bind_text(s, 4, cell(&b.report, 1, "plan_title"));
    bind_text(s, 5, r->period);
    bind_text(s, 6, r->file);
    bind_text(s, 7, r->sha256);
    bind_text(s, 8, payload);
    bind_text(s, 9, bag_date);
    bind_text(s, 10, finalised);
    bind_text(s, 11, office);
    bind_text(s, 12, office_name);
    bind_text(s, 13, *unit && strcmp(unit, "office") ? unit : NULL);
    bind_text(s, 14, r->sender_name);
    bind_text(s, 15, cell(&b.report, 1, "difficulties"));
    bind_text(s, 16, cell(&b.report, 1, "proposals"));
    bind_text(s, 17, cell(&b.report, 1, "next_tasks"));
    bind_text(s, 18, state);
    bind_text(s, 19, now);
    bind_text(s, 20, store_actor(st));
    rc = step_done(st, s, err);
    sqlite3_finalize(s);
    if (rc)
        goto fail;
    r->bundle_id = sqlite3_last_insert_rowid(store_db(st));
    if (r->status == RECEIVE_IGNORED) {
        r->rows_ignored = (b.targets.t.count - 1) + (b.tasks.t.count - 1) +
                          (b.projects.present ? b.projects.t.count - 1 : 0);
    } else if ((rc = write_rows(st, r->bundle_id, previous, &b, value_ok, update_ok, r, err))) {
        goto fail;
    }
    if ((rc = store_receipt(st, r, err)))
        goto fail;
    {
        store_value params[] = {SV_INT("receipt", r->receipt_id), SV_INT("id", r->bundle_id)};
        if ((rc = store_exec(st, "UPDATE received_bundle SET receipt_id = ?1 WHERE id = ?2",
                             params, 2, NULL, err)))
            goto fail;
        strbuf a = STRBUF_INIT;
        sb_append(&a, "{\"sender\":");
        sb_append_json(&a, r->sender);
        sb_append(&a, ",\"plan\":");
        sb_append_json(&a, r->plan_key);
        sb_append(&a, ",\"period\":");
        sb_append_json(&a, r->period);
        sb_append(&a, ",\"state\":");
        sb_append_json(&a, state);
        sb_append(&a, ",\"sha256\":");
        sb_append_json(&a, r->sha256);
        sb_append(&a, "}");
        rc = store_audit(st, "received_bundle", r->bundle_id, NULL, sb_str(&a), err);
        sb_free(&a);
        if (rc)
            goto fail;
    }
    rc = store_commit(st, err);
    goto out;
fail:
    store_rollback(st);
    r->bundle_id = 0;
out:
    free(value_ok);
    free(update_ok);
    tables_free(&b);
    return rc;
}
