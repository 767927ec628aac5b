/* Charts on screen: bars and stacked bars drawn from include/xaso/chart.h, the trend cell of the
 * targets table, and a target's trend as a column chart in its detail view (with the target line
 * and, under each column, its period, value and verdict: the numbers are always beside the
 * chart). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include "xaso/chart.h"
#include "xaso/store_scorecard.h"
#include "xaso/strbuf.h"

void tui_bar(int y, int x, int w, double fraction, attr_t attr)
{
    if (w <= 0)
        return;
    char *buf = xmalloc(CHART_BUF(w));
    chart_bar(buf, CHART_BUF(w), fraction, w, !tui_utf8());
    tui_text(y, x, w, buf, attr, ALIGN_LEFT);
    free(buf);
}

void tui_stacked_bar(int y, int x, int w, const size_t *counts, size_t n, size_t scale,
                     attr_t attr)
{
    if (w <= 0)
        return;
    char *buf = xmalloc(CHART_BUF(w));
    chart_stacked_bar(buf, CHART_BUF(w), counts, n, scale, w, !tui_utf8());
    tui_text(y, x, w, buf, attr, ALIGN_LEFT);
    free(buf);
}

#define TREND_MAX 24

/* raw: "TARGET|V1;V2;…" (an empty V = no value for that period) */
const char *tui_trend_text(const char *raw, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!raw)
        return buf;
    const char *bar = strchr(raw, '|');
    if (!bar)
        return buf;
    bool has_target = bar > raw;
    double target = has_target ? strtod(raw, NULL) : 0;
    double v[TREND_MAX];
    bool has[TREND_MAX];
    size_t n = 0;
    const char *p = bar + 1;
    if (!*p)
        return buf; /* no value yet */
    for (;;) {
        size_t len = strcspn(p, ";");
        if (n == TREND_MAX) { /* keep the latest */
            memmove(v, v + 1, sizeof v - sizeof v[0]);
            memmove(has, has + 1, sizeof has - sizeof has[0]);
            n--;
        }
        has[n] = len > 0;
        v[n] = len > 0 ? strtod(p, NULL) : 0;
        n++;
        p += len;
        if (*p != ';')
            break;
        p++;
    }
    if (size < CHART_BUF(TREND_MAX + 2))
        return buf;
    chart_trend_cell(buf, size, v, has, n, has_target, target, !tui_utf8());
    return buf;
}

/* ---------- the trend chart of a target's detail view ---------- */

static void add_line(char ***lines, size_t *n, size_t *cap, strbuf *sb)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *lines = xrealloc(*lines, *cap * sizeof **lines);
    }
    (*lines)[(*n)++] = sb_detach(sb);
}

/* Pad sb with spaces so that the text from `from` (a byte offset) takes `cols` columns. */
static void pad_to(strbuf *sb, size_t from, int cols)
{
    int w = tui_width(sb_str(sb) + from);
    for (; w < cols; w++)
        sb_putc(sb, ' ');
}

static void centred(strbuf *sb, const char *text, int cols)
{
    int w = tui_width(text);
    int left = w < cols ? (cols - w) / 2 : 0;
    size_t from = sb->len;
    for (int i = 0; i < left; i++)
        sb_putc(sb, ' ');
    sb_append(sb, text);
    pad_to(sb, from, cols);
}

size_t tui_trend_chart(long long target_id, tui_app *app, int width, char ***lines)
{
    *lines = NULL;
    scorecard_trend t;
    xaso_error err;
    xaso_error_clear(&err);
    if (scorecard_trend_load(app->st, target_id, &t, &err) || t.n_points == 0) {
        scorecard_trend_free(&t);
        return 0;
    }
    bool ascii = !tui_utf8();
    size_t n = 0, cap = 0;
    strbuf sb = STRBUF_INIT;
    double v[64];
    bool has[64];
    size_t np = t.n_points;
    /* the labels under each column, to size the slots */
    char titles[64][48], values[64][32];
    const char *verdicts[64];
    int slot = 9;
    size_t first = 0;
    for (size_t i = 0; i < np && i < 64; i++) {
        tui_period_code_title(t.points[i].period, titles[i], sizeof titles[i]);
        if (t.points[i].has_value)
            tui_number(t.points[i].value, 2, false, values[i], sizeof values[i]);
        else
            snprintf(values[i], sizeof values[i], "%s", "–");
        verdicts[i] = tui_verdict_label(verdict_code(t.points[i].verdict));
        int w = tui_width(titles[i]);
        if (tui_width(values[i]) > w)
            w = tui_width(values[i]);
        if (tui_width(verdicts[i]) > w)
            w = tui_width(verdicts[i]);
        if (w + 2 > slot)
            slot = w + 2;
    }
    if (np > 64)
        np = 64;
    for (size_t i = 0; i < np; i++) {
        has[i] = t.points[i].has_value;
        v[i] = t.points[i].value;
    }
    double lo, hi;
    chart_trend_scale(v, has, np, t.has_target, t.target, &lo, &hi);
    char hi_label[32], lo_label[32], target_label[160];
    tui_number(hi, 2, false, hi_label, sizeof hi_label);
    tui_number(lo, 2, false, lo_label, sizeof lo_label);
    int axis = tui_width(hi_label) > tui_width(lo_label) ? tui_width(hi_label) : tui_width(lo_label);
    axis += 2;
    if (t.has_target) {
        char num[32];
        snprintf(target_label, sizeof target_label, _("%s target: %s"),
                 ascii ? "<-" : "◀", t.target_text && *t.target_text
                                         ? t.target_text
                                         : tui_number(t.target, 2, false, num, sizeof num));
    } else {
        target_label[0] = '\0';
    }
    /* as many of the latest periods as fit */
    int room = width - axis - 2 - (t.has_target ? tui_width(target_label) + 1 : 0);
    size_t fit = room > slot ? (size_t)(room / slot) : 1;
    if (np > fit)
        first = np - fit;
    const int rows = 6, bar_w = 4;
    int target_row = t.has_target ? chart_target_row(t.target, lo, hi, rows) : -1;
    for (int r = rows - 1; r >= 0; r--) {
        size_t from = sb.len;
        sb_append(&sb, r == rows - 1 ? hi_label : r == 0 ? lo_label : "");
        pad_to(&sb, from, axis - 1);
        sb_append(&sb, ascii ? "|" : (r == rows - 1 || r == 0 || r == target_row ? "┤" : "│"));
        const char *gap = r == target_row ? chart_target_glyph(ascii) : " ";
        for (size_t i = first; i < np; i++) {
            const char *g = has[i] ? chart_column_glyph(v[i], lo, hi, r, rows, ascii) : "";
            int left = (slot - bar_w) / 2;
            for (int k = 0; k < slot; k++) {
                bool in_bar = k >= left && k < left + bar_w;
                sb_append(&sb, in_bar && *g ? g : gap);
            }
        }
        if (r == target_row) {
            sb_putc(&sb, ' ');
            sb_append(&sb, target_label);
        }
        add_line(lines, &n, &cap, &sb);
    }
    size_t from = sb.len;
    pad_to(&sb, from, axis - 1);
    sb_append(&sb, ascii ? "+" : "└");
    for (size_t i = first; i < np; i++)
        for (int k = 0; k < slot; k++)
            sb_append(&sb, ascii ? "-" : "─");
    add_line(lines, &n, &cap, &sb);
    for (int row = 0; row < 3; row++) {
        from = sb.len;
        pad_to(&sb, from, axis);
        for (size_t i = first; i < np; i++)
            centred(&sb, row == 0 ? titles[i] : row == 1 ? values[i] : verdicts[i], slot);
        while (sb.len && sb.data[sb.len - 1] == ' ')
            sb.data[--sb.len] = '\0';
        add_line(lines, &n, &cap, &sb);
    }
    sb_free(&sb);
    scorecard_trend_free(&t);
    return n;
}
