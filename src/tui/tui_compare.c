/* The period comparison: this period against the one before it, what improved and what slipped,
 * for targets (verdict, then value in the direction the target wants) and tasks (became overdue,
 * done, completion up or down). It starts on the latest period with progress entered, up to the
 * current one; [ and ] move to earlier and later periods; Enter opens a target or task. The
 * rules are store_scorecard's (scorecard_compare). */
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include "xaso/store_scorecard.h"
#include "xaso/strbuf.h"

typedef enum { CR_SUMMARY, CR_BLANK, CR_HEAD, CR_TARGET, CR_TASK } compare_row_kind;

typedef struct {
    compare_row_kind kind;
    size_t index;           /* target or task change; for CR_HEAD the section */
} compare_row;

typedef struct {
    char period[XASO_PERIOD_ID_SIZE];
    bool loaded;
    scorecard_comparison c;
    compare_row *rows;
    size_t n, cursor, top, page;
} compare_state;

/* sections in order: what slipped first (what a steering committee asks about) */
static const struct {
    bool tasks;
    scorecard_change change;
    const char *title;
} sections[] = {
    {false, SC_CHANGE_SLIPPED, N_("Targets that slipped")},
    {true, SC_CHANGE_SLIPPED, N_("Tasks that slipped")},
    {false, SC_CHANGE_IMPROVED, N_("Targets that improved")},
    {true, SC_CHANGE_IMPROVED, N_("Tasks that improved")},
    {false, SC_CHANGE_UNCHANGED, N_("Targets unchanged")},
    {true, SC_CHANGE_UNCHANGED, N_("Tasks unchanged")},
};
#define N_SECTIONS (sizeof sections / sizeof sections[0])

static void add_row(compare_state *cs, size_t *cap, compare_row_kind k, size_t i)
{
    if (cs->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        cs->rows = xrealloc(cs->rows, *cap * sizeof *cs->rows);
    }
    cs->rows[cs->n++] = (compare_row){k, i};
}

static void load(tui_app *app, compare_state *cs)
{
    if (cs->loaded)
        scorecard_comparison_free(&cs->c);
    free(cs->rows);
    cs->rows = NULL;
    cs->n = cs->cursor = cs->top = 0;
    cs->loaded = false;
    if (!cs->period[0])
        return;
    xaso_error err;
    xaso_error_clear(&err);
    if (scorecard_compare(app->st, query_plan_id(app->q), cs->period, &cs->c, &err)) {
        char buf[1200];
        tui_status(app, true, "%s", xaso_error_format(&err, buf, sizeof buf));
        return;
    }
    cs->loaded = true;
    size_t cap = 0;
    add_row(cs, &cap, CR_SUMMARY, 0);
    add_row(cs, &cap, CR_SUMMARY, 1);
    for (size_t s = 0; s < N_SECTIONS; s++) {
        add_row(cs, &cap, CR_BLANK, 0);
        add_row(cs, &cap, CR_HEAD, s);
        if (sections[s].tasks) {
            for (size_t i = 0; i < cs->c.n_tasks; i++)
                if (cs->c.tasks[i].change == sections[s].change)
                    add_row(cs, &cap, CR_TASK, i);
        } else {
            for (size_t i = 0; i < cs->c.n_targets; i++)
                if (cs->c.targets[i].change == sections[s].change)
                    add_row(cs, &cap, CR_TARGET, i);
        }
    }
    /* the cursor starts on the first item */
    for (size_t i = 0; i < cs->n; i++)
        if (cs->rows[i].kind == CR_TARGET || cs->rows[i].kind == CR_TASK) {
            cs->cursor = i;
            break;
        }
}

static void compare_open(tui_app *app, tui_screen *s)
{
    compare_state *cs = xcalloc(1, sizeof *cs);
    s->data = cs;
    char upto[XASO_PERIOD_ID_SIZE];
    const xaso_period *cur = query_current_period(app->q);
    period_format(cur, upto, sizeof upto);
    if (query_plan_id(app->q))
        scorecard_latest_period(app->st, query_plan_id(app->q),
                                cur->kind ? cur->kind : PERIOD_QUARTER, upto[0] ? upto : NULL,
                                cs->period);
    load(app, cs);
}

static void compare_close(tui_app *app, tui_screen *s)
{
    (void)app;
    compare_state *cs = s->data;
    if (!cs)
        return;
    if (cs->loaded)
        scorecard_comparison_free(&cs->c);
    free(cs->rows);
    free(cs);
    s->data = NULL;
}

static const char *change_label(scorecard_change c)
{
    bool u = tui_utf8();
    switch (c) {
    case SC_CHANGE_IMPROVED: return u ? _("▲ improved") : _("+ improved");
    case SC_CHANGE_SLIPPED: return u ? _("▼ slipped") : _("- slipped");
    case SC_CHANGE_UNCHANGED: return _("= unchanged");
    default: return _("? cannot compare");
    }
}

static tui_role change_role(scorecard_change c)
{
    return c == SC_CHANGE_IMPROVED  ? ROLE_GOOD
           : c == SC_CHANGE_SLIPPED ? ROLE_BAD
                                    : ROLE_MUTED;
}

static void value_text(bool has, double v, bool percent, char *buf, size_t size)
{
    char num[32];
    if (!has) {
        snprintf(buf, size, "%s", "–");
        return;
    }
    tui_number(v, 2, false, num, sizeof num);
    snprintf(buf, size, percent ? "%s%%" : "%s", num);
}

static void compare_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    (void)app;
    compare_state *cs = s->data;
    if (!cs->loaded) {
        tui_text(a.top + 2, a.left, a.width, _("No progress has been entered yet: nothing to compare."),
                 tui_attr(ROLE_MUTED), ALIGN_CENTER);
        return;
    }
    char before[48], after[48];
    tui_period_code_title(cs->c.before.period, before, sizeof before);
    tui_period_code_title(cs->c.after.period, after, sizeof after);
    int vw = tui_width(before) > tui_width(after) ? tui_width(before) : tui_width(after);
    if (vw < 8)
        vw = 8;
    int cw = 16, code_w = 9;
    int x_code = a.left + 2, x_name = x_code + code_w + 1;
    int x_change = a.left + a.width - cw - 1;
    int x_after = x_change - vw - 1, x_before = x_after - vw - 1;
    int name_w = x_before - 1 - x_name;
    size_t height = a.height > 1 ? (size_t)a.height - 1 : 1;
    cs->page = height;
    /* the column header stays on top */
    tui_fill(a.top, a.left, a.width, tui_attr(ROLE_HEADER));
    tui_text(a.top, x_code, code_w, _("Code"), tui_attr(ROLE_HEADER), ALIGN_LEFT);
    tui_text(a.top, x_name, name_w, _("Target or task"), tui_attr(ROLE_HEADER), ALIGN_LEFT);
    tui_text(a.top, x_before, vw, before, tui_attr(ROLE_HEADER), ALIGN_RIGHT);
    tui_text(a.top, x_after, vw, after, tui_attr(ROLE_HEADER), ALIGN_RIGHT);
    tui_text(a.top, x_change, cw, _("Change"), tui_attr(ROLE_HEADER), ALIGN_LEFT);
    if (cs->cursor < cs->top)
        cs->top = cs->cursor > 0 && cs->rows[cs->cursor - 1].kind == CR_HEAD ? cs->cursor - 1
                                                                               : cs->cursor;
    if (cs->cursor >= cs->top + height)
        cs->top = cs->cursor - height + 1;
    if (cs->top <= 3 && cs->cursor < height)
        cs->top = 0;
    for (size_t r = cs->top; r < cs->n && r < cs->top + height; r++) {
        int y = a.top + 1 + (int)(r - cs->top);
        const compare_row *row = &cs->rows[r];
        bool cur = r == cs->cursor;
        attr_t attr = tui_attr(cur ? ROLE_CURSOR : ROLE_NORMAL);
        char line[512], b[48], v[48];
        switch (row->kind) {
        case CR_BLANK: break;
        case CR_SUMMARY: {
            const size_t *k = row->index ? cs->c.task_counts : cs->c.target_counts;
            snprintf(line, sizeof line,
                     row->index ? _("Tasks:   %zu improved, %zu slipped, %zu unchanged, %zu not reported in either")
                                : _("Targets: %zu improved, %zu slipped, %zu unchanged, %zu without a value in both"),
                     k[SC_CHANGE_IMPROVED], k[SC_CHANGE_SLIPPED], k[SC_CHANGE_UNCHANGED],
                     k[SC_CHANGE_NONE]);
            tui_text(y, a.left + 1, a.width - 2, line,
                     tui_attr(k[SC_CHANGE_SLIPPED] ? ROLE_WARN : ROLE_HEADING), ALIGN_LEFT);
            break;
        }
        case CR_HEAD: {
            size_t count = 0;
            for (size_t i = r + 1; i < cs->n && (cs->rows[i].kind == CR_TARGET ||
                                                 cs->rows[i].kind == CR_TASK); i++)
                count++;
            snprintf(line, sizeof line, "%s (%zu)", _(sections[row->index].title), count);
            tui_text(y, a.left + 1, a.width - 2, line,
                     tui_attr(count && sections[row->index].change == SC_CHANGE_SLIPPED
                                  ? ROLE_BAD : ROLE_HEADING),
                     ALIGN_LEFT);
            break;
        }
        case CR_TARGET:
        case CR_TASK: {
            const char *code, *name;
            scorecard_change ch;
            if (row->kind == CR_TARGET) {
                const scorecard_target_change *t = &cs->c.targets[row->index];
                code = t->code;
                name = t->name;
                ch = t->change;
                value_text(t->has_before, t->before, false, b, sizeof b);
                value_text(t->has_after, t->after, false, v, sizeof v);
            } else {
                const scorecard_task_change *t = &cs->c.tasks[row->index];
                code = t->code;
                name = t->name;
                ch = t->change;
                value_text(t->has_before, t->before, true, b, sizeof b);
                value_text(t->has_after, t->after, true, v, sizeof v);
                if ((t->warnings_after & WARN_OVERDUE) && !(t->warnings_before & WARN_OVERDUE))
                    snprintf(v + strlen(v), sizeof v - strlen(v), " %s", "!");
            }
            tui_fill(y, a.left, a.width, attr);
            tui_text(y, a.left, 1, cur ? ">" : " ", attr, ALIGN_LEFT);
            tui_text(y, x_code, code_w, code, attr, ALIGN_LEFT);
            tui_text(y, x_name, name_w, name, attr, ALIGN_LEFT);
            tui_text(y, x_before, vw, b, cur ? attr : tui_attr(ROLE_MUTED), ALIGN_RIGHT);
            tui_text(y, x_after, vw, v, attr, ALIGN_RIGHT);
            tui_text(y, x_change, cw, change_label(ch), cur ? attr : tui_attr(change_role(ch)),
                     ALIGN_LEFT);
            break;
        }
        }
    }
}

static void compare_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    compare_state *cs = s->data;
    if (!cs || !cs->loaded) {
        snprintf(buf, size, "%s", _("Compare periods"));
        return;
    }
    char before[48], after[48];
    tui_period_code_title(cs->c.before.period, before, sizeof before);
    tui_period_code_title(cs->c.after.period, after, sizeof after);
    snprintf(buf, size, _("Compare %s with %s · [ ]: other periods · Enter opens"), after, before);
}

static bool is_item(const compare_row *r)
{
    return r->kind == CR_TARGET || r->kind == CR_TASK;
}

static void move_cursor(compare_state *cs, long delta)
{
    if (!cs->n)
        return;
    long c = (long)cs->cursor;
    long step = delta < 0 ? -1 : 1;
    long left = delta < 0 ? -delta : delta;
    long best = c;
    while (left > 0) {
        c += step;
        if (c < 0 || (size_t)c >= cs->n)
            break;
        if (is_item(&cs->rows[c])) {
            best = c;
            left--;
        }
    }
    cs->cursor = (size_t)best;
}

static bool compare_handle(tui_app *app, tui_screen *s, tui_action a)
{
    compare_state *cs = s->data;
    long page = cs->page ? (long)cs->page : 10;
    switch (a) {
    case ACT_UP: move_cursor(cs, -1); return true;
    case ACT_DOWN: move_cursor(cs, 1); return true;
    case ACT_PAGE_UP: move_cursor(cs, -page); return true;
    case ACT_PAGE_DOWN: move_cursor(cs, page); return true;
    case ACT_FIRST: move_cursor(cs, -(long)cs->n); return true;
    case ACT_LAST: move_cursor(cs, (long)cs->n); return true;
    case ACT_EARLIER_PERIOD:
    case ACT_LATER_PERIOD: {
        xaso_period p, q;
        if (!cs->period[0] || !period_parse(cs->period, &p))
            return true;
        bool ok = a == ACT_EARLIER_PERIOD ? period_previous(&p, &q) : period_next(&p, &q);
        const xaso_period *cur = query_current_period(app->q);
        if (!ok || (a == ACT_LATER_PERIOD && period_valid(cur) && period_compare(&q, cur) > 0)) {
            tui_status(app, false, "%s", _("There is no later period to compare yet."));
            return true;
        }
        period_format(&q, cs->period, sizeof cs->period);
        load(app, cs);
        return true;
    }
    case ACT_OPEN:
        if (cs->cursor < cs->n && is_item(&cs->rows[cs->cursor])) {
            const compare_row *r = &cs->rows[cs->cursor];
            tui_push(app, r->kind == CR_TARGET
                              ? tui_detail_screen(QUERY_TARGETS, cs->c.targets[r->index].target_id)
                              : tui_detail_screen(QUERY_TASKS, cs->c.tasks[r->index].task_id));
        }
        return true;
    default: return false;
    }
}

tui_screen tui_compare_screen(void)
{
    static const tui_screen_ops ops = {"compare", compare_open, compare_draw, compare_handle,
                                       compare_close, NULL, compare_context};
    tui_screen s = {&ops, NULL, N_("Compare")};
    return s;
}
