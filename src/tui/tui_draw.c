/* Drawing text safely (control characters never reach the terminal; widths from utf8proc; cut at
 * character boundaries; ASCII without diacritics on terminals that are not UTF-8), colours and
 * the words and symbols that go with codes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "tui_internal.h"
#include "xaso/date.h"
#include "xaso/status.h"
#include "xaso/store_progress.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"
#include "xaso/verdict.h"
#include "xaso/warning.h"

/* ---------- colours (htop-style roles mapped to a scheme, with a monochrome fallback) -------- */

static attr_t role_attr[ROLE_COUNT];
static bool utf8_terminal = true;

bool tui_utf8(void)
{
    return utf8_terminal;
}

void tui_set_utf8(bool on)
{
    utf8_terminal = on;
}

void tui_colors_init(void)
{
    /* monochrome: every role still distinguishable by attribute, and every status also carries
     * a word or symbol */
    static const attr_t mono[ROLE_COUNT] = {
        [ROLE_NORMAL] = A_NORMAL,        [ROLE_TAB] = A_NORMAL,
        [ROLE_TAB_ACTIVE] = A_REVERSE,   [ROLE_CONTEXT] = A_BOLD,
        [ROLE_HEADER] = A_UNDERLINE,     [ROLE_HEADER_CURRENT] = A_UNDERLINE | A_BOLD,
        [ROLE_CURSOR] = A_REVERSE,       [ROLE_KEY] = A_BOLD,
        [ROLE_KEY_LABEL] = A_REVERSE,    [ROLE_STATUS] = A_NORMAL,
        [ROLE_ERROR] = A_BOLD,           [ROLE_GOOD] = A_NORMAL,
        [ROLE_WARN] = A_BOLD,            [ROLE_BAD] = A_BOLD,
        [ROLE_MUTED] = A_DIM,            [ROLE_HEADING] = A_BOLD,
        [ROLE_DIALOG] = A_REVERSE,
    };
    memcpy(role_attr, mono, sizeof role_attr);
    const char *no_color = getenv("NO_COLOR");
    if ((no_color && *no_color) || !has_colors() || start_color() == ERR || COLORS < 8)
        return;
    use_default_colors();
    static const struct {
        tui_role role;
        short fg, bg;
        attr_t extra;
    } scheme[] = {
        {ROLE_TAB, COLOR_WHITE, COLOR_BLUE, 0},
        {ROLE_TAB_ACTIVE, COLOR_BLACK, COLOR_CYAN, A_BOLD},
        {ROLE_CONTEXT, COLOR_CYAN, -1, A_BOLD},
        {ROLE_HEADER, COLOR_BLACK, COLOR_GREEN, 0},
        {ROLE_HEADER_CURRENT, COLOR_BLACK, COLOR_CYAN, A_BOLD},
        {ROLE_CURSOR, COLOR_BLACK, COLOR_CYAN, 0},
        {ROLE_KEY, COLOR_WHITE, -1, A_BOLD},
        {ROLE_KEY_LABEL, COLOR_BLACK, COLOR_CYAN, 0},
        {ROLE_ERROR, COLOR_RED, -1, A_BOLD},
        {ROLE_GOOD, COLOR_GREEN, -1, 0},
        {ROLE_WARN, COLOR_YELLOW, -1, A_BOLD},
        {ROLE_BAD, COLOR_RED, -1, A_BOLD},
        {ROLE_MUTED, COLOR_BLUE, -1, A_BOLD},
        {ROLE_HEADING, COLOR_CYAN, -1, A_BOLD},
        {ROLE_DIALOG, COLOR_BLACK, COLOR_WHITE, 0},
    };
    for (size_t i = 0; i < sizeof scheme / sizeof scheme[0]; i++) {
        short pair = (short)(i + 1);
        init_pair(pair, scheme[i].fg, scheme[i].bg);
        role_attr[scheme[i].role] = COLOR_PAIR(pair) | scheme[i].extra;
    }
}

attr_t tui_attr(tui_role r)
{
    return r < ROLE_COUNT ? role_attr[r] : A_NORMAL;
}

/* ---------- text ---------- */

/* One character for a terminal that is not UTF-8: the letter without its marks, đ → d, a few
 * punctuation marks spelt in ASCII, '?' for the rest. Writes up to 3 bytes. */
static size_t ascii_of(utf8proc_int32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    switch (cp) {
    case 0x0111: out[0] = 'd'; return 1;
    case 0x0110: out[0] = 'D'; return 1;
    case 0x2013: case 0x2014: case 0x2212: out[0] = '-'; return 1;
    case 0x2018: case 0x2019: out[0] = '\''; return 1;
    case 0x201C: case 0x201D: out[0] = '"'; return 1;
    case 0x2026: memcpy(out, "...", 3); return 3;
    case 0x2265: memcpy(out, ">=", 2); return 2;
    case 0x2264: memcpy(out, "<=", 2); return 2;
    case 0x00B7: case 0x2022: out[0] = '*'; return 1;
    case 0x00A0: out[0] = ' '; return 1;
    default: break;
    }
    utf8proc_int32_t dec[8];
    int rb = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE, &rb);
    if (n > 0 && dec[0] < 0x80 && dec[0] >= 0x20) {
        out[0] = (char)dec[0];
        return 1;
    }
    if (n > 0 && dec[0] == 0x0111) {
        out[0] = 'd';
        return 1;
    }
    if (n > 0 && dec[0] == 0x0110) {
        out[0] = 'D';
        return 1;
    }
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN)
        return 0; /* a combining mark on its own */
    out[0] = '?';
    return 1;
}

typedef struct {
    wchar_t *wc;
    int *width;
    size_t n, cap;
    int total;
} cells;

static void cells_push(cells *c, wchar_t ch, int w)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        /* one more for a terminating L'\0': ncurses' waddnwstr may read the character after n */
        c->wc = xrealloc(c->wc, (c->cap + 1) * sizeof *c->wc);
        c->width = xrealloc(c->width, c->cap * sizeof *c->width);
    }
    c->wc[c->n] = ch;
    c->width[c->n] = w;
    c->n++;
    c->wc[c->n] = L'\0';
    c->total += w;
}

/* Decode text into drawable characters: invalid bytes become '?', control characters are
 * dropped (tabs and newlines become spaces), widths from utf8proc. */
static void decode(const char *text, cells *c)
{
    memset(c, 0, sizeof *c);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(text ? text : "");
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) {
            cp = '?';
            n = 1;
        }
        p += n;
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            cells_push(c, L' ', 1);
            continue;
        }
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            continue; /* never send control characters: escape sequences die here */
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF ||
            cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP ||
            cat == UTF8PROC_CATEGORY_CS || cat == UTF8PROC_CATEGORY_CO)
            continue; /* bidi overrides, zero-width formatting, private use */
        if (!utf8_terminal) {
            char a[4];
            size_t k = ascii_of(cp, a);
            for (size_t i = 0; i < k; i++)
                cells_push(c, (wchar_t)a[i], 1);
            continue;
        }
        int w = utf8proc_charwidth(cp);
        if (w < 0)
            w = 0;
        if (w == 0 && c->n == 0)
            continue; /* a combining mark with nothing to sit on */
        cells_push(c, (wchar_t)cp, w);
    }
}

static void cells_free(cells *c)
{
    free(c->wc);
    free(c->width);
}

int tui_width(const char *text)
{
    cells c;
    decode(text, &c);
    int w = c.total;
    cells_free(&c);
    return w;
}

static int put_cells(int y, int x, int width, cells *c, attr_t attr, int align, bool pad)
{
    if (width <= 0)
        return 0;
    size_t n = c->n;
    int used = c->total;
    bool cut = false;
    if (used > width) {
        /* keep whole characters that fit in width - 1 columns, then the ellipsis */
        used = 0;
        n = 0;
        while (n < c->n && used + c->width[n] <= width - 1) {
            used += c->width[n];
            n++;
        }
        while (n < c->n && c->width[n] == 0)
            n++;
        cut = true;
    }
    int text_w = used + (cut ? 1 : 0);
    int offset = 0;
    if (align == ALIGN_RIGHT && text_w < width)
        offset = width - text_w;
    else if (align == ALIGN_CENTER && text_w < width)
        offset = (width - text_w) / 2;
    attr_set(attr, PAIR_NUMBER(attr), NULL);
    if (pad) {
        move(y, x);
        for (int i = 0; i < width; i++)
            addch(' ');
    }
    if (n > 0)
        mvaddnwstr(y, x + offset, c->wc, (int)n);
    if (cut) {
        wchar_t ell[2] = {utf8_terminal ? 0x2026 : L'~', 0};
        mvaddnwstr(y, x + offset + used, ell, 1);
    }
    attr_set(A_NORMAL, 0, NULL);
    return text_w;
}

int tui_text(int y, int x, int width, const char *text, attr_t attr, int align)
{
    cells c;
    decode(text, &c);
    int w = put_cells(y, x, width, &c, attr, align, true);
    cells_free(&c);
    return w;
}

int tui_text_nopad(int y, int x, int width, const char *text, attr_t attr)
{
    cells c;
    decode(text, &c);
    int w = put_cells(y, x, width, &c, attr, ALIGN_LEFT, false);
    cells_free(&c);
    return w;
}

void tui_fill(int y, int x, int width, attr_t attr)
{
    attr_set(attr, PAIR_NUMBER(attr), NULL);
    move(y, x);
    for (int i = 0; i < width; i++)
        addch(' ');
    attr_set(A_NORMAL, 0, NULL);
}

static size_t utf8_seq_len_safe(const char *p)
{
    size_t n = utf8_seq_len(p);
    size_t avail = strnlen(p, n);
    return avail < n ? (avail ? avail : 1) : n;
}

/* Wrap by display width, breaking after spaces; a word longer than a line is split. */
size_t tui_wrap(const char *text, int width, char ***out)
{
    *out = NULL;
    size_t n = 0, cap = 0;
    if (width < 1)
        width = 1;
    const char *p = text ? text : "";
    while (*p) {
        /* find the longest prefix that fits, preferring to stop after a space */
        const char *q = p, *last_space = NULL;
        int w = 0;
        bool newline = false;
        while (*q) {
            if (*q == '\n') {
                newline = true;
                break;
            }
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)q, -1, &cp);
            if (k <= 0) {
                k = 1;
                cp = '?';
            }
            int cw = utf8_terminal ? utf8proc_charwidth(cp) : 1;
            if (cp < 0x20)
                cw = 0;
            if (w + cw > width)
                break;
            w += cw;
            if (cp == ' ')
                last_space = q + 1;
            q += k;
        }
        const char *end = q;
        if (*q && !newline && last_space && last_space > p)
            end = last_space;
        if (end == p) /* nothing fits: take one character */
            end = p + utf8_seq_len_safe(p);
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        size_t len = (size_t)(end - p);
        while (len > 0 && p[len - 1] == ' ')
            len--;
        (*out)[n++] = xstrndup(p, len);
        p = end;
        if (*p == '\n')
            p++;
        else
            while (*p == ' ')
                p++;
    }
    if (n == 0) {
        *out = xrealloc(*out, sizeof **out);
        (*out)[n++] = xstrdup("");
    }
    return n;
}

/* ---------- words for codes ---------- */

static const struct {
    const char *code, *label;
    tui_role role;
} task_statuses[] = {
    {"not-started", N_("- not started"), ROLE_MUTED},
    {"in-progress", N_("~ in progress"), ROLE_NORMAL},
    {"done", N_("+ done"), ROLE_GOOD},
    {"done-late", N_("+ done late"), ROLE_WARN},
    {"not-done", N_("x not done"), ROLE_BAD},
    {"needs-fix", N_("! needs fixing"), ROLE_WARN},
    {"none", N_("? not reported"), ROLE_MUTED},
};

const char *tui_task_status_label(const char *code)
{
    if (!code || !*code)
        code = "none";
    for (size_t i = 0; i < sizeof task_statuses / sizeof task_statuses[0]; i++)
        if (!strcmp(code, task_statuses[i].code))
            return _(task_statuses[i].label);
    return code;
}

tui_role tui_task_status_role(const char *code)
{
    if (!code || !*code)
        code = "none";
    for (size_t i = 0; i < sizeof task_statuses / sizeof task_statuses[0]; i++)
        if (!strcmp(code, task_statuses[i].code))
            return task_statuses[i].role;
    return ROLE_NORMAL;
}

static const struct {
    const char *code, *label;
    tui_role role;
} verdicts[] = {
    {"met", N_("+ met"), ROLE_GOOD},
    {"exceeded", N_("++ exceeded"), ROLE_GOOD},
    {"not-met", N_("x not met"), ROLE_BAD},
    {"no-data", N_("? no data"), ROLE_MUTED},
};

const char *tui_verdict_label(const char *code)
{
    for (size_t i = 0; code && i < sizeof verdicts / sizeof verdicts[0]; i++)
        if (!strcmp(code, verdicts[i].code))
            return _(verdicts[i].label);
    return code ? code : "";
}

tui_role tui_verdict_role(const char *code)
{
    for (size_t i = 0; code && i < sizeof verdicts / sizeof verdicts[0]; i++)
        if (!strcmp(code, verdicts[i].code))
            return verdicts[i].role;
    return ROLE_NORMAL;
}

static const struct {
    const char *code, *label;
    tui_role role;
} report_states[] = {
    {"draft", N_("draft"), ROLE_NORMAL},
    {"finalised", N_("finalised"), ROLE_GOOD},
    {"packaged", N_("packaged"), ROLE_GOOD},
    {"submitted", N_("+ submitted"), ROLE_GOOD},
    {"returned", N_("! returned"), ROLE_BAD},
};

const char *tui_report_state_label(const char *code)
{
    for (size_t i = 0; code && i < sizeof report_states / sizeof report_states[0]; i++)
        if (!strcmp(code, report_states[i].code))
            return _(report_states[i].label);
    return code && *code ? code : _("not drawn up yet"); /* no report row for the period yet */
}

tui_role tui_report_state_role(const char *code)
{
    for (size_t i = 0; code && i < sizeof report_states / sizeof report_states[0]; i++)
        if (!strcmp(code, report_states[i].code))
            return report_states[i].role;
    return ROLE_MUTED;
}

static const struct {
    const char *code, *short_label, *label;
    tui_role role;
} warnings[] = {
    {"overdue", N_("!overdue"), N_("overdue"), ROLE_BAD},
    {"behind-schedule", N_("!behind"), N_("behind schedule"), ROLE_WARN},
    {"evidence-missing", N_("!no evidence"), N_("evidence missing"), ROLE_WARN},
    {"evidence-rejected", N_("!ev. rejected"), N_("evidence rejected"), ROLE_BAD},
    {"no-update", N_("!no update"), N_("no update this period"), ROLE_MUTED},
};

const char *tui_warning_short(const char *code)
{
    for (size_t i = 0; code && i < sizeof warnings / sizeof warnings[0]; i++)
        if (!strcmp(code, warnings[i].code))
            return _(warnings[i].short_label);
    return code ? code : "";
}

const char *tui_warning_label(const char *code)
{
    for (size_t i = 0; code && i < sizeof warnings / sizeof warnings[0]; i++)
        if (!strcmp(code, warnings[i].code))
            return _(warnings[i].label);
    return code ? code : "";
}

tui_role tui_warning_role(const char *code)
{
    for (size_t i = 0; code && i < sizeof warnings / sizeof warnings[0]; i++)
        if (!strcmp(code, warnings[i].code))
            return warnings[i].role;
    return ROLE_NORMAL;
}

const char *tui_unit_kind_label(const char *code)
{
    if (!code)
        return "";
    if (!strcmp(code, "office"))
        return _("office");
    if (!strcmp(code, "group"))
        return _("group");
    if (!strcmp(code, "external"))
        return _("outside");
    return code;
}

const char *tui_cadence_label(xaso_period_kind k)
{
    switch (k) {
    case PERIOD_YEAR: return _("yearly");
    case PERIOD_HALF: return _("6-month");
    case PERIOD_NINE_MONTHS: return _("9-month");
    case PERIOD_QUARTER: return _("quarterly");
    case PERIOD_MONTH: return _("monthly");
    case PERIOD_WEEK: return _("weekly");
    default: return "";
    }
}

char *tui_period_title(const xaso_period *p, char *buf, size_t size)
{
    /* one format per shape, so that translations can say "Quý III/%d" */
    buf[0] = '\0';
    if (!p || !period_valid(p))
        return buf;
    switch (p->kind) {
    case PERIOD_YEAR: snprintf(buf, size, _("year %d"), p->year); break;
    case PERIOD_HALF:
        snprintf(buf, size, p->index == 1 ? _("first half %d") : _("second half %d"), p->year);
        break;
    case PERIOD_NINE_MONTHS: snprintf(buf, size, _("9 months %d"), p->year); break;
    case PERIOD_QUARTER:
        snprintf(buf, size,
                 p->index == 1   ? _("Q1/%d")
                 : p->index == 2 ? _("Q2/%d")
                 : p->index == 3 ? _("Q3/%d")
                                 : _("Q4/%d"),
                 p->year);
        break;
    case PERIOD_MONTH: snprintf(buf, size, _("month %d/%d"), p->index, p->year); break;
    case PERIOD_WEEK: snprintf(buf, size, _("week %d/%d"), p->index, p->year); break;
    default: break;
    }
    return buf;
}

char *tui_period_code_title(const char *code, char *buf, size_t size)
{
    xaso_period p;
    if (code && period_parse(code, &p))
        return tui_period_title(&p, buf, size);
    snprintf(buf, size, "%s", code ? code : "");
    return buf;
}

/* Numbers as the language writes them: vi 7.100,5; en 7,100.5. */
char *tui_number(double v, int decimals, bool group, char *buf, size_t size)
{
    bool vi = !strcmp(i18n_lang(), "vi");
    char dec = vi ? ',' : '.', thou = vi ? '.' : ',';
    char raw[64];
    if (!isfinite(v)) {
        snprintf(buf, size, "?");
        return buf;
    }
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    /* drop a zero fraction */
    char *dot = strchr(raw, '.');
    if (dot) {
        char *e = raw + strlen(raw) - 1;
        while (e > dot && *e == '0')
            *e-- = '\0';
        if (e == dot)
            *e = '\0';
    }
    strbuf sb = STRBUF_INIT;
    if (v < 0 && strspn(raw, "0.") != strlen(raw))
        sb_putc(&sb, '-');
    dot = strchr(raw, '.');
    size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
    for (size_t i = 0; i < int_len; i++) {
        if (group && i > 0 && (int_len - i) % 3 == 0)
            sb_putc(&sb, thou);
        sb_putc(&sb, raw[i]);
    }
    if (dot) {
        sb_putc(&sb, dec);
        sb_append(&sb, dot + 1);
    }
    snprintf(buf, size, "%s", sb_str(&sb));
    sb_free(&sb);
    return buf;
}

char *tui_date(const char *iso, char *buf, size_t size)
{
    xaso_date d;
    buf[0] = '\0';
    if (iso && strlen(iso) >= 10) {
        char day[11];
        memcpy(day, iso, 10);
        day[10] = '\0';
        if (date_parse_iso(day, &d)) {
            char vn[11];
            date_format_vn(d, vn, sizeof vn);
            if (strlen(iso) > 10 && iso[10] == 'T' && strlen(iso) >= 16)
                snprintf(buf, size, "%s %.5s", vn, iso + 11);
            else
                snprintf(buf, size, "%s", vn);
            return buf;
        }
    }
    snprintf(buf, size, "%s", iso ? iso : "");
    return buf;
}

const char *tui_cell_text(query_col_kind kind, const char *raw, char *buf, size_t size)
{
    buf[0] = '\0';
    switch (kind) {
    case QCOL_TASK_STATUS: return tui_task_status_label(raw);
    case QCOL_VERDICT: return raw ? tui_verdict_label(raw) : "";
    case QCOL_REPORT_STATE: return tui_report_state_label(raw);
    case QCOL_UNIT_KIND: return tui_unit_kind_label(raw);
    case QCOL_PERIOD: return tui_period_code_title(raw, buf, size);
    case QCOL_DATE:
    case QCOL_TIMESTAMP: return raw ? tui_date(raw, buf, size) : "";
    case QCOL_NUMBER:
        return raw ? tui_number(strtod(raw, NULL), 2, false, buf, size) : "";
    case QCOL_PERCENT:
        return raw ? tui_number(strtod(raw, NULL), 0, false, buf, size) : "";
    case QCOL_MONEY: return raw ? tui_number(strtod(raw, NULL), 1, true, buf, size) : "";
    case QCOL_DAYS: return raw ? tui_number(strtod(raw, NULL), 0, false, buf, size) : "";
    case QCOL_TREND: return tui_trend_text(raw, buf, size);
    case QCOL_WARNINGS: {
        if (!raw || !*raw)
            return "";
        char first[32];
        size_t n = strcspn(raw, ",");
        snprintf(first, sizeof first, "%.*s", (int)n, raw);
        size_t more = 0;
        for (const char *p = raw; *p; p++)
            more += *p == ',';
        if (more)
            snprintf(buf, size, "%s +%zu", tui_warning_short(first), more);
        else
            snprintf(buf, size, "%s", tui_warning_short(first));
        return buf;
    }
    default: return raw ? raw : "";
    }
}

tui_role tui_cell_role(query_col_kind kind, const char *raw)
{
    switch (kind) {
    case QCOL_TASK_STATUS: return tui_task_status_role(raw);
    case QCOL_VERDICT: return tui_verdict_role(raw);
    case QCOL_REPORT_STATE: return tui_report_state_role(raw);
    case QCOL_WARNINGS: {
        if (!raw || !*raw)
            return ROLE_NORMAL;
        char first[32];
        size_t n = strcspn(raw, ",");
        snprintf(first, sizeof first, "%.*s", (int)n, raw);
        return tui_warning_role(first);
    }
    case QCOL_DAYS: return raw && atol(raw) < 0 ? ROLE_BAD : ROLE_NORMAL;
    default: return ROLE_NORMAL;
    }
}
