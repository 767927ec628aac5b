/* The dashboard: the current plan at a glance. Every count is a link: Enter opens the table it
 * counts, already filtered (the overdue tasks, the targets not met, …).
 *
 * Two pages, `g` switches: the overview (counts, warnings, projects, next reports, and the group
 * that is furthest behind; on a tall screen also the targets met by group), and the charts by
 * group (targets met per group, furthest behind first; tasks by status per group; funded
 * projects allocated vs disbursed), every bar with its numbers beside it. The figures come from
 * store_scorecard (now: latest values and statuses), the same as the scorecard screen's. */
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include "xaso/chart.h"
#include "xaso/status.h"
#include "xaso/store_scorecard.h"
#include "xaso/strbuf.h"
#include "xaso/verdict.h"

typedef struct {
    query_table table;
    query_filter_dim dim; /* FILTER_DIM_COUNT = no filter */
    const char *value;
} dash_link;

#define DASH_LINKS 160

typedef struct {
    query_dashboard d;
    bool loaded;
    dash_link links[DASH_LINKS];
    size_t nlinks, cursor;
    xaso_scorecard *sc; /* group figures */
    size_t *target_order, *task_order; /* groups, furthest behind first */
    int page;                          /* 0 overview, 1 charts by group */
    size_t cursor1, top1, nlinks1;     /* the charts page: its own cursor and scrolling */
    int height1;
} dash_state;

static const size_t *sorted_groups(dash_state *ds, bool targets);

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
    scorecard_asof asof;
    scorecard_asof_now(&asof, query_plan_id(app->q), query_today(app->q), app->cal);
    if (ds->d.plan_id && scorecard_load(app->st, &asof, app->cal, &ds->sc, &err)) {
        char buf[1200];
        tui_status(app, true, "%s", xaso_error_format(&err, buf, sizeof buf));
        ds->sc = NULL;
    }
}

static void dash_close(tui_app *app, tui_screen *s)
{
    (void)app;
    dash_state *ds = s->data;
    if (!ds)
        return;
    query_dashboard_free(&ds->d);
    scorecard_free(ds->sc);
    free(ds->target_order);
    free(ds->task_order);
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

/* ---------- groups ---------- */

static double task_done_share(const scorecard_task_group *g)
{
    return g->tasks ? (double)(g->statuses[TASK_DONE] + g->statuses[TASK_DONE_LATE]) /
                          (double)g->tasks
                    : 0;
}

static dash_state *sort_state; /* qsort has no context; the dashboard is drawn by one thread */

static int target_group_cmp(const void *a, const void *b)
{
    const scorecard_target_group *x = &sort_state->sc->target_groups[*(const size_t *)a];
    const scorecard_target_group *y = &sort_state->sc->target_groups[*(const size_t *)b];
    double sx = scorecard_group_met_share(x), sy = scorecard_group_met_share(y);
    if (sx < sy - 1e-12 || sx > sy + 1e-12)
        return sx < sy ? -1 : 1;
    if (x->targets != y->targets)
        return x->targets > y->targets ? -1 : 1;
    return x->first_pos - y->first_pos;
}

static int task_group_cmp(const void *a, const void *b)
{
    const scorecard_task_group *x = &sort_state->sc->task_groups[*(const size_t *)a];
    const scorecard_task_group *y = &sort_state->sc->task_groups[*(const size_t *)b];
    double sx = task_done_share(x), sy = task_done_share(y);
    if (sx < sy - 1e-12 || sx > sy + 1e-12)
        return sx < sy ? -1 : 1;
    if (x->tasks != y->tasks)
        return x->tasks > y->tasks ? -1 : 1;
    return x->first_pos - y->first_pos;
}

/* Group indexes, furthest behind first (the lowest share met or done, then the biggest group,
 * then plan order): the same first group as scorecard_furthest_behind(). */
static const size_t *sorted_groups(dash_state *ds, bool targets)
{
    size_t **order = targets ? &ds->target_order : &ds->task_order;
    size_t n = targets ? ds->sc->n_target_groups : ds->sc->n_task_groups;
    if (!*order) {
        *order = xcalloc(n + 1, sizeof **order);
        for (size_t i = 0; i < n; i++)
            (*order)[i] = i;
        sort_state = ds;
        qsort(*order, n, sizeof **order, targets ? target_group_cmp : task_group_cmp);
        sort_state = NULL;
    }
    return *order;
}

static int bar_width(int w)
{
    int bw = w / 5;
    return bw < 10 ? 10 : bw > 30 ? 30 : bw;
}

static const char *group_name(const char *g)
{
    return g && *g ? g : _("(no group)");
}

/* Register a link for the line being drawn; true when the cursor is on it. */
static bool add_link(drawing *dr, size_t cursor, query_table t, query_filter_dim dim,
                     const char *value)
{
    dash_state *ds = dr->ds;
    size_t k = dr->link_index++;
    if (k < DASH_LINKS) {
        ds->links[k] = (dash_link){t, dim, value};
        if (ds->nlinks < k + 1)
            ds->nlinks = k + 1;
    }
    return k == cursor;
}

static void target_group_head(int y, int x, int w, const char *title)
{
    int bw = bar_width(w);
    int nx = x + w - 20;
    tui_text(y, x, nx - bw - 1 - x, title, tui_attr(ROLE_HEADING), ALIGN_LEFT);
    tui_text(y, nx - bw - 1, bw, _("share met"), tui_attr(ROLE_HEADING), ALIGN_LEFT);
    tui_text(y, nx, 7, _("met"), tui_attr(ROLE_HEADING), ALIGN_RIGHT);
    tui_text(y, nx + 8, 4, "%", tui_attr(ROLE_HEADING), ALIGN_RIGHT);
    tui_text(y, nx + 13, 7, _("no data"), tui_attr(ROLE_HEADING), ALIGN_RIGHT);
}

/* "name ....... ██▌        2/7  29%   3": the share of a group's targets met or exceeded. */
static void target_group_line(drawing *dr, size_t cursor, int y, int x, int w,
                              const scorecard_target_group *g)
{
    bool cur = add_link(dr, cursor, QUERY_TARGETS, FILTER_GROUP, g->group);
    attr_t attr = tui_attr(cur ? ROLE_CURSOR : ROLE_NORMAL);
    int bw = bar_width(w);
    int nx = x + w - 20;
    size_t met = g->verdicts[VERDICT_MET] + g->verdicts[VERDICT_EXCEEDED];
    double share = scorecard_group_met_share(g);
    char num[32], pct[16], nd[16];
    snprintf(num, sizeof num, "%zu/%zu", met, g->targets);
    snprintf(pct, sizeof pct, "%d%%", (int)(share * 100 + 0.5));
    snprintf(nd, sizeof nd, "%zu", g->verdicts[VERDICT_NO_DATA]);
    tui_fill(y, x, w, attr);
    tui_text(y, x, 1, cur ? ">" : " ", attr, ALIGN_LEFT);
    tui_text(y, x + 2, nx - bw - 1 - (x + 2) - 1, group_name(g->group), attr, ALIGN_LEFT);
    tui_bar(y, nx - bw - 1, bw, share,
            cur ? attr : tui_attr(share >= 0.5 ? ROLE_GOOD : ROLE_BAD));
    tui_text(y, nx, 7, num, attr, ALIGN_RIGHT);
    tui_text(y, nx + 8, 4, pct, attr, ALIGN_RIGHT);
    tui_text(y, nx + 13, 7, nd, cur ? attr : tui_attr(ROLE_MUTED), ALIGN_RIGHT);
}

/* tasks by status: done, done late, open (in progress, not done, needs fixing), not started,
 * not reported */
#define TASK_PARTS 5

static void task_parts(const scorecard_task_group *g, size_t parts[TASK_PARTS])
{
    parts[0] = g->statuses[TASK_DONE];
    parts[1] = g->statuses[TASK_DONE_LATE];
    parts[2] = g->statuses[TASK_IN_PROGRESS] + g->statuses[TASK_NOT_DONE] +
               g->statuses[TASK_NEEDS_FIX];
    parts[3] = g->statuses[TASK_NOT_STARTED];
    parts[4] = g->unreported;
}

static void task_group_head(int y, int x, int w, const char *title)
{
    static const char *const heads[TASK_PARTS + 1] = {N_("done"), N_("late"), N_("open"),
                                                      N_("not st."), N_("none"), N_("all")};
    int bw = bar_width(w);
    int nx = x + w - 6 * (TASK_PARTS + 1);
    tui_text(y, x, nx - bw - 1 - x, title, tui_attr(ROLE_HEADING), ALIGN_LEFT);
    for (int i = 0; i <= TASK_PARTS; i++)
        tui_text(y, nx + 6 * i, 5, _(heads[i]), tui_attr(ROLE_HEADING), ALIGN_RIGHT);
}

static void task_group_line(drawing *dr, size_t cursor, int y, int x, int w,
                            const scorecard_task_group *g)
{
    bool cur = add_link(dr, cursor, QUERY_TASKS, FILTER_GROUP, g->group);
    attr_t attr = tui_attr(cur ? ROLE_CURSOR : ROLE_NORMAL);
    int bw = bar_width(w);
    int nx = x + w - 6 * (TASK_PARTS + 1);
    size_t parts[TASK_PARTS];
    task_parts(g, parts);
    tui_fill(y, x, w, attr);
    tui_text(y, x, 1, cur ? ">" : " ", attr, ALIGN_LEFT);
    tui_text(y, x + 2, nx - bw - 1 - (x + 2) - 1, group_name(g->group), attr, ALIGN_LEFT);
    tui_stacked_bar(y, nx - bw - 1, bw, parts, TASK_PARTS, 0, attr);
    for (int i = 0; i <= TASK_PARTS; i++) {
        char num[16];
        snprintf(num, sizeof num, "%zu", i < TASK_PARTS ? parts[i] : g->tasks);
        tui_text(y, nx + 6 * i, 5, num,
                 cur ? attr : tui_attr(i < TASK_PARTS && !parts[i] ? ROLE_MUTED : ROLE_NORMAL),
                 ALIGN_RIGHT);
    }
}

static void task_legend(int y, int x, int w)
{
    bool ascii = !tui_utf8();
    char line[512];
    snprintf(line, sizeof line, "%s %s  %s %s  %s %s  %s %s  %s %s", chart_stack_glyph(0, ascii),
             _("done"), chart_stack_glyph(1, ascii), _("done late"),
             chart_stack_glyph(2, ascii), _("open: in progress, not done, needs fixing"),
             chart_stack_glyph(3, ascii), _("not started"), chart_stack_glyph(4, ascii),
             _("not reported"));
    tui_text(y, x + 2, w - 2, line, tui_attr(ROLE_MUTED), ALIGN_LEFT);
}

static void project_head(int y, int x, int w, const char *title)
{
    int bw = bar_width(w);
    int nx = x + w - 27;
    tui_text(y, x, nx - bw - 1 - x, title, tui_attr(ROLE_HEADING), ALIGN_LEFT);
    tui_text(y, nx - bw - 1, bw, _("disbursed"), tui_attr(ROLE_HEADING), ALIGN_LEFT);
    tui_text(y, nx, 10, _("Disbursed"), tui_attr(ROLE_HEADING), ALIGN_RIGHT);
    tui_text(y, nx + 11, 10, _("This year"), tui_attr(ROLE_HEADING), ALIGN_RIGHT);
    tui_text(y, nx + 22, 5, "%", tui_attr(ROLE_HEADING), ALIGN_RIGHT);
}

/* allocated this year vs disbursed; g NULL = the total of the plan */
static void project_line(drawing *dr, size_t cursor, int y, int x, int w,
                         const scorecard_project_group *g, const xaso_scorecard *sc)
{
    bool cur = add_link(dr, cursor, QUERY_PROJECTS, g ? FILTER_GROUP : FILTER_DIM_COUNT,
                        g ? g->group : NULL);
    attr_t attr = tui_attr(cur ? ROLE_CURSOR : ROLE_NORMAL);
    double year = g ? g->budget_year : sc->budget_year;
    double dis = g ? g->disbursed : sc->disbursed;
    int bw = bar_width(w);
    int nx = x + w - 27;
    char m1[32], m2[32], pct[16];
    snprintf(pct, sizeof pct, "%d%%", year > 0 ? (int)(dis * 100.0 / year + 0.5) : 0);
    tui_fill(y, x, w, attr);
    tui_text(y, x, 1, cur ? ">" : " ", attr, ALIGN_LEFT);
    tui_text(y, x + 2, nx - bw - 1 - (x + 2) - 1, g ? group_name(g->group) : _("All projects"),
             g ? attr : attr | A_BOLD, ALIGN_LEFT);
    tui_bar(y, nx - bw - 1, bw, year > 0 ? dis / year : 0, attr);
    tui_text(y, nx, 10, tui_number(dis, 1, true, m1, sizeof m1), attr, ALIGN_RIGHT);
    tui_text(y, nx + 11, 10, tui_number(year, 1, true, m2, sizeof m2), attr, ALIGN_RIGHT);
    tui_text(y, nx + 22, 5, pct, attr, ALIGN_RIGHT);
}

/* ---------- the charts page ---------- */

typedef enum { ROW_BLANK, ROW_TITLE_TARGETS, ROW_HEAD_TARGETS, ROW_TARGET, ROW_TITLE_TASKS,
               ROW_HEAD_TASKS, ROW_LEGEND, ROW_TASK, ROW_TITLE_PROJECTS, ROW_HEAD_PROJECTS,
               ROW_PROJECT, ROW_PROJECT_TOTAL } row_kind;

typedef struct {
    row_kind kind;
    size_t index;
} chart_row;

static size_t chart_rows(dash_state *ds, chart_row *rows, size_t max)
{
    size_t n = 0;
#define ROW(k, i)                                                                                     do {                                                                                                  if (n < max)                                                                                          rows[n++] = (chart_row){k, i};                                                            } while (0)
    const size_t *to = sorted_groups(ds, true), *ko = sorted_groups(ds, false);
    ROW(ROW_TITLE_TARGETS, 0);
    ROW(ROW_HEAD_TARGETS, 0);
    for (size_t i = 0; i < ds->sc->n_target_groups; i++)
        ROW(ROW_TARGET, to[i]);
    ROW(ROW_BLANK, 0);
    ROW(ROW_TITLE_TASKS, 0);
    ROW(ROW_LEGEND, 0);
    ROW(ROW_HEAD_TASKS, 0);
    for (size_t i = 0; i < ds->sc->n_task_groups; i++)
        ROW(ROW_TASK, ko[i]);
    ROW(ROW_BLANK, 0);
    ROW(ROW_TITLE_PROJECTS, 0);
    ROW(ROW_HEAD_PROJECTS, 0);
    for (size_t i = 0; i < ds->sc->n_project_groups; i++)
        ROW(ROW_PROJECT, i);
    ROW(ROW_PROJECT_TOTAL, 0);
#undef ROW
    return n;
}

static bool is_link(row_kind k)
{
    return k == ROW_TARGET || k == ROW_TASK || k == ROW_PROJECT || k == ROW_PROJECT_TOTAL;
}

static void draw_charts(tui_app *app, dash_state *ds, tui_rect a)
{
    (void)app;
    chart_row rows[DASH_LINKS + 16];
    size_t n = chart_rows(ds, rows, sizeof rows / sizeof rows[0]);
    size_t links = 0, cursor_row = 0;
    for (size_t i = 0; i < n; i++)
        if (is_link(rows[i].kind)) {
            if (links == ds->cursor1)
                cursor_row = i;
            links++;
        }
    ds->nlinks1 = links;
    size_t h = (size_t)(a.height > 1 ? a.height : 1);
    if (n > h && h > 1)
        h--; /* the last line says how far down we are */
    ds->height1 = (int)h;
    if (ds->cursor1 == 0)
        ds->top1 = 0;
    if (cursor_row < ds->top1)
        ds->top1 = cursor_row > 0 && !is_link(rows[cursor_row - 1].kind) ? cursor_row - 1
                                                                            : cursor_row;
    if (cursor_row >= ds->top1 + h)
        ds->top1 = cursor_row - h + 1;
    drawing dr = {ds, 0};
    /* links before the first row drawn still count */
    for (size_t i = 0; i < ds->top1 && i < n; i++)
        if (is_link(rows[i].kind))
            add_link(&dr, (size_t)-1, QUERY_TASKS, FILTER_DIM_COUNT, NULL);
    int x = a.left + 1, w = a.width - 2;
    char head[256];
    for (size_t i = ds->top1; i < n && i < ds->top1 + h; i++) {
        int y = a.top + (int)(i - ds->top1);
        const chart_row *r = &rows[i];
        switch (r->kind) {
        case ROW_BLANK: break;
        case ROW_TITLE_TARGETS:
            snprintf(head, sizeof head, _("Targets met by group, furthest behind first (%zu)"),
                     ds->sc->targets);
            tui_text(y, x, w, head, tui_attr(ROLE_HEADING) | A_BOLD, ALIGN_LEFT);
            break;
        case ROW_HEAD_TARGETS: target_group_head(y, x, w, ""); break;
        case ROW_TARGET:
            target_group_line(&dr, ds->cursor1, y, x, w, &ds->sc->target_groups[r->index]);
            break;
        case ROW_TITLE_TASKS:
            snprintf(head, sizeof head, _("Tasks by status per group, least done first (%zu)"),
                     ds->sc->tasks);
            tui_text(y, x, w, head, tui_attr(ROLE_HEADING) | A_BOLD, ALIGN_LEFT);
            break;
        case ROW_HEAD_TASKS: task_group_head(y, x, w, ""); break;
        case ROW_LEGEND: task_legend(y, x, w); break;
        case ROW_TASK:
            task_group_line(&dr, ds->cursor1, y, x, w, &ds->sc->task_groups[r->index]);
            break;
        case ROW_TITLE_PROJECTS:
            snprintf(head, sizeof head, _("Funded projects: this year's budget and disbursed, %s"),
                     ds->sc->money_unit ? ds->sc->money_unit : "");
            tui_text(y, x, w, head, tui_attr(ROLE_HEADING) | A_BOLD, ALIGN_LEFT);
            break;
        case ROW_HEAD_PROJECTS: project_head(y, x, w, ""); break;
        case ROW_PROJECT:
            project_line(&dr, ds->cursor1, y, x, w, &ds->sc->project_groups[r->index], ds->sc);
            break;
        case ROW_PROJECT_TOTAL: project_line(&dr, ds->cursor1, y, x, w, NULL, ds->sc); break;
        }
    }
    if (n > h) {
        char more[32];
        snprintf(more, sizeof more, " %zu%% ", (ds->top1 + h) * 100 / n);
        tui_text(a.top + a.height - 1, a.left + a.width - 6, 6, more, tui_attr(ROLE_MUTED),
                 ALIGN_RIGHT);
    }
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
    ds->nlinks = 0;
    if (ds->page == 1 && ds->sc) {
        draw_charts(app, ds, a);
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
    size_t behind = ds->sc ? scorecard_furthest_behind(ds->sc) : (size_t)-1;
    if (behind != (size_t)-1) {
        const scorecard_target_group *g = &ds->sc->target_groups[behind];
        snprintf(line, sizeof line, _("Furthest behind, %zu of %zu targets met: %s"),
                 g->verdicts[VERDICT_MET] + g->verdicts[VERDICT_EXCEEDED], g->targets,
                 group_name(g->group));
        tui_text(y, a.left + 1, a.width - 2, line, tui_attr(ROLE_WARN), ALIGN_LEFT);
    }
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
    /* a tall screen has room for the targets met by group under the overview */
    if (ds->sc && ds->sc->n_target_groups && bottom - y >= 5) {
        y++;
        char head2[256];
        size_t shown = (size_t)(bottom - y - 1);
        if (shown >= ds->sc->n_target_groups)
            snprintf(head2, sizeof head2, "%s", _("Targets met by group, furthest behind first"));
        else
            snprintf(head2, sizeof head2, _("Targets met by group, furthest behind first (g: all %zu)"),
                     ds->sc->n_target_groups);
        target_group_head(y, lx, a.width - 2, "");
        tui_text(y++, lx, a.width - 2 - 20 - bar_width(a.width - 2) - 2, head2,
                 tui_attr(ROLE_HEADING), ALIGN_LEFT);
        const size_t *order = sorted_groups(ds, true);
        for (size_t i = 0; i < ds->sc->n_target_groups && y < bottom; i++)
            target_group_line(&dr, ds->cursor, y++, lx, a.width - 2,
                              &ds->sc->target_groups[order[i]]);
    }
}

static void dash_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    dash_state *ds = s->data;
    if (ds && ds->page == 1)
        snprintf(buf, size, "%s · %s", _("Dashboard: charts by group"),
                 _("g: overview · Enter opens"));
    else
        snprintf(buf, size, "%s · %s", _("Dashboard"),
                 _("Enter opens what a line counts · g: charts"));
}

static bool dash_handle(tui_app *app, tui_screen *s, tui_action a)
{
    dash_state *ds = s->data;
    if (a == ACT_CHARTS) {
        ds->page = ds->sc ? !ds->page : 0;
        return true;
    }
    if (ds->page == 1) {
        size_t page = ds->height1 > 2 ? (size_t)ds->height1 - 2 : 1;
        size_t last = ds->nlinks1 ? ds->nlinks1 - 1 : 0;
        switch (a) {
        case ACT_UP:
        case ACT_LEFT: if (ds->cursor1) ds->cursor1--; return true;
        case ACT_DOWN:
        case ACT_RIGHT: if (ds->cursor1 < last) ds->cursor1++; return true;
        case ACT_PAGE_UP: ds->cursor1 = ds->cursor1 > page ? ds->cursor1 - page : 0; return true;
        case ACT_PAGE_DOWN: ds->cursor1 = ds->cursor1 + page < last ? ds->cursor1 + page : last;
            return true;
        case ACT_FIRST: ds->cursor1 = 0; return true;
        case ACT_LAST: ds->cursor1 = last; return true;
        case ACT_OPEN: break; /* below, on the links the charts page drew */
        default: break;
        }
    }
    size_t *cursor = ds->page == 1 ? &ds->cursor1 : &ds->cursor;
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
        if (*cursor >= ds->nlinks)
            return true;
        dash_link l = ds->links[*cursor];
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
