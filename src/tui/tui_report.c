/* The report screen: the office's report for one period — its state, the whole-report check
 * (report_check, the same list as `xaso report check`), the report's texts (the report-header
 * form), finalising with a confirmation, reopening with a recorded reason, and exporting the
 * bundle to a folder or a USB stick with a progress bar; "safe to unplug" only once the written
 * copy was read back and verified (bundle_build). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_entry.h"
#include "xaso/bundle.h"
#include "xaso/format.h"
#include "xaso/i18n.h"
#include "xaso/period.h"
#include "xaso/report.h"
#include "xaso/strbuf.h"

typedef enum { RP_VIEW, RP_CONFIRM_FINALISE, RP_REASON } rp_mode;

typedef struct {
    char period[XASO_PERIOD_ID_SIZE];
    bool loaded, stale;
    report_state state;
    char sender_name[256], finalised_at[40], finalised_by[300];
    report_problems problems;
    size_t cur;
    rp_mode mode;
    field_editor *reason;
    /* the last export, shown until the period changes */
    bool exported;
    bundle_result result;
} rp_state;

static void rp_load(tui_app *app, rp_state *rs)
{
    report_problems_free(&rs->problems);
    memset(&rs->problems, 0, sizeof rs->problems);
    rs->loaded = rs->stale = false;
    report_data *d = NULL;
    xaso_error err;
    xaso_error_clear(&err);
    if (!query_plan_id(app->q)) {
        tui_status(app, true, "%s", _("No plan yet: import one with  xaso plan import FILE"));
        return;
    }
    if (report_load(app->st, query_plan_id(app->q), rs->period, NULL, &d, &err)) {
        tui_status_error(app, &err);
        return;
    }
    report_check(d, &rs->problems);
    rs->state = d->state;
    snprintf(rs->sender_name, sizeof rs->sender_name, "%s", d->sender_name ? d->sender_name : "");
    snprintf(rs->finalised_at, sizeof rs->finalised_at, "%s",
             d->finalised_at && d->state != REPORT_DRAFT ? d->finalised_at : "");
    snprintf(rs->finalised_by, sizeof rs->finalised_by, "%s",
             d->finalised_by && d->state != REPORT_DRAFT ? d->finalised_by : "");
    report_free(d);
    if (rs->cur >= rs->problems.count)
        rs->cur = rs->problems.count ? rs->problems.count - 1 : 0;
    rs->loaded = true;
}

static void rp_open(tui_app *app, tui_screen *s)
{
    rp_load(app, s->data);
}

static void rp_close(tui_app *app, tui_screen *s)
{
    (void)app;
    rp_state *rs = s->data;
    if (!rs)
        return;
    report_problems_free(&rs->problems);
    fe_free(rs->reason);
    free(rs);
    s->data = NULL;
}

/* "20/09/2026 08:00" from an ISO date-time (UTC as stored). */
static void when_text(const char *iso, char *buf, size_t size)
{
    int y, m, d, h = 0, mi = 0;
    if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &y, &m, &d, &h, &mi) >= 3)
        snprintf(buf, size, "%02d/%02d/%04d %02d:%02d", d, m, y, h, mi);
    else
        snprintf(buf, size, "%s", iso);
}

static void rp_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    rp_state *rs = s->data;
    static const tui_action bar[] = {ACT_HELP,   ACT_REPORT_TEXTS, ACT_FINALISE,
                                     ACT_REOPEN, ACT_EXPORT,       ACT_BACK};
    app->keybar = bar;
    app->n_keybar = sizeof bar / sizeof bar[0];
    if (rs->stale)
        rp_load(app, rs);
    char line[1024], title[64];
    tui_period_code_title(rs->period, title, sizeof title);
    snprintf(line, sizeof line, _("Report for %s · %s"), title, rs->sender_name);
    tui_text(a.top, a.left, a.width, line, tui_attr(ROLE_HEADER), ALIGN_LEFT);
    if (!rs->loaded)
        return;
    const char *code = report_state_code(rs->state);
    int x = a.left + 1;
    x += tui_text_nopad(a.top + 1, x, a.width - 2, _("State: "), tui_attr(ROLE_NORMAL));
    tui_text_nopad(a.top + 1, x, a.left + a.width - x, tui_report_state_label(code),
                   tui_attr(tui_report_state_role(code)));
    if (rs->finalised_at[0]) {
        char when[40];
        when_text(rs->finalised_at, when, sizeof when);
        snprintf(line, sizeof line, _("Finalised %s by %s"), when,
                 rs->finalised_by[0] ? rs->finalised_by : "?");
        tui_text(a.top + 2, a.left + 1, a.width - 2, line, tui_attr(ROLE_NORMAL), ALIGN_LEFT);
    }
    snprintf(line, sizeof line,
             _("Whole-report check: %zu error(s) block finalising · %zu warning(s)"),
             rs->problems.errors, rs->problems.warnings);
    tui_text(a.top + 3, a.left + 1, a.width - 2, line,
             tui_attr(rs->problems.errors ? ROLE_BAD : ROLE_GOOD), ALIGN_LEFT);

    int foot = rs->exported ? 3 : 1; /* rows under the list */
    int body = a.height - 5 - foot;
    int y0 = a.top + 5;
    size_t n = rs->problems.count;
    if (!n)
        tui_text(y0, a.left + 2, a.width - 4,
                 _("No problem found: the period's data is complete."), tui_attr(ROLE_GOOD),
                 ALIGN_LEFT);
    size_t top = rs->cur >= (size_t)body ? rs->cur - (size_t)body + 1 : 0;
    for (int i = 0; i < body && top + (size_t)i < n; i++) {
        const report_problem *p = &rs->problems.items[top + (size_t)i];
        bool here = top + (size_t)i == rs->cur;
        attr_t at = here ? tui_attr(ROLE_CURSOR)
                         : tui_attr(p->severity == PROBLEM_ERROR ? ROLE_BAD : ROLE_WARN);
        snprintf(line, sizeof line, "%s %s", p->severity == PROBLEM_ERROR ? "!" : "?", p->message);
        tui_text(y0 + i, a.left + 1, a.width - 2, line, at, ALIGN_LEFT);
    }
    int fy = a.top + a.height - foot;
    if (rs->exported) {
        char size[48];
        format_number((double)rs->result.size / 1024.0, 0, size, sizeof size);
        snprintf(line, sizeof line, _("Written: %s (%s KB)"), rs->result.path, size);
        tui_text(fy, a.left + 1, a.width - 2, line, tui_attr(ROLE_NORMAL), ALIGN_LEFT);
        snprintf(line, sizeof line, "SHA-256 %s", rs->result.sha256);
        tui_text(fy + 1, a.left + 1, a.width - 2, line, tui_attr(ROLE_MUTED), ALIGN_LEFT);
        tui_text(fy + 2, a.left + 1, a.width - 2,
                 _("The copy was read back and verified: safe to unplug."),
                 tui_attr(ROLE_GOOD), ALIGN_LEFT);
    } else {
        tui_text(fy, a.left + 1, a.width - 2,
                 _("[ ]: earlier or later period · Enter: go to the problem · C-t: full check"),
                 tui_attr(ROLE_MUTED), ALIGN_LEFT);
    }
    /* the dialogs, over the rows under the list */
    int dy = a.top + a.height - 1;
    if (rs->mode == RP_CONFIRM_FINALISE) {
        snprintf(line, sizeof line,
                 _("Finalise the report for %s and lock its data? (y = yes, any other key = no)"),
                 title);
        tui_fill(dy, a.left, a.width, tui_attr(ROLE_DIALOG));
        tui_text(dy, a.left + 1, a.width - 2, line, tui_attr(ROLE_DIALOG), ALIGN_LEFT);
    } else if (rs->mode == RP_REASON) {
        const char *label = _("Reason for reopening (Enter: reopen, Esc: cancel): ");
        tui_fill(dy - 1, a.left, a.width, tui_attr(ROLE_DIALOG));
        tui_fill(dy, a.left, a.width, tui_attr(ROLE_DIALOG));
        tui_text(dy - 1, a.left + 1, a.width - 2, label, tui_attr(ROLE_DIALOG), ALIGN_LEFT);
        tui_draw_editor(rs->reason, dy, a.left + 1, a.width - 3, 1);
    }
}

/* ---------- actions ---------- */

static void set_period(tui_app *app, rp_state *rs, bool later)
{
    xaso_period p, q;
    if (!period_parse(rs->period, &p) || !(later ? period_next(&p, &q) : period_previous(&p, &q)))
        return;
    period_format(&q, rs->period, sizeof rs->period);
    rs->exported = false;
    rs->cur = 0;
    rp_load(app, rs);
}

static bool allowed(tui_app *app, permission_action action)
{
    char why[512];
    if (tui_may(app, action, QUERY_REPORTS, 0, why, sizeof why))
        return true;
    tui_status(app, true, "%s", why);
    return false;
}

static void finalise(tui_app *app, rp_state *rs)
{
    xaso_error err;
    xaso_error_clear(&err);
    report_problems p = {0};
    int rc = report_finalise(app->st, query_plan_id(app->q), rs->period, NULL, &p, &err);
    report_problems_free(&p);
    if (rc)
        tui_status_error(app, &err);
    else
        tui_status(app, false, "%s",
                   _("The report is finalised: its data is locked until it is reopened."));
    rp_load(app, rs);
}

static void reopen(tui_app *app, rp_state *rs, const char *reason)
{
    xaso_error err;
    xaso_error_clear(&err);
    if (report_reopen(app->st, query_plan_id(app->q), rs->period, NULL, reason, &err))
        tui_status_error(app, &err);
    else
        tui_status(app, false, "%s", _("The report is reopened: its data can be changed again."));
    rs->exported = false;
    rp_load(app, rs);
}

/* The progress of a build, drawn at once over the screen (a box in the middle). */
static void draw_progress(void *ctx, bundle_stage stage, double fraction)
{
    (void)ctx;
    int w = COLS - 10 < 60 ? COLS - 10 : 60, x = (COLS - w) / 2, y = LINES / 2 - 2;
    attr_t at = tui_attr(ROLE_DIALOG);
    for (int i = 0; i < 4; i++)
        tui_fill(y + i, x, w, at);
    tui_text(y, x + 2, w - 4,
             stage == BUNDLE_STAGE_WRITE ? _("Writing the bundle…")
                                         : _("Reading the written copy back to check it…"),
             at, ALIGN_LEFT);
    char pct[16];
    snprintf(pct, sizeof pct, "%3d%%", (int)(fraction * 100 + 0.5));
    tui_bar(y + 2, x + 2, w - 10, fraction, at);
    tui_text(y + 2, x + w - 7, 5, pct, at, ALIGN_RIGHT);
    refresh();
}

static void export_to(tui_app *app, const char *dir, void *ctx)
{
    rp_state *rs = ctx;
    bundle_options opt = {.output = dir, .progress = draw_progress, .progress_ctx = rs};
    xaso_error err;
    xaso_error_clear(&err);
    rs->exported = false;
    if (bundle_build(app->st, query_plan_id(app->q), rs->period, &opt, &rs->result, &err)) {
        tui_status_error(app, &err);
    } else {
        rs->exported = true;
        tui_status(app, false, "%s", _("Safe to unplug."));
    }
    rp_load(app, rs);
}

static bool rp_key(tui_app *app, tui_screen *s, int key)
{
    rp_state *rs = s->data;
    if (rs->mode == RP_CONFIRM_FINALISE) {
        rs->mode = RP_VIEW;
        if (key == 'y' || key == 'Y')
            finalise(app, rs);
        else
            tui_status(app, false, "%s", _("Not finalised."));
        return true;
    }
    if (rs->mode != RP_REASON)
        return false;
    if (key == 27) {
        rs->mode = RP_VIEW;
        tui_status(app, false, "%s", _("Not reopened."));
    } else if (key == '\n') {
        char *reason = xstrdup(fe_text(rs->reason));
        if (!*reason) {
            tui_status(app, true, "%s", _("Give the reason: it is recorded in the audit trail."));
        } else {
            rs->mode = RP_VIEW;
            reopen(app, rs, reason);
        }
        free(reason);
    } else if (key == TUI_KEY_FN + KEY_BACKSPACE) {
        fe_apply(rs->reason, FE_BACKSPACE, NULL);
    } else if (key == TUI_KEY_FN + KEY_LEFT || key == TUI_KEY_FN + KEY_RIGHT) {
        fe_apply(rs->reason, key == TUI_KEY_FN + KEY_LEFT ? FE_LEFT : FE_RIGHT, NULL);
    } else if (key >= 32 && key < TUI_KEY_FN && key != 127) {
        char buf[8];
        size_t n = tui_utf8_put((unsigned)key, buf);
        buf[n] = '\0';
        fe_apply(rs->reason, FE_INSERT, buf);
    }
    return true;
}

static void go_to_problem(tui_app *app, rp_state *rs)
{
    if (rs->cur >= rs->problems.count)
        return;
    const report_problem *p = &rs->problems.items[rs->cur];
    rs->stale = true;
    if (p->item == ITEM_TASK)
        tui_open_task_progress_form(app, p->item_id, rs->period);
    else if (p->item == ITEM_TARGET)
        tui_open_target_value_form(app, p->item_id, rs->period);
    else
        tui_open_report_form(app, rs->period);
}

static bool rp_handle(tui_app *app, tui_screen *s, tui_action a)
{
    rp_state *rs = s->data;
    size_t n = rs->problems.count;
    switch (a) {
    case ACT_UP: if (rs->cur) rs->cur--; return true;
    case ACT_DOWN: if (rs->cur + 1 < n) rs->cur++; return true;
    case ACT_PAGE_DOWN: rs->cur = rs->cur + 10 < n ? rs->cur + 10 : n ? n - 1 : 0; return true;
    case ACT_PAGE_UP: rs->cur = rs->cur > 10 ? rs->cur - 10 : 0; return true;
    case ACT_FIRST: rs->cur = 0; return true;
    case ACT_LAST: rs->cur = n ? n - 1 : 0; return true;
    case ACT_EARLIER_PERIOD: set_period(app, rs, false); return true;
    case ACT_LATER_PERIOD: set_period(app, rs, true); return true;
    case ACT_OPEN: go_to_problem(app, rs); return true;
    case ACT_CHECK:
        rs->stale = true;
        tui_push(app, tui_check_screen(rs->period));
        return true;
    case ACT_REPORT_TEXTS:
        rs->stale = true;
        tui_open_report_form(app, rs->period);
        return true;
    case ACT_FINALISE:
        if (!rs->loaded || !allowed(app, PERM_REPORT_FINALISE))
            return true;
        if (rs->state != REPORT_DRAFT && rs->state != REPORT_RETURNED)
            tui_status(app, true, _("The report is already %s."),
                       tui_report_state_label(report_state_code(rs->state)));
        else if (rs->problems.errors)
            tui_status(app, true,
                       _("%zu error(s) block finalising: correct them first (Enter: go to it)."),
                       rs->problems.errors);
        else
            rs->mode = RP_CONFIRM_FINALISE;
        return true;
    case ACT_REOPEN:
        if (!rs->loaded || !allowed(app, PERM_REPORT_FINALISE))
            return true;
        if (rs->state != REPORT_FINALISED && rs->state != REPORT_PACKAGED) {
            tui_status(app, true, "%s", _("Only a finalised or packaged report can be reopened."));
            return true;
        }
        fe_free(rs->reason);
        rs->reason = fe_new(false, 0);
        rs->mode = RP_REASON;
        return true;
    case ACT_EXPORT:
        if (!rs->loaded || !allowed(app, PERM_BUNDLE_BUILD))
            return true;
        if (rs->state != REPORT_FINALISED && rs->state != REPORT_PACKAGED) {
            tui_status(app, true, "%s", _("Finalise the report first (C-f), then export it."));
            return true;
        }
        tui_push(app, tui_folder_browser_screen(export_to, rs));
        return true;
    default: return false;
    }
}

static void rp_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    rp_state *rs = s->data;
    char title[64];
    snprintf(buf, size, _("Report · %s"), tui_period_code_title(rs->period, title, sizeof title));
}

static const tui_screen_ops rp_ops = {
    .id = "report", .open = rp_open, .draw = rp_draw, .handle = rp_handle,
    .close = rp_close, .key = rp_key, .context = rp_context,
};

/* The period of the report under the cursor on the reports screen, else "" */
static void period_under_cursor(tui_app *app, char *out, size_t size)
{
    out[0] = '\0';
    tui_screen *reports = tui_main_screen(app, QUERY_REPORTS);
    if (app->depth || !reports || reports != &app->main[app->active])
        return;
    long long id = tui_table_current_id(reports);
    sqlite3_stmt *s;
    if (!id || sqlite3_prepare_v2(store_db(app->st), "SELECT period FROM report WHERE id = ?1", -1,
                                  &s, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
}

void tui_open_report_screen(tui_app *app)
{
    if (!query_plan_id(app->q)) {
        tui_status(app, true, "%s", _("No plan yet: import one with  xaso plan import FILE"));
        return;
    }
    rp_state *rs = xcalloc(1, sizeof *rs);
    period_under_cursor(app, rs->period, sizeof rs->period);
    if (!rs->period[0])
        snprintf(rs->period, sizeof rs->period, "%s", tui_entry_period(app));
    tui_push(app, (tui_screen){&rp_ops, rs, N_("Report")});
}
