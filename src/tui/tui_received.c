/* The receiving side on screen ("R"), three views switched with m / c / l:
 *  - the submission matrix, senders × periods, each cell a symbol AND a word in its colour (colour
 *    is never the only signal), then who has not reported for the period under the cursor;
 *  - consolidated targets and lagging tasks for that period (tui_received_views.c).
 * Up/Down/PgUp/PgDn move the cursor, Left/Right (and [ ]) the period; i imports bundles
 * (tui_received_import.c); t returns the report under the cursor to its sender with a reason,
 * writing the receipt file into a chosen folder after a confirmation. The data comes from
 * receive_matrix / receive_missing / receive_targets / receive_tasks (as `xaso received …`). */
#include <stdlib.h>
#include <string.h>

#include "tui_received.h"

static void tables_free(received_state *rs)
{
    receive_table_free(&rs->matrix);
    receive_table_free(&rs->missing);
    receive_table_free(&rs->targets);
    receive_table_free(&rs->tasks);
}

static size_t period_count(const received_state *rs)
{
    return rs->matrix.n_cols > 2 ? rs->matrix.n_cols - 2 : 0;
}

static const char *filter_warning_code(rv_warning w)
{
    return w == RV_WARN_OVERDUE ? "overdue" : w == RV_WARN_BEHIND ? "behind-schedule" : NULL;
}

static void clamp(rv_list *l, size_t n)
{
    if (l->cur >= n)
        l->cur = n ? n - 1 : 0;
}

void rv_load(tui_app *app, received_state *rs)
{
    tables_free(rs);
    rs->loaded = false;
    xaso_error err;
    xaso_error_clear(&err);
    int rc = receive_matrix(app->st, NULL, NULL, NULL, &rs->matrix, &err);
    size_t periods = period_count(rs);
    if (!rc && periods) {
        rs->col = periods - 1; /* the latest period taken in, or the one shown before */
        for (size_t c = 0; c < periods; c++)
            if (!strcmp(receive_table_cell(&rs->matrix, 0, c + 2), rs->period))
                rs->col = c;
        snprintf(rs->period, sizeof rs->period, "%s",
                 receive_table_cell(&rs->matrix, 0, rs->col + 2));
    } else if (!rc) {
        period_format(query_current_period(app->q), rs->period, sizeof rs->period);
    }
    if (!rc)
        rc = receive_missing(app->st, rs->period, NULL, &rs->missing, &err);
    if (!rc)
        rc = receive_plan_of(app->st, NULL, rs->period, rs->plan, sizeof rs->plan, &err);
    if (!rc && rs->plan[0])
        rc = receive_targets(app->st, rs->plan, rs->period, &rs->targets, &err);
    if (!rc)
        rc = receive_tasks(app->st, rs->period, rs->sender_filter[0] ? rs->sender_filter : NULL,
                           filter_warning_code(rs->warning), &rs->tasks, &err);
    if (rc) {
        tui_status_error(app, &err);
        tables_free(rs);
        return;
    }
    clamp(&rs->m, rs->matrix.n_rows);
    clamp(&rs->k, rs->tasks.n_rows);
    rs->loaded = true;
}

static void received_open(tui_app *app, tui_screen *s)
{
    received_state *rs = xcalloc(1, sizeof *rs);
    s->data = rs;
    rv_load(app, rs);
}

static void received_close(tui_app *app, tui_screen *s)
{
    (void)app;
    received_state *rs = s->data;
    if (!rs)
        return;
    tables_free(rs);
    fe_free(rs->reason);
    free(rs->ret_dir);
    rv_import_free(rs);
    free(rs);
    s->data = NULL;
}

/* ---------- the matrix ---------- */

/* A cell's symbol and colour from its stable code. */
static const char *cell_symbol(const char *code)
{
    bool u = tui_utf8();
    if (!strcmp(code, "submitted"))
        return u ? "✓" : "+";
    if (!strcmp(code, "late"))
        return "!";
    if (!strcmp(code, "returned"))
        return u ? "↩" : "<";
    if (!strcmp(code, "missing"))
        return u ? "✗" : "x";
    return u ? "·" : ".";
}

static tui_role cell_role(const char *code)
{
    if (!strcmp(code, "submitted"))
        return ROLE_GOOD;
    if (!strcmp(code, "late") || !strcmp(code, "returned"))
        return ROLE_WARN;
    if (!strcmp(code, "missing"))
        return ROLE_BAD;
    return ROLE_MUTED;
}

enum { CODE_W = 12, NAME_W = 22, PERIOD_W = 15 };

/* The lines under the heading: header, sender rows, blank, heading, missing rows. */
static size_t line_count(const received_state *rs)
{
    return 1 + rs->matrix.n_rows + 2 + (rs->missing.n_rows ? rs->missing.n_rows + 1 : 0);
}

/* The period columns shown: as many as fit, the one under the cursor among them. */
static void shown_periods(const received_state *rs, int w, size_t *first, size_t *shown)
{
    size_t periods = period_count(rs);
    int fit = (w - CODE_W - NAME_W) / PERIOD_W;
    *shown = fit < 1 ? 1 : (size_t)fit;
    if (*shown > periods)
        *shown = periods;
    *first = periods - *shown; /* the latest periods */
    if (rs->col < *first)
        *first = rs->col;
}

static void draw_cell(const char *label, int y, int x, int w, attr_t base, bool here)
{
    char buf[256];
    const char *code = receive_cell_code_of_label(label);
    snprintf(buf, sizeof buf, "%s %s", cell_symbol(code ? code : ""), label);
    tui_text(y, x, w, buf, here ? tui_attr(ROLE_CURSOR) : base ? base : tui_attr(cell_role(code ? code : "")),
             ALIGN_LEFT);
}

static void draw_line(const received_state *rs, size_t line, int y, int x, int w)
{
    const receive_table *m = &rs->matrix;
    size_t first, shown;
    shown_periods(rs, w, &first, &shown);
    char buf[256];
    size_t r = line; /* 0 = header */
    if (r <= m->n_rows) {
        bool here_row = r && r - 1 == rs->m.cur;
        attr_t a = tui_attr(r == 0 ? ROLE_HEADER : ROLE_NORMAL);
        tui_fill(y, x, w, a);
        tui_text(y, x, CODE_W, receive_table_cell(m, r, 0), here_row ? tui_attr(ROLE_HEADING) : a,
                 ALIGN_LEFT);
        tui_text(y, x + CODE_W, NAME_W - 1, receive_table_cell(m, r, 1), a, ALIGN_LEFT);
        for (size_t i = 0; i < shown; i++) {
            size_t c = 2 + first + i;
            int cx = x + CODE_W + NAME_W + (int)i * PERIOD_W;
            const char *v = receive_table_cell(m, r, c);
            if (r == 0)
                tui_text(y, cx, PERIOD_W - 1, v,
                         tui_attr(first + i == rs->col ? ROLE_HEADER_CURRENT : ROLE_HEADER),
                         ALIGN_LEFT);
            else
                draw_cell(v, y, cx, PERIOD_W - 1, 0, here_row && first + i == rs->col);
        }
        return;
    }
    r -= m->n_rows + 1;
    if (r == 0)
        return; /* blank */
    const receive_table *x2 = &rs->missing;
    if (r == 1) {
        if (x2->n_rows)
            snprintf(buf, sizeof buf, _("Not reported for %s: %zu"), rs->period, x2->n_rows);
        else
            snprintf(buf, sizeof buf, _("Everyone has reported for %s"), rs->period);
        tui_text(y, x, w, buf, tui_attr(x2->n_rows ? ROLE_BAD : ROLE_GOOD), ALIGN_LEFT);
        return;
    }
    size_t k = r - 2; /* 0 = header */
    attr_t a = tui_attr(k == 0 ? ROLE_HEADER : ROLE_NORMAL);
    tui_fill(y, x, w, a);
    tui_text(y, x, CODE_W, receive_table_cell(x2, k, 0), a, ALIGN_LEFT);
    tui_text(y, x + CODE_W, NAME_W - 1, receive_table_cell(x2, k, 1), a, ALIGN_LEFT);
    char due[32];
    tui_text(y, x + CODE_W + NAME_W, 12,
             k ? tui_date(receive_table_cell(x2, k, 2), due, sizeof due) : receive_table_cell(x2, k, 2),
             a, ALIGN_LEFT);
    int rest = w - CODE_W - NAME_W - 12;
    if (k)
        draw_cell(receive_table_cell(x2, k, 3), y, x + CODE_W + NAME_W + 12, rest, 0, false);
    else
        tui_text(y, x + CODE_W + NAME_W + 12, rest, receive_table_cell(x2, k, 3), a, ALIGN_LEFT);
}

static void matrix_draw(received_state *rs, tui_rect a)
{
    char buf[256];
    snprintf(buf, sizeof buf, _("Submission matrix: %zu senders, %zu periods"),
             rs->matrix.n_rows, period_count(rs));
    tui_text(a.top, a.left, a.width, buf, tui_attr(ROLE_HEADING), ALIGN_LEFT);
    if (rs->matrix.n_rows == 0) {
        tui_text(a.top + 2, a.left, a.width,
                 _("Nothing received yet: press i to import bundles from a USB stick or a folder."),
                 tui_attr(ROLE_MUTED), ALIGN_LEFT);
        return;
    }
    size_t n = line_count(rs), body = (size_t)(a.height > 2 ? a.height - 2 : 1);
    /* the cursor's sender row in view; further down, what is below the senders */
    size_t top = rs->m.cur + 2 > body ? rs->m.cur + 2 - body : 0;
    top += rs->m_scroll;
    if (top + body > n)
        top = n > body ? n - body : 0;
    rs->m.top = top;
    for (size_t i = 0; i < body && top + i < n; i++)
        draw_line(rs, top + i, a.top + 1 + (int)i, a.left, a.width);
    tui_text(a.top + a.height - 1, a.left, a.width,
             _("←/→ [ ]: period · t: return the report under the cursor to its sender"),
             tui_attr(ROLE_MUTED), ALIGN_LEFT);
}

/* ---------- returning a report ---------- */

static void return_begin(tui_app *app, received_state *rs)
{
    if (rs->view != RV_MATRIX || !rs->matrix.n_rows || !period_count(rs)) {
        tui_status(app, true, "%s", _("Go to the matrix (m) and put the cursor on a report."));
        return;
    }
    char why[512];
    if (!tui_may(app, PERM_BUNDLE_IMPORT, QUERY_REPORTS, 0, why, sizeof why)) {
        tui_status(app, true, "%s", why);
        return;
    }
    size_t r = rs->m.cur + 1;
    const char *code = receive_cell_code_of_label(receive_table_cell(&rs->matrix, r, rs->col + 2));
    snprintf(rs->ret_sender, sizeof rs->ret_sender, "%s", receive_table_cell(&rs->matrix, r, 0));
    snprintf(rs->ret_name, sizeof rs->ret_name, "%s", receive_table_cell(&rs->matrix, r, 1));
    snprintf(rs->ret_period, sizeof rs->ret_period, "%s", rs->period);
    if (!code || (strcmp(code, "submitted") && strcmp(code, "late"))) {
        tui_status(app, true, _("%s has no report for %s to return (%s)."), rs->ret_sender,
                   rs->period, receive_table_cell(&rs->matrix, r, rs->col + 2));
        return;
    }
    xaso_error err;
    xaso_error_clear(&err);
    if (receive_plan_of(app->st, rs->ret_sender, rs->period, rs->ret_plan, sizeof rs->ret_plan,
                        &err)) {
        tui_status_error(app, &err);
        return;
    }
    fe_free(rs->reason);
    rs->reason = fe_new(false, 2000);
    rs->ask = RV_ASK_REASON;
}

static void return_folder(tui_app *app, const char *dir, void *ctx)
{
    (void)app;
    received_state *rs = ctx;
    free(rs->ret_dir);
    rs->ret_dir = xstrdup(dir);
    rs->ask = RV_ASK_CONFIRM;
}

static void return_now(tui_app *app, received_state *rs)
{
    char path[4096];
    xaso_error err;
    xaso_error_clear(&err);
    if (receive_return(app->st, rs->ret_sender, rs->ret_plan, rs->ret_period, fe_text(rs->reason),
                       rs->ret_dir, path, sizeof path, &err))
        tui_status_error(app, &err);
    else
        tui_status(app, false, _("Returned; give the sender this receipt file: %s"), path);
    rv_load(app, rs);
}

int rv_line_key(field_editor *ed, int key)
{
    if (key == 27)
        return -1;
    if (key == '\n')
        return 1;
    if (key == TUI_KEY_FN + KEY_BACKSPACE)
        fe_apply(ed, FE_BACKSPACE, NULL);
    else if (key == TUI_KEY_FN + KEY_LEFT || key == TUI_KEY_FN + KEY_RIGHT)
        fe_apply(ed, key == TUI_KEY_FN + KEY_LEFT ? FE_LEFT : FE_RIGHT, NULL);
    else if (key >= 32 && key < TUI_KEY_FN && key != 127) {
        char buf[8];
        size_t n = tui_utf8_put((unsigned)key, buf);
        buf[n] = '\0';
        fe_apply(ed, FE_INSERT, buf);
    }
    return 0;
}

static bool received_key(tui_app *app, tui_screen *s, int key)
{
    received_state *rs = s->data;
    switch (rs->ask) {
    case RV_ASK_NONE: return false;
    case RV_ASK_PASSPHRASE: return rv_import_key(app, rs, key);
    case RV_ASK_CONFIRM:
        rs->ask = RV_ASK_NONE;
        if (key == 'y' || key == 'Y')
            return_now(app, rs);
        else
            tui_status(app, false, "%s", _("Not returned."));
        return true;
    case RV_ASK_REASON: break;
    }
    int k = rv_line_key(rs->reason, key);
    if (k < 0) {
        rs->ask = RV_ASK_NONE;
        tui_status(app, false, "%s", _("Not returned."));
    } else if (k > 0 && !*fe_text(rs->reason)) {
        tui_status(app, true, "%s", _("Give the reason: the sender reads it in the receipt."));
    } else if (k > 0) {
        rs->ask = RV_ASK_NONE;
        app->status[0] = '\0';
        tui_push(app, tui_folder_browser_screen(return_folder, rs));
    }
    return true;
}

int rv_dialog(tui_rect a, int n)
{
    int y = a.top + a.height - n;
    for (int i = 0; i < n; i++)
        tui_fill(y + i, a.left, a.width, tui_attr(ROLE_DIALOG));
    return y;
}

static void draw_dialog(received_state *rs, tui_rect a)
{
    char line[1200];
    attr_t at = tui_attr(ROLE_DIALOG);
    if (rs->ask == RV_ASK_REASON) {
        int y = rv_dialog(a, 3);
        snprintf(line, sizeof line, _("Reason for returning the report of %s %s, %s:"),
                 rs->ret_sender, rs->ret_name, rs->ret_period);
        tui_text(y, a.left + 1, a.width - 2, line, at, ALIGN_LEFT);
        tui_draw_editor(rs->reason, y + 1, a.left + 1, a.width - 3, 1);
        tui_text(y + 2, a.left + 1, a.width - 2, _("Enter: choose the folder for the receipt · Esc: cancel"),
                 at, ALIGN_LEFT);
    } else if (rs->ask == RV_ASK_CONFIRM) {
        int y = rv_dialog(a, 3);
        snprintf(line, sizeof line, _("Return the report of %s %s for %s?"), rs->ret_sender,
                 rs->ret_name, rs->ret_period);
        tui_text(y, a.left + 1, a.width - 2, line, at, ALIGN_LEFT);
        snprintf(line, sizeof line, _("The receipt for the sender is written into %s."),
                 rs->ret_dir);
        tui_text(y + 1, a.left + 1, a.width - 2, line, at, ALIGN_LEFT);
        tui_text(y + 2, a.left + 1, a.width - 2, _("y = yes, any other key = no"), at,
                 ALIGN_LEFT);
    } else if (rs->ask == RV_ASK_PASSPHRASE) {
        rv_import_draw_prompt(rs, a);
    }
}

/* ---------- the screen ---------- */

static void received_draw(tui_app *app, tui_screen *s, tui_rect area)
{
    received_state *rs = s->data;
    static const tui_action matrix_bar[] = {ACT_HELP, ACT_RECEIVE_IMPORT, ACT_RETURN_REPORT,
                                            ACT_VIEW_TARGETS, ACT_VIEW_TASKS, ACT_BACK,
                                            ACT_QUIT};
    static const tui_action targets_bar[] = {ACT_HELP, ACT_RECEIVE_IMPORT, ACT_VIEW_MATRIX,
                                             ACT_VIEW_TASKS, ACT_BACK, ACT_QUIT};
    static const tui_action tasks_bar[] = {ACT_HELP, ACT_FILTER, ACT_WARNING_FILTER,
                                           ACT_VIEW_MATRIX, ACT_VIEW_TARGETS, ACT_BACK,
                                           ACT_QUIT};
    if (rs->view == RV_MATRIX) {
        app->keybar = matrix_bar;
        app->n_keybar = sizeof matrix_bar / sizeof matrix_bar[0];
    } else if (rs->view == RV_TARGETS) {
        app->keybar = targets_bar;
        app->n_keybar = sizeof targets_bar / sizeof targets_bar[0];
    } else {
        app->keybar = tasks_bar;
        app->n_keybar = sizeof tasks_bar / sizeof tasks_bar[0];
    }
    for (int i = 0; i < area.height; i++)
        tui_fill(area.top + i, area.left, area.width, tui_attr(ROLE_NORMAL));
    if (!rs || !rs->loaded)
        return;
    if (rs->view == RV_MATRIX)
        matrix_draw(rs, area);
    else if (rs->view == RV_TARGETS)
        rv_targets_draw(app, rs, area);
    else
        rv_tasks_draw(app, rs, area);
    draw_dialog(rs, area);
}

/* Move the period column (matrix) and read the period's views again. */
static void move_period(tui_app *app, received_state *rs, bool later)
{
    size_t periods = period_count(rs);
    if (!periods || (later ? rs->col + 1 >= periods : rs->col == 0))
        return;
    rs->col += later ? 1 : (size_t)-1;
    snprintf(rs->period, sizeof rs->period, "%s", receive_table_cell(&rs->matrix, 0, rs->col + 2));
    rs->t.cur = rs->k.cur = 0;
    rv_load(app, rs);
}

static bool move_cursor(received_state *rs, tui_action a)
{
    rv_list *l = rs->view == RV_MATRIX ? &rs->m : rs->view == RV_TARGETS ? &rs->t : &rs->k;
    size_t n = rv_view_rows(rs), page = (size_t)(LINES > 10 ? LINES - 10 : 1);
    size_t last = n ? n - 1 : 0;
    bool at_end = l->cur == last;
    switch (a) {
    case ACT_UP:
        if (rs->view == RV_MATRIX && rs->m_scroll)
            rs->m_scroll--;
        else if (l->cur)
            l->cur--;
        return true;
    case ACT_DOWN:
        if (rs->view == RV_MATRIX && at_end)
            rs->m_scroll++; /* on to who has not reported */
        else if (!at_end)
            l->cur++;
        return true;
    case ACT_PAGE_UP: l->cur = l->cur > page ? l->cur - page : 0; rs->m_scroll = 0; return true;
    case ACT_PAGE_DOWN:
        if (rs->view == RV_MATRIX && at_end)
            rs->m_scroll += page;
        l->cur = l->cur + page < last ? l->cur + page : last;
        return true;
    case ACT_FIRST: l->cur = 0; rs->m_scroll = 0; return true;
    case ACT_LAST: l->cur = last; return true;
    default: return false;
    }
}

static bool received_handle(tui_app *app, tui_screen *s, tui_action a)
{
    received_state *rs = s->data;
    if (move_cursor(rs, a)) {
        if (rs->view == RV_MATRIX && rs->m_scroll > line_count(rs))
            rs->m_scroll = line_count(rs);
        return true;
    }
    switch (a) {
    case ACT_LEFT:
    case ACT_RIGHT:
        if (rs->view == RV_TARGETS)
            rv_targets_shift(rs, a == ACT_RIGHT);
        else
            move_period(app, rs, a == ACT_RIGHT);
        return true;
    case ACT_EARLIER_PERIOD: move_period(app, rs, false); return true;
    case ACT_LATER_PERIOD: move_period(app, rs, true); return true;
    case ACT_VIEW_MATRIX: rs->view = RV_MATRIX; return true;
    case ACT_VIEW_TARGETS: rs->view = RV_TARGETS; return true;
    case ACT_VIEW_TASKS: rs->view = RV_TASKS; return true;
    case ACT_FILTER:
        if (rs->view == RV_TASKS)
            rv_tasks_next_sender(app, rs);
        return true;
    case ACT_WARNING_FILTER:
        if (rs->view == RV_TASKS)
            rv_tasks_next_warning(app, rs);
        return true;
    case ACT_RETURN_REPORT: return_begin(app, rs); return true;
    case ACT_RECEIVE_IMPORT: rv_import_start(app, rs); return true;
    case ACT_REDRAW: rv_load(app, rs); return true;
    default: return false;
    }
}

static void received_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    received_state *rs = s->data;
    const char *what = rs->view == RV_MATRIX    ? _("who has reported")
                       : rs->view == RV_TARGETS ? _("consolidated targets")
                                                : _("lagging and overdue tasks");
    snprintf(buf, size, _("Received reports · period %s · %s"), rs->period, what);
}

static const tui_screen_ops received_ops = {
    .id = "received", .open = received_open, .draw = received_draw, .handle = received_handle,
    .close = received_close, .key = received_key, .context = received_context,
};

tui_screen tui_received_screen(void)
{
    return (tui_screen){&received_ops, NULL, N_("Received")};
}
