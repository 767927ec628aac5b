/* The dashboard: the current plan at a glance. Every count is a link: Enter opens the table it
 * counts, already filtered (the overdue tasks, the targets not met, …). */
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include "xaso/status.h"
#include "xaso/strbuf.h"
#include "xaso/verdict.h"

typedef struct {
    query_table table;
    query_filter_dim dim; /* FILTER_DIM_COUNT = no filter */
    const char *value;
} dash_link;

typedef struct {
    query_dashboard d;
    bool loaded;
    dash_link links[32];
    size_t nlinks, cursor;
} dash_state;

static void dash_open(tui_app *app, tui_screen *s)
{
    dash_state *ds = xcalloc(1, sizeof *ds);
    s->data = ds;
    xaso_error err;
    xaso_error_clear(&err);
    if (query_dashboard_load(app->q, &ds->d, &err)) {
        char buf[1200];
        tui_status(app, true, "%s", xaso_error_format(&err, buf, sizeof buf));
        return;
    }
    ds->loaded = true;
}

static void dash_close(tui_app *app, tui_screen *s)
{
    (void)app;
    dash_state *ds = s->data;
    if (!ds)
        return;
    query_dashboard_free(&ds->d);
    free(ds);
    s->data = NULL;
}

typedef struct {
    dash_state *ds;
    size_t link_index; /* counts links as lines are drawn */
} drawing;

static int percent(size_t part, size_t whole)
{
    return whole ? (int)((double)part * 100.0 / (double)whole + 0.5) : 0;
}

/* A line "label ..... count  pct%" that is also a link. */
static void count_line(drawing *dr, int y, int x, int w, const char *label, size_t count,
                       size_t whole, tui_role role, query_table table, query_filter_dim dim,
                       const char *value)
{
    dash_state *ds = dr->ds;
    size_t k = dr->link_index++;
    if (k < sizeof ds->links / sizeof ds->links[0]) {
        ds->links[k] = (dash_link){table, dim, value};
        if (ds->nlinks < k + 1)
            ds->nlinks = k + 1;
    }
    bool cur = k == ds->cursor;
    attr_t attr = cur ? tui_attr(ROLE_CURSOR) : tui_attr(count ? role : ROLE_MUTED);
    char num[32], pct[16];
    snprintf(num, sizeof num, "%zu", count);
    pct[0] = '\0';
    if (whole)
        snprintf(pct, sizeof pct, "%3d%%", percent(count, whole));
    tui_fill(y, x, w, cur ? tui_attr(ROLE_CURSOR) : A_NORMAL);
    tui_text(y, x, 1, cur ? ">" : " ", attr, ALIGN_LEFT);
    tui_text(y, x + 2, w - 14, label, attr, ALIGN_LEFT);
    tui_text(y, x + w - 12, 6, num, attr, ALIGN_RIGHT);
    tui_text(y, x + w - 5, 5, pct, attr, ALIGN_RIGHT);
}

static void heading(int y, int x, int w, const char *text)
{
    tui_text(y, x, w, text, tui_attr(ROLE_HEADING), ALIGN_LEFT);
}

static const char *money(double v, char *buf, size_t size)
{
    return tui_number(v, 1, true, buf, size);
}

static void dash_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    dash_state *ds = s->data;
    const query_dashboard *d = &ds->d;
    if (!ds->loaded || !d->plan_id) {
        tui_text(a.top + 2, a.left, a.width, _("No plan yet."), tui_attr(ROLE_HEADING),
                 ALIGN_CENTER);
        tui_text(a.top + 4, a.left, a.width, _("Import one from the command line:"), A_NORMAL,
                 ALIGN_CENTER);
        tui_text(a.top + 5, a.left, a.width, "xaso plan import PLAN.yaml", A_BOLD, ALIGN_CENTER);
        tui_text(a.top + 7, a.left, a.width, _("or look at the demo: xaso --demo"), A_NORMAL,
                 ALIGN_CENTER);
        return;
    }
    drawing dr = {ds, 0};
    int y = a.top;
    tui_text(y++, a.left + 1, a.width - 2, d->title, tui_attr(ROLE_HEADING) | A_BOLD, ALIGN_LEFT);
    char years[32], period[48], line[512];
    if (d->period_to && d->period_to != d->period_from)
        snprintf(years, sizeof years, "%d-%d", d->period_from, d->period_to);
    else
        snprintf(years, sizeof years, "%d", d->period_from);
    tui_period_title(query_current_period(app->q), period, sizeof period);
    snprintf(line, sizeof line, _("%s · %s · %s · current period: %s"),
             d->symbol ? d->symbol : d->key, years, app->office[0] ? app->office : "", period);
    tui_text(y++, a.left + 1, a.width - 2, line, A_NORMAL, ALIGN_LEFT);
    y++;
    int half = a.width / 2;
    int lx = a.left + 1, lw = half - 2, rx = a.left + half + 1, rw = a.width - half - 2;
    int top = y;

    /* left: targets, then warnings */
    char head[128];
    snprintf(head, sizeof head, _("Targets (%zu)"), d->targets);
    heading(y++, lx, lw, head);
    static const xaso_verdict vorder[] = {VERDICT_MET, VERDICT_EXCEEDED, VERDICT_NOT_MET,
                                          VERDICT_NO_DATA};
    for (size_t i = 0; i < 4; i++) {
        const char *code = verdict_code(vorder[i]);
        count_line(&dr, y++, lx, lw, tui_verdict_label(code), d->verdicts[vorder[i]], d->targets,
                   tui_verdict_role(code), QUERY_TARGETS, FILTER_STATUS, code);
    }
    y++;
    heading(y++, lx, lw, _("Task warnings"));
    for (size_t i = 0; i < XASO_WARNING_COUNT; i++) {
        const char *code = warning_code(warning_at(i));
        char label[128];
        snprintf(label, sizeof label, "! %s", tui_warning_label(code));
        count_line(&dr, y++, lx, lw, label, d->warnings[i], d->tasks, tui_warning_role(code),
                   QUERY_TASKS, FILTER_WARNING, code);
    }
    int left_end = y;

    /* right: tasks by status, then projects */
    y = top;
    snprintf(head, sizeof head, _("Tasks (%zu)"), d->tasks);
    heading(y++, rx, rw, head);
    for (int st = TASK_NOT_STARTED; st <= TASK_NEEDS_FIX; st++) {
        const char *code = task_status_code((xaso_task_status)st);
        count_line(&dr, y++, rx, rw, tui_task_status_label(code), d->statuses[st], d->tasks,
                   tui_task_status_role(code), QUERY_TASKS, FILTER_STATUS, code);
    }
    count_line(&dr, y++, rx, rw, tui_task_status_label("none"), d->tasks_unreported, d->tasks,
               ROLE_MUTED, QUERY_TASKS, FILTER_STATUS, "none");
    y++;
    snprintf(head, sizeof head, _("Funded projects (%zu), %s"), d->projects,
             d->money_unit ? d->money_unit : "");
    heading(y++, rx, rw, head);
    char m1[32], m2[32], m3[32];
    snprintf(line, sizeof line, _("Total %s, this year %s"), money(d->budget_total, m1, sizeof m1),
             money(d->budget_year, m2, sizeof m2));
    tui_text(y++, rx + 2, rw - 2, line, A_NORMAL, ALIGN_LEFT);
    snprintf(line, sizeof line, _("Disbursed %s (%d%% of this year)"),
             money(d->disbursed, m3, sizeof m3),
             d->budget_year > 0 ? (int)(d->disbursed * 100.0 / d->budget_year + 0.5) : 0);
    tui_text(y++, rx + 2, rw - 2, line, d->disbursed > 0 ? A_NORMAL : tui_attr(ROLE_WARN),
             ALIGN_LEFT);
    if (y < left_end)
        y = left_end;

    /* the next reports due, as a small table */
    int bottom = a.top + a.height;
    int cw = a.width - 4 - 2 - 11 - 11 - 10 - 4; /* period column */
    if (cw > 24)
        cw = 24;
    int c1 = lx + 2, c2 = c1 + cw + 1, c3 = c2 + 11, c4 = c3 + 11, c5 = c4 + 11;
    if (y < bottom) {
        heading(y, lx, a.width - 2, _("Next reports due"));
        tui_text(y, c2, 10, _("Cut-off"), tui_attr(ROLE_HEADING), ALIGN_LEFT);
        tui_text(y, c3, 10, _("Deadline"), tui_attr(ROLE_HEADING), ALIGN_LEFT);
        tui_text(y, c4, 10, _("Days left"), tui_attr(ROLE_HEADING), ALIGN_RIGHT);
        tui_text(y, c5, a.left + a.width - c5 - 1, _("Report"), tui_attr(ROLE_HEADING),
                 ALIGN_LEFT);
        y++;
    }
    for (size_t i = 0; i < d->next_count && y < bottom; i++) {
        const query_next_report *nr = &d->next[i];
        char title[48], cut[16], due[16], iso[11], days[32], full[96];
        tui_period_title(&nr->report.report.period, title, sizeof title);
        snprintf(full, sizeof full, "%s (%s)", title, tui_cadence_label(nr->cadence));
        tui_date(date_format_iso(nr->report.report.window_end, iso, sizeof iso), cut, sizeof cut);
        tui_date(date_format_iso(nr->report.report.due, iso, sizeof iso), due, sizeof due);
        long left = nr->report.days_left;
        if (left == 0)
            snprintf(days, sizeof days, "%s", _("today"));
        else
            snprintf(days, sizeof days, "%ld", left);
        size_t k = dr.link_index++;
        if (k < sizeof ds->links / sizeof ds->links[0]) {
            ds->links[k] = (dash_link){QUERY_REPORTS, FILTER_DIM_COUNT, NULL};
            if (ds->nlinks < k + 1)
                ds->nlinks = k + 1;
        }
        bool cur = k == ds->cursor;
        attr_t attr = cur ? tui_attr(ROLE_CURSOR) : tui_attr(left <= 3 ? ROLE_WARN : ROLE_NORMAL);
        tui_fill(y, lx, a.width - 2, cur ? tui_attr(ROLE_CURSOR) : A_NORMAL);
        tui_text(y, lx, 1, cur ? ">" : " ", attr, ALIGN_LEFT);
        tui_text(y, c1, cw, full, attr, ALIGN_LEFT);
        tui_text(y, c2, 10, cut, attr, ALIGN_LEFT);
        tui_text(y, c3, 10, due, attr, ALIGN_LEFT);
        tui_text(y, c4, 10, days, attr, ALIGN_RIGHT);
        tui_text(y, c5, a.left + a.width - c5 - 1,
                 tui_report_state_label(nr->state[0] ? nr->state : NULL),
                 cur ? attr : tui_attr(tui_report_state_role(nr->state)), ALIGN_LEFT);
        y++;
    }
}

static void dash_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    (void)s;
    snprintf(buf, size, "%s · %s", _("Dashboard"), _("Enter opens what a line counts"));
}

static bool dash_handle(tui_app *app, tui_screen *s, tui_action a)
{
    dash_state *ds = s->data;
    switch (a) {
    case ACT_UP:
    case ACT_LEFT:
        if (ds->cursor)
            ds->cursor--;
        return true;
    case ACT_DOWN:
    case ACT_RIGHT:
        if (ds->cursor + 1 < ds->nlinks)
            ds->cursor++;
        return true;
    case ACT_FIRST:
    case ACT_PAGE_UP: ds->cursor = 0; return true;
    case ACT_LAST:
    case ACT_PAGE_DOWN: ds->cursor = ds->nlinks ? ds->nlinks - 1 : 0; return true;
    case ACT_OPEN: {
        if (ds->cursor >= ds->nlinks)
            return true;
        dash_link l = ds->links[ds->cursor];
        tui_switch(app, 1 + (size_t)l.table);
        tui_screen *t = &app->main[1 + (size_t)l.table];
        if (l.dim < FILTER_DIM_COUNT)
            tui_table_set_filter(app, t, l.dim, l.value);
        return true;
    }
    case ACT_SEARCH:
    case ACT_FILTER: {
        /* searching or filtering from the dashboard means the tasks */
        tui_switch(app, 1 + (size_t)QUERY_TASKS);
        tui_screen *t = &app->main[1 + (size_t)QUERY_TASKS];
        return t->ops->handle(app, t, a);
    }
    default: return false;
    }
}

tui_screen tui_dashboard_screen(void)
{
    static const tui_screen_ops ops = {"dashboard", dash_open, dash_draw, dash_handle,
                                       dash_close, NULL, dash_context};
    tui_screen s = {&ops, NULL, N_("Dashboard")};
    return s;
}
