/* The unit scorecard: per unit, the tasks it leads (on time, late, overdue, not started), their
 * average completion, its evidence accepted and rejected, its reports on time. Every column sorts
 * (s, like the tables: ascending, descending, back to the default order: the units that lag most
 * first); Enter on a number lists the tasks behind it (the tasks table, filtered to exactly
 * those), Enter on a unit's name opens the unit. The numbers are store_scorecard's (now). */
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include "xaso/store_scorecard.h"
#include "xaso/strbuf.h"

typedef struct {
    xaso_scorecard *sc;
    size_t cursor, top; /* rows: the units, then the line of tasks without a lead */
    scorecard_col col;  /* the column under the cursor */
    scorecard_col sort; /* SC_COL_COUNT = the default order */
    bool desc;
    int visible[SC_COL_COUNT], width[SC_COL_COUNT];
    size_t nvisible;
    size_t page;
} score_state;

static const char *const col_labels[SC_COL_COUNT] = {
    [SC_COL_UNIT] = N_("Unit"),
    [SC_COL_LED] = N_("Led"),
    [SC_COL_ON_TIME] = N_("On time"),
    [SC_COL_LATE] = N_("Late"),
    [SC_COL_OVERDUE] = N_("Overdue"),
    [SC_COL_NOT_STARTED] = N_("Not st."),
    [SC_COL_IN_PROGRESS] = N_("Open"),
    [SC_COL_AVG_COMPLETION] = N_("Avg%"),
    [SC_COL_EVIDENCE_ACCEPTED] = N_("acc."),
    [SC_COL_EVIDENCE_REJECTED] = N_("rej."),
    [SC_COL_REPORTS_ON_TIME] = N_("on time"),
};

static void score_open(tui_app *app, tui_screen *s)
{
    score_state *ss = xcalloc(1, sizeof *ss);
    s->data = ss;
    ss->sort = SC_COL_COUNT;
    ss->col = SC_COL_UNIT;
    if (!query_plan_id(app->q))
        return;
    scorecard_asof asof;
    scorecard_asof_now(&asof, query_plan_id(app->q), query_today(app->q), app->cal);
    xaso_error err;
    xaso_error_clear(&err);
    if (scorecard_load(app->st, &asof, app->cal, &ss->sc, &err)) {
        char buf[1200];
        tui_status(app, true, "%s", xaso_error_format(&err, buf, sizeof buf));
        ss->sc = NULL;
    }
}

static void score_close(tui_app *app, tui_screen *s)
{
    (void)app;
    score_state *ss = s->data;
    if (!ss)
        return;
    scorecard_free(ss->sc);
    free(ss);
    s->data = NULL;
}

static size_t row_count(const score_state *ss)
{
    return ss->sc ? ss->sc->n_units + (ss->sc->tasks_without_lead ? 1 : 0) : 0;
}

static void cell_text(const scorecard_unit *u, scorecard_col c, char *buf, size_t size)
{
    switch (c) {
    case SC_COL_UNIT: snprintf(buf, size, "%s", u->short_name); break;
    case SC_COL_LED: snprintf(buf, size, "%zu", u->led); break;
    case SC_COL_ON_TIME: snprintf(buf, size, "%zu", u->by_class[SC_TASK_ON_TIME]); break;
    case SC_COL_LATE: snprintf(buf, size, "%zu", u->by_class[SC_TASK_LATE]); break;
    case SC_COL_OVERDUE: snprintf(buf, size, "%zu", u->by_class[SC_TASK_OVERDUE]); break;
    case SC_COL_NOT_STARTED: snprintf(buf, size, "%zu", u->by_class[SC_TASK_NOT_STARTED]); break;
    case SC_COL_IN_PROGRESS: snprintf(buf, size, "%zu", u->by_class[SC_TASK_IN_PROGRESS]); break;
    case SC_COL_AVG_COMPLETION: {
        char num[32];
        snprintf(buf, size, "%s%%", tui_number(u->avg_completion, 0, false, num, sizeof num));
        break;
    }
    case SC_COL_EVIDENCE_ACCEPTED: snprintf(buf, size, "%zu", u->evidence_accepted); break;
    case SC_COL_EVIDENCE_REJECTED: snprintf(buf, size, "%zu", u->evidence_rejected); break;
    case SC_COL_REPORTS_ON_TIME:
        if (u->reports_due)
            snprintf(buf, size, "%zu/%zu", u->reports_on_time, u->reports_due);
        else
            snprintf(buf, size, "%s", "–");
        break;
    default: buf[0] = '\0';
    }
}

static tui_role cell_role(const scorecard_unit *u, scorecard_col c)
{
    switch (c) {
    case SC_COL_ON_TIME: return u->by_class[SC_TASK_ON_TIME] ? ROLE_GOOD : ROLE_MUTED;
    case SC_COL_LATE: return u->by_class[SC_TASK_LATE] ? ROLE_WARN : ROLE_MUTED;
    case SC_COL_OVERDUE: return u->by_class[SC_TASK_OVERDUE] ? ROLE_BAD : ROLE_MUTED;
    case SC_COL_NOT_STARTED: return u->by_class[SC_TASK_NOT_STARTED] ? ROLE_WARN : ROLE_MUTED;
    case SC_COL_IN_PROGRESS: return u->by_class[SC_TASK_IN_PROGRESS] ? ROLE_NORMAL : ROLE_MUTED;
    case SC_COL_EVIDENCE_ACCEPTED: return u->evidence_accepted ? ROLE_GOOD : ROLE_MUTED;
    case SC_COL_EVIDENCE_REJECTED: return u->evidence_rejected ? ROLE_BAD : ROLE_MUTED;
    case SC_COL_REPORTS_ON_TIME:
        return !u->reports_due ? ROLE_MUTED
               : u->reports_on_time < u->reports_due ? ROLE_WARN : ROLE_GOOD;
    default: return ROLE_NORMAL;
    }
}

/* Which columns fit, and their widths: the unit name takes what is left (at least 12); "Open"
 * appears when there is room; a bar of the average completion on wide screens. */
static int layout(score_state *ss, int width, int *bar_w)
{
    static const scorecard_col order[] = {
        SC_COL_UNIT,         SC_COL_LED,          SC_COL_ON_TIME,       SC_COL_LATE,
        SC_COL_OVERDUE,      SC_COL_NOT_STARTED,  SC_COL_IN_PROGRESS,   SC_COL_AVG_COMPLETION,
        SC_COL_EVIDENCE_ACCEPTED, SC_COL_EVIDENCE_REJECTED, SC_COL_REPORTS_ON_TIME};
    int fixed = 0;
    ss->nvisible = 0;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        scorecard_col c = order[i];
        int w = tui_width(_(col_labels[c])) + (ss->sort == c ? 1 : 0);
        int min = c == SC_COL_EVIDENCE_ACCEPTED || c == SC_COL_EVIDENCE_REJECTED ? 5 : 4;
        if (w < min)
            w = min;
        ss->width[c] = w;
        ss->visible[ss->nvisible++] = c;
        if (c != SC_COL_UNIT)
            fixed += w + 1;
    }
    *bar_w = 0;
    if (width - 2 - fixed < 12 + ss->width[SC_COL_IN_PROGRESS] + 1) {
        /* no room for "Open" */
        fixed -= ss->width[SC_COL_IN_PROGRESS] + 1;
        size_t k = 0;
        for (size_t i = 0; i < ss->nvisible; i++)
            if (ss->visible[i] != SC_COL_IN_PROGRESS)
                ss->visible[k++] = ss->visible[i];
        ss->nvisible = k;
    }
    /* still too wide (long translations): leave out columns from the right */
    while (ss->nvisible > 2 && width - 2 - fixed < 10) {
        scorecard_col c = (scorecard_col)ss->visible[--ss->nvisible];
        fixed -= ss->width[c] + 1;
    }
    int name = width - 2 - fixed;
    if (name > 40) {
        *bar_w = name - 40 > 20 ? 20 : name - 40;
        name -= *bar_w + 1;
    }
    ss->width[SC_COL_UNIT] = name < 8 ? 8 : name;
    return name;
}

static void score_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    (void)app;
    score_state *ss = s->data;
    if (!ss->sc) {
        tui_text(a.top + 2, a.left, a.width, _("No plan yet."), tui_attr(ROLE_HEADING),
                 ALIGN_CENTER);
        return;
    }
    int bar_w;
    layout(ss, a.width, &bar_w);
    bool visible_cursor = false;
    for (size_t i = 0; i < ss->nvisible; i++)
        visible_cursor = visible_cursor || ss->visible[i] == (int)ss->col;
    if (!visible_cursor)
        ss->col = SC_COL_UNIT;
    /* two header lines: the groups of columns, then the columns */
    int y = a.top, x = a.left + 2;
    int group_x[3] = {0}, group_end[3] = {0};
    tui_fill(y + 1, a.left, a.width, tui_attr(ROLE_HEADER));
    for (size_t i = 0; i < ss->nvisible; i++) {
        scorecard_col c = (scorecard_col)ss->visible[i];
        int w = ss->width[c];
        if (c == SC_COL_AVG_COMPLETION && bar_w)
            w += bar_w + 1;
        char label[96];
        const char *arrow = "";
        if (ss->sort == c)
            arrow = tui_utf8() ? (ss->desc ? "▼" : "▲") : (ss->desc ? "v" : "^");
        snprintf(label, sizeof label, "%s%s", _(col_labels[c]), arrow);
        tui_text(y + 1, c == SC_COL_UNIT ? a.left : x, c == SC_COL_UNIT ? w + 2 : w, label,
                 tui_attr(c == ss->col ? ROLE_HEADER_CURRENT : ROLE_HEADER),
                 c == SC_COL_UNIT ? ALIGN_LEFT : ALIGN_RIGHT);
        int g = c >= SC_COL_LED && c <= SC_COL_IN_PROGRESS ? 0
                : c == SC_COL_EVIDENCE_ACCEPTED || c == SC_COL_EVIDENCE_REJECTED ? 1
                : c == SC_COL_REPORTS_ON_TIME ? 2 : -1;
        if (g >= 0) {
            if (!group_x[g])
                group_x[g] = x;
            group_end[g] = x + w;
        }
        x += w + 1;
    }
    static const char *const groups[3] = {N_("Tasks led"), N_("Evidence"), N_("Reports")};
    for (int g = 0; g < 3; g++) {
        if (!group_x[g])
            continue;
        int w = group_end[g] - group_x[g];
        strbuf sb = STRBUF_INIT;
        const char *label = _(groups[g]);
        int lw = tui_width(label) + 2;
        if (lw > w) {
            sb_append(&sb, label);
        } else {
            int side = (w - lw) / 2;
            for (int k = 0; k < side; k++)
                sb_append(&sb, tui_utf8() ? "─" : "-");
            sb_appendf(&sb, " %s ", label);
            for (int k = side + lw; k < w; k++)
                sb_append(&sb, tui_utf8() ? "─" : "-");
        }
        tui_text(y, group_x[g], w, sb_str(&sb), tui_attr(ROLE_HEADING), ALIGN_CENTER);
        sb_free(&sb);
    }
    /* the rows */
    size_t rows = row_count(ss);
    size_t height = a.height > 3 ? (size_t)a.height - 3 : 1;
    ss->page = height;
    if (ss->cursor >= rows)
        ss->cursor = rows ? rows - 1 : 0;
    if (ss->cursor < ss->top)
        ss->top = ss->cursor;
    if (ss->cursor >= ss->top + height)
        ss->top = ss->cursor - height + 1;
    for (size_t r = ss->top; r < rows && r < ss->top + height; r++) {
        int ry = a.top + 2 + (int)(r - ss->top);
        bool cur = r == ss->cursor;
        if (r == ss->sc->n_units) { /* the tasks nobody leads */
            char line[256];
            snprintf(line, sizeof line,
                     P_("%zu task has no lead unit (Enter lists it)",
                        "%zu tasks have no lead unit (Enter lists them)",
                        ss->sc->tasks_without_lead),
                     ss->sc->tasks_without_lead);
            tui_fill(ry, a.left, a.width, tui_attr(cur ? ROLE_CURSOR : ROLE_NORMAL));
            tui_text(ry, a.left, 1, cur ? ">" : " ", tui_attr(ROLE_CURSOR), ALIGN_LEFT);
            tui_text(ry, a.left + 2, a.width - 2, line, tui_attr(cur ? ROLE_CURSOR : ROLE_MUTED),
                     ALIGN_LEFT);
            continue;
        }
        const scorecard_unit *u = &ss->sc->units[r];
        if (cur)
            tui_fill(ry, a.left, a.width, tui_attr(ROLE_CURSOR));
        tui_text(ry, a.left, 1, cur ? ">" : " ", tui_attr(ROLE_CURSOR), ALIGN_LEFT);
        x = a.left + 2;
        for (size_t i = 0; i < ss->nvisible; i++) {
            scorecard_col c = (scorecard_col)ss->visible[i];
            int w = ss->width[c];
            char text[256];
            cell_text(u, c, text, sizeof text);
            attr_t attr = tui_attr(cur ? ROLE_CURSOR : cell_role(u, c));
            if (cur && c == ss->col)
                attr |= A_BOLD | A_UNDERLINE;
            if (c == SC_COL_AVG_COMPLETION && bar_w) {
                tui_bar(ry, x, bar_w, u->avg_completion / 100.0,
                        tui_attr(cur ? ROLE_CURSOR : ROLE_GOOD));
                x += bar_w + 1;
            }
            tui_text(ry, x, w, text, attr, c == SC_COL_UNIT ? ALIGN_LEFT : ALIGN_RIGHT);
            x += w + 1;
        }
    }
    if (!rows)
        tui_text(a.top + 3, a.left, a.width, _("No unit leads a task of this plan yet."),
                 tui_attr(ROLE_MUTED), ALIGN_CENTER);
    /* how to read it */
    tui_text(a.top + a.height - 1, a.left + 1, a.width - 2,
             _("Late: done after its deadline. Overdue: past it, not done. Enter: the tasks."),
             tui_attr(ROLE_MUTED), ALIGN_LEFT);
}

static void score_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    score_state *ss = s->data;
    char period[48];
    tui_period_title(query_current_period(app->q), period, sizeof period);
    size_t rows = ss && ss->sc ? ss->sc->n_units : 0;
    char order[128];
    if (!ss || ss->sort == SC_COL_COUNT)
        snprintf(order, sizeof order, "%s", _("lagging most first"));
    else
        snprintf(order, sizeof order, ss->desc ? _("by %s, descending") : _("by %s, ascending"),
                 _(col_labels[ss->sort]));
    snprintf(buf, size, _("Scorecard %zu/%zu · %s · as of today"), rows ? ss->cursor + 1 : 0,
             rows, order);
}

static void drill(tui_app *app, score_state *ss)
{
    if (!ss->sc || ss->cursor >= row_count(ss))
        return;
    long long *ids = NULL;
    size_t n;
    char label[512];
    if (ss->cursor == ss->sc->n_units) {
        n = scorecard_task_ids(ss->sc, NULL, SC_COL_LED, &ids);
        snprintf(label, sizeof label, "%s", _("no lead unit"));
        tui_push_rows(app, QUERY_TASKS, ids, n, label);
        free(ids);
        return;
    }
    const scorecard_unit *u = &ss->sc->units[ss->cursor];
    if (ss->col == SC_COL_UNIT) {
        tui_push(app, tui_detail_screen(QUERY_UNITS, u->unit_id));
        return;
    }
    query_table t = QUERY_TASKS;
    if (ss->col == SC_COL_REPORTS_ON_TIME) {
        xaso_error err;
        xaso_error_clear(&err);
        n = scorecard_report_ids(app->st, ss->sc, u, &ids, &err);
        t = QUERY_REPORTS;
    } else {
        n = scorecard_task_ids(ss->sc, u, ss->col, &ids);
    }
    if (!n) {
        tui_status(app, false,
                   t == QUERY_REPORTS ? _("%s: no report of its own yet.")
                                      : _("%s: no task behind this number."),
                   u->short_name);
        free(ids);
        return;
    }
    snprintf(label, sizeof label, "%s: %s", u->short_name, _(col_labels[ss->col]));
    tui_push_rows(app, t, ids, n, label);
    free(ids);
}

static bool score_handle(tui_app *app, tui_screen *s, tui_action a)
{
    score_state *ss = s->data;
    size_t rows = row_count(ss);
    size_t page = ss->page ? ss->page : 10;
    switch (a) {
    case ACT_UP: if (ss->cursor) ss->cursor--; return true;
    case ACT_DOWN: if (ss->cursor + 1 < rows) ss->cursor++; return true;
    case ACT_PAGE_UP: ss->cursor = ss->cursor > page ? ss->cursor - page : 0; return true;
    case ACT_PAGE_DOWN:
        ss->cursor = ss->cursor + page < rows ? ss->cursor + page : (rows ? rows - 1 : 0);
        return true;
    case ACT_FIRST: ss->cursor = 0; return true;
    case ACT_LAST: ss->cursor = rows ? rows - 1 : 0; return true;
    case ACT_LEFT:
    case ACT_RIGHT:
        for (size_t i = 0; i < ss->nvisible; i++)
            if (ss->visible[i] == (int)ss->col) {
                if (a == ACT_LEFT && i > 0)
                    ss->col = (scorecard_col)ss->visible[i - 1];
                if (a == ACT_RIGHT && i + 1 < ss->nvisible)
                    ss->col = (scorecard_col)ss->visible[i + 1];
                break;
            }
        return true;
    case ACT_SORT:
        if (!ss->sc)
            return true;
        if (ss->sort != ss->col) {
            ss->sort = ss->col;
            ss->desc = false;
        } else if (!ss->desc) {
            ss->desc = true;
        } else {
            ss->sort = SC_COL_COUNT;
            ss->desc = false;
        }
        scorecard_sort(ss->sc, ss->sort, ss->desc);
        ss->cursor = ss->top = 0;
        if (ss->sort == SC_COL_COUNT)
            tui_status(app, false, "%s", _("Back in the default order: the units that lag most first."));
        else
            tui_status(app, false, ss->desc ? _("Sorted by %s, descending.")
                                            : _("Sorted by %s, ascending."),
                       _(col_labels[ss->sort]));
        return true;
    case ACT_OPEN: drill(app, ss); return true;
    case ACT_SEARCH:
    case ACT_FILTER:
        tui_status(app, false, "%s", _("The scorecard has every unit on one page; s sorts it."));
        return true;
    default: return false;
    }
}

tui_screen tui_scorecard_screen(void)
{
    static const tui_screen_ops ops = {"scorecard", score_open, score_draw, score_handle,
                                       score_close, NULL, score_context};
    tui_screen s = {&ops, NULL, N_("Scorecard")};
    return s;
}
