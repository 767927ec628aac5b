/* Read-only queries for the full-screen interface.
 *
 * Warnings in SQL. A task's warnings come from the pure rule task_warnings() (src/core/warning.c)
 * and nowhere else: this file registers it as the SQL function xaso_task_warnings(), which takes
 * the facts a query gathers (timeline, latest update, evidence counts, whether the current period
 * has an update) and calls the C rule. A view re-implementing the rule in SQL would be faster to
 * write but would give two rules to keep in step; a precomputed column would go stale whenever
 * today, the period or an update changes. Verdicts (verdict_of) and report deadlines
 * (calendar_report_deadline) are registered the same way.
 *
 * Paging. A table keeps in memory only the ordered ids of the rows that pass its filter (plus,
 * for tasks, their warning bits: 16 bytes a row, 1.6 MB for 100,000 tasks), found with one query
 * when the table opens or its filter or sort changes. The cells of a row are fetched by primary
 * key when the row comes into view, so a key press costs a screenful of indexed lookups however
 * long the table is. LIMIT/OFFSET paging would instead re-sort the whole table at every page
 * (the schema has no index on the sort columns) and get slower towards the end. */
#include "xaso/store_query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/i18n.h"
#include "xaso/status.h"
#include "xaso/store_progress.h"
#include "xaso/store_search.h"
#include "xaso/strbuf.h"
#include "xaso/timeline.h"
#include "xaso/utf8.h"
#include "xaso/value.h"
#include "xaso/verdict.h"

struct xaso_query {
    xaso_store *st;
    sqlite3 *db;
    long long plan_id;
    xaso_date today;
    xaso_calendar cal;
    xaso_period current;
    char current_code[XASO_PERIOD_ID_SIZE];
    char today_iso[11], plan_start_iso[11];
};

typedef struct {
    long long id;
    unsigned flags;
} list_entry;

struct query_list {
    query_table table;
    bool has_flags; /* the warnings were computed with the list */
    list_entry *rows;
    size_t n;
    sqlite3_stmt *row_stmt;
};

/* ---------- the tables ---------- */

#define LATEST_UPDATE                                                                            \
    " LEFT JOIN task_update lu ON lu.id = (SELECT u.id FROM task_update u WHERE u.task_id = t.id" \
    " ORDER BY xaso_period_end(u.period) DESC, u.id DESC LIMIT 1)"
#define LATEST_VALUE                                                                              \
    " LEFT JOIN target_value lv ON lv.id = (SELECT v.id FROM target_value v"                      \
    " WHERE v.target_id = g.id ORDER BY xaso_period_end(v.period) DESC, v.id DESC LIMIT 1)"
#define EVIDENCE_COUNTS                                                                           \
    " LEFT JOIN (SELECT tu.task_id AS task_id, sum(e.appraisal = 'pending') AS pending,"          \
    " sum(e.appraisal = 'accepted') AS accepted, sum(e.appraisal = 'rejected') AS rejected"       \
    " FROM evidence e JOIN task_update tu ON tu.id = e.task_update_id GROUP BY tu.task_id) ev"    \
    " ON ev.task_id = t.id"
#define TASK_WARNINGS                                                                             \
    "xaso_task_warnings(t.timeline_kind, t.start_date, t.due_date, lu.status, lu.completion,"     \
    " coalesce(ev.pending, 0), coalesce(ev.accepted, 0), coalesce(ev.rejected, 0),"              \
    " EXISTS (SELECT 1 FROM task_update c WHERE c.task_id = t.id AND c.period = :period),"       \
    " :today, :pstart)"
/* Tasks with their latest update and evidence counts: the facts TASK_WARNINGS needs. */
#define LATEST_UPDATE_FROM                                                                        \
    " FROM task t" LATEST_UPDATE EVIDENCE_COUNTS " WHERE t.plan_id = :plan AND t.archived = 0"
/* The same rule for one task at a time (row fetches): evidence counted by correlated subqueries
 * instead of the whole-table aggregate. */
#define EVIDENCE_OF(state)                                                                        \
    "(SELECT count(*) FROM evidence e JOIN task_update x ON x.id = e.task_update_id"             \
    " WHERE x.task_id = t.id AND e.appraisal = '" state "')"
#define TASK_WARNINGS_ROW                                                                         \
    "xaso_task_warnings(t.timeline_kind, t.start_date, t.due_date, lu.status, lu.completion, "   \
    EVIDENCE_OF("pending") ", " EVIDENCE_OF("accepted") ", " EVIDENCE_OF("rejected") ","         \
    " EXISTS (SELECT 1 FROM task_update c WHERE c.task_id = t.id AND c.period = :period),"       \
    " :today, :pstart)"
#define VERDICT "xaso_verdict(g.comparator, g.value, lv.value, lv.no_data, lv.judged_met)"
#define UNIT_SHORT(u)                                                                             \
    "coalesce((SELECT ua.alias FROM unit_alias ua WHERE ua.unit_id = " u ".id"                  \
    " ORDER BY length(ua.alias), ua.alias LIMIT 1), " u ".name)"
#define DISBURSED "(SELECT sum(d.amount) FROM disbursement d WHERE d.project_id = p.id)"

typedef struct {
    query_column col;
    const char *value_sql; /* in row_from */
    const char *sort_sql;  /* in list_from; NULL = value_sql */
} table_column;

typedef struct {
    const char *code, *title;
    const char *id_sql;
    const char *list_from; /* FROM … WHERE scope */
    const char *row_from;
    const char *flags_sql;
    const char *order_sql; /* natural order */
    /* Search. Tables in the search index (indexed_kind()) match through it, like `xaso search`,
     * or by a code that starts with the text typed (search_sql: the ids whose code is LIKE
     * :code); the others match the folded text anywhere in search_sql's columns (:search). */
    const char *search_sql;
    const char *filter_sql[FILTER_DIM_COUNT];
    table_column cols[QUERY_MAX_COLUMNS];
} table_spec;

#define C(id, label, kind, flex, mn, mx) {id, label, kind, flex, mn, mx, false}
#define CO(id, label, kind, flex, mn, mx) {id, label, kind, flex, mn, mx, true}

static const table_spec tables[QUERY_TABLE_COUNT] = {
    [QUERY_PLANS] = {
        "plans", N_("Plans"), "p.id",
        " FROM plan p WHERE p.archived = 0", " FROM plan p WHERE p.archived = 0", "0",
        "coalesce(p.period_to, p.period_from) DESC, p.id",
        "SELECT id FROM plan WHERE key LIKE :code ESCAPE '\\'",
        {[FILTER_HORIZON] = ":fh BETWEEN p.period_from AND coalesce(p.period_to, p.period_from)"},
        {
            {C("symbol", N_("Symbol"), QCOL_CODE, false, 6, 14), "p.symbol", NULL},
            {C("years", N_("Years"), QCOL_TEXT, false, 4, 9),
             "CASE WHEN p.period_to IS NULL OR p.period_to = p.period_from THEN p.period_from"
             " ELSE p.period_from || '-' || p.period_to END", "p.period_from"},
            {C("title", N_("Title"), QCOL_TEXT, true, 16, 0), "p.title", NULL},
            {C("targets", N_("Targets"), QCOL_NUMBER, false, 4, 7),
             "(SELECT count(*) FROM target x WHERE x.plan_id = p.id AND x.archived = 0)", NULL},
            {C("tasks", N_("Tasks"), QCOL_NUMBER, false, 4, 7),
             "(SELECT count(*) FROM task x WHERE x.plan_id = p.id AND x.archived = 0)", NULL},
            {CO("projects", N_("Projects"), QCOL_NUMBER, false, 4, 7),
             "(SELECT count(*) FROM project x WHERE x.plan_id = p.id AND x.archived = 0)", NULL},
        }},
    [QUERY_TARGETS] = {
        "targets", N_("Targets"), "g.id",
        " FROM target g" LATEST_VALUE " WHERE g.plan_id = :plan AND g.archived = 0",
        " FROM target g" LATEST_VALUE " WHERE g.plan_id = :plan AND g.archived = 0", "0",
        "g.pos",
        "SELECT id FROM target WHERE code LIKE :code ESCAPE '\\'",
        {[FILTER_UNIT] = "g.responsible_unit_id = :fu", [FILTER_STATUS] = VERDICT " = :fs",
         [FILTER_GROUP] = "g.grp = :fg", [FILTER_HORIZON] = "g.horizon = :fh"},
        {
            {C("code", N_("Code"), QCOL_CODE, false, 4, 7), "g.code", NULL},
            {C("name", N_("Target"), QCOL_TEXT, true, 16, 0), "g.name", NULL},
            {C("planned", N_("Planned"), QCOL_TEXT, false, 6, 12), "g.target_text", "g.value"},
            {C("value", N_("Value"), QCOL_NUMBER, false, 5, 8), "lv.value", NULL},
            {CO("trend", N_("Trend"), QCOL_TREND, false, 5, 8),
             "(SELECT coalesce(g.value, '') || '|' || coalesce(group_concat(coalesce(x.value,"
             " ''), ';'), '') FROM (SELECT v.value AS value FROM target_value v WHERE"
             " v.target_id = g.id ORDER BY xaso_period_end(v.period), v.id) x)",
             "lv.value / nullif(g.value, 0)"},
            {CO("period", N_("As of"), QCOL_PERIOD, false, 7, 12), "lv.period",
             "xaso_period_end(lv.period)"},
            {C("verdict", N_("Verdict"), QCOL_VERDICT, false, 8, 16), VERDICT, NULL},
            {CO("unit", N_("Unit"), QCOL_TEXT, false, 6, 14),
             "(SELECT " UNIT_SHORT("u") " FROM unit u WHERE u.id = g.responsible_unit_id)",
             NULL},
        }},
    [QUERY_TASKS] = {
        "tasks", N_("Tasks"), "t.id",
        " FROM task t" LATEST_UPDATE EVIDENCE_COUNTS
        " WHERE t.plan_id = :plan AND t.archived = 0",
        " FROM task t" LATEST_UPDATE " WHERE t.plan_id = :plan AND t.archived = 0",
        TASK_WARNINGS, "t.pos",
        "SELECT id FROM task WHERE code LIKE :code ESCAPE '\\'",
        {[FILTER_UNIT] = "EXISTS (SELECT 1 FROM task_assignment a WHERE a.task_id = t.id"
                         " AND a.unit_id = :fu)",
         [FILTER_STATUS] = "coalesce(lu.status, 'none') = :fs",
         [FILTER_WARNING] = "", /* on the warning bits, see list_sql() */
         [FILTER_GROUP] = "t.grp = :fg"},
        {
            {C("code", N_("Code"), QCOL_CODE, false, 4, 9), "t.code", NULL},
            {C("name", N_("Task"), QCOL_TEXT, true, 16, 0), "t.name", NULL},
            {CO("lead", N_("Lead"), QCOL_TEXT, false, 6, 10),
             "(SELECT group_concat(nm, ', ') FROM (SELECT " UNIT_SHORT("u") " AS nm"
             " FROM task_assignment a JOIN unit u ON u.id = a.unit_id WHERE a.task_id = t.id"
             " AND a.role = 'lead' ORDER BY a.pos))", NULL},
            {CO("due", N_("Due"), QCOL_DATE, false, 10, 10), "t.due_date", NULL},
            {C("status", N_("Status"), QCOL_TASK_STATUS, false, 10, 16), "lu.status", NULL},
            {C("completion", N_("%"), QCOL_PERCENT, false, 4, 4), "lu.completion", NULL},
            {C("warnings", N_("Warnings"), QCOL_WARNINGS, false, 10, 16), TASK_WARNINGS_ROW,
             "@warnings"},
        }},
    [QUERY_PROJECTS] = {
        "projects", N_("Projects"), "p.id",
        " FROM project p WHERE p.plan_id = :plan AND p.archived = 0",
        " FROM project p WHERE p.plan_id = :plan AND p.archived = 0", "0", "p.pos",
        "SELECT id FROM project WHERE code LIKE :code ESCAPE '\\'",
        {[FILTER_GROUP] = "p.grp = :fg"},
        {
            {C("code", N_("Code"), QCOL_CODE, false, 4, 6), "p.code", NULL},
            {CO("group", N_("Group"), QCOL_TEXT, false, 8, 22), "p.grp", NULL},
            {C("name", N_("Project"), QCOL_TEXT, true, 16, 0), "p.name", NULL},
            {C("total", N_("Total"), QCOL_MONEY, false, 8, 10), "p.budget_total", NULL},
            {CO("year", N_("This year"), QCOL_MONEY, false, 8, 10), "p.year_total", NULL},
            {C("disbursed", N_("Disbursed"), QCOL_MONEY, false, 8, 10), DISBURSED, NULL},
            {C("rate", N_("%"), QCOL_PERCENT, false, 4, 4),
             "CASE WHEN p.year_total > 0 THEN coalesce(" DISBURSED ", 0) * 100.0 / p.year_total"
             " END", NULL},
        }},
    [QUERY_UNITS] = {
        "units", N_("Units"), "u.id",
        " FROM unit u WHERE u.active = 1", " FROM unit u WHERE u.active = 1", "0", "u.id",
        "SELECT id FROM unit WHERE code LIKE :code ESCAPE '\\'",
        {[FILTER_GROUP] = "u.kind = :fg"},
        {
            {C("short", N_("Short name"), QCOL_TEXT, false, 6, 14), UNIT_SHORT("u"), NULL},
            {C("name", N_("Unit"), QCOL_TEXT, true, 16, 0), "u.name", NULL},
            {CO("kind", N_("Kind"), QCOL_UNIT_KIND, false, 6, 12), "u.kind", NULL},
            {C("lead", N_("Leads"), QCOL_NUMBER, false, 5, 6),
             "(SELECT count(*) FROM task_assignment a JOIN task x ON x.id = a.task_id"
             " WHERE a.unit_id = u.id AND a.role = 'lead' AND x.plan_id = :plan"
             " AND x.archived = 0)", NULL},
            {CO("coord", N_("Supports"), QCOL_NUMBER, false, 5, 8),
             "(SELECT count(*) FROM task_assignment a JOIN task x ON x.id = a.task_id"
             " WHERE a.unit_id = u.id AND a.role <> 'lead' AND x.plan_id = :plan"
             " AND x.archived = 0)", NULL},
            {C("targets", N_("Targets"), QCOL_NUMBER, false, 5, 7),
             "(SELECT count(*) FROM target x WHERE x.responsible_unit_id = u.id"
             " AND x.plan_id = :plan AND x.archived = 0)", NULL},
        }},
    [QUERY_REPORTS] = {
        "reports", N_("Reports"), "r.id",
        " FROM report r WHERE r.plan_id = :plan", " FROM report r WHERE r.plan_id = :plan", "0",
        "xaso_period_end(r.period), r.sender, r.id",
        "(fold(r.period) LIKE :search ESCAPE '\\' OR fold(r.sender) LIKE :search ESCAPE '\\')",
        {[FILTER_STATUS] = "r.state = :fs"},
        {
            {C("period", N_("Period"), QCOL_PERIOD, false, 8, 16), "r.period",
             "xaso_period_end(r.period)"},
            {C("state", N_("State"), QCOL_REPORT_STATE, false, 8, 16), "r.state", NULL},
            {CO("cutoff", N_("Cut-off"), QCOL_DATE, false, 10, 10),
             "xaso_period_cutoff_end(r.period)", NULL},
            {C("due", N_("Deadline"), QCOL_DATE, false, 10, 10), "xaso_report_due(r.period)",
             NULL},
            {C("days", N_("Days left"), QCOL_DAYS, false, 5, 9),
             "CAST(julianday(xaso_report_due(r.period)) - julianday(:today) AS INTEGER)",
             NULL},
            {C("note", N_("Note"), QCOL_TEXT, true, 10, 0),
             "coalesce(r.returned_reason, (SELECT e.note FROM report_event e"
             " WHERE e.report_id = r.id ORDER BY e.id DESC LIMIT 1))", NULL},
        }},
    [QUERY_AUDIT] = {
        "audit", N_("Audit trail"), "a.id", " FROM audit a WHERE 1", " FROM audit a WHERE 1",
        "0", "a.id DESC",
        "(fold(a.action) LIKE :search ESCAPE '\\' OR fold(a.tbl) LIKE :search ESCAPE '\\'"
        " OR fold(coalesce(a.actor, '')) LIKE :search ESCAPE '\\'"
        " OR fold(coalesce(a.new, a.old, '')) LIKE :search ESCAPE '\\')",
        {[FILTER_GROUP] = "a.tbl = :fg"},
        {
            {C("at", N_("When"), QCOL_TIMESTAMP, false, 16, 16), "a.at", NULL},
            {CO("actor", N_("Who"), QCOL_TEXT, false, 4, 10), "a.actor", NULL},
            {C("action", N_("Action"), QCOL_CODE, false, 6, 16), "a.action", NULL},
            {C("table", N_("Table"), QCOL_CODE, false, 5, 12), "a.tbl", NULL},
            {CO("row", N_("Row"), QCOL_NUMBER, false, 3, 7), "a.row_id", NULL},
            {C("change", N_("Change"), QCOL_TEXT, true, 10, 0), "coalesce(a.new, a.old)",
             NULL},
        }},
};

static size_t column_count(query_table t)
{
    size_t n = 0;
    while (n < QUERY_MAX_COLUMNS && tables[t].cols[n].col.id)
        n++;
    return n;
}

const query_column *query_columns(query_table t, size_t *n)
{
    static query_column cols[QUERY_TABLE_COUNT][QUERY_MAX_COLUMNS];
    size_t k = column_count(t);
    for (size_t i = 0; i < k; i++)
        cols[t][i] = tables[t].cols[i].col;
    *n = k;
    return cols[t];
}

const char *query_table_code(query_table t)
{
    return t < QUERY_TABLE_COUNT ? tables[t].code : "";
}

const char *query_table_title(query_table t)
{
    return t < QUERY_TABLE_COUNT ? tables[t].title : "";
}

static const char *const dim_codes[FILTER_DIM_COUNT] = {"unit", "status", "warning", "group",
                                                        "horizon"};
static const char *const dim_labels[FILTER_DIM_COUNT] = {N_("Unit"), N_("Status"),
                                                         N_("Warning"), N_("Group"),
                                                         N_("Horizon")};

const char *query_filter_dim_code(query_filter_dim d)
{
    return d < FILTER_DIM_COUNT ? dim_codes[d] : "";
}

const char *query_filter_dim_label(query_filter_dim d)
{
    return d < FILTER_DIM_COUNT ? dim_labels[d] : "";
}

bool query_table_has_filter(query_table t, query_filter_dim d)
{
    return t < QUERY_TABLE_COUNT && d < FILTER_DIM_COUNT && tables[t].filter_sql[d] != NULL;
}

void query_filter_clear(query_filter *f)
{
    free(f->search);
    f->search = NULL;
    free(f->ids);
    f->ids = NULL;
    for (size_t i = 0; i < FILTER_DIM_COUNT; i++) {
        free(f->value[i]);
        f->value[i] = NULL;
    }
}

void query_filter_set(query_filter *f, query_filter_dim d, const char *value)
{
    free(f->value[d]);
    f->value[d] = value ? xstrdup(value) : NULL;
}

void query_filter_set_search(query_filter *f, const char *search)
{
    free(f->search);
    f->search = search && *search ? xstrdup(search) : NULL;
}

void query_filter_set_ids(query_filter *f, const long long *ids, size_t n)
{
    strbuf sb = STRBUF_INIT;
    sb_putc(&sb, '[');
    for (size_t i = 0; i < n; i++)
        sb_appendf(&sb, "%s%lld", i ? "," : "", ids[i]);
    sb_putc(&sb, ']');
    free(f->ids);
    f->ids = sb_detach(&sb);
}

bool query_filter_active(const query_filter *f)
{
    if ((f->search && *f->search) || f->ids)
        return true;
    for (size_t i = 0; i < FILTER_DIM_COUNT; i++)
        if (f->value[i])
            return true;
    return false;
}

char *query_like_escape(const char *s)
{
    strbuf sb = STRBUF_INIT;
    for (; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            sb_putc(&sb, '\\');
        sb_putc(&sb, *s);
    }
    return sb_detach(&sb);
}

/* ---------- SQL functions: the core rules, callable from queries ---------- */

static bool arg_date(sqlite3_value *v, xaso_date *out)
{
    const unsigned char *s = sqlite3_value_text(v);
    return s && date_parse_iso((const char *)s, out);
}

static void sql_period_end(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *code = sqlite3_value_text(argv[0]);
    xaso_period p;
    xaso_date start, end;
    char buf[11];
    if (!code || !period_parse((const char *)code, &p) || !period_calendar_window(&p, &start, &end)) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, date_format_iso(end, buf, sizeof buf), -1, SQLITE_TRANSIENT);
}

static void sql_period_cutoff_end(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    xaso_query *q = sqlite3_user_data(ctx);
    const unsigned char *code = sqlite3_value_text(argv[0]);
    xaso_period p;
    xaso_date start, end;
    char buf[11];
    if (!code || !period_parse((const char *)code, &p) ||
        !period_cutoff_window(&p, &q->cal.windows, &start, &end)) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, date_format_iso(end, buf, sizeof buf), -1, SQLITE_TRANSIENT);
}

static void sql_report_due(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    xaso_query *q = sqlite3_user_data(ctx);
    const unsigned char *code = sqlite3_value_text(argv[0]);
    xaso_period p;
    xaso_report_deadline dl;
    const xaso_deadline_rule *rule;
    char buf[11];
    if (!code || !period_parse((const char *)code, &p) ||
        !(rule = calendar_rule_for(&q->cal, p.kind)) ||
        !calendar_report_deadline(&q->cal, rule, &p, &dl)) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, date_format_iso(dl.due, buf, sizeof buf), -1, SQLITE_TRANSIENT);
}

/* xaso_task_warnings(timeline_kind, start, due, status, completion, pending, accepted, rejected,
 * has_update_this_period, today, period_start) → the bits of task_warnings(). */
static void sql_task_warnings(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    xaso_task_facts f;
    memset(&f, 0, sizeof f);
    const unsigned char *kind = sqlite3_value_text(argv[0]);
    if (!kind || !timeline_kind_from_code((const char *)kind, &f.timeline.kind))
        f.timeline.kind = TL_NONE;
    if (!arg_date(argv[1], &f.timeline.start))
        f.timeline.start = XASO_DATE_NONE;
    if (!arg_date(argv[2], &f.timeline.due))
        f.timeline.due = XASO_DATE_NONE;
    const unsigned char *status = sqlite3_value_text(argv[3]);
    f.has_status = status && task_status_from_code((const char *)status, &f.status);
    f.has_completion = sqlite3_value_type(argv[4]) != SQLITE_NULL;
    f.completion_percent = sqlite3_value_double(argv[4]);
    f.evidence_pending = sqlite3_value_int(argv[5]);
    f.evidence_accepted = sqlite3_value_int(argv[6]);
    f.evidence_rejected = sqlite3_value_int(argv[7]);
    f.has_update_this_period = sqlite3_value_int(argv[8]) != 0;
    if (!arg_date(argv[9], &f.today))
        f.today = XASO_DATE_NONE;
    if (!arg_date(argv[10], &f.period_start))
        f.period_start = XASO_DATE_NONE;
    sqlite3_result_int(ctx, (int)task_warnings(&f));
}

/* xaso_verdict(comparator, target_value, value, no_data, judged_met) → a verdict code. */
static void sql_verdict(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    xaso_comparator cmp = CMP_NONE;
    const unsigned char *code = sqlite3_value_text(argv[0]);
    if (code)
        comparator_from_code((const char *)code, &cmp);
    xaso_observation obs = {
        .has_value = sqlite3_value_int(argv[3]) == 0 &&
                     (sqlite3_value_type(argv[2]) != SQLITE_NULL ||
                      ((cmp == CMP_TEXT || cmp == CMP_NONE) &&
                       sqlite3_value_type(argv[4]) != SQLITE_NULL)),
        .value = sqlite3_value_double(argv[2]),
        .judged_met = sqlite3_value_int(argv[4]) != 0,
    };
    xaso_verdict v = verdict_of(cmp, sqlite3_value_type(argv[1]) != SQLITE_NULL,
                                sqlite3_value_double(argv[1]), &obs);
    sqlite3_result_text(ctx, verdict_code(v), -1, SQLITE_STATIC);
}

static const struct {
    const char *name;
    int args;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
} sql_functions[] = {
    {"xaso_period_end", 1, sql_period_end},
    {"xaso_period_cutoff_end", 1, sql_period_cutoff_end},
    {"xaso_report_due", 1, sql_report_due},
    {"xaso_task_warnings", 11, sql_task_warnings},
    {"xaso_verdict", 5, sql_verdict},
    {"xaso_search_score", 3, search_sql_score},
};
#define N_SQL_FUNCTIONS (sizeof sql_functions / sizeof sql_functions[0])

/* ---------- the context ---------- */

static int fail(xaso_query *q, xaso_error *err, const char *what)
{
    return store_fail(q->st, err, what);
}

static void set_plan_dates(xaso_query *q)
{
    q->plan_start_iso[0] = '\0';
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(q->db, "SELECT period_from FROM plan WHERE id = ?1", -1, &s, NULL) !=
        SQLITE_OK)
        return;
    sqlite3_bind_int64(s, 1, q->plan_id);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        date_format_iso(date_from_ymd(sqlite3_column_int(s, 0), 1, 1), q->plan_start_iso,
                        sizeof q->plan_start_iso);
    sqlite3_finalize(s);
}

int query_set_plan(xaso_query *q, long long plan_id, xaso_error *err)
{
    if (plan_id <= 0) {
        sqlite3_stmt *s;
        if (sqlite3_prepare_v2(q->db,
                               "SELECT id FROM plan WHERE archived = 0 ORDER BY"
                               " coalesce(period_to, period_from) DESC, id LIMIT 1",
                               -1, &s, NULL) != SQLITE_OK)
            return fail(q, err, "plan");
        plan_id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        sqlite3_finalize(s);
    }
    q->plan_id = plan_id;
    set_plan_dates(q);
    return 0;
}

int query_open(xaso_store *st, long long plan_id, xaso_date today, const xaso_calendar *cal,
               xaso_query **out, xaso_error *err)
{
    xaso_query *q = xcalloc(1, sizeof *q);
    q->st = st;
    q->db = store_db(st);
    q->today = today;
    if (cal)
        q->cal = *cal;
    else
        calendar_default(&q->cal);
    date_format_iso(today, q->today_iso, sizeof q->today_iso);
    if (!period_containing(PERIOD_QUARTER, today, WINDOW_CUTOFF, &q->cal.windows, &q->current))
        memset(&q->current, 0, sizeof q->current);
    period_format(&q->current, q->current_code, sizeof q->current_code);
    for (size_t i = 0; i < N_SQL_FUNCTIONS; i++)
        if (sqlite3_create_function(q->db, sql_functions[i].name, sql_functions[i].args,
                                    SQLITE_UTF8, q, sql_functions[i].fn, NULL,
                                    NULL) != SQLITE_OK) {
            int rc = fail(q, err, sql_functions[i].name);
            query_close(q);
            return rc;
        }
    int rc = query_set_plan(q, plan_id, err);
    if (rc) {
        query_close(q);
        return rc;
    }
    *out = q;
    return 0;
}

void query_close(xaso_query *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < N_SQL_FUNCTIONS; i++)
        sqlite3_create_function(q->db, sql_functions[i].name, sql_functions[i].args,
                                SQLITE_UTF8, NULL, NULL, NULL, NULL);
    free(q);
}

long long query_plan_id(const xaso_query *q)
{
    return q->plan_id;
}

xaso_date query_today(const xaso_query *q)
{
    return q->today;
}

const xaso_period *query_current_period(const xaso_query *q)
{
    return &q->current;
}

/* Bind the named parameters a statement uses. */
static void bind_common(xaso_query *q, sqlite3_stmt *s, const query_filter *f, query_table t)
{
    int i;
    if ((i = sqlite3_bind_parameter_index(s, ":plan")))
        sqlite3_bind_int64(s, i, q->plan_id);
    if ((i = sqlite3_bind_parameter_index(s, ":today")))
        sqlite3_bind_text(s, i, q->today_iso, -1, SQLITE_TRANSIENT);
    if ((i = sqlite3_bind_parameter_index(s, ":pstart")))
        sqlite3_bind_text(s, i, q->plan_start_iso[0] ? q->plan_start_iso : NULL, -1,
                          SQLITE_TRANSIENT);
    if ((i = sqlite3_bind_parameter_index(s, ":period")))
        sqlite3_bind_text(s, i, q->current_code, -1, SQLITE_TRANSIENT);
    if (!f)
        return;
    if (f->search && *f->search && (i = sqlite3_bind_parameter_index(s, ":search"))) {
        char *folded = utf8_fold(f->search);
        char *escaped = query_like_escape(folded ? folded : "");
        strbuf pat = STRBUF_INIT;
        sb_appendf(&pat, "%%%s%%", escaped);
        sqlite3_bind_text(s, i, sb_str(&pat), -1, SQLITE_TRANSIENT);
        sb_free(&pat);
        free(escaped);
        free(folded);
    }
    if (f->search && *f->search && (i = sqlite3_bind_parameter_index(s, ":match"))) {
        /* a text without letters or digits matches nothing in the index: an empty phrase */
        char *match = search_match_expression(f->search);
        sqlite3_bind_text(s, i, match ? match : "\"\"", -1, SQLITE_TRANSIENT);
        free(match);
    }
    if (f->search && *f->search && (i = sqlite3_bind_parameter_index(s, ":code"))) {
        char *trimmed = xstrdup(f->search + strspn(f->search, " "));
        trimmed[strcspn(trimmed, " ")] = '\0';
        char *escaped = query_like_escape(trimmed);
        strbuf pat = STRBUF_INIT;
        sb_appendf(&pat, "%s%%", escaped);
        sqlite3_bind_text(s, i, *trimmed ? sb_str(&pat) : NULL, -1, SQLITE_TRANSIENT);
        sb_free(&pat);
        free(escaped);
        free(trimmed);
    }
    if (f->ids && (i = sqlite3_bind_parameter_index(s, ":ids")))
        sqlite3_bind_text(s, i, f->ids, -1, SQLITE_TRANSIENT);
    static const char *const names[FILTER_DIM_COUNT] = {":fu", ":fs", ":fw", ":fg", ":fh"};
    for (size_t d = 0; d < FILTER_DIM_COUNT; d++) {
        if (!f->value[d] || !(i = sqlite3_bind_parameter_index(s, names[d])))
            continue;
        if (d == FILTER_WARNING) {
            xaso_warning w = 0;
            warning_from_code(f->value[d], &w);
            sqlite3_bind_int(s, i, (int)w);
        } else if (d == FILTER_UNIT || d == FILTER_HORIZON) {
            sqlite3_bind_int64(s, i, atoll(f->value[d]));
        } else {
            sqlite3_bind_text(s, i, f->value[d], -1, SQLITE_TRANSIENT);
        }
    }
    (void)t;
}

/* ---------- lists ---------- */

/* Most severe first when sorted descending: overdue, behind, rejected, missing, no update. */
#define WARNING_RANK                                                                              \
    "((flags & 1) * 16 + (flags & 2) * 4 + (flags & 8) / 2 + (flags & 4) / 2 + (flags & 16) / 16)"

/* The warnings of every row are computed only when the list needs them (a warning filter or
 * sorting by warnings); otherwise each visible row computes its own when it is fetched. */
static bool list_needs_flags(query_table t, const query_filter *f, int sort_col)
{
    const table_spec *ts = &tables[t];
    if (!strcmp(ts->flags_sql, "0"))
        return false;
    if (f && f->value[FILTER_WARNING])
        return true;
    return sort_col >= 0 && (size_t)sort_col < column_count(t) &&
           ts->cols[sort_col].sort_sql && !strcmp(ts->cols[sort_col].sort_sql, "@warnings");
}

/* The kind of the search index that holds a table's records; SEARCH_ANY when none does. */
static search_kind indexed_kind(query_table t)
{
    switch (t) {
    case QUERY_PLANS: return SEARCH_PLAN;
    case QUERY_TARGETS: return SEARCH_TARGET;
    case QUERY_TASKS: return SEARCH_TASK;
    case QUERY_PROJECTS: return SEARCH_PROJECT;
    case QUERY_UNITS: return SEARCH_UNIT;
    default: return SEARCH_ANY;
    }
}

/* A table's FROM clause (" FROM task t …") driven by the search matches m instead: " FROM m
 * CROSS JOIN task t ON t.id = m.row_id …", so that each match finds its row by primary key (a
 * join or IN between two materialised tables can make SQLite scan one for every row of the other:
 * minutes for 100,000 tasks). */
static void append_from_matches(strbuf *sb, const table_spec *ts, const char *from)
{
    const char *table = from + strlen(" FROM ");
    const char *alias = table + strcspn(table, " ") + 1;
    const char *rest = alias + strcspn(alias, " ");
    sb_appendf(sb, " FROM m CROSS JOIN %.*s ON %s = m.row_id%s", (int)(rest - table), table,
               ts->id_sql, rest);
}

static char *list_sql(query_table t, const query_filter *f, int sort_col, bool desc)
{
    const table_spec *ts = &tables[t];
    bool flags = list_needs_flags(t, f, sort_col);
    bool searching = f && f->search && *f->search;
    search_kind indexed = searching ? indexed_kind(t) : SEARCH_ANY;
    strbuf sb = STRBUF_INIT;
    const char *sort = NULL;
    bool sort_by_warnings = false, sort_text = false;
    if (sort_col >= 0 && (size_t)sort_col < column_count(t)) {
        const table_column *c = &ts->cols[sort_col];
        sort = c->sort_sql ? c->sort_sql : c->value_sql;
        sort_text = c->col.kind == QCOL_TEXT;
        if (!strcmp(sort, "@warnings")) {
            sort_by_warnings = true;
            sort = NULL;
        }
    }
    sb_append(&sb, "WITH ");
    if (indexed != SEARCH_ANY) {
        /* m: the records that match, each once, with its rank from the search index (score) and
         * whether its code starts with the text (c); r's rows are found from it */
        char *ranked = search_ranked_sql(indexed, ":match");
        sb_appendf(&sb, "m AS MATERIALIZED (SELECT row_id, min(score) AS score, max(c) AS c"
                        " FROM (SELECT row_id, score, 0 AS c FROM (%s) UNION ALL"
                        " SELECT id, NULL, 1 FROM (%s)) GROUP BY row_id), ",
                   ranked, ts->search_sql);
        free(ranked);
    }
    sb_appendf(&sb, "r AS MATERIALIZED (SELECT %s AS id, %s AS flags, %s AS k, %s, "
                    "row_number() OVER (ORDER BY %s) AS o",
               ts->id_sql, flags ? ts->flags_sql : "0", sort ? sort : "NULL",
               indexed != SEARCH_ANY ? "m.c AS c, m.score AS score" : "0 AS c, NULL AS score",
               ts->order_sql);
    const char *from = flags ? ts->list_from : ts->row_from;
    if (indexed != SEARCH_ANY)
        append_from_matches(&sb, ts, from);
    else
        sb_append(&sb, from);
    if (indexed == SEARCH_ANY && searching)
        sb_appendf(&sb, " AND %s", ts->search_sql);
    for (size_t d = 0; f && d < FILTER_DIM_COUNT; d++)
        if (f->value[d] && ts->filter_sql[d] && *ts->filter_sql[d])
            sb_appendf(&sb, " AND %s", ts->filter_sql[d]);
    if (f && f->ids)
        sb_appendf(&sb, " AND %s IN (SELECT value FROM json_each(:ids))", ts->id_sql);
    sb_append(&sb, ") SELECT id, flags FROM r");
    if (f && f->value[FILTER_WARNING] && ts->filter_sql[FILTER_WARNING])
        sb_append(&sb, " WHERE (flags & :fw) != 0");
    if (sort_by_warnings)
        sb_appendf(&sb, " ORDER BY " WARNING_RANK " %s, o", desc ? "DESC" : "ASC");
    else if (sort) /* text in Vietnamese alphabetical order (COLLATE VI leaves numbers alone) */
        sb_appendf(&sb, " ORDER BY k%s %s, o", sort_text ? " COLLATE VI" : "",
                   desc ? "DESC" : "ASC");
    else if (indexed != SEARCH_ANY) /* the codes that start with the text, then best match first */
        sb_appendf(&sb, " ORDER BY c DESC, score IS NULL, score, o %s", desc ? "DESC" : "ASC");
    else
        sb_appendf(&sb, " ORDER BY o %s", desc ? "DESC" : "ASC");
    return sb_detach(&sb);
}

int query_list_open(xaso_query *q, query_table t, const query_filter *f, int sort_col, bool desc,
                    query_list **out, xaso_error *err)
{
    char *sql = list_sql(t, f, sort_col, desc);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(q->db, sql, -1, &s, NULL) != SQLITE_OK) {
        free(sql);
        return fail(q, err, query_table_code(t));
    }
    free(sql);
    bind_common(q, s, f, t);
    query_list *l = xcalloc(1, sizeof *l);
    l->table = t;
    l->has_flags = list_needs_flags(t, f, sort_col);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (l->n == cap) {
            cap = cap ? cap * 2 : 256;
            l->rows = xrealloc(l->rows, cap * sizeof *l->rows);
        }
        l->rows[l->n].id = sqlite3_column_int64(s, 0);
        l->rows[l->n].flags = (unsigned)sqlite3_column_int(s, 1);
        l->n++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        query_list_free(l);
        return fail(q, err, query_table_code(t));
    }
    *out = l;
    return 0;
}

void query_list_free(query_list *l)
{
    if (!l)
        return;
    sqlite3_finalize(l->row_stmt);
    free(l->rows);
    free(l);
}

size_t query_list_count(const query_list *l)
{
    return l ? l->n : 0;
}

long long query_list_id(const query_list *l, size_t i)
{
    return l && i < l->n ? l->rows[i].id : 0;
}

size_t query_list_find(const query_list *l, long long id)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (l->rows[i].id == id)
            return i;
    return (size_t)-1;
}

int query_list_row(xaso_query *q, query_list *l, size_t i, query_row *out, xaso_error *err)
{
    memset(out, 0, sizeof *out);
    if (i >= l->n)
        return xaso_error_set(err, XASO_EX_SOFTWARE, "row %zu out of range", i);
    const table_spec *ts = &tables[l->table];
    size_t n = column_count(l->table);
    if (!l->row_stmt) {
        strbuf sb = STRBUF_INIT;
        sb_append(&sb, "SELECT ");
        for (size_t c = 0; c < n; c++)
            sb_appendf(&sb, "%s%s", c ? ", " : "", ts->cols[c].value_sql);
        sb_appendf(&sb, "%s AND %s = :id", ts->row_from, ts->id_sql);
        int rc = sqlite3_prepare_v2(q->db, sb_str(&sb), -1, &l->row_stmt, NULL);
        sb_free(&sb);
        if (rc != SQLITE_OK)
            return fail(q, err, query_table_code(l->table));
    }
    sqlite3_stmt *s = l->row_stmt;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    bind_common(q, s, NULL, l->table);
    sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":id"), l->rows[i].id);
    out->id = l->rows[i].id;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        for (size_t c = 0; c < n; c++) {
            if (ts->cols[c].col.kind == QCOL_WARNINGS) {
                char buf[128];
                unsigned bits = l->has_flags ? l->rows[i].flags
                                             : (unsigned)sqlite3_column_int(s, (int)c);
                warnings_format(bits, buf, sizeof buf);
                out->cell[c] = buf[0] ? xstrdup(buf) : NULL;
                continue;
            }
            const unsigned char *v = sqlite3_column_text(s, (int)c);
            out->cell[c] = v ? xstrdup((const char *)v) : NULL;
        }
    } else if (rc != SQLITE_DONE) {
        sqlite3_reset(s);
        return fail(q, err, query_table_code(l->table));
    }
    sqlite3_reset(s);
    return 0;
}

void query_row_free(query_row *r)
{
    for (size_t c = 0; c < QUERY_MAX_COLUMNS; c++) {
        free(r->cell[c]);
        r->cell[c] = NULL;
    }
}

/* ---------- filter choices ---------- */

static void add_option(query_option **opts, size_t *n, size_t *cap, const char *value,
                       const char *label)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *opts = xrealloc(*opts, *cap * sizeof **opts);
    }
    (*opts)[*n].value = xstrdup(value);
    (*opts)[*n].label = label ? xstrdup(label) : NULL;
    (*n)++;
}

int query_filter_options(xaso_query *q, query_table t, query_filter_dim d, query_option **out,
                         size_t *n, xaso_error *err)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    const char *sql = NULL;
    if (d == FILTER_STATUS && t == QUERY_TASKS) {
        for (int s = TASK_NOT_STARTED; s <= TASK_NEEDS_FIX; s++)
            add_option(out, n, &cap, task_status_code((xaso_task_status)s), NULL);
        add_option(out, n, &cap, "none", NULL);
        return 0;
    }
    if (d == FILTER_STATUS && t == QUERY_TARGETS) {
        static const xaso_verdict order[] = {VERDICT_MET, VERDICT_EXCEEDED, VERDICT_NOT_MET,
                                             VERDICT_NO_DATA};
        for (size_t i = 0; i < 4; i++)
            add_option(out, n, &cap, verdict_code(order[i]), NULL);
        return 0;
    }
    if (d == FILTER_STATUS && t == QUERY_REPORTS) {
        for (int s = 0; s <= 4; s++)
            add_option(out, n, &cap, report_state_code((report_state)s), NULL);
        return 0;
    }
    if (d == FILTER_WARNING) {
        for (size_t i = 0; i < XASO_WARNING_COUNT; i++)
            add_option(out, n, &cap, warning_code(warning_at(i)), NULL);
        return 0;
    }
    if (d == FILTER_GROUP && t == QUERY_UNITS) {
        add_option(out, n, &cap, "office", NULL);
        add_option(out, n, &cap, "group", NULL);
        add_option(out, n, &cap, "external", NULL);
        return 0;
    }
    switch (d) {
    case FILTER_UNIT:
        sql = t == QUERY_TARGETS
                  ? "SELECT DISTINCT u.id, u.name FROM unit u JOIN target g"
                    " ON g.responsible_unit_id = u.id WHERE g.plan_id = :plan"
                    " ORDER BY u.name COLLATE VI"
                  : "SELECT u.id, u.name FROM unit u WHERE u.active = 1 AND EXISTS (SELECT 1"
                    " FROM task_assignment a JOIN task x ON x.id = a.task_id WHERE a.unit_id ="
                    " u.id AND x.plan_id = :plan) ORDER BY u.name COLLATE VI";
        break;
    case FILTER_GROUP:
        sql = t == QUERY_TARGETS    ? "SELECT grp, NULL FROM target WHERE plan_id = :plan AND"
                                      " archived = 0 AND grp IS NOT NULL GROUP BY grp"
                                      " ORDER BY min(pos)"
              : t == QUERY_TASKS    ? "SELECT grp, NULL FROM task WHERE plan_id = :plan AND"
                                      " archived = 0 AND grp IS NOT NULL GROUP BY grp"
                                      " ORDER BY min(pos)"
              : t == QUERY_PROJECTS ? "SELECT grp, NULL FROM project WHERE plan_id = :plan AND"
                                      " archived = 0 AND grp IS NOT NULL GROUP BY grp"
                                      " ORDER BY min(pos)"
              : t == QUERY_AUDIT    ? "SELECT DISTINCT tbl, NULL FROM audit ORDER BY tbl"
                                    : NULL;
        break;
    case FILTER_HORIZON:
        sql = t == QUERY_TARGETS ? "SELECT DISTINCT horizon, NULL FROM target WHERE plan_id ="
                                   " :plan AND horizon IS NOT NULL ORDER BY horizon"
                                 : "SELECT DISTINCT period_from, NULL FROM plan WHERE"
                                   " period_from IS NOT NULL ORDER BY 1";
        break;
    default:
        break;
    }
    if (!sql)
        return 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(q->db, sql, -1, &s, NULL) != SQLITE_OK)
        return fail(q, err, "filter");
    bind_common(q, s, NULL, t);
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        const char *label = (const char *)sqlite3_column_text(s, 1);
        if (v)
            add_option(out, n, &cap, v, label ? label : v);
    }
    sqlite3_finalize(s);
    return 0;
}

void query_options_free(query_option *opts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(opts[i].value);
        free(opts[i].label);
    }
    free(opts);
}

/* ---------- dashboard ---------- */

static char *column_dup(sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    return v ? xstrdup((const char *)v) : NULL;
}

static int next_report_compare(const void *a, const void *b)
{
    const query_next_report *x = a, *y = b;
    if (x->report.report.due != y->report.report.due)
        return x->report.report.due < y->report.report.due ? -1 : 1;
    return (int)x->cadence - (int)y->cadence;
}

static void load_next_reports(xaso_query *q, query_dashboard *d)
{
    bool wanted[PERIOD_WEEK + 1] = {false};
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(q->db,
                           "SELECT DISTINCT cadence FROM reporting_obligation WHERE plan_id = ?1"
                           " AND archived = 0 AND cadence IS NOT NULL",
                           -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, q->plan_id);
        while (sqlite3_step(s) == SQLITE_ROW) {
            xaso_period_kind k;
            const char *c = (const char *)sqlite3_column_text(s, 0);
            if (c && period_kind_from_cadence_code(c, &k))
                wanted[k] = true;
        }
        sqlite3_finalize(s);
    }
    bool any = false;
    for (int k = PERIOD_YEAR; k <= PERIOD_WEEK; k++)
        any = any || wanted[k];
    if (!any)
        wanted[PERIOD_QUARTER] = true;
    for (int k = PERIOD_YEAR; k <= PERIOD_WEEK && d->next_count < 6; k++) {
        query_next_report *nr = &d->next[d->next_count];
        memset(nr, 0, sizeof *nr);
        if (!wanted[k] || !calendar_next_report(&q->cal, (xaso_period_kind)k, q->today,
                                                &nr->report))
            continue;
        nr->cadence = (xaso_period_kind)k;
        d->next_count++;
    }
    qsort(d->next, d->next_count, sizeof d->next[0], next_report_compare);
    if (sqlite3_prepare_v2(q->db,
                           "SELECT state FROM report WHERE plan_id = ?1 AND period = ?2"
                           " AND sender = ''",
                           -1, &s, NULL) != SQLITE_OK)
        return;
    for (size_t i = 0; i < d->next_count; i++) {
        char code[XASO_PERIOD_ID_SIZE];
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, q->plan_id);
        sqlite3_bind_text(s, 2, period_format(&d->next[i].report.report.period, code, sizeof code),
                          -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) == SQLITE_ROW)
            snprintf(d->next[i].state, sizeof d->next[i].state, "%s",
                     (const char *)sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
}

int query_dashboard_load(xaso_query *q, query_dashboard *d, xaso_error *err)
{
    memset(d, 0, sizeof *d);
    d->plan_id = q->plan_id;
    if (!q->plan_id)
        return 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(q->db,
                           "SELECT key, symbol, title, money_unit, period_from, period_to"
                           " FROM plan WHERE id = :plan",
                           -1, &s, NULL) != SQLITE_OK)
        return fail(q, err, "plan");
    bind_common(q, s, NULL, QUERY_PLANS);
    if (sqlite3_step(s) == SQLITE_ROW) {
        d->key = column_dup(s, 0);
        d->symbol = column_dup(s, 1);
        d->title = column_dup(s, 2);
        d->money_unit = column_dup(s, 3);
        d->period_from = sqlite3_column_int(s, 4);
        d->period_to = sqlite3_column_int(s, 5);
    }
    sqlite3_finalize(s);

    if (sqlite3_prepare_v2(q->db,
                           "SELECT " VERDICT ", count(*) FROM target g" LATEST_VALUE
                           " WHERE g.plan_id = :plan AND g.archived = 0 GROUP BY 1",
                           -1, &s, NULL) != SQLITE_OK)
        return fail(q, err, "targets");
    bind_common(q, s, NULL, QUERY_TARGETS);
    while (sqlite3_step(s) == SQLITE_ROW) {
        xaso_verdict v;
        size_t n = (size_t)sqlite3_column_int64(s, 1);
        d->targets += n;
        if (verdict_from_code((const char *)sqlite3_column_text(s, 0), &v))
            d->verdicts[v] += n;
    }
    sqlite3_finalize(s);

    if (sqlite3_prepare_v2(q->db,
                           "WITH r AS MATERIALIZED (SELECT lu.status AS status, " TASK_WARNINGS
                           " AS flags" LATEST_UPDATE_FROM ") SELECT status, count(*),"
                           " sum((flags & 1) != 0), sum((flags & 2) != 0), sum((flags & 4) != 0),"
                           " sum((flags & 8) != 0), sum((flags & 16) != 0) FROM r GROUP BY 1",
                           -1, &s, NULL) != SQLITE_OK)
        return fail(q, err, "tasks");
    bind_common(q, s, NULL, QUERY_TASKS);
    while (sqlite3_step(s) == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_int64(s, 1);
        xaso_task_status st;
        d->tasks += n;
        if (sqlite3_column_type(s, 0) == SQLITE_NULL)
            d->tasks_unreported += n;
        else if (task_status_from_code((const char *)sqlite3_column_text(s, 0), &st))
            d->statuses[st] += n;
        for (size_t w = 0; w < XASO_WARNING_COUNT; w++) {
            /* columns follow the bit order; warnings[] follows display order */
            unsigned bit = 1u << w;
            for (size_t k = 0; k < XASO_WARNING_COUNT; k++)
                if ((unsigned)warning_at(k) == bit)
                    d->warnings[k] += (size_t)sqlite3_column_int64(s, 2 + (int)w);
        }
    }
    sqlite3_finalize(s);

    if (sqlite3_prepare_v2(q->db,
                           "SELECT count(*), sum(p.budget_total), sum(p.year_total), sum(" DISBURSED
                           ") FROM project p WHERE p.plan_id = :plan AND p.archived = 0",
                           -1, &s, NULL) != SQLITE_OK)
        return fail(q, err, "projects");
    bind_common(q, s, NULL, QUERY_PROJECTS);
    if (sqlite3_step(s) == SQLITE_ROW) {
        d->projects = (size_t)sqlite3_column_int64(s, 0);
        d->budget_total = sqlite3_column_double(s, 1);
        d->budget_year = sqlite3_column_double(s, 2);
        d->disbursed = sqlite3_column_double(s, 3);
    }
    sqlite3_finalize(s);
    load_next_reports(q, d);
    return 0;
}

void query_dashboard_free(query_dashboard *d)
{
    free(d->key);
    free(d->symbol);
    free(d->title);
    free(d->money_unit);
    memset(d, 0, sizeof *d);
}

/* ---------- detail records ---------- */

static void detail_add(query_detail *d, const char *label, query_col_kind kind, const char *value)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 32;
        d->fields = xrealloc(d->fields, d->cap * sizeof *d->fields);
    }
    d->fields[d->n].label = label;
    d->fields[d->n].kind = kind;
    d->fields[d->n].value = value ? xstrdup(value) : NULL;
    d->n++;
}

typedef struct {
    const char *label;
    query_col_kind kind;
} field_spec;

/* Run sql (with :id and the common parameters) and add one field per column of every row; a
 * QCOL_HEADING spec starts each row. Empty values are left out, except in headings. */
static int detail_rows(xaso_query *q, query_detail *d, const char *sql, long long id,
                       const field_spec *spec, size_t n, xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(q->db, sql, -1, &s, NULL) != SQLITE_OK)
        return fail(q, err, "detail");
    bind_common(q, s, NULL, QUERY_PLANS);
    int i = sqlite3_bind_parameter_index(s, ":id");
    if (i)
        sqlite3_bind_int64(s, i, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (size_t c = 0; c < n; c++) {
            const char *v = (const char *)sqlite3_column_text(s, (int)c);
            if (spec[c].kind == QCOL_HEADING || (v && *v))
                detail_add(d, spec[c].label, spec[c].kind, v);
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return fail(q, err, "detail");
    return 0;
}

#define NSPEC(a) (sizeof(a) / sizeof(a)[0])

static int detail_task(xaso_query *q, long long id, query_detail *d, xaso_error *err)
{
    static const field_spec main_fields[] = {
        {N_("Code"), QCOL_CODE},          {N_("Section"), QCOL_TEXT},
        {N_("Group"), QCOL_TEXT},         {N_("Task"), QCOL_TEXT},
        {N_("Expected result"), QCOL_TEXT}, {N_("Timeline"), QCOL_TEXT},
        {N_("Start"), QCOL_DATE},         {N_("Due"), QCOL_DATE},
        {N_("Lead"), QCOL_TEXT},          {N_("Coordinating"), QCOL_TEXT},
        {N_("Requested"), QCOL_TEXT},     {N_("Status"), QCOL_TASK_STATUS},
        {N_("Completion %"), QCOL_PERCENT}, {N_("Warnings"), QCOL_WARNINGS},
        {N_("Evidence files"), QCOL_NUMBER}, {N_("Source"), QCOL_TEXT},
        {N_("Note"), QCOL_TEXT},
    };
#define ROLE_UNITS(role)                                                                          \
    "(SELECT group_concat(nm, '; ') FROM (SELECT u.name AS nm FROM task_assignment a JOIN unit u" \
    " ON u.id = a.unit_id WHERE a.task_id = t.id AND a.role = '" role "' ORDER BY a.pos))"
    int rc = detail_rows(q, d,
                         "SELECT t.code, t.section, t.grp, t.name, t.expected_result,"
                         " t.timeline_text, t.start_date, t.due_date, " ROLE_UNITS("lead") ", "
                         ROLE_UNITS("coordinator") ", " ROLE_UNITS("requested") ", lu.status,"
                         " lu.completion, nullif(" TASK_WARNINGS ", 0), (SELECT nullif(count(*),"
                         " 0) FROM evidence e JOIN task_update x ON x.id = e.task_update_id"
                         " WHERE x.task_id = t.id), t.source, t.note" LATEST_UPDATE_FROM
                         " AND t.id = :id",
                         id, main_fields, NSPEC(main_fields), err);
    if (rc)
        return rc;
    /* the warnings come back as bits: turn them into codes */
    for (size_t i = 0; i < d->n; i++)
        if (d->fields[i].kind == QCOL_WARNINGS && d->fields[i].value) {
            char buf[128];
            warnings_format((xaso_warnings)atoi(d->fields[i].value), buf, sizeof buf);
            free(d->fields[i].value);
            d->fields[i].value = xstrdup(buf);
        }
    static const field_spec update_fields[] = {
        {N_("Period"), QCOL_HEADING},     {N_("Status"), QCOL_TASK_STATUS},
        {N_("Completion %"), QCOL_PERCENT}, {N_("Done"), QCOL_TEXT},
        {N_("Quantity"), QCOL_TEXT},      {N_("Difficulties"), QCOL_TEXT},
        {N_("Proposals"), QCOL_TEXT},     {N_("Evidence files"), QCOL_NUMBER},
        {N_("Updated"), QCOL_TIMESTAMP},  {N_("By"), QCOL_TEXT},
    };
    return detail_rows(q, d,
                       "SELECT u.period, u.status, u.completion, u.done_text, u.quantity_text,"
                       " u.difficulties, u.proposals, (SELECT nullif(count(*), 0) FROM evidence e"
                       " WHERE e.task_update_id = u.id), u.updated_at, u.updated_by"
                       " FROM task_update u WHERE u.task_id = :id"
                       " ORDER BY xaso_period_end(u.period) DESC, u.id DESC",
                       id, update_fields, NSPEC(update_fields), err);
}

static int detail_target(xaso_query *q, long long id, query_detail *d, xaso_error *err)
{
    static const field_spec main_fields[] = {
        {N_("Code"), QCOL_CODE},         {N_("Section"), QCOL_TEXT},
        {N_("Group"), QCOL_TEXT},        {N_("Target"), QCOL_TEXT},
        {N_("Planned"), QCOL_TEXT},      {N_("Comparator"), QCOL_CODE},
        {N_("Value"), QCOL_NUMBER},      {N_("Unit of measure"), QCOL_TEXT},
        {N_("Horizon"), QCOL_TEXT},      {N_("Due"), QCOL_DATE},
        {N_("Responsible unit"), QCOL_TEXT}, {N_("Numerator"), QCOL_TEXT},
        {N_("Denominator"), QCOL_TEXT},  {N_("Latest verdict"), QCOL_VERDICT},
        {N_("Source"), QCOL_TEXT},       {N_("Note"), QCOL_TEXT},
    };
    int rc = detail_rows(q, d,
                         "SELECT g.code, g.section, g.grp, g.name, g.target_text, g.comparator,"
                         " g.value, g.measure_unit, g.horizon, g.due, (SELECT u.name FROM unit u"
                         " WHERE u.id = g.responsible_unit_id), g.numerator, g.denominator, "
                         VERDICT ", g.source, g.note FROM target g" LATEST_VALUE
                         " WHERE g.id = :id",
                         id, main_fields, NSPEC(main_fields), err);
    if (rc)
        return rc;
    static const field_spec value_fields[] = {
        {N_("Period"), QCOL_HEADING},   {N_("Value"), QCOL_NUMBER},
        {N_("Value (text)"), QCOL_TEXT}, {N_("Verdict"), QCOL_VERDICT},
        {N_("Numerator"), QCOL_NUMBER}, {N_("Denominator"), QCOL_NUMBER},
        {N_("As of"), QCOL_DATE},       {N_("Data source"), QCOL_TEXT},
        {N_("Note"), QCOL_TEXT},        {N_("Updated"), QCOL_TIMESTAMP},
    };
    return detail_rows(q, d,
                       "SELECT lv.period, lv.value, lv.value_text, " VERDICT ", lv.numerator,"
                       " lv.denominator, lv.as_of, lv.data_source, lv.note, lv.updated_at"
                       " FROM target_value lv JOIN target g ON g.id = lv.target_id"
                       " WHERE lv.target_id = :id"
                       " ORDER BY xaso_period_end(lv.period) DESC, lv.id DESC",
                       id, value_fields, NSPEC(value_fields), err);
}

static int detail_project(xaso_query *q, long long id, query_detail *d, xaso_error *err)
{
    static const field_spec main_fields[] = {
        {N_("Code"), QCOL_CODE},
        {N_("Section"), QCOL_TEXT},
        {N_("Group"), QCOL_TEXT},
        {N_("Project"), QCOL_TEXT},
        {N_("Legal basis"), QCOL_TEXT},
        {N_("Total investment"), QCOL_MONEY},
        {N_("  province budget"), QCOL_MONEY},
        {N_("  commune budget"), QCOL_MONEY},
        {N_("  other sources"), QCOL_MONEY},
        {N_("This year"), QCOL_MONEY},
        {N_("  province budget"), QCOL_MONEY},
        {N_("  commune budget"), QCOL_MONEY},
        {N_("  other sources"), QCOL_MONEY},
        {N_("Disbursed"), QCOL_MONEY},
        {N_("Money unit"), QCOL_TEXT},
        {N_("Source"), QCOL_TEXT},
        {N_("Note"), QCOL_TEXT},
    };
    int rc = detail_rows(q, d,
                         "SELECT p.code, p.section, p.grp, p.name, p.legal_basis, p.budget_total,"
                         " p.budget_province, p.budget_commune, p.budget_other, p.year_total,"
                         " p.year_province, p.year_commune, p.year_other, " DISBURSED ","
                         " (SELECT money_unit FROM plan WHERE id = p.plan_id), p.source, p.note"
                         " FROM project p WHERE p.id = :id",
                         id, main_fields, NSPEC(main_fields), err);
    if (rc)
        return rc;
    static const field_spec dis_fields[] = {
        {N_("Disbursement"), QCOL_HEADING},
        {N_("Date"), QCOL_DATE},
        {N_("Amount"), QCOL_MONEY},
        {N_("Note"), QCOL_TEXT},
    };
    return detail_rows(q, d,
                       "SELECT d.period, d.date, d.amount, d.note FROM disbursement d"
                       " WHERE d.project_id = :id ORDER BY d.pos",
                       id, dis_fields, NSPEC(dis_fields), err);
}

static int detail_unit(xaso_query *q, long long id, query_detail *d, xaso_error *err)
{
    static const field_spec main_fields[] = {
        {N_("Code"), QCOL_CODE},    {N_("Unit"), QCOL_TEXT},
        {N_("Kind"), QCOL_UNIT_KIND}, {N_("Other names"), QCOL_TEXT},
        {N_("Note"), QCOL_TEXT},
    };
    int rc = detail_rows(q, d,
                         "SELECT u.code, u.name, u.kind, (SELECT group_concat(alias, '; ') FROM"
                         " (SELECT alias FROM unit_alias WHERE unit_id = u.id ORDER BY alias)),"
                         " u.note FROM unit u WHERE u.id = :id",
                         id, main_fields, NSPEC(main_fields), err);
    if (rc)
        return rc;
    static const field_spec task_fields[] = {
        {N_("Role"), QCOL_HEADING},
        {N_("Task"), QCOL_TEXT},
    };
    return detail_rows(q, d,
                       "SELECT a.role, t.code || '  ' || t.name FROM task_assignment a JOIN task t"
                       " ON t.id = a.task_id WHERE a.unit_id = :id AND t.plan_id = :plan AND"
                       " t.archived = 0 ORDER BY a.role <> 'lead', t.pos LIMIT 200",
                       id, task_fields, NSPEC(task_fields), err);
}

static int detail_plan(xaso_query *q, long long id, query_detail *d, xaso_error *err)
{
    static const field_spec main_fields[] = {
        {N_("Key"), QCOL_CODE},       {N_("Symbol"), QCOL_CODE},  {N_("Title"), QCOL_TEXT},
        {N_("Chain"), QCOL_CODE},     {N_("Issuer"), QCOL_TEXT},  {N_("Place"), QCOL_TEXT},
        {N_("Date"), QCOL_DATE},      {N_("From"), QCOL_TEXT},    {N_("To"), QCOL_TEXT},
        {N_("Money unit"), QCOL_TEXT}, {N_("Signer"), QCOL_TEXT}, {N_("Targets"), QCOL_NUMBER},
        {N_("Tasks"), QCOL_NUMBER},   {N_("Projects"), QCOL_NUMBER}, {N_("Note"), QCOL_TEXT},
    };
    return detail_rows(q, d,
                       "SELECT p.key, p.symbol, p.title, p.chain, p.issuer, p.place, p.date,"
                       " p.period_from, p.period_to, p.money_unit, p.signer,"
                       " (SELECT count(*) FROM target x WHERE x.plan_id = p.id AND x.archived = 0),"
                       " (SELECT count(*) FROM task x WHERE x.plan_id = p.id AND x.archived = 0),"
                       " (SELECT count(*) FROM project x WHERE x.plan_id = p.id AND"
                       " x.archived = 0), p.note FROM plan p WHERE p.id = :id",
                       id, main_fields, NSPEC(main_fields), err);
}

static int detail_report(xaso_query *q, long long id, query_detail *d, xaso_error *err)
{
    static const field_spec main_fields[] = {
        {N_("Period"), QCOL_PERIOD},       {N_("Sender"), QCOL_TEXT},
        {N_("State"), QCOL_REPORT_STATE},  {N_("Cut-off"), QCOL_DATE},
        {N_("Deadline"), QCOL_DATE},       {N_("Symbol"), QCOL_CODE},
        {N_("Finalised"), QCOL_TIMESTAMP}, {N_("Finalised by"), QCOL_TEXT},
        {N_("Returned because"), QCOL_TEXT}, {N_("Difficulties"), QCOL_TEXT},
        {N_("Proposals"), QCOL_TEXT},      {N_("Next tasks"), QCOL_TEXT},
    };
    int rc = detail_rows(q, d,
                         "SELECT r.period, nullif(r.sender, ''), r.state,"
                         " xaso_period_cutoff_end(r.period), xaso_report_due(r.period), r.symbol,"
                         " r.finalised_at, r.finalised_by, r.returned_reason, r.difficulties,"
                         " r.proposals, r.next_tasks FROM report r WHERE r.id = :id",
                         id, main_fields, NSPEC(main_fields), err);
    if (rc)
        return rc;
    static const field_spec event_fields[] = {
        {N_("Event"), QCOL_HEADING},
        {N_("From"), QCOL_REPORT_STATE},
        {N_("To"), QCOL_REPORT_STATE},
        {N_("By"), QCOL_TEXT},
        {N_("Note"), QCOL_TEXT},
    };
    return detail_rows(q, d,
                       "SELECT e.at, e.from_state, e.to_state, e.actor, e.note FROM report_event e"
                       " WHERE e.report_id = :id ORDER BY e.id",
                       id, event_fields, NSPEC(event_fields), err);
}

static int detail_audit(xaso_query *q, long long id, query_detail *d, xaso_error *err)
{
    static const field_spec fields[] = {
        {N_("Number"), QCOL_NUMBER}, {N_("When"), QCOL_TIMESTAMP}, {N_("Who"), QCOL_TEXT},
        {N_("System user"), QCOL_TEXT}, {N_("Action"), QCOL_CODE}, {N_("Table"), QCOL_CODE},
        {N_("Row"), QCOL_NUMBER},    {N_("Old values"), QCOL_TEXT}, {N_("New values"), QCOL_TEXT},
    };
    return detail_rows(q, d,
                       "SELECT a.id, a.at, a.actor, a.os_user, a.action, a.tbl, a.row_id, a.old,"
                       " a.new FROM audit a WHERE a.id = :id",
                       id, fields, NSPEC(fields), err);
}

int query_detail_load(xaso_query *q, query_table t, long long id, query_detail *out,
                      xaso_error *err)
{
    memset(out, 0, sizeof *out);
    switch (t) {
    case QUERY_PLANS: return detail_plan(q, id, out, err);
    case QUERY_TARGETS: return detail_target(q, id, out, err);
    case QUERY_TASKS: return detail_task(q, id, out, err);
    case QUERY_PROJECTS: return detail_project(q, id, out, err);
    case QUERY_UNITS: return detail_unit(q, id, out, err);
    case QUERY_REPORTS: return detail_report(q, id, out, err);
    case QUERY_AUDIT: return detail_audit(q, id, out, err);
    default: return 0;
    }
}

void query_detail_free(query_detail *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->fields[i].value);
    free(d->fields);
    memset(d, 0, sizeof *d);
}
