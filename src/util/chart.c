/* Charts drawn with text (see include/xaso/chart.h): pure functions, no curses. */
#include "xaso/chart.h"

#include <math.h>
#include <string.h>

typedef struct {
    char *buf;
    size_t size, len;
    int cols;
} out;

/* Append one glyph; false (and nothing written) when it does not fit: whole glyphs only. */
static bool put(out *o, const char *glyph)
{
    size_t n = strlen(glyph);
    if (o->len + n + 1 > o->size)
        return false;
    memcpy(o->buf + o->len, glyph, n);
    o->len += n;
    o->buf[o->len] = '\0';
    o->cols++;
    return true;
}

static out start(char *buf, size_t size)
{
    out o = {buf, size, 0, 0};
    if (size)
        buf[0] = '\0';
    return o;
}

static double clamp01(double f)
{
    if (!(f > 0)) /* also NaN */
        return 0;
    return f > 1 ? 1 : f;
}

/* ▏▎▍▌▋▊▉ for 1 … 7 eighths */
static const char *const left_eighths[8] = {"", "\u258F", "\u258E", "\u258D",
                                            "\u258C", "\u258B", "\u258A", "\u2589"};
/* ▁▂▃▄▅▆▇█ for levels 0 … 7 */
static const char *const lower_eighths[8] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                             "\u2585", "\u2586", "\u2587", "\u2588"};
#define FULL "\u2588"

int chart_bar(char *buf, size_t size, double fraction, int width, bool ascii)
{
    out o = start(buf, size);
    if (width <= 0)
        return 0;
    double f = clamp01(fraction);
    int unit = ascii ? 2 : 8;
    long parts = lround(f * width * unit);
    if (parts == 0 && f > 0)
        parts = 1;
    long full = parts / unit, rem = parts % unit;
    for (long i = 0; i < full; i++)
        put(&o, ascii ? "#" : FULL);
    if (rem)
        put(&o, ascii ? "=" : left_eighths[rem]);
    while (o.cols < width && put(&o, " "))
        ;
    return o.cols;
}

const char *chart_stack_glyph(size_t i, bool ascii)
{
    static const char *const utf8[5] = {FULL, "\u2593", "\u2592", "\u2591", "\u00B7"};
    static const char *const plain[5] = {"#", "+", "=", "-", "."};
    return ascii ? plain[i % 5] : utf8[i % 5];
}

#define STACK_MAX 16

int chart_stacked_bar(char *buf, size_t size, const size_t *counts, size_t n, size_t scale,
                      int width, bool ascii)
{
    out o = start(buf, size);
    if (width <= 0)
        return 0;
    if (n > STACK_MAX)
        n = STACK_MAX;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += counts[i];
    if (!scale)
        scale = total;
    int cols[STACK_MAX] = {0};
    double rest[STACK_MAX] = {0};
    int filled = 0;
    if (scale && total) {
        int want = (int)lround((double)(total < scale ? total : scale) * width / (double)scale);
        for (size_t i = 0; i < n; i++) {
            double exact = (double)counts[i] * width / (double)scale;
            cols[i] = (int)floor(exact);
            rest[i] = exact - cols[i];
            filled += cols[i];
        }
        while (filled < want) { /* largest remainders first, earlier parts on ties */
            size_t best = n;
            for (size_t i = 0; i < n; i++)
                if (counts[i] && (best == n || rest[i] > rest[best]))
                    best = i;
            if (best == n)
                break;
            cols[best]++;
            rest[best] = -1;
            filled++;
        }
        /* a part that is not zero shows, taken from the widest part when there is room */
        for (size_t i = 0; i < n; i++) {
            if (!counts[i] || cols[i])
                continue;
            size_t widest = n;
            for (size_t k = 0; k < n; k++)
                if (cols[k] > 1 && (widest == n || cols[k] > cols[widest]))
                    widest = k;
            if (widest == n)
                break;
            cols[widest]--;
            cols[i]++;
        }
    }
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < cols[i] && o.cols < width; k++)
            if (!put(&o, chart_stack_glyph(i, ascii)))
                return o.cols;
    while (o.cols < width && put(&o, " "))
        ;
    return o.cols;
}

int chart_level(double v, double lo, double hi, int levels)
{
    if (levels <= 1 || !(hi > lo) || isnan(v))
        return 0;
    double f = (v - lo) / (hi - lo);
    if (!(f > 0))
        return 0;
    int l = (int)floor(f * levels);
    return l >= levels ? levels - 1 : l;
}

static const char *spark_glyph(double v, double lo, double hi, bool ascii)
{
    static const char *const plain[5] = {"_", ".", "-", "=", "#"};
    return ascii ? plain[chart_level(v, lo, hi, 5)] : lower_eighths[chart_level(v, lo, hi, 8)];
}

int chart_sparkline(char *buf, size_t size, const double *values, const bool *has, size_t n,
                    double lo, double hi, bool ascii)
{
    out o = start(buf, size);
    for (size_t i = 0; i < n; i++)
        put(&o, has && !has[i] ? " " : spark_glyph(values[i], lo, hi, ascii));
    return o.cols;
}

void chart_trend_scale(const double *values, const bool *has, size_t n, bool has_target,
                       double target, double *lo, double *hi)
{
    double l = 0, h = has_target && isfinite(target) ? target : 0;
    for (size_t i = 0; i < n; i++) {
        if ((has && !has[i]) || !isfinite(values[i]))
            continue;
        if (values[i] < l)
            l = values[i];
        if (values[i] > h)
            h = values[i];
    }
    if (has_target && isfinite(target) && target < l)
        l = target;
    if (!(h > l))
        h = l + 1;
    *lo = l;
    *hi = h;
}

int chart_trend_cell(char *buf, size_t size, const double *values, const bool *has, size_t n,
                     bool has_target, double target, bool ascii)
{
    out o = start(buf, size);
    bool any = false;
    for (size_t i = 0; i < n; i++)
        any = any || !has || has[i];
    if (!any)
        return 0;
    double lo, hi;
    chart_trend_scale(values, has, n, has_target, target, &lo, &hi);
    int cols = chart_sparkline(buf, size, values, has, n, lo, hi, ascii);
    o.len = strlen(buf);
    o.cols = cols;
    if (has_target && isfinite(target)) {
        put(&o, ascii ? ">" : "\u2192");
        put(&o, spark_glyph(target, lo, hi, ascii));
    }
    return o.cols;
}

const char *chart_column_glyph(double v, double lo, double hi, int row, int rows, bool ascii)
{
    if (rows <= 0 || !(hi > lo) || isnan(v))
        return "";
    double h = (v - lo) / (hi - lo) * rows;
    if (h > rows)
        h = rows;
    double e = h - row;
    bool above_lo = v > lo;
    if (ascii) {
        long halves = e >= 1 ? 2 : lround(e * 2);
        if (halves >= 2)
            return "#";
        if (halves == 1 || (row == 0 && above_lo && e > 0))
            return ".";
        return "";
    }
    if (e >= 1)
        return FULL;
    long eighths = lround(e * 8);
    if (eighths >= 8)
        return FULL;
    if (eighths >= 1)
        return lower_eighths[eighths - 1];
    if (row == 0 && above_lo)
        return lower_eighths[0];
    return "";
}

int chart_target_row(double target, double lo, double hi, int rows)
{
    if (rows <= 0 || !(hi > lo) || isnan(target))
        return 0;
    double f = (target - lo) / (hi - lo);
    int r = (int)floor(f * rows);
    if (r < 0)
        r = 0;
    return r >= rows ? rows - 1 : r;
}

const char *chart_target_glyph(bool ascii)
{
    return ascii ? "-" : "\u2504";
}
