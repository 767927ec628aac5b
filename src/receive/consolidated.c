/* The receiver's own report for a period, built from what it consolidated: one target row per
 * target with the combined value (ratios: Σ numerators / Σ denominators), every sender's tasks
 * (keyed "SENDER/TASK", led by the sender), the senders as units, and a senders table saying who
 * is included, late, returned or missing. Written by the bundle writer as a normal bundle, so
 * the next level up takes it in with `xaso bundle import`. */
#include "xaso/receive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "receive_internal.h"
#include "xaso/bundle.h"
#include "xaso/i18n.h"
#include "xaso/report.h"
#include "xaso/report_files.h"
#include "xaso/store_account.h"
#include "xaso/store_office.h"
#include "xaso/warning.h"

#define PUSH(d, name)                                                                         \
    ((__typeof__((d)->name))arena_push((d)->arena, (void **)&(d)->name, &(d)->n_##name,     \
                                       &(d)->cap_##name, sizeof *(d)->name))

/* The report and the senders' states; d first, so the senders table's row function can reach
 * the states from the report_data it is given. */
typedef struct {
    report_data d;
    receive_sender_state *senders;
    size_t n_senders;
    char **sha, **finalised; /* per sender: its current bundle, or NULL */
} consolidated;

static const char *cell_vi(receive_cell c)
{
    static const char *const vi[] = {"đã gửi", "gửi muộn", "bị trả lại", "chưa gửi",
                                     "chưa đến hạn"};
    return vi[c];
}

static const report_field sender_fields[] = {
    {"code", FIELD_STRING, "Mã đơn vị gửi", true, NULL, NULL, NULL},
    {"name", FIELD_STRING, "Tên đơn vị gửi", true, NULL, NULL, NULL},
    {"included", FIELD_BOOLEAN, "Được tổng hợp", true, NULL, NULL, NULL},
    {"state", FIELD_STRING, "Tình trạng gửi báo cáo", true,
     "submitted|late|returned|missing|not-due", NULL, NULL},
    {"state_label", FIELD_STRING, "Tình trạng gửi báo cáo (nhãn)", true, NULL, NULL, NULL},
    {"bundle_sha256", FIELD_STRING, "Mã băm SHA-256 của gói đã nhận", false, NULL, NULL, NULL},
    {"finalised_at", FIELD_DATETIME, "Thời điểm đơn vị hoàn thành", false, NULL, NULL, NULL},
};

static size_t sender_count(const report_data *d)
{
    return ((const consolidated *)d)->n_senders;
}

static bool included(receive_cell c)
{
    return c == CELL_SUBMITTED || c == CELL_LATE;
}

static void sender_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    (void)s;
    const consolidated *k = (const consolidated *)d;
    const receive_sender_state *x = &k->senders[i];
    const char *v[] = {x->code,          x->name, included(x->cell) ? "true" : "false",
                       receive_cell_code(x->cell), cell_vi(x->cell), k->sha[i],
                       k->finalised[i]};
    memcpy(c, v, sizeof v);
}

static const report_table senders_table = {
    "senders", "senders.csv", "Đơn vị gửi báo cáo được tổng hợp", sender_fields,
    sizeof sender_fields / sizeof sender_fields[0], "code", {{0}, {0}}, sender_count, sender_row};

static const char *col(report_data *d, sqlite3_stmt *s, int i)
{
    return arena_strdup(d->arena, (const char *)sqlite3_column_text(s, i));
}

static report_number number(sqlite3_stmt *s, int i)
{
    report_number n = {sqlite3_column_type(s, i) != SQLITE_NULL, sqlite3_column_double(s, i)};
    return n;
}

/* The office and this office's copy of the plan (key or symbol). */
static int load_header(xaso_store *st, const char *plan, report_data *d, xaso_error *err)
{
    xaso_office office;
    bool found = false;
    if (store_office_get(st, &office, &found, err))
        return err->code;
    if (!found)
        return xaso_error_set(err, XASO_EX_CONFIG,
                              _("the office is not set up yet: run xaso init first"));
    d->office_code = arena_strdup(d->arena, office.code);
    d->office_name = arena_strdup(d->arena, office.name);
    d->office_level = arena_strdup(d->arena, office.level);
    d->province = arena_strdup(d->arena, office.province);
    d->sender = "";
    d->sender_name = d->office_name;
    sqlite3_stmt *s;
    if (receive_prepare(st,
                "SELECT id, key, symbol, title, chain, issuer, place, date, money_unit, signer "
                "FROM plan WHERE key = ?1 OR symbol = ?1 ORDER BY key = ?1 DESC LIMIT 1",
                &s, err))
        return err->code;
    sqlite3_bind_text(s, 1, plan, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return xaso_error_set(err, XASO_EX_NOINPUT,
                              _("this office has no plan %s: import the plan first (xaso plan "
                                "import)"),
                              plan);
    }
    d->plan_id = sqlite3_column_int64(s, 0);
    d->plan_key = col(d, s, 1);
    d->plan_symbol = col(d, s, 2);
    d->plan_title = col(d, s, 3);
    d->plan_chain = col(d, s, 4);
    d->plan_issuer = col(d, s, 5);
    d->plan_place = col(d, s, 6);
    d->plan_date = col(d, s, 7);
    d->money_unit = col(d, s, 8);
    d->signer = col(d, s, 9);
    sqlite3_finalize(s);
    return 0;
}

/* The bundles taken in, the latest moment they changed (the report's finalisation time: the
 * same consolidated data gives the same bundle), and the senders' texts. */
static const char *const BUNDLES_SQL =
    "SELECT b.id, s.code, s.name, b.sha256, b.finalised_at, b.difficulties, b.proposals, "
    "b.next_tasks FROM received_bundle b JOIN sender s ON s.id = b.sender_id WHERE "
    "b.state = 'current' AND b.period = ?1 AND (b.plan_key = ?2 OR b.plan_symbol = ?2 OR "
    "b.plan_key = ?3) ORDER BY s.code";

static void append_text(strbuf *sb, const char *who, const char *text)
{
    if (!text || !*text)
        return;
    sb_appendf(sb, "%s%s: %s", sb->len ? "\n" : "", who, text);
}

static int load_senders(xaso_store *st, const char *plan, consolidated *k, xaso_error *err)
{
    report_data *d = &k->d;
    if (receive_sender_states(st, plan, d->period, &k->senders, &k->n_senders, err))
        return err->code;
    k->sha = xcalloc(k->n_senders + 1, sizeof *k->sha);
    k->finalised = xcalloc(k->n_senders + 1, sizeof *k->finalised);
    sqlite3_stmt *s;
    if (receive_prepare(st,
                "SELECT max(max(imported_at), coalesce(max(returned_at), '')) FROM "
                "received_bundle WHERE period = ?1 AND state IN ('current', 'returned') AND "
                "(plan_key = ?2 OR plan_symbol = ?2 OR plan_key = ?3)",
                &s, err))
        return err->code;
    sqlite3_bind_text(s, 1, d->period, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, d->plan_key, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        d->finalised_at = col(d, s, 0);
    sqlite3_finalize(s);
    if (receive_prepare(st, BUNDLES_SQL, &s, err))
        return err->code;
    sqlite3_bind_text(s, 1, d->period, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, d->plan_key, -1, SQLITE_STATIC);
    strbuf diff = STRBUF_INIT, prop = STRBUF_INIT, next = STRBUF_INIT;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(s, 1);
        for (size_t i = 0; i < k->n_senders; i++)
            if (!strcmp(k->senders[i].code, code) && !k->sha[i]) {
                k->sha[i] = (char *)col(d, s, 3);
                k->finalised[i] = (char *)col(d, s, 4);
            }
        const char *name = (const char *)sqlite3_column_text(s, 2);
        append_text(&diff, name, (const char *)sqlite3_column_text(s, 5));
        append_text(&prop, name, (const char *)sqlite3_column_text(s, 6));
        append_text(&next, name, (const char *)sqlite3_column_text(s, 7));
        report_unit *u = PUSH(d, units);
        u->code = col(d, s, 1);
        u->name = col(d, s, 2);
        u->kind = strchr(u->code, ':') ? "group" : "office";
    }
    sqlite3_finalize(s);
    d->difficulties = arena_strdup(d->arena, diff.len ? sb_str(&diff) : NULL);
    d->proposals = arena_strdup(d->arena, prop.len ? sb_str(&prop) : NULL);
    d->next_tasks = arena_strdup(d->arena, next.len ? sb_str(&next) : NULL);
    sb_free(&diff);
    sb_free(&prop);
    sb_free(&next);
    if (!d->n_units)
        return xaso_error_set(err, XASO_EX_NOINPUT,
                              _("nothing has been received for %s %s: import the senders' "
                                "bundles first (xaso bundle import)"),
                              plan, d->period);
    return 0;
}

/* One target row per target, in the order the senders give them, with the combined value. */
static int load_targets(xaso_store *st, const char *plan, report_data *d, xaso_error *err)
{
    sqlite3_stmt *s;
    if (receive_prepare(st,
                "WITH b AS (SELECT b.id, s.code FROM received_bundle b JOIN sender s ON s.id = "
                "b.sender_id WHERE b.state = 'current' AND b.period = ?1 AND (b.plan_key = ?2 "
                "OR b.plan_symbol = ?2 OR b.plan_key = ?3)), ord AS (SELECT t.key, "
                "min(t.rowid) AS pos FROM recv_target t JOIN b ON b.id = t.bundle_id GROUP BY "
                "t.key) SELECT t.key, t.code, t.section, t.name, coalesce(t.comparator, 'text'), "
                "t.target_value, coalesce(t.measure_unit, ''), coalesce(t.verdict, 'no-data') <> "
                "'no-data', t.value, t.numerator IS NOT NULL AND t.denominator IS NOT NULL, "
                "t.numerator, t.denominator, coalesce(t.verdict, 'no-data') FROM recv_target t "
                "JOIN b ON b.id = t.bundle_id JOIN ord ON ord.key = t.key ORDER BY ord.pos, "
                "b.code",
                &s, err))
        return err->code;
    sqlite3_bind_text(s, 1, d->period, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, d->plan_key, -1, SQLITE_STATIC);
    receive_combine c;
    report_target *t = NULL;
    for (bool more = sqlite3_step(s) == SQLITE_ROW; t || more;) {
        const char *key = more ? (const char *)sqlite3_column_text(s, 0) : NULL;
        if (t && (!key || strcmp(t->key, key))) {
            receive_combined r;
            receive_combine_result(&c, &r);
            t->has_row = true;
            t->verdict = r.verdict;
            t->no_data = r.kind != COMBINED_RATIO && r.kind != COMBINED_SUM &&
                         r.kind != COMBINED_MET_COUNT;
            if (r.kind == COMBINED_RATIO || r.kind == COMBINED_SUM)
                t->value = (report_number){true, r.value};
            if (r.kind == COMBINED_RATIO) {
                t->numerator = (report_number){true, c.sum_num};
                t->denominator = (report_number){true, c.sum_den};
            }
            char note[160];
            snprintf(note, sizeof note, "Tổng hợp từ %zu/%zu đơn vị có số liệu", c.with_data,
                     c.senders);
            if (r.kind == COMBINED_MET_COUNT) {
                char v[64];
                snprintf(v, sizeof v, "%zu/%zu đơn vị đạt", c.met, c.with_data);
                t->value_text = arena_strdup(d->arena, v);
            } else if (r.kind == COMBINED_NO_COUNTS || r.kind == COMBINED_PERCENT) {
                snprintf(note, sizeof note,
                         "Không cộng gộp được: %zu/%zu đơn vị chỉ báo tỷ lệ %%, không có tử số "
                         "và mẫu số",
                         c.with_data - c.with_counts, c.with_data);
            }
            t->value_note = arena_strdup(d->arena, note);
            t = NULL;
        }
        if (!more)
            break;
        if (!t) {
            t = PUSH(d, targets);
            t->key = col(d, s, 0);
            t->code = col(d, s, 1) ? col(d, s, 1) : t->key;
            t->section = col(d, s, 2);
            t->name = col(d, s, 3);
            t->comparator = col(d, s, 4);
            t->target = number(s, 5);
            t->measure_unit = col(d, s, 6);
            t->judged_met = -1;
            memset(&c, 0, sizeof c);
            snprintf(c.key, sizeof c.key, "%s", t->key);
            snprintf(c.unit, sizeof c.unit, "%s", t->measure_unit);
            snprintf(c.comparator, sizeof c.comparator, "%s", t->comparator);
            c.has_target = t->target.set;
            c.target = t->target.v;
        }
        receive_combine_add(&c, sqlite3_column_int(s, 7) != 0, sqlite3_column_double(s, 8),
                            sqlite3_column_int(s, 9) != 0, sqlite3_column_double(s, 10),
                            sqlite3_column_double(s, 11),
                            (const char *)sqlite3_column_text(s, 12));
        more = sqlite3_step(s) == SQLITE_ROW;
    }
    sqlite3_finalize(s);
    return 0;
}

/* Every sender's tasks, keyed "SENDER/TASK" and led by the sender. */
static int load_tasks(xaso_store *st, const char *plan, report_data *d, xaso_error *err)
{
    sqlite3_stmt *s;
    if (receive_prepare(st,
                "SELECT s.code, s.name, t.key, t.code, t.section, coalesce(t.kind, 'task'), "
                "t.name, coalesce(t.timeline_kind, 'none'), t.start_date, t.due_date, "
                "coalesce(t.warnings, ''), t.has_update, t.status, t.counted_status, "
                "t.completion, t.done_text, t.difficulties, t.proposals, t.updated_at "
                "FROM recv_task t JOIN received_bundle b ON b.id = t.bundle_id JOIN sender s "
                "ON s.id = b.sender_id WHERE b.state = 'current' AND b.period = ?1 AND "
                "(b.plan_key = ?2 OR b.plan_symbol = ?2 OR b.plan_key = ?3) "
                "ORDER BY s.code, t.rowid",
                &s, err))
        return err->code;
    sqlite3_bind_text(s, 1, d->period, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, d->plan_key, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        report_task *t = PUSH(d, tasks);
        const char *sender = col(d, s, 0);
        char key[512];
        snprintf(key, sizeof key, "%s/%s", sender, (const char *)sqlite3_column_text(s, 2));
        t->key = arena_strdup(d->arena, key);
        t->code = col(d, s, 3) ? col(d, s, 3) : col(d, s, 2);
        t->section = col(d, s, 4);
        t->kind = col(d, s, 5);
        t->name = col(d, s, 6);
        t->timeline_kind = col(d, s, 7);
        t->start_date = col(d, s, 8);
        t->due_date = col(d, s, 9);
        t->leads = col(d, s, 1);
        warnings_parse((const char *)sqlite3_column_text(s, 10), &t->warnings);
        t->has_update = sqlite3_column_int(s, 11) != 0 &&
                        task_status_from_code((const char *)sqlite3_column_text(s, 12),
                                              &t->status);
        t->has_status = t->has_update;
        if (!t->has_update || !task_status_from_code((const char *)sqlite3_column_text(s, 13),
                                                     &t->counted))
            t->counted = t->status;
        t->completion = number(s, 14);
        t->done_text = col(d, s, 15);
        t->difficulties = col(d, s, 16);
        t->proposals = col(d, s, 17);
        t->updated_at = col(d, s, 18);
        report_assignment *a = PUSH(d, assignments);
        a->task_key = t->key;
        a->unit_code = sender;
        a->role = "lead";
    }
    sqlite3_finalize(s);
    return 0;
}

static void consolidated_free(consolidated *k)
{
    if (k->d.arena)
        arena_free(k->d.arena);
    free(k->senders);
    free(k->sha);
    free(k->finalised);
    free(k);
}

int receive_build_bundle(xaso_store *st, const char *plan, const char *period,
                         const char *output, receive_bundle_result *out, xaso_error *err)
{
    memset(out, 0, sizeof *out);
    if (!plan || !*plan)
        return xaso_error_set(err, XASO_EX_USAGE, "%s", _("give the plan (--plan)"));
    consolidated *k = xcalloc(1, sizeof *k);
    report_data *d = &k->d;
    d->arena = arena_new();
    if (!period || !period_parse(period, &d->p)) {
        consolidated_free(k);
        return xaso_error_set(err, XASO_EX_USAGE,
                              _("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, 2026)"),
                              period ? period : "");
    }
    period_format(&d->p, d->period, sizeof d->period);
    period_title_vi(&d->p, d->period_title, sizeof d->period_title);
    period_calendar_window(&d->p, &d->window_start, &d->window_end);
    d->state = REPORT_FINALISED;
    int rc = store_authorize(st, PERM_BUNDLE_BUILD, OWNERSHIP_NONE, err);
    if (!rc)
        rc = load_header(st, plan, d, err);
    if (!rc)
        rc = load_senders(st, plan, k, err);
    if (!rc)
        rc = load_targets(st, plan, d, err);
    if (!rc)
        rc = load_tasks(st, plan, d, err);
    if (!rc) {
        d->extra_tables = &senders_table;
        d->n_extra_tables = 1;
        bundle_options opt = {.output = output};
        rc = bundle_build_data(st, d, &opt, &out->bundle, err);
    }
    if (!rc) {
        for (size_t i = 0; i < k->n_senders; i++) {
            if (included(k->senders[i].cell))
                out->included++;
            else if (k->senders[i].expected)
                out->missing++;
        }
        out->targets = d->n_targets;
        out->tasks = d->n_tasks;
    }
    consolidated_free(k);
    return rc;
}
