/* Charts drawn with text: horizontal bars in eighth blocks, stacked bars, sparklines and column
 * charts. Pure functions over UTF-8 buffers (no curses), each with an ASCII fallback for
 * terminals whose character set is not UTF-8. The screens draw what these return; the numbers
 * are always drawn beside a chart by the caller, never left to the chart alone.
 *
 * Every function writes a NUL-terminated string into buf (cut short, never overflowing, when
 * size is too small: CHART_BUF(width) bytes are always enough) and returns the number of
 * columns it takes on screen. */
#ifndef XASO_CHART_H
#define XASO_CHART_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes enough for a chart of `width` columns (3 bytes a glyph, plus the NUL). */
#define CHART_BUF(width) ((size_t)(width) * 3 + 1)

/* A horizontal bar of `fraction` (0 … 1; below 0, NaN → 0; above 1 → 1) in `width` columns,
 * padded with spaces to exactly `width`. UTF-8: full blocks █, then one of ▏▎▍▌▋▊▉ for the
 * remaining eighths (rounded to the nearest eighth of a column). ASCII: '#' for full columns,
 * '=' for a remaining half column or more (rounded to the nearest half). A fraction that is not
 * zero always shows at least the thinnest mark, so "a little" never looks like "nothing". */
int chart_bar(char *buf, size_t size, double fraction, int width, bool ascii);

/* A bar of several parts side by side (tasks by status), whole columns only, in `width`
 * columns: each part gets columns in proportion to counts[i] (largest remainders, so the parts
 * always fill exactly round(total share) columns and a part that is not zero gets at least one
 * column when there is room). Part i is drawn with chart_stack_glyph(i, ascii); columns left
 * over when total < scale are spaces. scale = the count a full bar stands for (0 = the sum). */
int chart_stacked_bar(char *buf, size_t size, const size_t *counts, size_t n, size_t scale,
                      int width, bool ascii);
/* The glyph of part i of a stacked bar: █ ▓ ▒ ░ · (ASCII # + = - .), repeating after 5. */
const char *chart_stack_glyph(size_t i, bool ascii);

/* The level (0 … levels-1) of v on a scale lo … hi: lo is level 0, hi the top level. Values
 * outside are clamped; a scale with hi <= lo puts everything at level 0. */
int chart_level(double v, double lo, double hi, int levels);

/* A sparkline: one glyph per value, ▁▂▃▄▅▆▇█ (ASCII _.-=#) by chart_level on lo … hi; a value
 * that is missing (has[i] false; has NULL = all present) is a space. */
int chart_sparkline(char *buf, size_t size, const double *values, const bool *has, size_t n,
                    double lo, double hi, bool ascii);

/* The scale a trend is drawn on: lo = min(0, smallest value), hi = the largest of the values and
 * the target (1 when everything is 0). has NULL = all present. */
void chart_trend_scale(const double *values, const bool *has, size_t n, bool has_target,
                       double target, double *lo, double *hi);

/* A target's trend in a table cell: its sparkline on chart_trend_scale, then, when it has a
 * target, "→" (ASCII '>') and the target's own glyph on the same scale: "▃▅▆→█" reads "rising
 * towards a target at the top". "" when there is no value at all. */
int chart_trend_cell(char *buf, size_t size, const double *values, const bool *has, size_t n,
                     bool has_target, double target, bool ascii);

/* Column charts (a target's trend in its detail view), `rows` high, row 0 at the bottom.
 * The glyph of the cell in `row` of a column of value v on lo … hi: █ when the column covers the
 * row, one of ▁▂▃▄▅▆▇ for the eighths it reaches into the row, "" (nothing) above; ASCII: '#'
 * covered, '.' partly covered. The column of a value that is not lo shows at least ▁. */
const char *chart_column_glyph(double v, double lo, double hi, int row, int rows, bool ascii);
/* The row the target line of a column chart runs in: the row holding `target` on lo … hi
 * (clamped to 0 … rows-1). */
int chart_target_row(double target, double lo, double hi, int rows);
/* The glyph of the target line where no column covers it: ┄ (ASCII '-'). */
const char *chart_target_glyph(bool ascii);

#endif
