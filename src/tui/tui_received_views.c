/* The Received screen's consolidated views for the period under the matrix cursor:
 *  - targets: one line per target, each sender's value and verdict side by side (as many sender
 *    columns as fit, Left/Right shows the others), the combined value and its verdict; under the
 *    list, how the target under the cursor was combined (ratios: Σ numerators / Σ denominators);
 *  - lagging tasks: overdue and behind-schedule tasks across senders, filtered by sender (f) and
 *    warning (w).
 * Both read receive_targets / receive_tasks, the tables `xaso received targets|tasks` prints: in
 * receive_targets each target's rows are together, one per sender, its combined row last. */
#include <stdlib.h>
#include <string.h>

#include "tui_received.h"

enum { KEY_W = 10, SENDER_W = 10, COMBINED_W = 10, VERDICT_W = 17, MIN_NAME_W = 12 };
enum { T_KEY, T_NAME, T_UNIT, T_SENDER, T_SENDER_NAME, T_VALUE, T_NUM, T_DEN, T_VERDICT };
enum { K_SENDER, K_PLAN, K_TASK, K_NAME, K_STATUS, K_DONE, K_DUE, K_WARNINGS };

const char *rv_number_text(const char *cell, char *buf, size_t size)
{
    char *end;
    double v = strtod(cell, &end);
    if (!*cell || *end)
        return cell;
    return tui_number(v, 2, true, buf, size);
}

/* The verdict code of a word of receive_targets (the same msgids), or "". */
static const char *verdict_code(const char *word)
{
    static const char *const codes[] = {"met", "exceeded", "not-met", "no-data"};
    const char *words[] = {_("met"), _("exceeded"), _("not met"), _("no data")};
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(word, words[i]))
            return codes[i];
    return "";
}

static const char *verdict_symbol(const char *code)
{
    bool u = tui_utf8();
    if (!strcmp(code, "met") || !strcmp(code, "exceeded"))
        return u ? "✓" : "+";
    if (!strcmp(code, "not-met"))
        return u ? "✗" : "x";
    return u ? "·" : ".";
}

/* ---------- targets: the rows of each target ---------- */

/* The first row (1-based, 0 = header) of target i, walking the groups; n = number of groups. */
static size_t groups(const receive_table *t, size_t *first, size_t max)
{
    size_t n = 0;
    for (size_t r = 1; r <= t->n_rows; r++)
        if (r == 1 || strcmp(receive_table_cell(t, r, T_KEY), receive_table_cell(t, r - 1, T_KEY))) {
            if (first && n < max)
                first[n] = r;
            n++;
        }
    return n;
}

size_t rv_view_rows(const received_state *rs)
{
    switch (rs->view) {
    case RV_MATRIX: return rs->matrix.n_rows;
    case RV_TARGETS: return groups(&rs->targets, NULL, 0);
    case RV_TASKS: return rs->tasks.n_rows;
    }
    return 0;
}

/* The senders of the targets table, in the matrix's order (by code). */
static size_t target_senders(const received_state *rs, const char **out, size_t max)
{
    size_t n = 0;
    size_t first[1];
    if (!groups(&rs->targets, first, 1))
        return 0;
    for (size_t s = 1; s <= rs->matrix.n_rows && n < max; s++) {
        const char *code = receive_table_cell(&rs->matrix, s, 0);
        for (size_t r = 1; r <= rs->targets.n_rows; r++)
            if (!strcmp(receive_table_cell(&rs->targets, r, T_SENDER), code) &&
                *receive_table_cell(&rs->targets, r, T_SENDER_NAME)) {
                out[n++] = code;
                break;
            }
    }
    return n;
}

void rv_targets_shift(received_state *rs, bool right)
{
    if (right)
        rs->sender_first++; /* bounded when drawn */
    else if (rs->sender_first)
        rs->sender_first--;
}

/* Row of sender in the group starting at row `first`, 0 when none. */
static size_t row_of(const receive_table *t, size_t first, const char *sender)
{
    const char *key = receive_table_cell(t, first, T_KEY);
    for (size_t r = first; r <= t->n_rows && !strcmp(receive_table_cell(t, r, T_KEY), key); r++)
        if (!strcmp(receive_table_cell(t, r, T_SENDER), sender) &&
            *receive_table_cell(t, r, T_SENDER_NAME))
            return r;
    return 0;
}

static size_t combined_row(const receive_table *t, size_t first)
{
    size_t r = first;
    while (r < t->n_rows && !strcmp(receive_table_cell(t, r + 1, T_KEY), receive_table_cell(t, first, T_KEY)))
        r++;
    return r;
}

static void sender_cell(const receive_table *t, size_t r, int y, int x, attr_t cursor, bool here)
{
    char buf[96], num[64];
    const char *code = r ? verdict_code(receive_table_cell(t, r, T_VERDICT)) : "no-data";
    const char *v = r ? rv_number_text(receive_table_cell(t, r, T_VALUE), num, sizeof num) : "";
    if (*v)
        snprintf(buf, sizeof buf, "%s %s", v, verdict_symbol(code));
    else
        snprintf(buf, sizeof buf, "–");
    tui_text(y, x, SENDER_W - 1, buf, here ? cursor : tui_attr(tui_verdict_role(code)),
             ALIGN_RIGHT);
}

static void target_detail(const received_state *rs, size_t first, int y, tui_rect a)
{
    const receive_table *t = &rs->targets;
    size_t c = combined_row(t, first);
    char line[1200], num[64], nb[64], db[64];
    snprintf(line, sizeof line, "%s · %s%s%s%s", receive_table_cell(t, c, T_KEY),
             receive_table_cell(t, c, T_NAME), *receive_table_cell(t, c, T_UNIT) ? " (" : "",
             receive_table_cell(t, c, T_UNIT), *receive_table_cell(t, c, T_UNIT) ? ")" : "");
    tui_text(y, a.left, a.width, line, tui_attr(ROLE_HEADING), ALIGN_LEFT);
    const char *v = rv_number_text(receive_table_cell(t, c, T_VALUE), num, sizeof num);
    const char *verdict = receive_table_cell(t, c, T_VERDICT);
    if (*receive_table_cell(t, c, T_NUM))
        snprintf(line, sizeof line,
                 _("Combined: %s = %s / %s (sum of numerators / sum of denominators) · %s"), v,
                 rv_number_text(receive_table_cell(t, c, T_NUM), nb, sizeof nb),
                 rv_number_text(receive_table_cell(t, c, T_DEN), db, sizeof db), verdict);
    else
        snprintf(line, sizeof line, _("Combined: %s · %s"), *v ? v : "–", verdict);
    tui_text(y + 1, a.left, a.width, line,
             tui_attr(tui_verdict_role(verdict_code(verdict))), ALIGN_LEFT);
}

void rv_targets_draw(tui_app *app, received_state *rs, tui_rect a)
{
    (void)app;
    const receive_table *t = &rs->targets;
    enum { MAX_SENDERS = 512 };
    const char *senders[MAX_SENDERS];
    size_t ns = target_senders(rs, senders, MAX_SENDERS);
    size_t ng = groups(t, NULL, 0);
    size_t *first = xcalloc(ng ? ng : 1, sizeof *first);
    groups(t, first, ng);
    char line[600];
    snprintf(line, sizeof line, _("Consolidated targets · plan %s · %s · %zu senders, %zu targets"),
             rs->plan[0] ? rs->plan : "–", rs->period, ns, ng);
    tui_text(a.top, a.left, a.width, line, tui_attr(ROLE_HEADING), ALIGN_LEFT);
    if (!ng) {
        tui_text(a.top + 2, a.left, a.width, _("No target values received for this period."),
                 tui_attr(ROLE_MUTED), ALIGN_LEFT);
        free(first);
        return;
    }
    /* columns: key, name, as many senders as fit, combined, verdict */
    int fixed = KEY_W + COMBINED_W + VERDICT_W + MIN_NAME_W;
    size_t fit = a.width > fixed ? (size_t)((a.width - fixed) / SENDER_W) : 0;
    if (fit > ns)
        fit = ns;
    if (rs->sender_first + fit > ns)
        rs->sender_first = ns - fit;
    int name_w = a.width - KEY_W - (int)fit * SENDER_W - COMBINED_W - VERDICT_W;
    int xs = a.left + KEY_W + name_w, xc = xs + (int)fit * SENDER_W, xv = xc + COMBINED_W;
    attr_t head = tui_attr(ROLE_HEADER);
    int y = a.top + 1;
    tui_fill(y, a.left, a.width, head);
    tui_text(y, a.left, KEY_W - 1, _("Target"), head, ALIGN_LEFT);
    tui_text(y, a.left + KEY_W, name_w - 1, _("Name"), head, ALIGN_LEFT);
    for (size_t i = 0; i < fit; i++)
        tui_text(y, xs + (int)i * SENDER_W, SENDER_W - 1, senders[rs->sender_first + i], head,
                 ALIGN_RIGHT);
    tui_text(y, xc, COMBINED_W - 1, _("combined"), head, ALIGN_RIGHT);
    tui_text(y, xv + 1, VERDICT_W - 1, _("Verdict"), head, ALIGN_LEFT);
    int body = a.height - 5;
    if (body < 1)
        body = 1;
    rv_list *l = &rs->t;
    if (l->cur >= ng)
        l->cur = ng - 1;
    if (l->cur < l->top)
        l->top = l->cur;
    if (l->cur >= l->top + (size_t)body)
        l->top = l->cur + 1 - (size_t)body;
    attr_t cursor = tui_attr(ROLE_CURSOR);
    for (int i = 0; i < body && l->top + (size_t)i < ng; i++) {
        size_t g = l->top + (size_t)i, f = first[g], c = combined_row(t, f);
        bool here = g == l->cur;
        attr_t at = here ? cursor : tui_attr(ROLE_NORMAL);
        y = a.top + 2 + i;
        tui_fill(y, a.left, a.width, at);
        tui_text(y, a.left, KEY_W - 1, receive_table_cell(t, f, T_KEY), at, ALIGN_LEFT);
        tui_text(y, a.left + KEY_W, name_w - 1, receive_table_cell(t, f, T_NAME), at, ALIGN_LEFT);
        for (size_t k = 0; k < fit; k++)
            sender_cell(t, row_of(t, f, senders[rs->sender_first + k]), y,
                        xs + (int)k * SENDER_W, cursor, here);
        char num[64];
        tui_text(y, xc, COMBINED_W - 1,
                 rv_number_text(receive_table_cell(t, c, T_VALUE), num, sizeof num), at,
                 ALIGN_RIGHT);
        const char *verdict = receive_table_cell(t, c, T_VERDICT);
        tui_text(y, xv + 1, VERDICT_W - 1, verdict,
                 here ? at : tui_attr(tui_verdict_role(verdict_code(verdict))), ALIGN_LEFT);
    }
    target_detail(rs, first[l->cur], a.top + a.height - 3, a);
    if (fit < ns)
        snprintf(line, sizeof line,
                 _("←/→: other senders (%zu–%zu of %zu) · [ ]: period · m: matrix · "
                   "l: lagging tasks"),
                 rs->sender_first + 1, rs->sender_first + fit, ns);
    else
        snprintf(line, sizeof line, "%s",
                 _("[ ]: period · ✓ met · ✗ not met · – no data · m: matrix · l: lagging tasks"));
    tui_text(a.top + a.height - 1, a.left, a.width, line, tui_attr(ROLE_MUTED), ALIGN_LEFT);
    free(first);
}

/* ---------- lagging tasks ---------- */

static const char *warning_name(rv_warning w)
{
    switch (w) {
    case RV_WARN_OVERDUE: return tui_warning_label("overdue");
    case RV_WARN_BEHIND: return tui_warning_label("behind-schedule");
    default: return _("overdue or behind schedule");
    }
}

void rv_tasks_next_sender(tui_app *app, received_state *rs)
{
    const receive_table *m = &rs->matrix;
    size_t now = 0; /* 0 = every sender, else the matrix row of the one shown */
    for (size_t r = 1; r <= m->n_rows && rs->sender_filter[0]; r++)
        if (!strcmp(receive_table_cell(m, r, 0), rs->sender_filter))
            now = r;
    snprintf(rs->sender_filter, sizeof rs->sender_filter, "%s",
             now < m->n_rows ? receive_table_cell(m, now + 1, 0) : "");
    rs->k.cur = 0;
    rv_load(app, rs);
}

void rv_tasks_next_warning(tui_app *app, received_state *rs)
{
    rs->warning = (rv_warning)((rs->warning + 1) % RV_WARN_COUNT);
    rs->k.cur = 0;
    rv_load(app, rs);
}

/* The warnings of a task ("overdue,no-update") as short words; the colour of the worst. */
static tui_role warnings_text(const char *codes, char *buf, size_t size)
{
    tui_role role = ROLE_MUTED;
    buf[0] = '\0';
    char *copy = xstrdup(codes), *save = NULL;
    for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", len ? " " : "", tui_warning_short(w));
        tui_role r = tui_warning_role(w);
        if (r == ROLE_BAD || (r == ROLE_WARN && role != ROLE_BAD))
            role = r;
    }
    free(copy);
    return role;
}

void rv_tasks_draw(tui_app *app, received_state *rs, tui_rect a)
{
    (void)app;
    const receive_table *t = &rs->tasks;
    char line[700];
    snprintf(line, sizeof line, _("Lagging tasks · %s · sender: %s · warning: %s · %zu task(s)"),
             rs->period, rs->sender_filter[0] ? rs->sender_filter : _("every sender"),
             warning_name(rs->warning), t->n_rows);
    tui_text(a.top, a.left, a.width, line, tui_attr(ROLE_HEADING), ALIGN_LEFT);
    bool wide = a.width >= 110;
    int sw = 11, kw = 10, pw = wide ? 16 : 0, dw = 11, ww = wide ? 34 : 20;
    int nw = a.width - sw - kw - pw - dw - ww;
    int x = a.left, xk = x + sw, xp = xk + kw, xn = xp + pw, xd = xn + nw, xw = xd + dw;
    attr_t head = tui_attr(ROLE_HEADER);
    int y = a.top + 1;
    tui_fill(y, a.left, a.width, head);
    tui_text(y, x, sw - 1, receive_table_cell(t, 0, K_SENDER), head, ALIGN_LEFT);
    tui_text(y, xk, kw - 1, receive_table_cell(t, 0, K_TASK), head, ALIGN_LEFT);
    if (wide)
        tui_text(y, xp, pw - 1, receive_table_cell(t, 0, K_PLAN), head, ALIGN_LEFT);
    tui_text(y, xn, nw - 1, receive_table_cell(t, 0, K_NAME), head, ALIGN_LEFT);
    tui_text(y, xd, dw - 1, receive_table_cell(t, 0, K_DUE), head, ALIGN_LEFT);
    tui_text(y, xw, ww, receive_table_cell(t, 0, K_WARNINGS), head, ALIGN_LEFT);
    if (!t->n_rows)
        tui_text(a.top + 3, a.left, a.width, _("No lagging or overdue task: nothing to follow up."),
                 tui_attr(ROLE_GOOD), ALIGN_LEFT);
    int body = a.height - 3;
    rv_list *l = &rs->k;
    if (l->cur < l->top)
        l->top = l->cur;
    if (body > 0 && l->cur >= l->top + (size_t)body)
        l->top = l->cur + 1 - (size_t)body;
    for (int i = 0; i < body && l->top + (size_t)i < t->n_rows; i++) {
        size_t r = l->top + (size_t)i + 1;
        bool here = r - 1 == l->cur;
        attr_t at = tui_attr(here ? ROLE_CURSOR : ROLE_NORMAL);
        y = a.top + 2 + i;
        tui_fill(y, a.left, a.width, at);
        tui_text(y, x, sw - 1, receive_table_cell(t, r, K_SENDER), at, ALIGN_LEFT);
        tui_text(y, xk, kw - 1, receive_table_cell(t, r, K_TASK), at, ALIGN_LEFT);
        if (wide)
            tui_text(y, xp, pw - 1, receive_table_cell(t, r, K_PLAN), at, ALIGN_LEFT);
        tui_text(y, xn, nw - 1, receive_table_cell(t, r, K_NAME), at, ALIGN_LEFT);
        char due[32], warn[300];
        tui_text(y, xd, dw - 1, tui_date(receive_table_cell(t, r, K_DUE), due, sizeof due), at,
                 ALIGN_LEFT);
        tui_role role = warnings_text(receive_table_cell(t, r, K_WARNINGS), warn, sizeof warn);
        tui_text(y, xw, ww, warn, here ? at : tui_attr(role), ALIGN_LEFT);
    }
    tui_text(a.top + a.height - 1, a.left, a.width,
             _("f: sender · w: warning · [ ]: period · m: matrix · c: targets"),
             tui_attr(ROLE_MUTED), ALIGN_LEFT);
}
