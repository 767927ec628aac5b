/* One screen for every table: plans, targets, tasks, projects, units, reports, audit trail.
 * Columns are sized by display width, rows are fetched only while visible (see store_query.c),
 * `/` searches as you type, `f` filters through a picker, `s` sorts by the column under the
 * cursor. */
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include "xaso/store_search.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

typedef struct {
    query_table t;
    query_list *list;
    query_filter filter;
    char *filter_label[FILTER_DIM_COUNT];
    int sort_col;
    bool desc;
    size_t cursor, top;
    size_t col_cursor;
    /* the rows on screen */
    query_row *rows;
    size_t rows_top, rows_n;
    bool rows_valid;
    int natural[QUERY_MAX_COLUMNS]; /* widest cell seen since the list was opened */
    int visible[QUERY_MAX_COLUMNS];
    size_t nvisible;
    size_t page;
    /* search prompt */
    bool searching;
    strbuf search;
    char *search_before;
    /* filter picker: stage 1 chooses what to filter by, stage 2 the value */
    int picker;
    query_filter_dim picker_dim;
    query_filter_dim dims[FILTER_DIM_COUNT + 1];
    size_t ndims;
    query_option *opts;
    size_t nopts;
    size_t pick, pick_top;
    char *rows_label; /* tui_push_rows(): what the listed rows are */
} table_state;

static void rows_free(table_state *ts)
{
    for (size_t i = 0; i < ts->rows_n; i++)
        query_row_free(&ts->rows[i]);
    free(ts->rows);
    ts->rows = NULL;
    ts->rows_n = 0;
    ts->rows_valid = false;
}

static void reopen(tui_app *app, table_state *ts, bool keep_row)
{
    long long keep = keep_row ? query_list_id(ts->list, ts->cursor) : 0;
    rows_free(ts);
    query_list_free(ts->list);
    ts->list = NULL;
    memset(ts->natural, 0, sizeof ts->natural);
    xaso_error err;
    xaso_error_clear(&err);
    if (query_list_open(app->q, ts->t, &ts->filter, ts->sort_col, ts->desc, &ts->list, &err)) {
        char buf[1200];
        tui_status(app, true, "%s", xaso_error_format(&err, buf, sizeof buf));
    }
    ts->cursor = ts->top = 0;
    if (keep) {
        size_t i = query_list_find(ts->list, keep);
        if (i != (size_t)-1)
            ts->cursor = i;
    }
}

static void table_close(tui_app *app, tui_screen *s)
{
    (void)app;
    table_state *ts = s->data;
    if (!ts)
        return;
    rows_free(ts);
    query_list_free(ts->list);
    query_filter_clear(&ts->filter);
    for (size_t d = 0; d < FILTER_DIM_COUNT; d++)
        free(ts->filter_label[d]);
    sb_free(&ts->search);
    free(ts->search_before);
    query_options_free(ts->opts, ts->nopts);
    free(ts->rows_label);
    free(ts);
    s->data = NULL;
}

/* ---------- layout ---------- */

static void layout(table_state *ts, int width)
{
    size_t n;
    const query_column *cols = query_columns(ts->t, &n);
    bool shown[QUERY_MAX_COLUMNS];
    int w[QUERY_MAX_COLUMNS];
    for (size_t c = 0; c < n; c++) {
        shown[c] = true;
        if (cols[c].flex) {
            w[c] = cols[c].min_width;
            continue;
        }
        int natural = tui_width(_(cols[c].label)) + (ts->sort_col == (int)c ? 1 : 0);
        if (ts->natural[c] > natural)
            natural = ts->natural[c];
        if (natural < cols[c].min_width)
            natural = cols[c].min_width;
        if (cols[c].max_width && natural > cols[c].max_width)
            natural = cols[c].max_width;
        w[c] = natural;
    }
    for (;;) {
        int used = 0, count = 0;
        size_t flex = n;
        for (size_t c = 0; c < n; c++)
            if (shown[c]) {
                used += cols[c].flex ? 0 : w[c];
                count++;
                if (cols[c].flex)
                    flex = c;
            }
        int left = width - used - (count - 1);
        if (flex < n && left >= cols[flex].min_width) {
            w[flex] = left;
            break;
        }
        if (flex == n && left >= 0)
            break;
        /* leave out the rightmost optional column still shown */
        size_t drop = n;
        for (size_t c = n; c-- > 0;)
            if (shown[c] && cols[c].optional) {
                drop = c;
                break;
            }
        if (drop == n) {
            if (flex < n)
                w[flex] = left > 1 ? left : 1;
            break;
        }
        shown[drop] = false;
    }
    ts->nvisible = 0;
    for (size_t c = 0; c < n; c++)
        if (shown[c])
            ts->visible[ts->nvisible++] = (int)c | (w[c] << 8); /* column | width << 8 */
}

#define VIS_COL(v) ((v) & 0xFF)
#define VIS_WIDTH(v) ((v) >> 8)

static void ensure_rows(tui_app *app, table_state *ts, size_t height)
{
    size_t count = query_list_count(ts->list);
    size_t want = count > ts->top ? count - ts->top : 0;
    if (want > height)
        want = height;
    if (ts->rows_valid && ts->rows_top == ts->top && ts->rows_n == want)
        return;
    rows_free(ts);
    ts->rows = xcalloc(want ? want : 1, sizeof *ts->rows);
    xaso_error err;
    xaso_error_clear(&err);
    size_t n;
    const query_column *cols = query_columns(ts->t, &n);
    for (size_t i = 0; i < want; i++) {
        if (query_list_row(app->q, ts->list, ts->top + i, &ts->rows[i], &err)) {
            char buf[1200];
            tui_status(app, true, "%s", xaso_error_format(&err, buf, sizeof buf));
            break;
        }
        for (size_t c = 0; c < n; c++) {
            if (cols[c].flex)
                continue;
            char tmp[256];
            int w = tui_width(tui_cell_text(cols[c].kind, ts->rows[i].cell[c], tmp, sizeof tmp));
            if (w > ts->natural[c])
                ts->natural[c] = w;
        }
    }
    ts->rows_n = want;
    ts->rows_top = ts->top;
    ts->rows_valid = true;
}

static bool right_aligned(query_col_kind k)
{
    return k == QCOL_NUMBER || k == QCOL_PERCENT || k == QCOL_MONEY || k == QCOL_DAYS;
}

/* ---------- the filter picker ---------- */

static const char *option_label(table_state *ts, query_filter_dim d, const query_option *o,
                                char *buf, size_t size)
{
    if (d == FILTER_STATUS)
        return ts->t == QUERY_TASKS     ? tui_task_status_label(o->value)
               : ts->t == QUERY_TARGETS ? tui_verdict_label(o->value)
                                        : tui_report_state_label(o->value);
    if (d == FILTER_WARNING)
        return tui_warning_label(o->value);
    if (d == FILTER_GROUP && ts->t == QUERY_UNITS)
        return tui_unit_kind_label(o->value);
    snprintf(buf, size, "%s", o->label ? o->label : o->value);
    return buf;
}

static size_t picker_count(table_state *ts)
{
    return ts->picker == 1 ? ts->ndims + 1 : ts->nopts + 1;
}

static void picker_item(table_state *ts, size_t i, char *buf, size_t size)
{
    if (ts->picker == 1) {
        if (i < ts->ndims) {
            query_filter_dim d = ts->dims[i];
            snprintf(buf, size, "%s%s%s", _(query_filter_dim_label(d)),
                     ts->filter_label[d] ? ": " : "",
                     ts->filter_label[d] ? ts->filter_label[d] : "");
        } else {
            snprintf(buf, size, "%s", _("Clear every filter"));
        }
        return;
    }
    if (i == 0) {
        snprintf(buf, size, "%s", _("(any)"));
        return;
    }
    char tmp[512];
    snprintf(buf, size, "%s", option_label(ts, ts->picker_dim, &ts->opts[i - 1], tmp, sizeof tmp));
}

static void picker_start(tui_app *app, table_state *ts)
{
    ts->ndims = 0;
    for (int d = 0; d < FILTER_DIM_COUNT; d++)
        if (query_table_has_filter(ts->t, (query_filter_dim)d))
            ts->dims[ts->ndims++] = (query_filter_dim)d;
    if (!ts->ndims) {
        tui_status(app, false, "%s", _("This screen has nothing to filter by; / searches it."));
        return;
    }
    ts->picker = 1;
    ts->pick = ts->pick_top = 0;
}

static void set_filter(tui_app *app, table_state *ts, query_filter_dim d, const char *value,
                       const char *label)
{
    query_filter_set(&ts->filter, d, value);
    free(ts->filter_label[d]);
    ts->filter_label[d] = value ? xstrdup(label ? label : value) : NULL;
    reopen(app, ts, false);
}

static void picker_choose(tui_app *app, table_state *ts)
{
    if (ts->picker == 1) {
        if (ts->pick >= ts->ndims) {
            query_filter_clear(&ts->filter);
            for (size_t d = 0; d < FILTER_DIM_COUNT; d++) {
                free(ts->filter_label[d]);
                ts->filter_label[d] = NULL;
            }
            ts->picker = 0;
            reopen(app, ts, false);
            return;
        }
        ts->picker_dim = ts->dims[ts->pick];
        query_options_free(ts->opts, ts->nopts);
        ts->opts = NULL;
        ts->nopts = 0;
        xaso_error err;
        xaso_error_clear(&err);
        if (query_filter_options(app->q, ts->t, ts->picker_dim, &ts->opts, &ts->nopts, &err)) {
            char buf[1200];
            tui_status(app, true, "%s", xaso_error_format(&err, buf, sizeof buf));
            ts->picker = 0;
            return;
        }
        ts->picker = 2;
        ts->pick = ts->pick_top = 0;
        return;
    }
    ts->picker = 0;
    if (ts->pick == 0) {
        set_filter(app, ts, ts->picker_dim, NULL, NULL);
        return;
    }
    char tmp[512];
    const query_option *o = &ts->opts[ts->pick - 1];
    set_filter(app, ts, ts->picker_dim, o->value, option_label(ts, ts->picker_dim, o, tmp,
                                                                sizeof tmp));
}

static void draw_picker(table_state *ts, tui_rect area)
{
    size_t n = picker_count(ts);
    int w = area.width - 8 > 60 ? 60 : area.width - 8;
    int h = (int)n + 2 > area.height - 2 ? area.height - 2 : (int)n + 2;
    int x = area.left + (area.width - w) / 2, y = area.top + (area.height - h) / 2;
    size_t rows = (size_t)(h - 2);
    if (ts->pick < ts->pick_top)
        ts->pick_top = ts->pick;
    if (ts->pick >= ts->pick_top + rows)
        ts->pick_top = ts->pick - rows + 1;
    attr_t dialog = tui_attr(ROLE_DIALOG);
    char title[256];
    if (ts->picker == 1)
        snprintf(title, sizeof title, " %s ", _("Filter by:"));
    else
        snprintf(title, sizeof title, " %s: ", _(query_filter_dim_label(ts->picker_dim)));
    tui_text(y, x, w, title, dialog | A_BOLD, ALIGN_LEFT);
    for (size_t i = 0; i < rows; i++) {
        size_t k = ts->pick_top + i;
        tui_fill(y + 1 + (int)i, x, w, dialog);
        if (k >= n)
            continue;
        char item[600], line[620];
        picker_item(ts, k, item, sizeof item);
        snprintf(line, sizeof line, "%s%s", k == ts->pick ? " > " : "   ", item);
        tui_text(y + 1 + (int)i, x, w, line, k == ts->pick ? tui_attr(ROLE_CURSOR) | A_BOLD : dialog,
                 ALIGN_LEFT);
    }
    tui_text(y + h - 1, x, w, _("   Enter: choose   Esc: cancel"), dialog, ALIGN_LEFT);
}

static bool picker_key(tui_app *app, table_state *ts, int key)
{
    tui_action a = tui_keymap_lookup(&app->keys, key);
    size_t n = picker_count(ts);
    switch (a) {
    case ACT_UP: if (ts->pick) ts->pick--; break;
    case ACT_DOWN: if (ts->pick + 1 < n) ts->pick++; break;
    case ACT_PAGE_UP: ts->pick = ts->pick > 10 ? ts->pick - 10 : 0; break;
    case ACT_PAGE_DOWN: ts->pick = ts->pick + 10 < n ? ts->pick + 10 : n - 1; break;
    case ACT_FIRST: ts->pick = 0; break;
    case ACT_LAST: ts->pick = n - 1; break;
    case ACT_OPEN: picker_choose(app, ts); break;
    case ACT_BACK:
    case ACT_FILTER: ts->picker = 0; break;
    case ACT_QUIT: return false;
    case ACT_HELP: return false;
    default: break;
    }
    return true;
}

/* ---------- search prompt ---------- */

static void show_prompt(tui_app *app, table_state *ts)
{
    tui_status(app, false, "%s %s_   %s", _("Search:"), sb_str(&ts->search),
               _("(Enter: keep, Esc: cancel)"));
}

static void search_changed(tui_app *app, table_state *ts)
{
    query_filter_set_search(&ts->filter, sb_str(&ts->search));
    reopen(app, ts, false);
    show_prompt(app, ts);
}

static bool search_key(tui_app *app, table_state *ts, int key)
{
    if (key == '\n') {
        ts->searching = false;
        app->prompt_active = false;
        tui_status(app, false, P_("%zu row found", "%zu rows found", query_list_count(ts->list)),
                   query_list_count(ts->list));
        return true;
    }
    if (key == 27) {
        ts->searching = false;
        app->prompt_active = false;
        sb_reset(&ts->search);
        if (ts->search_before)
            sb_append(&ts->search, ts->search_before);
        query_filter_set_search(&ts->filter, sb_str(&ts->search));
        reopen(app, ts, false);
        app->status[0] = '\0';
        return true;
    }
    if (key == TUI_KEY_FN + KEY_BACKSPACE) {
        /* remove the last character (not byte) */
        while (ts->search.len > 0) {
            unsigned char c = (unsigned char)ts->search.data[--ts->search.len];
            if ((c & 0xC0) != 0x80)
                break;
        }
        if (ts->search.data)
            ts->search.data[ts->search.len] = '\0';
        search_changed(app, ts);
        return true;
    }
    if (key >= 0x20 && key < TUI_KEY_FN && key != 0x7F && ts->search.len < 200) {
        char name[8];
        if (key == ' ')
            snprintf(name, sizeof name, " ");
        else
            tui_key_name(key, name, sizeof name);
        sb_append(&ts->search, name);
        search_changed(app, ts);
        return true;
    }
    /* anything else ends the prompt and does what it does */
    ts->searching = false;
    app->prompt_active = false;
    app->status[0] = '\0';
    return false;
}

static bool table_key(tui_app *app, tui_screen *s, int key)
{
    table_state *ts = s->data;
    if (ts->picker)
        return picker_key(app, ts, key);
    if (ts->searching)
        return search_key(app, ts, key);
    return false;
}

void tui_table_set_search(tui_app *app, tui_screen *s, const char *text)
{
    table_state *ts = s->data;
    sb_reset(&ts->search);
    sb_append(&ts->search, text);
    query_filter_set_search(&ts->filter, text);
    reopen(app, ts, false);
}

/* ---------- drawing ---------- */

/* Underline and embolden the words of a left-aligned cell that the search matched, in their
 * original spelling (readable in monochrome too). The cell was drawn by tui_text() at x, width w;
 * only the columns it showed are changed (not its ellipsis). */
static void highlight_matches(int y, int x, int w, const char *text, const char *search,
                              attr_t attr)
{
    search_span *spans;
    size_t n;
    search_spans(text, search, &spans, &n);
    if (!n)
        return;
    int total = tui_width(text), shown = total > w ? w - 1 : w;
    for (size_t i = 0; i < n; i++) {
        char *before = xstrndup(text, spans[i].start);
        char *word = xstrndup(text + spans[i].start, spans[i].end - spans[i].start);
        int from = tui_width(before), to = from + tui_width(word);
        free(before);
        free(word);
        if (to > shown)
            to = shown;
        if (from < to)
            mvchgat(y, x + from, to - from, attr | A_UNDERLINE | A_BOLD, PAIR_NUMBER(attr), NULL);
    }
    free(spans);
}

static void table_draw(tui_app *app, tui_screen *s, tui_rect area)
{
    table_state *ts = s->data;
    size_t n;
    const query_column *cols = query_columns(ts->t, &n);
    size_t height = area.height > 1 ? (size_t)area.height - 1 : 1;
    ts->page = height;
    size_t count = query_list_count(ts->list);
    if (ts->cursor >= count)
        ts->cursor = count ? count - 1 : 0;
    if (ts->cursor < ts->top)
        ts->top = ts->cursor;
    if (ts->cursor >= ts->top + height)
        ts->top = ts->cursor - height + 1;
    ensure_rows(app, ts, height);
    layout(ts, area.width);
    /* the column cursor stays on a visible column */
    bool on_visible = false;
    for (size_t i = 0; i < ts->nvisible; i++)
        on_visible = on_visible || (size_t)VIS_COL(ts->visible[i]) == ts->col_cursor;
    if (!on_visible)
        ts->col_cursor = (size_t)VIS_COL(ts->visible[0]);

    int x = area.left;
    tui_fill(area.top, area.left, area.width, tui_attr(ROLE_HEADER));
    for (size_t i = 0; i < ts->nvisible; i++) {
        size_t c = (size_t)VIS_COL(ts->visible[i]);
        int w = VIS_WIDTH(ts->visible[i]);
        char label[128];
        const char *arrow = "";
        if (ts->sort_col == (int)c)
            arrow = tui_utf8() ? (ts->desc ? "▼" : "▲") : (ts->desc ? "v" : "^");
        snprintf(label, sizeof label, "%s%s", _(cols[c].label), arrow);
        tui_text(area.top, x, w, label,
                 tui_attr(c == ts->col_cursor ? ROLE_HEADER_CURRENT : ROLE_HEADER),
                 right_aligned(cols[c].kind) ? ALIGN_RIGHT : ALIGN_LEFT);
        x += w + 1;
    }
    if (count == 0) {
        const char *msg = query_filter_active(&ts->filter)
                              ? _("Nothing matches the search and filters (x clears them).")
                              : _("Nothing here yet.");
        tui_text(area.top + 2, area.left, area.width, msg, tui_attr(ROLE_MUTED), ALIGN_CENTER);
    }
    for (size_t r = 0; r < ts->rows_n; r++) {
        int y = area.top + 1 + (int)r;
        bool cur = ts->top + r == ts->cursor;
        if (cur)
            tui_fill(y, area.left, area.width, tui_attr(ROLE_CURSOR));
        x = area.left;
        for (size_t i = 0; i < ts->nvisible; i++) {
            size_t c = (size_t)VIS_COL(ts->visible[i]);
            int w = VIS_WIDTH(ts->visible[i]);
            char buf[256];
            const char *raw = ts->rows[r].cell[c];
            const char *text = tui_cell_text(cols[c].kind, raw, buf, sizeof buf);
            attr_t attr = cur ? tui_attr(ROLE_CURSOR) : tui_attr(tui_cell_role(cols[c].kind, raw));
            tui_text(y, x, w, text, attr, right_aligned(cols[c].kind) ? ALIGN_RIGHT : ALIGN_LEFT);
            if (ts->filter.search && cols[c].kind == QCOL_TEXT && raw)
                highlight_matches(y, x, w, raw, ts->filter.search, attr);
            x += w + 1;
        }
    }
    if (ts->picker)
        draw_picker(ts, area);
}

static void table_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    table_state *ts = s->data;
    strbuf sb = STRBUF_INIT;
    size_t count = query_list_count(ts->list);
    sb_appendf(&sb, "%s %zu/%zu", _(query_table_title(ts->t)), count ? ts->cursor + 1 : 0, count);
    if (ts->rows_label && ts->filter.ids)
        sb_appendf(&sb, " · %s", ts->rows_label);
    if (ts->filter.search)
        sb_appendf(&sb, " · /%s", ts->filter.search);
    for (size_t d = 0; d < FILTER_DIM_COUNT; d++)
        if (ts->filter_label[d])
            sb_appendf(&sb, " · %s: %s", _(query_filter_dim_label((query_filter_dim)d)),
                       ts->filter_label[d]);
    snprintf(buf, size, "%s", sb_str(&sb));
    sb_free(&sb);
}

static void move_cursor(table_state *ts, long delta)
{
    size_t count = query_list_count(ts->list);
    if (!count)
        return;
    long c = (long)ts->cursor + delta;
    if (c < 0)
        c = 0;
    if ((size_t)c >= count)
        c = (long)count - 1;
    ts->cursor = (size_t)c;
}

static bool table_handle(tui_app *app, tui_screen *s, tui_action a)
{
    table_state *ts = s->data;
    size_t page = ts->page ? ts->page : 10;
    switch (a) {
    case ACT_UP: move_cursor(ts, -1); return true;
    case ACT_DOWN: move_cursor(ts, 1); return true;
    case ACT_PAGE_UP:
        move_cursor(ts, -(long)page);
        ts->top = ts->top > page ? ts->top - page : 0;
        return true;
    case ACT_PAGE_DOWN: {
        size_t count = query_list_count(ts->list);
        move_cursor(ts, (long)page);
        if (ts->top + page < count)
            ts->top += page;
        return true;
    }
    case ACT_FIRST: ts->cursor = 0; return true;
    case ACT_LAST: move_cursor(ts, (long)query_list_count(ts->list)); return true;
    case ACT_LEFT:
    case ACT_RIGHT:
        for (size_t i = 0; i < ts->nvisible; i++)
            if ((size_t)VIS_COL(ts->visible[i]) == ts->col_cursor) {
                if (a == ACT_LEFT && i > 0)
                    ts->col_cursor = (size_t)VIS_COL(ts->visible[i - 1]);
                if (a == ACT_RIGHT && i + 1 < ts->nvisible)
                    ts->col_cursor = (size_t)VIS_COL(ts->visible[i + 1]);
                break;
            }
        return true;
    case ACT_SORT: {
        size_t n;
        const query_column *cols = query_columns(ts->t, &n);
        if (ts->sort_col != (int)ts->col_cursor) {
            ts->sort_col = (int)ts->col_cursor;
            ts->desc = false;
        } else if (!ts->desc) {
            ts->desc = true;
        } else {
            ts->sort_col = -1;
            ts->desc = false;
        }
        reopen(app, ts, true);
        if (ts->sort_col < 0)
            tui_status(app, false, "%s", _("Back in the plan's order."));
        else
            tui_status(app, false, ts->desc ? _("Sorted by %s, descending.")
                                            : _("Sorted by %s, ascending."),
                       _(cols[ts->sort_col].label));
        return true;
    }
    case ACT_SEARCH:
        ts->searching = true;
        app->prompt_active = true;
        free(ts->search_before);
        ts->search_before = xstrdup(sb_str(&ts->search));
        show_prompt(app, ts);
        return true;
    case ACT_FILTER: picker_start(app, ts); return true;
    case ACT_CLEAR:
        free(ts->rows_label);
        ts->rows_label = NULL;
        query_filter_clear(&ts->filter);
        for (size_t d = 0; d < FILTER_DIM_COUNT; d++) {
            free(ts->filter_label[d]);
            ts->filter_label[d] = NULL;
        }
        sb_reset(&ts->search);
        reopen(app, ts, true);
        tui_status(app, false, "%s", _("Search and filters cleared."));
        return true;
    case ACT_OPEN:
        if (query_list_count(ts->list))
            tui_push(app, tui_detail_screen(ts->t, query_list_id(ts->list, ts->cursor)));
        return true;
    case ACT_USE_PLAN:
        if (ts->t != QUERY_PLANS || !query_list_count(ts->list))
            return false;
        {
            xaso_error err;
            xaso_error_clear(&err);
            query_set_plan(app->q, query_list_id(ts->list, ts->cursor), &err);
            tui_reload(app);
            tui_status(app, false, "%s", _("This is now the current plan."));
        }
        return true;
    default: return false;
    }
}

long long tui_table_current_id(tui_screen *s)
{
    table_state *ts = s->data;
    if (!ts || !ts->list || ts->cursor >= query_list_count(ts->list))
        return 0;
    return query_list_id(ts->list, ts->cursor);
}

void tui_push_rows(tui_app *app, query_table t, const long long *ids, size_t n,
                   const char *label)
{
    if (app->depth >= TUI_STACK_MAX)
        return;
    tui_push(app, tui_table_screen(t));
    table_state *ts = app->stack[app->depth - 1].data;
    if (!ts)
        return;
    query_filter_set_ids(&ts->filter, ids, n);
    ts->rows_label = xstrdup(label ? label : "");
    reopen(app, ts, false);
}

void tui_table_set_filter(tui_app *app, tui_screen *s, query_filter_dim d, const char *value)
{
    table_state *ts = s->data;
    query_filter_clear(&ts->filter);
    for (size_t k = 0; k < FILTER_DIM_COUNT; k++) {
        free(ts->filter_label[k]);
        ts->filter_label[k] = NULL;
    }
    sb_reset(&ts->search);
    query_option o = {(char *)value, NULL};
    char tmp[512];
    set_filter(app, ts, d, value, value ? option_label(ts, d, &o, tmp, sizeof tmp) : NULL);
}

/* The table kind rides in the state, created before open so that open knows it. */
static void table_open_kind(tui_app *app, tui_screen *s);
static const tui_screen_ops table_ops_kind = {
    "table", table_open_kind, table_draw, table_handle, table_close, table_key, table_context,
};

static query_table kind_of_title(const char *title)
{
    for (int t = 0; t < QUERY_TABLE_COUNT; t++)
        if (query_table_title((query_table)t) == title)
            return (query_table)t;
    return QUERY_TASKS;
}

static void table_open_kind(tui_app *app, tui_screen *s)
{
    table_state *ts = xcalloc(1, sizeof *ts);
    ts->t = kind_of_title(s->title);
    ts->sort_col = -1;
    s->data = ts;
    reopen(app, ts, false);
}

tui_screen tui_table_screen(query_table t)
{
    tui_screen s = {&table_ops_kind, NULL, query_table_title(t)};
    return s;
}
