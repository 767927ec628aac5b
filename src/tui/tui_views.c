/* Full-screen views pushed over the main screens: a record's detail (read-only until the forms
 * issue adds editing) and the help screen (every action with its keys). Both are a list of lines
 * that scrolls. */
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include "xaso/strbuf.h"

typedef struct {
    char *label; /* NULL: continuation or heading */
    char *text;
    tui_role role;
    bool heading;
} view_line;

typedef struct {
    view_line *lines;
    size_t n, cap;
    size_t top;
    size_t page;
} view_lines;

static void lines_add(view_lines *v, const char *label, const char *text, tui_role role,
                      bool heading)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->lines = xrealloc(v->lines, v->cap * sizeof *v->lines);
    }
    v->lines[v->n++] = (view_line){label ? xstrdup(label) : NULL, xstrdup(text ? text : ""), role,
                                   heading};
}

static void lines_clear(view_lines *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free(v->lines[i].label);
        free(v->lines[i].text);
    }
    v->n = 0;
}

static void lines_free(view_lines *v)
{
    lines_clear(v);
    free(v->lines);
    memset(v, 0, sizeof *v);
}

static bool lines_scroll(view_lines *v, tui_action a)
{
    size_t page = v->page ? v->page : 10;
    size_t max = v->n > page ? v->n - page : 0;
    switch (a) {
    case ACT_UP: if (v->top) v->top--; return true;
    case ACT_DOWN: if (v->top < max) v->top++; return true;
    case ACT_PAGE_UP: v->top = v->top > page ? v->top - page : 0; return true;
    case ACT_PAGE_DOWN: v->top = v->top + page < max ? v->top + page : max; return true;
    case ACT_FIRST: v->top = 0; return true;
    case ACT_LAST: v->top = max; return true;
    default: return false;
    }
}

/* Draw: labels in a column of label_w, texts wrapped after it. */
static void lines_draw(view_lines *v, tui_rect a, int label_w)
{
    v->page = (size_t)a.height;
    size_t max = v->n > v->page ? v->n - v->page : 0;
    if (v->top > max)
        v->top = max;
    for (int r = 0; r < a.height && v->top + (size_t)r < v->n; r++) {
        const view_line *l = &v->lines[v->top + (size_t)r];
        int y = a.top + r;
        if (l->heading) {
            tui_text(y, a.left + 1, a.width - 2, l->text, tui_attr(l->role), ALIGN_LEFT);
            continue;
        }
        if (l->label)
            tui_text(y, a.left + 1, label_w, l->label, A_BOLD, ALIGN_LEFT);
        tui_text(y, a.left + 2 + label_w, a.width - label_w - 3, l->text, tui_attr(l->role),
                 ALIGN_LEFT);
    }
    if (v->n > v->page) {
        char more[32];
        snprintf(more, sizeof more, " %zu%% ", (v->top + v->page) * 100 / v->n);
        tui_text(a.top + a.height - 1, a.left + a.width - 6, 6, more, tui_attr(ROLE_MUTED),
                 ALIGN_RIGHT);
    }
}

/* ---------- detail ---------- */

typedef struct {
    query_table t;
    long long id;
    query_detail d;
    view_lines v;
    int built_width;
    char code[64];
} detail_state;

static const char *const record_names[QUERY_TABLE_COUNT] = {
    [QUERY_PLANS] = N_("Plan"),       [QUERY_TARGETS] = N_("Target"),
    [QUERY_TASKS] = N_("Task"),       [QUERY_PROJECTS] = N_("Project"),
    [QUERY_UNITS] = N_("Unit"),       [QUERY_REPORTS] = N_("Report"),
    [QUERY_AUDIT] = N_("Audit entry"),
};

static void detail_open(tui_app *app, tui_screen *s)
{
    detail_state *ds = s->data;
    xaso_error err;
    xaso_error_clear(&err);
    if (query_detail_load(app->q, ds->t, ds->id, &ds->d, &err)) {
        char buf[1200];
        tui_status(app, true, "%s", xaso_error_format(&err, buf, sizeof buf));
    }
    for (size_t i = 0; i < ds->d.n; i++)
        if (ds->d.fields[i].kind == QCOL_CODE && ds->d.fields[i].value) {
            snprintf(ds->code, sizeof ds->code, "%s", ds->d.fields[i].value);
            break;
        }
    ds->built_width = -1;
}

static void detail_close(tui_app *app, tui_screen *s)
{
    (void)app;
    detail_state *ds = s->data;
    query_detail_free(&ds->d);
    lines_free(&ds->v);
    free(ds);
    s->data = NULL;
}

static int detail_label_width(const detail_state *ds)
{
    int w = 8;
    for (size_t i = 0; i < ds->d.n; i++)
        if (ds->d.fields[i].kind != QCOL_HEADING) {
            int lw = tui_width(_(ds->d.fields[i].label));
            if (lw > w)
                w = lw;
        }
    return w > 22 ? 22 : w;
}

/* A target's values over the periods as a column chart with its target line. */
static void detail_trend(tui_app *app, detail_state *ds, int width)
{
    char **chart;
    size_t n = tui_trend_chart(ds->id, app, width, &chart);
    if (!n)
        return;
    char line[256];
    snprintf(line, sizeof line, "── %s ──", _("Trend"));
    lines_add(&ds->v, NULL, "", ROLE_NORMAL, false);
    lines_add(&ds->v, NULL, line, ROLE_HEADING, true);
    for (size_t k = 0; k < n; k++) {
        lines_add(&ds->v, NULL, chart[k], ROLE_NORMAL, false);
        free(chart[k]);
    }
    free(chart);
}

static void detail_build(tui_app *app, detail_state *ds, int width)
{
    lines_clear(&ds->v);
    int label_w = detail_label_width(ds);
    int text_w = width - label_w - 3;
    if (text_w < 10)
        text_w = 10;
    bool trend_done = ds->t != QUERY_TARGETS;
    for (size_t i = 0; i <= ds->d.n; i++) {
        if (!trend_done && (i == ds->d.n || ds->d.fields[i].kind == QCOL_HEADING)) {
            detail_trend(app, ds, text_w);
            trend_done = true;
        }
        if (i == ds->d.n)
            break;
        const query_field *f = &ds->d.fields[i];
        char buf[512];
        if (f->kind == QCOL_HEADING) {
            char title[128], line[256];
            xaso_period p;
            if (f->value && period_parse(f->value, &p))
                tui_period_title(&p, title, sizeof title);
            else if (f->value && strlen(f->value) >= 10 && f->value[4] == '-')
                tui_date(f->value, title, sizeof title);
            else
                snprintf(title, sizeof title, "%s", f->value ? f->value : "");
            snprintf(line, sizeof line, "── %s: %s ──", _(f->label), title);
            lines_add(&ds->v, NULL, "", ROLE_NORMAL, false);
            lines_add(&ds->v, NULL, tui_utf8() ? line : line, ROLE_HEADING, true);
            continue;
        }
        const char *text;
        tui_role role = tui_cell_role(f->kind, f->value);
        strbuf sb = STRBUF_INIT;
        if (f->kind == QCOL_WARNINGS) {
            /* every warning in words, not only the first */
            const char *p = f->value ? f->value : "";
            while (*p) {
                size_t n = strcspn(p, ",");
                char code[32];
                snprintf(code, sizeof code, "%.*s", (int)n, p);
                sb_appendf(&sb, "%s! %s", sb.len ? ", " : "", tui_warning_label(code));
                p += n;
                if (*p == ',')
                    p++;
            }
            text = sb_str(&sb);
        } else if (f->kind == QCOL_NUMBER || f->kind == QCOL_PERCENT) {
            text = f->value ? tui_number(strtod(f->value, NULL), 2, false, buf, sizeof buf) : "";
        } else {
            text = tui_cell_text(f->kind, f->value, buf, sizeof buf);
        }
        char **wrapped;
        size_t n = tui_wrap(text, text_w, &wrapped);
        for (size_t k = 0; k < n; k++) {
            lines_add(&ds->v, k == 0 ? _(f->label) : NULL, wrapped[k], role, false);
            free(wrapped[k]);
        }
        free(wrapped);
        sb_free(&sb);
    }
    if (ds->d.n == 0)
        lines_add(&ds->v, NULL, _("This record no longer exists."), ROLE_MUTED, false);
    ds->built_width = width;
}

static void detail_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    detail_state *ds = s->data;
    if (ds->built_width != a.width)
        detail_build(app, ds, a.width);
    lines_draw(&ds->v, a, detail_label_width(ds));
}

static bool detail_handle(tui_app *app, tui_screen *s, tui_action a)
{
    detail_state *ds = s->data;
    if (a == ACT_OPEN) {
        tui_pop(app);
        return true;
    }
    if (a == ACT_SEARCH || a == ACT_FILTER || a == ACT_SORT) {
        tui_status(app, false, "%s", _("Esc goes back to the list first."));
        return true;
    }
    if (tui_entry_detail_action(app, ds->t, ds->id, a))
        return true;
    return lines_scroll(&ds->v, a);
}

static void detail_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    detail_state *ds = s->data;
    snprintf(buf, size, _("%s %s · read-only · Esc: back"), _(record_names[ds->t]), ds->code);
}

tui_screen tui_detail_screen(query_table t, long long id)
{
    static const tui_screen_ops ops = {"detail", detail_open, detail_draw, detail_handle,
                                       detail_close, NULL, detail_context};
    detail_state *ds = xcalloc(1, sizeof *ds);
    ds->t = t;
    ds->id = id;
    tui_screen s = {&ops, ds, record_names[t]};
    return s;
}

/* ---------- help ---------- */

typedef struct {
    view_lines v;
    int built_width;
    char *about_title, *about_text; /* the guide's section on the screen below (tui_help.c) */
    bool about_missing;
} help_state;

/* The guide's explanation of the screen, paragraph by paragraph, wrapped to the width. */
static void help_about(help_state *hs, int width)
{
    if (hs->about_title && *hs->about_title)
        lines_add(&hs->v, NULL, hs->about_title, ROLE_HEADING, true);
    const char *p = hs->about_text ? hs->about_text : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        char *para = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
        p = nl ? nl + 1 : p + strlen(p);
        char **wrapped;
        size_t n = *para ? tui_wrap(para, width - 4, &wrapped) : 0;
        if (!n)
            lines_add(&hs->v, NULL, "", ROLE_NORMAL, false);
        for (size_t k = 0; k < n; k++) {
            lines_add(&hs->v, NULL, wrapped[k], hs->about_missing ? ROLE_ERROR : ROLE_NORMAL,
                      true);
            free(wrapped[k]);
        }
        if (n)
            free(wrapped);
        free(para);
    }
    lines_add(&hs->v, NULL, "", ROLE_NORMAL, false);
}

static void help_build(tui_app *app, help_state *hs, int width)
{
    lines_clear(&hs->v);
    char line[1024];
    help_about(hs, width);
    lines_add(&hs->v, NULL, _("Every action and its keys"), ROLE_HEADING, true);
    for (int a = 1; a < ACT_COUNT; a++) {
        const tui_action_info *info = tui_action_get((tui_action)a);
        char keys[128];
        tui_keymap_keys_of(&app->keys, (tui_action)a, keys, sizeof keys);
        snprintf(line, sizeof line, "%-16s %s", info->name, _(info->description));
        char **wrapped;
        size_t n = tui_wrap(line, width - 22, &wrapped);
        for (size_t k = 0; k < n; k++) {
            lines_add(&hs->v, k == 0 ? (keys[0] ? keys : _("(no key)")) : NULL, wrapped[k],
                      ROLE_NORMAL, false);
            free(wrapped[k]);
        }
        free(wrapped);
    }
    lines_add(&hs->v, NULL, "", ROLE_NORMAL, false);
    lines_add(&hs->v, NULL, _("Changing keys"), ROLE_HEADING, true);
    snprintf(line, sizeof line,
             _("Write lines such as \"bind search F3\" or \"unbind q\" in %s, using the action "
               "names above and key names such as F1…F12, Up, Down, Left, Right, PgUp, PgDn, "
               "Home, End, Enter, Esc, Tab, BTab, Space, Backspace, Del, C-a…C-z or a "
               "character. Lines starting with # are comments."),
             app->keys.path);
    char **wrapped;
    size_t n = tui_wrap(line, width - 4, &wrapped);
    for (size_t k = 0; k < n; k++) {
        lines_add(&hs->v, NULL, wrapped[k], ROLE_NORMAL, true);
        free(wrapped[k]);
    }
    free(wrapped);
    for (size_t i = 0; i < app->keys.problem_count && i < 4; i++)
        lines_add(&hs->v, NULL, app->keys.problems[i], ROLE_ERROR, true);
    lines_add(&hs->v, NULL, "", ROLE_NORMAL, false);
    lines_add(&hs->v, NULL, _("Status and warning words"), ROLE_HEADING, true);
    snprintf(line, sizeof line, "%s  %s  %s  %s  %s  %s  %s", tui_task_status_label("not-started"),
             tui_task_status_label("in-progress"), tui_task_status_label("done"),
             tui_task_status_label("done-late"), tui_task_status_label("not-done"),
             tui_task_status_label("needs-fix"), tui_task_status_label(NULL));
    n = tui_wrap(line, width - 4, &wrapped);
    for (size_t k = 0; k < n; k++) {
        lines_add(&hs->v, NULL, wrapped[k], ROLE_NORMAL, true);
        free(wrapped[k]);
    }
    free(wrapped);
    snprintf(line, sizeof line, "%s  %s  %s  %s  %s", tui_warning_short("overdue"),
             tui_warning_short("behind-schedule"), tui_warning_short("evidence-missing"),
             tui_warning_short("evidence-rejected"), tui_warning_short("no-update"));
    lines_add(&hs->v, NULL, line, ROLE_NORMAL, true);
    hs->built_width = width;
}

static void help_open(tui_app *app, tui_screen *s)
{
    help_state *hs = xcalloc(1, sizeof *hs);
    hs->built_width = -1;
    /* the screen F1 was pressed on: the one under this help */
    const tui_screen *below = app->depth >= 2 && &app->stack[app->depth - 1] == s
                                  ? &app->stack[app->depth - 2]
                                  : &app->main[app->active];
    if (below->ops)
        tui_help_about(below, &hs->about_title, &hs->about_text, &hs->about_missing);
    s->data = hs;
}

static void help_close(tui_app *app, tui_screen *s)
{
    (void)app;
    help_state *hs = s->data;
    lines_free(&hs->v);
    free(hs->about_title);
    free(hs->about_text);
    free(hs);
    s->data = NULL;
}

static void help_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    help_state *hs = s->data;
    if (hs->built_width != a.width)
        help_build(app, hs, a.width);
    lines_draw(&hs->v, a, 18);
}

static bool help_handle(tui_app *app, tui_screen *s, tui_action a)
{
    help_state *hs = s->data;
    if (a == ACT_HELP || a == ACT_OPEN) {
        tui_pop(app);
        return true;
    }
    return lines_scroll(&hs->v, a);
}

static void help_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    (void)s;
    snprintf(buf, size, "%s · %s", _("Help"), _("Esc or F1: back"));
}

tui_screen tui_help_screen(void)
{
    static const tui_screen_ops ops = {"help", help_open, help_draw, help_handle, help_close,
                                       NULL, help_context};
    tui_screen s = {&ops, NULL, N_("Help")};
    return s;
}
