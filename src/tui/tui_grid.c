/* The data-entry grids: for one period, one row per task (status, completion, what was done,
 * difficulties) or per target (value, numerator, denominator), moving like a spreadsheet. Typing
 * edits the cell under the cursor; leaving the cell (Enter, Tab, arrows) validates it with the
 * form's own field (task-progress.yaml, target-value.yaml) and writes it: one transaction, one
 * audit row. The rows come from report_load, the same data the report is made of. */
#include <stdlib.h>
#include <string.h>

#include "tui_entry.h"
#include "xaso/report.h"
#include "xaso/store_items.h"
#include "xaso/store_progress.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

typedef struct {
    const char *key;   /* the form's field key = the store's column */
    const char *title; /* N_() */
    int width;         /* 0 = shares what is left */
    int share;         /* per cent of what is left */
    bool right;
} grid_col;

static const grid_col task_cols[] = {
    {"status", N_("Status"), 16, 0, false},
    {"completion", N_("%"), 5, 0, true},
    {"done_text", N_("What was done"), 0, 58, false},
    {"difficulties", N_("Difficulties"), 0, 42, false},
};
static const grid_col target_cols[] = {
    {"value", N_("Value"), 10, 0, true},
    {"numerator", N_("Numerator"), 10, 0, true},
    {"denominator", N_("Denominator"), 11, 0, true},
};
#define N_TASK_COLS (sizeof task_cols / sizeof task_cols[0])
#define N_TARGET_COLS (sizeof target_cols / sizeof target_cols[0])

typedef enum { PROMPT_NONE, PROMPT_PERIOD, PROMPT_UNIT } prompt_kind;

typedef struct {
    tui_grid_kind kind;
    char period[XASO_PERIOD_ID_SIZE];
    char unit[64];
    report_data *d;
    xaso_form *form;
    size_t row, col;
    size_t top;
    int page;
    field_editor *ed;     /* editing a text or number cell */
    char *pending;        /* editing a choice cell: the chosen code */
    bool editing;
    bool confirm_discard; /* Esc on a changed cell: asking before the typing is thrown away */
    long confirm_row, confirm_col;
    char *confirm_text;
    char msg[300];
    bool msg_warning;
    bool locked;
    char locked_msg[300];
    prompt_kind prompt;
    field_editor *prompt_ed;
    long long goto_id;
} grid_state;

static size_t n_cols(const grid_state *g)
{
    return g->kind == GRID_TASKS ? N_TASK_COLS : N_TARGET_COLS;
}

static const grid_col *col_at(const grid_state *g, size_t c)
{
    return g->kind == GRID_TASKS ? &task_cols[c] : &target_cols[c];
}

static size_t n_rows(const grid_state *g)
{
    if (!g->d)
        return 0;
    return g->kind == GRID_TASKS ? g->d->n_tasks : g->d->n_targets;
}

static long long row_id(const grid_state *g, size_t r)
{
    if (r >= n_rows(g))
        return 0;
    return g->kind == GRID_TASKS ? g->d->tasks[r].id : g->d->targets[r].id;
}

static const form_field *field_of(const grid_state *g, size_t c)
{
    return g->form ? form_find_field(g->form, col_at(g, c)->key) : NULL;
}

static void number_text(report_number n, char *buf, size_t size)
{
    if (n.set)
        form_format_number(n.v, 2, buf, size);
    else
        buf[0] = '\0';
}

/* The stored text of a cell, as the field editor takes it. */
static const char *cell_text(const grid_state *g, size_t r, size_t c, char *buf, size_t size)
{
    buf[0] = '\0';
    if (r >= n_rows(g))
        return buf;
    const char *key = col_at(g, c)->key;
    if (g->kind == GRID_TASKS) {
        const report_task *t = &g->d->tasks[r];
        if (!strcmp(key, "status"))
            return t->has_update && t->has_status ? task_status_code(t->status) : "";
        if (!strcmp(key, "completion")) {
            number_text(t->completion, buf, size);
            return buf;
        }
        if (!strcmp(key, "done_text"))
            return t->done_text ? t->done_text : "";
        return t->difficulties ? t->difficulties : "";
    }
    const report_target *t = &g->d->targets[r];
    number_text(!strcmp(key, "value") ? t->value : !strcmp(key, "numerator") ? t->numerator
                                                                              : t->denominator,
                buf, size);
    return buf;
}

static void load(tui_app *app, grid_state *g)
{
    long long keep = g->goto_id ? g->goto_id : row_id(g, g->row);
    g->goto_id = 0;
    report_free(g->d);
    g->d = NULL;
    xaso_error err;
    xaso_error_clear(&err);
    if (!query_plan_id(app->q)) {
        tui_status(app, true, "%s", _("No plan yet: import one with  xaso plan import FILE"));
        return;
    }
    if (report_load(app->st, query_plan_id(app->q), g->period, g->unit[0] ? g->unit : NULL,
                    &g->d, &err)) {
        tui_status_error(app, &err);
        g->d = NULL;
        return;
    }
    g->locked = tui_period_locked(app, g->period, g->locked_msg, sizeof g->locked_msg);
    for (size_t r = 0; r < n_rows(g); r++)
        if (row_id(g, r) == keep)
            g->row = r;
    if (g->row >= n_rows(g))
        g->row = n_rows(g) ? n_rows(g) - 1 : 0;
}

static void stop_editing(grid_state *g)
{
    fe_free(g->ed);
    g->ed = NULL;
    free(g->pending);
    g->pending = NULL;
    g->editing = false;
}

static bool cell_is_choice(const grid_state *g, size_t c)
{
    const form_field *f = field_of(g, c);
    return f && (f->type == FT_CHOICE || f->type == FT_YESNO);
}

static void start_editing(grid_state *g, bool replace)
{
    if (g->editing)
        return;
    char buf[64];
    const char *text = cell_text(g, g->row, g->col, buf, sizeof buf);
    g->editing = true;
    if (cell_is_choice(g, g->col)) {
        g->pending = xstrdup(text);
        return;
    }
    const form_field *f = field_of(g, g->col);
    g->ed = fe_new(f && f->type == FT_MEMO, f ? f->max_length : 0);
    fe_set_text(g->ed, text);
    if (replace) { /* a number: typing replaces it, as in a spreadsheet */
        fe_apply(g->ed, FE_TEXT_START, NULL);
        fe_apply(g->ed, FE_KILL_TO_END, NULL);
    }
}

/* Validate and write the cell being edited. false: stay on it. */
static bool commit(tui_app *app, grid_state *g)
{
    if (!g->editing)
        return true;
    const form_field *f = field_of(g, g->col);
    char buf[64];
    const char *old = cell_text(g, g->row, g->col, buf, sizeof buf);
    char *text = xstrdup(g->ed ? fe_text(g->ed) : g->pending ? g->pending : "");
    if (!strcmp(text, old)) {
        free(text);
        stop_editing(g);
        g->msg[0] = '\0';
        return true;
    }
    if (g->locked) {
        free(text);
        snprintf(g->msg, sizeof g->msg, "%s", g->locked_msg);
        tui_status(app, true, "%s", g->locked_msg);
        stop_editing(g);
        return false;
    }
    form_result r;
    form_validate_field(f, text, &r);
    if (r.severity == FORM_ERROR) {
        snprintf(g->msg, sizeof g->msg, "%s", r.message);
        g->msg_warning = false;
        tui_status(app, true, "%s: %s", _(f->label), r.message);
        free(text);
        return false;
    }
    if (r.severity == FORM_WARNING &&
        !(g->confirm_row == (long)g->row && g->confirm_col == (long)g->col && g->confirm_text &&
          !strcmp(g->confirm_text, text))) {
        snprintf(g->msg, sizeof g->msg, "%s", r.message);
        g->msg_warning = true;
        g->confirm_row = (long)g->row;
        g->confirm_col = (long)g->col;
        free(g->confirm_text);
        g->confirm_text = text;
        tui_status(app, true, _("%s: %s (Enter again keeps it, or correct it)"), _(f->label),
                   r.message);
        return false;
    }
    store_value v;
    const char *key = f->key;
    if (!*text)
        v = !strcmp(key, "status") ? SV_TEXT(key, "not-started") : SV_NULL(key);
    else if (r.value.kind == FVAL_NUMBER)
        v = SV_REAL(key, r.value.number);
    else if (r.value.kind == FVAL_CODE)
        v = SV_TEXT(key, r.value.code);
    else
        v = SV_TEXT(key, text);
    xaso_error err;
    xaso_error_clear(&err);
    /* a count goes with the other one, so that the store computes the value from both */
    store_value vals[2] = {v, v};
    size_t nv = 1;
    if (g->kind == GRID_TARGETS && v.type != SQLITE_NULL &&
        (!strcmp(key, "numerator") || !strcmp(key, "denominator"))) {
        const report_target *t = &g->d->targets[g->row];
        report_number other = !strcmp(key, "numerator") ? t->denominator : t->numerator;
        if (other.set)
            vals[nv++] = SV_REAL(!strcmp(key, "numerator") ? "denominator" : "numerator", other.v);
    }
    int rc = g->kind == GRID_TASKS
                 ? store_task_update_set(app->st, row_id(g, g->row), g->period, &v, 1, NULL, &err)
                 : store_target_value_set(app->st, row_id(g, g->row), g->period, vals, nv, NULL,
                                          &err);
    free(text);
    if (rc) {
        xaso_error_format(&err, g->msg, sizeof g->msg);
        g->msg_warning = false;
        tui_status(app, true, "%s", g->msg);
        return false;
    }
    bool warned = r.severity == FORM_WARNING;
    if (!warned)
        g->msg[0] = '\0';
    g->confirm_row = g->confirm_col = -1;
    stop_editing(g);
    load(app, g);
    tui_status(app, warned, warned ? _("Saved with a warning: %s.") : _("Saved: %s."), _(f->label));
    return true;
}

static void cycle(grid_state *g, int letter)
{
    const form_field *f = field_of(g, g->col);
    size_t n = f->n_choices;
    size_t at = n;
    for (size_t k = 0; k < n; k++)
        if (g->pending && !strcmp(g->pending, f->choices[k].code))
            at = k;
    size_t next = at;
    for (size_t step = 0; step < n; step++) {
        next = next >= n ? 0 : (next + 1) % n;
        if (!letter)
            break;
        char *fold = utf8_fold(_(f->choices[next].label));
        char lc[8] = "";
        size_t len = tui_utf8_put((unsigned)letter, lc);
        lc[len] = '\0';
        char *lfold = utf8_fold(lc);
        bool match = fold && lfold && !strncmp(fold, lfold, strlen(lfold));
        free(fold);
        free(lfold);
        if (match)
            break;
        if (step == n - 1)
            return;
    }
    free(g->pending);
    g->pending = xstrdup(f->choices[next].code);
}

static void grid_move(tui_app *app, grid_state *g, long drow, long dcol)
{
    if (!commit(app, g))
        return;
    size_t nc = n_cols(g), nr = n_rows(g);
    long col = (long)g->col + dcol, row = (long)g->row + drow;
    if (col >= (long)nc) {
        col = 0;
        row++;
    } else if (col < 0) {
        col = (long)nc - 1;
        row--;
    }
    if (row < 0)
        row = 0;
    if (nr && row >= (long)nr)
        row = (long)nr - 1;
    g->row = (size_t)row;
    g->col = (size_t)col;
    g->msg[0] = '\0';
}

/* ---------- the prompt (period, unit) ---------- */

static void prompt_start(grid_state *g, prompt_kind k)
{
    g->prompt = k;
    fe_free(g->prompt_ed);
    g->prompt_ed = fe_new(false, 40);
    fe_set_text(g->prompt_ed, k == PROMPT_PERIOD ? g->period : g->unit);
}

static void prompt_finish(tui_app *app, grid_state *g)
{
    char *text = xstrdup(fe_text(g->prompt_ed));
    prompt_kind k = g->prompt;
    g->prompt = PROMPT_NONE;
    if (k == PROMPT_PERIOD) {
        xaso_period p;
        if (!period_parse(text, &p)) {
            tui_status(app, true, _("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, 2026)"),
                       text);
            free(text);
            return;
        }
        period_format(&p, g->period, sizeof g->period);
        tui_entry_set_period(g->period);
    } else {
        snprintf(g->unit, sizeof g->unit, "%s", text);
    }
    free(text);
    load(app, g);
    if (!g->d && k == PROMPT_UNIT) {
        g->unit[0] = '\0';
        load(app, g);
    }
}

static bool prompt_key(tui_app *app, grid_state *g, int key)
{
    if (key == 27) {
        g->prompt = PROMPT_NONE;
    } else if (key == '\n') {
        prompt_finish(app, g);
    } else if (key == TUI_KEY_FN + KEY_BACKSPACE) {
        fe_apply(g->prompt_ed, FE_BACKSPACE, NULL);
    } else if (key == TUI_KEY_FN + KEY_LEFT || key == TUI_KEY_FN + KEY_RIGHT) {
        fe_apply(g->prompt_ed, key == TUI_KEY_FN + KEY_LEFT ? FE_LEFT : FE_RIGHT, NULL);
    } else if (key >= 32 && key < TUI_KEY_FN && key != 127) {
        char buf[8];
        size_t n = tui_utf8_put((unsigned)key, buf);
        buf[n] = '\0';
        fe_apply(g->prompt_ed, FE_INSERT, buf);
    }
    return true;
}

/* ---------- screen ops ---------- */

static void grid_open(tui_app *app, tui_screen *s)
{
    grid_state *g = s->data;
    xaso_error warn, err;
    xaso_error_clear(&warn);
    xaso_error_clear(&err);
    tui_entry_enter(app);
    g->form = form_load(g->kind == GRID_TASKS ? "task-progress" : "target-value", &warn, &err);
    if (!g->form)
        tui_status_error(app, &err);
    g->confirm_row = g->confirm_col = -1;
    load(app, g);
    if (g->locked)
        tui_status(app, true, "%s", g->locked_msg);
}

static void grid_close(tui_app *app, tui_screen *s)
{
    grid_state *g = s->data;
    if (!g)
        return;
    app->unsaved = false;
    stop_editing(g);
    report_free(g->d);
    form_free(g->form);
    fe_free(g->prompt_ed);
    free(g->confirm_text);
    free(g);
    s->data = NULL;
    tui_entry_leave(app);
}

static void layout(const grid_state *g, int width, int *w_code, int *w_name, int *w_extra,
                   int widths[8])
{
    int fixed = 1 + 8 + 1, shares = 0;
    *w_code = 8;
    *w_extra = g->kind == GRID_TARGETS ? 12 : 0; /* the target as printed */
    fixed += *w_extra ? *w_extra + 1 : 0;
    for (size_t c = 0; c < n_cols(g); c++) {
        fixed += col_at(g, c)->width + 1;
        shares += col_at(g, c)->share;
    }
    if (g->kind == GRID_TARGETS)
        fixed += 9; /* the computed % */
    int left = width - fixed - 1;
    int name_share = g->kind == GRID_TASKS ? 30 : 100;
    *w_name = left * name_share / 100;
    if (*w_name < 8)
        *w_name = 8;
    int rest = left - *w_name;
    for (size_t c = 0; c < n_cols(g); c++) {
        const grid_col *gc = col_at(g, c);
        widths[c] = gc->width ? gc->width : (shares ? rest * gc->share / shares : 8);
        if (widths[c] < 4)
            widths[c] = 4;
    }
}

static void grid_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    grid_state *g = s->data;
    static const tui_action bar[] = {ACT_HELP, ACT_SAVE, ACT_FILTER, ACT_EDIT, ACT_EVIDENCE,
                                     ACT_HISTORY, ACT_CHECK, ACT_PERIOD, ACT_QUIT};
    app->keybar = bar;
    app->n_keybar = sizeof bar / sizeof bar[0];
    int w_code, w_name, w_extra, widths[8];
    layout(g, a.width, &w_code, &w_name, &w_extra, widths);
    /* header */
    int x = a.left;
    attr_t head = tui_attr(ROLE_HEADER);
    tui_fill(a.top, a.left, a.width, head);
    x += 1;
    tui_text(a.top, x, w_code, _("Code"), head, ALIGN_LEFT);
    x += w_code + 1;
    tui_text(a.top, x, w_name, g->kind == GRID_TASKS ? _("Task") : _("Target"), head, ALIGN_LEFT);
    x += w_name + 1;
    if (w_extra) {
        tui_text(a.top, x, w_extra, _("Plan"), head, ALIGN_LEFT);
        x += w_extra + 1;
    }
    for (size_t c = 0; c < n_cols(g); c++) {
        tui_text(a.top, x, widths[c], _(col_at(g, c)->title),
                 c == g->col ? tui_attr(ROLE_HEADER_CURRENT) : head,
                 col_at(g, c)->right ? ALIGN_RIGHT : ALIGN_LEFT);
        x += widths[c] + 1;
    }
    if (g->kind == GRID_TARGETS)
        tui_text(a.top, x, 8, _("Value %"), head, ALIGN_RIGHT);
    int body = a.height - 4;
    g->page = body > 1 ? body : 1;
    if (g->row < g->top)
        g->top = g->row;
    if (g->row >= g->top + (size_t)body)
        g->top = g->row - (size_t)body + 1;
    size_t nr = n_rows(g);
    if (!nr)
        tui_text(a.top + 2, a.left + 2, a.width - 4,
                 g->d ? _("Nothing to enter for this period and unit.") : "", tui_attr(ROLE_MUTED),
                 ALIGN_LEFT);
    for (int i = 0; i < body && g->top + (size_t)i < nr; i++) {
        size_t r = g->top + (size_t)i;
        int y = a.top + 1 + i;
        bool cur_row = r == g->row;
        attr_t norm = cur_row ? (tui_attr(ROLE_NORMAL) | A_BOLD) : tui_attr(ROLE_NORMAL);
        const char *code, *name;
        bool has;
        if (g->kind == GRID_TASKS) {
            code = g->d->tasks[r].code;
            name = g->d->tasks[r].name;
            has = g->d->tasks[r].has_update;
        } else {
            code = g->d->targets[r].code;
            name = g->d->targets[r].name;
            has = g->d->targets[r].has_row;
        }
        const char *mark = g->locked ? "#" : has ? "+" : ".";
        tui_text(y, a.left, 1, mark,
                 tui_attr(g->locked ? ROLE_MUTED : has ? ROLE_GOOD : ROLE_MUTED), ALIGN_LEFT);
        x = a.left + 1;
        tui_text(y, x, w_code, code, norm, ALIGN_LEFT);
        x += w_code + 1;
        tui_text(y, x, w_name, name, norm, ALIGN_LEFT);
        x += w_name + 1;
        if (w_extra) {
            tui_text(y, x, w_extra, g->d->targets[r].target_text, tui_attr(ROLE_MUTED), ALIGN_LEFT);
            x += w_extra + 1;
        }
        for (size_t c = 0; c < n_cols(g); c++) {
            bool cur = cur_row && c == g->col;
            char buf[64];
            const char *text = cell_text(g, r, c, buf, sizeof buf);
            attr_t at = cur ? tui_attr(ROLE_CURSOR) : norm;
            if (cur && g->editing && g->ed) {
                tui_draw_editor(g->ed, y, x, widths[c], 1);
            } else {
                const char *shown = text;
                if (!strcmp(col_at(g, c)->key, "status")) {
                    const char *code_shown = cur && g->editing && g->pending ? g->pending : text;
                    shown = *code_shown ? tui_task_status_label(code_shown) : "";
                    if (!cur)
                        at = *code_shown ? tui_attr(tui_task_status_role(code_shown)) | (cur_row ? A_BOLD : 0)
                                         : norm;
                }
                char one[512];
                snprintf(one, sizeof one, "%s", shown);
                for (char *p = one; *p; p++)
                    if (*p == '\n')
                        *p = ' ';
                tui_text(y, x, widths[c], one, at, col_at(g, c)->right ? ALIGN_RIGHT : ALIGN_LEFT);
            }
            if (cur && cell_is_choice(g, c) && g->editing)
                tui_text(y, x + widths[c] - 1, 1, "*", at, ALIGN_LEFT);
            x += widths[c] + 1;
        }
        if (g->kind == GRID_TARGETS) {
            const report_target *t = &g->d->targets[r];
            char buf[32] = "";
            if (t->numerator.set && t->denominator.set && t->denominator.v != 0)
                form_format_number(t->numerator.v / t->denominator.v * 100, 2, buf, sizeof buf);
            tui_text(y, x, 8, buf, tui_attr(ROLE_MUTED), ALIGN_RIGHT);
        }
    }
    /* the bottom: the whole cell, its help or problem, and the keys */
    int by = a.top + a.height - 3;
    bool long_message = false;
    tui_fill(by, a.left, a.width, tui_attr(ROLE_MUTED));
    if (nr && g->form) {
        const form_field *f = field_of(g, g->col);
        char buf[64], line[1200];
        const char *text = g->editing && g->ed ? fe_text(g->ed) : cell_text(g, g->row, g->col, buf, sizeof buf);
        if (!strcmp(f->key, "status"))
            text = g->editing && g->pending ? tui_task_status_label(g->pending) : (*text ? tui_task_status_label(text) : "");
        snprintf(line, sizeof line, "%s: %s", _(f->label), text);
        for (char *p = line; *p; p++)
            if (*p == '\n')
                *p = ' ';
        tui_text(by, a.left, a.width, line, tui_attr(ROLE_NORMAL), ALIGN_LEFT);
        if (g->msg[0] || g->locked) {
            /* a problem or the lock: on two lines (over the keys' reminder) */
            snprintf(line, sizeof line, "%s %s", g->msg_warning ? "?" : "!",
                     g->msg[0] ? g->msg : g->locked_msg);
            char **lines = NULL;
            size_t n = tui_wrap(line, a.width, &lines);
            for (size_t k = 0; k < n; k++) {
                if (k < 2)
                    tui_text(by + 1 + (int)k, a.left, a.width, lines[k],
                             tui_attr(g->msg_warning || !g->msg[0] ? ROLE_WARN : ROLE_BAD),
                             ALIGN_LEFT);
                free(lines[k]);
            }
            free(lines);
            long_message = n > 1;
        } else {
            tui_text(by + 1, a.left, a.width, f->help ? _(f->help) : "", tui_attr(ROLE_MUTED),
                     ALIGN_LEFT);
        }
    }
    char keys[300];
    if (long_message)
        goto prompt;
    snprintf(keys, sizeof keys, "%s",
             g->kind == GRID_TASKS
                 ? _("Type to edit · Enter/Tab next · Space status · Esc undo · F9 form · "
                     "C-g evidence · C-t check · C-p period · F4 unit")
                 : _("Type to edit · Enter/Tab next · Esc undo · F9 form · C-r history · "
                     "C-t check · C-p period · F4 unit"));
    tui_text(by + 2, a.left, a.width, keys, tui_attr(ROLE_MUTED), ALIGN_LEFT);
prompt:
    if (g->prompt) {
        int py = a.top + a.height - 1;
        const char *label = g->prompt == PROMPT_PERIOD ? _("Period (e.g. 2026Q3): ")
                                                       : _("Unit code (empty: the whole plan): ");
        int lw = tui_width(label);
        tui_fill(py, a.left, a.width, tui_attr(ROLE_DIALOG));
        tui_text(py, a.left, lw, label, tui_attr(ROLE_DIALOG), ALIGN_LEFT);
        tui_draw_editor(g->prompt_ed, py, a.left + lw, 30, 1);
    }
}

static void open_row_form(tui_app *app, grid_state *g)
{
    if (!n_rows(g) || !commit(app, g))
        return;
    if (g->kind == GRID_TASKS)
        tui_open_task_progress_form(app, row_id(g, g->row), g->period);
    else
        tui_open_target_value_form(app, row_id(g, g->row), g->period);
}

static bool grid_key(tui_app *app, tui_screen *s, int key)
{
    grid_state *g = s->data;
    if (g->prompt)
        return prompt_key(app, g, key);
    if (g->confirm_discard) {
        g->confirm_discard = false;
        app->status[0] = '\0';
        if (key == 'y' || key == 'Y') {
            stop_editing(g);
            g->msg[0] = '\0';
            tui_status(app, false, "%s", _("Not changed."));
        }
        return true;
    }
    tui_action a = tui_keymap_lookup(&app->keys, key);
    bool printable = key >= 32 && key < TUI_KEY_FN && key != 127;
    bool handled = true;
    if (!n_rows(g) || !g->form) {
        handled = false;
    } else if (!g->editing && (printable || key == TUI_KEY_FN + KEY_BACKSPACE ||
                               key == TUI_KEY_FN + KEY_DC) &&
               !tui_may(app, g->kind == GRID_TASKS ? PERM_TASK_PROGRESS : PERM_TARGET_VALUE,
                        g->kind == GRID_TASKS ? QUERY_TASKS : QUERY_TARGETS, row_id(g, g->row),
                        g->msg, sizeof g->msg)) { /* staff accounts: not this person's row */
        g->msg_warning = false;
        tui_status(app, true, "%s", g->msg);
    } else if (printable && cell_is_choice(g, g->col)) {
        start_editing(g, false);
        cycle(g, key == ' ' ? 0 : key);
    } else if (printable) {
        bool number = form_type_is_number(field_of(g, g->col)->type);
        bool began = !g->editing;
        start_editing(g, number);
        /* typing after a cell's text adds to it: keep the words apart */
        const char *had = fe_text(g->ed);
        size_t len = strlen(had);
        if (began && !number && len && key != ' ' && had[len - 1] != ' ' && had[len - 1] != '\n')
            fe_apply(g->ed, FE_INSERT, " ");
        char buf[8];
        size_t n = tui_utf8_put((unsigned)key, buf);
        buf[n] = '\0';
        if (fe_apply(g->ed, FE_INSERT, buf) == FE_FULL)
            tui_status(app, true, "%s", _("The cell is full."));
    } else if (key == TUI_KEY_FN + KEY_BACKSPACE || key == TUI_KEY_FN + KEY_DC) {
        if (cell_is_choice(g, g->col)) {
            start_editing(g, false);
            free(g->pending);
            g->pending = xstrdup("");
        } else {
            start_editing(g, false);
            fe_apply(g->ed, key == TUI_KEY_FN + KEY_DC ? FE_DELETE : FE_BACKSPACE, NULL);
        }
    } else if (g->editing && g->ed &&
               (key == TUI_KEY_FN + KEY_LEFT || key == TUI_KEY_FN + KEY_RIGHT ||
                key == TUI_KEY_FN + KEY_HOME || key == TUI_KEY_FN + KEY_END)) {
        fe_apply(g->ed, key == TUI_KEY_FN + KEY_LEFT    ? FE_LEFT
                        : key == TUI_KEY_FN + KEY_RIGHT ? FE_RIGHT
                        : key == TUI_KEY_FN + KEY_HOME  ? FE_HOME
                                                        : FE_END,
                 NULL);
    } else if (key == 27) {
        if (g->editing && g->ed && fe_changed(g->ed)) { /* never lose typing to one key */
            g->confirm_discard = true;
            tui_status(app, true, "%s",
                       _("Discard what is not saved? (y = yes, any other key = no)"));
        } else if (g->editing) {
            stop_editing(g);
            g->msg[0] = '\0';
            tui_status(app, false, "%s", _("Not changed."));
        } else {
            tui_pop(app);
            return true;
        }
    } else if (key == '\n' || key == TUI_KEY_FN + KEY_DOWN) {
        grid_move(app, g, 1, 0);
    } else if (key == TUI_KEY_FN + KEY_UP) {
        grid_move(app, g, -1, 0);
    } else if (key == '\t') {
        grid_move(app, g, 0, 1);
    } else if (key == TUI_KEY_FN + KEY_BTAB) {
        grid_move(app, g, 0, -1);
    } else if (key == TUI_KEY_FN + KEY_LEFT) {
        if (g->col)
            grid_move(app, g, 0, -1);
    } else if (key == TUI_KEY_FN + KEY_RIGHT) {
        if (g->col + 1 < n_cols(g))
            grid_move(app, g, 0, 1);
    } else if (key == TUI_KEY_FN + KEY_NPAGE) {
        grid_move(app, g, g->page, 0);
    } else if (key == TUI_KEY_FN + KEY_PPAGE) {
        grid_move(app, g, -g->page, 0);
    } else if (key == TUI_KEY_FN + KEY_HOME) {
        grid_move(app, g, -(long)g->row, 0);
    } else if (key == TUI_KEY_FN + KEY_END) {
        grid_move(app, g, (long)n_rows(g), 0);
    } else if (a == ACT_SAVE) {
        if (commit(app, g) && !app->status[0])
            tui_status(app, false, "%s", _("Everything is saved."));
    } else if (a == ACT_EDIT || a == ACT_OPEN) {
        open_row_form(app, g);
    } else if (a == ACT_EVIDENCE && g->kind == GRID_TASKS) {
        if (commit(app, g))
            tui_push(app, tui_evidence_screen(row_id(g, g->row), g->period));
    } else if (a == ACT_HISTORY) {
        long long id = g->kind == GRID_TASKS
                           ? store_task_update_id(app->st, row_id(g, g->row), g->period)
                           : store_target_value_id(app->st, row_id(g, g->row), g->period);
        char title[300];
        snprintf(title, sizeof title, "%s · %s",
                 g->kind == GRID_TASKS ? g->d->tasks[g->row].code : g->d->targets[g->row].code,
                 g->period);
        if (!commit(app, g))
            ;
        else if (!id)
            tui_status(app, false, "%s", _("Nothing recorded yet for this period."));
        else
            tui_push(app, tui_history_screen(g->kind == GRID_TASKS ? "task_update" : "target_value",
                                             id, title));
    } else {
        handled = false;
    }
    if (!handled) {
        if (a == ACT_CHECK) {
            if (commit(app, g))
                tui_push(app, tui_check_screen(g->period));
        } else if (a == ACT_PERIOD) {
            if (commit(app, g))
                prompt_start(g, PROMPT_PERIOD);
        } else if (a == ACT_FILTER) {
            if (commit(app, g))
                prompt_start(g, PROMPT_UNIT);
        } else if (a == ACT_QUIT && key != 'q') {
            if (!commit(app, g)) {
                app->unsaved = true;
            }
            return false;
        } else if (a == ACT_HELP || a == ACT_REDRAW) {
            return false;
        } else if (a == ACT_REPORT_TEXTS) {
            if (commit(app, g))
                tui_open_report_form(app, g->period);
        } else if (key == 27) {
            tui_pop(app);
        } else {
            char name[16];
            tui_status(app, false, _("The key %s does nothing here (F1: help)."),
                       tui_key_name(key, name, sizeof name));
        }
    }
    if (app->depth && app->stack[app->depth - 1].data == g)
        app->unsaved = g->editing;
    return true;
}

static bool grid_handle(tui_app *app, tui_screen *s, tui_action a)
{
    (void)app;
    (void)s;
    (void)a;
    return false;
}

static void grid_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    grid_state *g = s->data;
    char title[64];
    tui_period_code_title(g->period, title, sizeof title);
    snprintf(buf, size, "%s · %s · %s%s",
             g->kind == GRID_TASKS ? _("Enter progress") : _("Enter target values"), title,
             g->unit[0] ? g->unit : _("whole plan"), g->locked ? _(" · read-only") : "");
}

static const tui_screen_ops grid_ops = {
    .id = "grid",
    .open = grid_open,
    .draw = grid_draw,
    .handle = grid_handle,
    .close = grid_close,
    .key = grid_key,
    .context = grid_context,
};

tui_screen tui_grid_screen(tui_grid_kind kind, const char *period, const char *unit_code)
{
    grid_state *g = xcalloc(1, sizeof *g);
    g->kind = kind;
    snprintf(g->period, sizeof g->period, "%s", period ? period : "");
    snprintf(g->unit, sizeof g->unit, "%s", unit_code ? unit_code : "");
    return (tui_screen){&grid_ops, g, kind == GRID_TASKS ? N_("Enter progress")
                                                        : N_("Enter target values")};
}

void tui_grid_goto(tui_screen *s, long long item_id)
{
    grid_state *g = s->data;
    for (size_t r = 0; r < n_rows(g); r++)
        if (row_id(g, r) == item_id)
            g->row = r;
}
