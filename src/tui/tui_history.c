/* Two lists over the data entered: the history of one record (who, when, old value, new value,
 * from the audit table) and "Kiểm tra lỗi", every problem of a period's report (report_check),
 * each opening the form where it can be fixed. */
#include <stdlib.h>
#include <string.h>

#include "tui_entry.h"
#include "xaso/report.h"
#include "xaso/store_items.h"
#include "xaso/strbuf.h"

/* ---------- a small list of lines ---------- */

typedef struct {
    char *text;
    tui_role role;
    long item;   /* check: index of the problem, -1 for none */
} hist_line;

typedef struct {
    hist_line *l;
    size_t n, cap, cur, top;
} hlines;

static void hl_add(hlines *h, const char *text, tui_role role, long item)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 32;
        h->l = xrealloc(h->l, h->cap * sizeof *h->l);
    }
    h->l[h->n++] = (hist_line){xstrdup(text), role, item};
}

static void hl_free(hlines *h)
{
    for (size_t i = 0; i < h->n; i++)
        free(h->l[i].text);
    free(h->l);
    memset(h, 0, sizeof *h);
}

static void hl_draw(hlines *h, tui_rect a, bool cursor)
{
    int body = a.height;
    if (h->cur < h->top)
        h->top = h->cur;
    if (h->cur >= h->top + (size_t)body)
        h->top = h->cur - (size_t)body + 1;
    for (int i = 0; i < body && h->top + (size_t)i < h->n; i++) {
        const hist_line *l = &h->l[h->top + (size_t)i];
        bool cur = cursor && h->top + (size_t)i == h->cur;
        tui_text(a.top + i, a.left, a.width, l->text, tui_attr(cur ? ROLE_CURSOR : l->role),
                 ALIGN_LEFT);
    }
}

static bool hl_move(hlines *h, tui_action a, size_t page)
{
    switch (a) {
    case ACT_UP: if (h->cur) h->cur--; return true;
    case ACT_DOWN: if (h->cur + 1 < h->n) h->cur++; return true;
    case ACT_PAGE_UP: h->cur = h->cur > page ? h->cur - page : 0; return true;
    case ACT_PAGE_DOWN: h->cur = h->cur + page < h->n ? h->cur + page : h->n ? h->n - 1 : 0; return true;
    case ACT_FIRST: h->cur = 0; return true;
    case ACT_LAST: h->cur = h->n ? h->n - 1 : 0; return true;
    default: return false;
    }
}

/* ---------- JSON objects of the audit table: {"field": value, …} ---------- */

static const char *json_skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
    return p;
}

/* Read one JSON value at p as text into sb; returns the end, or NULL when malformed. */
static const char *json_value(const char *p, strbuf *sb)
{
    p = json_skip_ws(p);
    if (*p == '"') {
        p++;
        while (*p && *p != '"') {
            if (*p == '\\' && p[1]) {
                p++;
                char c = *p == 'n' ? ' ' : *p == 't' ? ' ' : *p;
                if (*p == 'u') {
                    unsigned cp = 0;
                    for (int k = 1; k <= 4 && p[k]; k++) {
                        char h = p[k];
                        cp = cp * 16 + (unsigned)(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
                    }
                    p += 4;
                    char buf[8];
                    size_t n = tui_utf8_put(cp < 32 ? ' ' : cp, buf);
                    sb_append_len(sb, buf, n);
                    p++;
                    continue;
                }
                sb_putc(sb, c);
                p++;
                continue;
            }
            sb_putc(sb, *p++);
        }
        return *p == '"' ? p + 1 : NULL;
    }
    const char *start = p;
    int depth = 0;
    while (*p && (depth || (*p != ',' && *p != '}'))) {
        if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']')
            depth--;
        p++;
    }
    sb_append_len(sb, start, (size_t)(p - start));
    return p;
}

/* The value of key in a JSON object, malloc'd, or NULL when absent. */
static char *json_get(const char *obj, const char *key)
{
    if (!obj)
        return NULL;
    const char *p = json_skip_ws(obj);
    if (*p != '{')
        return NULL;
    p++;
    while (p && *(p = json_skip_ws(p)) && *p != '}') {
        strbuf k = STRBUF_INIT, v = STRBUF_INIT;
        p = json_value(p, &k);
        if (p)
            p = json_skip_ws(p);
        if (p && *p == ':')
            p = json_value(p + 1, &v);
        bool hit = p && !strcmp(sb_str(&k), key);
        sb_free(&k);
        if (hit)
            return sb_detach(&v);
        sb_free(&v);
        if (p)
            p = json_skip_ws(p);
        if (p && *p == ',')
            p++;
    }
    return NULL;
}

/* The keys of a JSON object, in order. */
static size_t json_keys(const char *obj, char **keys, size_t max)
{
    size_t n = 0;
    if (!obj)
        return 0;
    const char *p = json_skip_ws(obj);
    if (*p != '{')
        return 0;
    p++;
    while (p && *(p = json_skip_ws(p)) && *p != '}' && n < max) {
        strbuf k = STRBUF_INIT, v = STRBUF_INIT;
        p = json_value(p, &k);
        if (p)
            p = json_skip_ws(p);
        if (p && *p == ':')
            p = json_value(p + 1, &v);
        keys[n++] = sb_detach(&k);
        sb_free(&v);
        if (p)
            p = json_skip_ws(p);
        if (p && *p == ',')
            p++;
    }
    return n;
}

/* ---------- history ---------- */

typedef struct {
    char table[32];
    long long row_id;
    char title[300];
    hlines h;
} hist_state;

static int add_entry(const store_history_entry *e, void *vctx)
{
    hist_state *hs = vctx;
    char when[64] = "";
    snprintf(when, sizeof when, "%.10s %.5s", e->at ? e->at : "",
             e->at && strlen(e->at) > 11 ? e->at + 11 : "");
    char head[400];
    snprintf(head, sizeof head, "%s  %s  (%s)", when, e->actor ? e->actor : "",
             e->action ? e->action : "");
    hl_add(&hs->h, head, ROLE_HEADING, -1);
    char *keys[64];
    size_t n = json_keys(e->new_json ? e->new_json : e->old_json, keys, 64);
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(keys[i], "updated_at") || !strcmp(keys[i], "updated_by")) {
            free(keys[i]);
            continue;
        }
        char *o = json_get(e->old_json, keys[i]), *nv = json_get(e->new_json, keys[i]);
        strbuf sb = STRBUF_INIT;
        sb_appendf(&sb, "    %s: %s → %s", keys[i], o && strcmp(o, "null") ? o : _("(empty)"),
                   nv && strcmp(nv, "null") ? nv : _("(empty)"));
        hl_add(&hs->h, sb_str(&sb), ROLE_NORMAL, -1);
        sb_free(&sb);
        free(o);
        free(nv);
        free(keys[i]);
    }
    return 0;
}

static void hist_open(tui_app *app, tui_screen *s)
{
    hist_state *hs = s->data;
    xaso_error err;
    xaso_error_clear(&err);
    if (store_history(app->st, hs->table, hs->row_id, add_entry, hs, &err))
        tui_status_error(app, &err);
    if (!hs->h.n)
        hl_add(&hs->h, _("No change recorded."), ROLE_MUTED, -1);
}

static void hist_close(tui_app *app, tui_screen *s)
{
    (void)app;
    hist_state *hs = s->data;
    if (!hs)
        return;
    hl_free(&hs->h);
    free(hs);
    s->data = NULL;
}

static const tui_action list_bar[] = {ACT_HELP, ACT_OPEN, ACT_EVIDENCE, ACT_BACK, ACT_QUIT};

static void hist_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    hist_state *hs = s->data;
    app->keybar = list_bar + 3;
    app->n_keybar = 2;
    tui_text(a.top, a.left, a.width, _("When (UTC)        Who  (action) — field: old → new"),
             tui_attr(ROLE_HEADER), ALIGN_LEFT);
    tui_rect body = {a.top + 1, a.left + 1, a.height - 1, a.width - 2};
    hl_draw(&hs->h, body, true);
}

static bool hist_handle(tui_app *app, tui_screen *s, tui_action a)
{
    (void)app;
    hist_state *hs = s->data;
    return hl_move(&hs->h, a, 10);
}

static void hist_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    hist_state *hs = s->data;
    snprintf(buf, size, _("History · %s"), hs->title);
}

static const tui_screen_ops hist_ops = {
    .id = "history", .open = hist_open, .draw = hist_draw, .handle = hist_handle,
    .close = hist_close, .context = hist_context,
};

tui_screen tui_history_screen(const char *table, long long row_id, const char *title)
{
    hist_state *hs = xcalloc(1, sizeof *hs);
    snprintf(hs->table, sizeof hs->table, "%s", table);
    hs->row_id = row_id;
    snprintf(hs->title, sizeof hs->title, "%s", title ? title : "");
    return (tui_screen){&hist_ops, hs, N_("History")};
}

/* ---------- Kiểm tra lỗi ---------- */

typedef struct {
    char period[XASO_PERIOD_ID_SIZE];
    report_problems p;
    hlines h;
    bool stale;
    size_t errors, warnings;
} check_state;

static void check_run(tui_app *app, check_state *cs)
{
    size_t keep = cs->h.cur;
    hl_free(&cs->h);
    report_problems_free(&cs->p);
    memset(&cs->p, 0, sizeof cs->p);
    report_data *d = NULL;
    xaso_error err;
    xaso_error_clear(&err);
    cs->stale = false;
    if (!query_plan_id(app->q) ||
        report_load(app->st, query_plan_id(app->q), cs->period, NULL, &d, &err)) {
        if (err.code)
            tui_status_error(app, &err);
        return;
    }
    report_check(d, &cs->p);
    report_free(d);
    for (size_t i = 0; i < cs->p.count; i++) {
        const report_problem *pr = &cs->p.items[i];
        char line[700];
        snprintf(line, sizeof line, "%s %s", pr->severity == PROBLEM_ERROR ? "!" : "?",
                 pr->message);
        hl_add(&cs->h, line, pr->severity == PROBLEM_ERROR ? ROLE_BAD : ROLE_WARN, (long)i);
    }
    if (!cs->p.count)
        hl_add(&cs->h, _("No problem found: the period's data is complete."), ROLE_GOOD, -1);
    cs->h.cur = keep < cs->h.n ? keep : cs->h.n ? cs->h.n - 1 : 0;
}

static void check_open(tui_app *app, tui_screen *s)
{
    check_run(app, s->data);
}

static void check_close(tui_app *app, tui_screen *s)
{
    (void)app;
    check_state *cs = s->data;
    if (!cs)
        return;
    hl_free(&cs->h);
    report_problems_free(&cs->p);
    free(cs);
    s->data = NULL;
}

static void check_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    check_state *cs = s->data;
    app->keybar = list_bar;
    app->n_keybar = sizeof list_bar / sizeof list_bar[0];
    if (cs->stale)
        check_run(app, cs);
    char line[300];
    snprintf(line, sizeof line, _("%zu error(s) block finalising · %zu warning(s) · Enter: go to it"),
             cs->p.errors, cs->p.warnings);
    tui_text(a.top, a.left, a.width, line, tui_attr(ROLE_HEADER), ALIGN_LEFT);
    tui_rect body = {a.top + 1, a.left + 1, a.height - 1, a.width - 2};
    hl_draw(&cs->h, body, true);
}

static bool check_handle(tui_app *app, tui_screen *s, tui_action a)
{
    check_state *cs = s->data;
    if (hl_move(&cs->h, a, 10))
        return true;
    if ((a == ACT_OPEN || a == ACT_EDIT) && cs->h.n && cs->h.l[cs->h.cur].item >= 0) {
        const report_problem *pr = &cs->p.items[cs->h.l[cs->h.cur].item];
        cs->stale = true;
        if (pr->item == ITEM_TASK)
            tui_open_task_progress_form(app, pr->item_id, cs->period);
        else if (pr->item == ITEM_TARGET)
            tui_open_target_value_form(app, pr->item_id, cs->period);
        else
            tui_open_report_form(app, cs->period);
        return true;
    }
    if (a == ACT_EVIDENCE && cs->h.n && cs->h.l[cs->h.cur].item >= 0) {
        const report_problem *pr = &cs->p.items[cs->h.l[cs->h.cur].item];
        if (pr->item == ITEM_TASK) {
            cs->stale = true;
            tui_push(app, tui_evidence_screen(pr->item_id, cs->period));
        }
        return true;
    }
    return false;
}

static void check_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    check_state *cs = s->data;
    char title[64];
    snprintf(buf, size, _("Check for errors · %s"),
             tui_period_code_title(cs->period, title, sizeof title));
}

static const tui_screen_ops check_ops = {
    .id = "check", .open = check_open, .draw = check_draw, .handle = check_handle,
    .close = check_close, .context = check_context,
};

tui_screen tui_check_screen(const char *period)
{
    check_state *cs = xcalloc(1, sizeof *cs);
    snprintf(cs->period, sizeof cs->period, "%s", period);
    return (tui_screen){&check_ops, cs, N_("Check for errors")};
}
